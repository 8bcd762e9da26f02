// The package as a user gets it: `npm pack`, then `npm install ./relu-landscape-0.1.0.tgz` into an
// empty directory (library only, --omit=dev), and every example of examples/ run against that install:
// Node ESM and CommonJS, TypeScript (strict, skipLibCheck false, node16 ESM + CJS, and a browser
// config), the CSV workflow (CLI and API), a custom run kind (API and CLI), a Vite page built and
// driven in Chromium running a sweep through `relu-landscape/sweep-worker`, and the README's first
// command from the installed package. Packs the built dist/ as it is (`npm run build` first; the CLI
// tests need it too): packing here must not rebuild dist/ under the other test files.
import { execFileSync, type ExecFileSyncOptions } from "node:child_process";
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { serveLab } from "../src/cli/lab-server.js";
import { certify, csvData, globalOptimum, rows, teacherData, train } from "../src/index.js";
import { parseJsonl, type RunRecord } from "../src/sweep/results.js";
import { runSweep } from "../src/sweep/run-sweep.js";
import { SWEEP as VITE_SWEEP } from "../examples/vite-page/sweep.js";
import { launchChromium } from "./setup/chromium.js";

const root = fileURLToPath(new URL("..", import.meta.url));
const pkg = JSON.parse(readFileSync(join(root, "package.json"), "utf8")) as { name: string; version: string; dependencies: Record<string, string> };
const tarballName = `${pkg.name}-${pkg.version}.tgz`;

let work: string; // holds the tarball and the consumer directory
let consumer: string; // an empty project with the tarball installed and examples/ copied in
const run = (file: string, args: string[], opts: ExecFileSyncOptions = {}) =>
  execFileSync(file, args, { cwd: consumer, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"], ...opts }) as string;
const node = (args: string[], opts: ExecFileSyncOptions = {}) => run(process.execPath, args, opts);
const bin = (name: string) => join(consumer, "node_modules/.bin", name);
const strip = (rs: RunRecord[]) => [...rs].sort((a, b) => a.index - b.index).map(({ seconds: _s, ...r }) => r);

/** Total bytes of the files under `dir` (apparent size, symlinks not followed). */
function bytesUnder(dir: string): number {
  let total = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) total += bytesUnder(p);
    else if (e.isFile()) total += statSync(p).size;
  }
  return total;
}

beforeAll(() => {
  if (!existsSync(join(root, "dist/index.js"))) throw new Error("dist/ is not built: run `npm run build` first");
  work = mkdtempSync(join(tmpdir(), "relu-consumer-"));
  execFileSync("npm", ["pack", "--ignore-scripts", "--pack-destination", work], { cwd: root, stdio: "pipe" });
  consumer = join(work, "app");
  mkdirSync(consumer);
  writeFileSync(join(consumer, "package.json"), JSON.stringify({ name: "consumer", version: "1.0.0", private: true }));
  // the README's install from a packed tarball
  execFileSync("npm", ["install", "--omit=dev", "--no-audit", "--no-fund", "--prefer-offline", join(work, tarballName)], { cwd: consumer, stdio: "pipe" });
  cpSync(join(root, "examples"), consumer, { recursive: true });
}, 180_000);

afterAll(() => {
  if (work) rmSync(work, { recursive: true, force: true });
});

describe("the packed package", () => {
  it("ships no source maps and a self-contained sweep worker; its declarations import only its own dependencies (no plotting types)", () => {
    const files = execFileSync("tar", ["tzf", join(work, tarballName)], { encoding: "utf8" }).trim().split("\n");
    expect(files).toContain("package/dist/sweep-worker.js");
    expect(files).toContain("package/dist/THIRD-PARTY-LICENSES.txt");
    expect(files.filter((f) => f.endsWith(".map"))).toEqual([]);
    const dist = join(consumer, "node_modules/relu-landscape/dist");
    const worker = readFileSync(join(dist, "sweep-worker.js"), "utf8");
    // no static import at all, and no dynamic import of a literal (the Node-only paths import computed names)
    expect(worker).not.toMatch(/(^|[;\s}])import\s*[{*\w]/);
    expect(worker).not.toMatch(/import\(\s*["'`]/);
    for (const f of readdirSync(dist).filter((f) => /\.d\.c?ts$/.test(f))) {
      const imports = [...readFileSync(join(dist, f), "utf8").matchAll(/from\s+["']([^"']+)["']|import\(["']([^"']+)["']\)/g)].map((m) => m[1] ?? m[2]);
      // the option types derive from the validation schemas (valibot, a dependency); nothing else
      expect(imports.filter((s) => !s.startsWith("./") && !Object.keys(pkg.dependencies).includes(s)), f).toEqual([]);
    }
  });

  it("installs only its dependencies, under 15 MB", () => {
    const installed = readdirSync(join(consumer, "node_modules")).filter((n) => !n.startsWith("."));
    expect(installed.sort()).toEqual(["relu-landscape", ...Object.keys(pkg.dependencies)].sort());
    expect(bytesUnder(join(consumer, "node_modules"))).toBeLessThan(15e6);
  });
});

describe("examples against the installed tarball", () => {
  it("ESM and CommonJS give the numbers of the sources, bit for bit, and a consistent certificate", async () => {
    const esm = JSON.parse(node(["esm/train-certify.mjs"]));
    const cjs = JSON.parse(node(["cjs/train-certify.cjs"]));
    expect(cjs).toEqual(esm);
    // the same computation from src/
    const data = await teacherData({ n: 12, d: 3, seed: 1 });
    const problem = { X: rows(data), y: Array.from(data.y), lambda: 0.01 };
    const net = await train(problem, { m: 8, lr: 0.05, maxEpochs: 20000, seed: 2 });
    const opt = await globalOptimum(problem);
    const cert = await certify(problem, net);
    expect(esm).toMatchObject({ version: pkg.version, loss: net.loss, epochs: net.epochs, optimum: opt.value, certifiedLowerBound: cert.lowerBound, verdict: cert.verdict });
    // certified bounds: lower bound ≤ global optimum ≤ the trained network's loss
    expect(esm.optimumLowerBound).toBeLessThanOrEqual(esm.optimum);
    expect(esm.certifiedLowerBound).toBeLessThanOrEqual(esm.optimum);
    expect(esm.optimum).toBeLessThanOrEqual(esm.loss);
    expect(esm.gap).toBeCloseTo(esm.loss - esm.certifiedLowerBound, 15);
  });

  it("TypeScript: strict node16 ESM + CJS and a DOM-only browser config typecheck with skipLibCheck false, and run", () => {
    // the Node config names "node" in types: the repo's @types/node, as a user would have it
    mkdirSync(join(consumer, "node_modules/@types"), { recursive: true });
    symlinkSync(join(root, "node_modules/@types/node"), join(consumer, "node_modules/@types/node"), "dir");
    const tsc = join(root, "node_modules/typescript/bin/tsc");
    node([tsc, "-p", "typescript"]);
    node([tsc, "-p", "vite-page"]);
    const esm = JSON.parse(node(["typescript/out/train.mjs"]));
    const cjs = JSON.parse(node(["typescript/out/train.cjs"]));
    expect(esm.loss).toBe(cjs.loss);
    expect(esm.figure).toBe("string");
    expect(["global-min", "local-min", "not-stationary", "undetermined", "saddle"]).toContain(esm.verdict);
  });

  it("the CSV workflow: `relu-landscape gaps --csv` writes its results, and csvData reads the file as the sources do", () => {
    run(bin("relu-landscape"), ["gaps", "--csv", "csv/rings.csv", "--target", "label", "--quick", "--out", "gaps-out", "--quiet"]);
    const { summary } = JSON.parse(readFileSync(join(consumer, "gaps-out/summary.json"), "utf8")) as { summary: { width: number; pairs: number }[] };
    expect(summary.map((s) => [s.width, s.pairs])).toEqual([[4, 3], [16, 3], [64, 3]]); // --quick: 3 widths, 3 models
    for (const f of ["rows.csv", "settings.json", "gap-vs-width.svg", "barriers.svg", "profile.svg"]) {
      expect(existsSync(join(consumer, "gaps-out", f)), f).toBe(true);
    }
    expect(readFileSync(join(consumer, "gaps-out/gap-vs-width.svg"), "utf8")).toMatch(/^<svg/);
    const out = JSON.parse(node(["csv/api.mjs"]));
    const data = csvData(readFileSync(join(root, "examples/csv/rings.csv"), "utf8"), { target: "label" });
    expect(out).toMatchObject({ n: data.n, d: data.d, columns: ["x1", "x2", "noise"], labels: { inner: -1, outer: 1 } });
    expect(out.certifiedLowerBound).toBeLessThanOrEqual(out.optimum);
    expect(out.optimum).toBeLessThanOrEqual(out.loss);
  });

  it("the README's research question: one CSV, one sweep file, one plot — every network certified against the global optimum", () => {
    // the example's sweep file with fewer epochs (the README's run takes half a minute)
    const sweep = JSON.parse(readFileSync(join(consumer, "csv/sweep.json"), "utf8"));
    sweep.base.maxEpochs = 2000;
    sweep.repetitions = 3;
    writeFileSync(join(consumer, "csv/sweep-short.json"), JSON.stringify(sweep));
    run(bin("relu-landscape"), ["sweep", "csv/sweep-short.json", "--out", "rings-out", "--quiet"]);
    const recs = parseJsonl(readFileSync(join(consumer, "rings-out/results.jsonl"), "utf8")).records;
    expect(recs).toHaveLength(3);
    const P = recs[0].result!.globalValue as number;
    for (const r of recs) {
      const res = r.result as Record<string, number | string>;
      expect(["global", "spurious-local-minimum", "saddle", "not-stationary", "undetermined"]).toContain(res.verdict);
      expect(res.globalValue).toBe(P); // solved once per data set: the same value in every run
      expect(res.loss as number).toBeGreaterThanOrEqual(P * (1 - 1e-9));
    }
    run(bin("relu-landscape"), ["plot", "rings-out", "--x", "m", "--y", "verdict", "--out", "rings-out/verdicts.svg"]);
    expect(readFileSync(join(consumer, "rings-out/verdicts.svg"), "utf8")).toMatch(/^<svg/);
  });

  it("a custom run kind: the API and the CLI record the same runs, each the kind's own result for its seed", async () => {
    const means = JSON.parse(node(["custom-kind/run-sweep.mjs", "api-out"])) as { m: number; meanZeroNeurons: number }[];
    expect(means.map((r) => r.m)).toEqual([2, 8, 32]);
    run(bin("relu-landscape"), ["sweep", "custom-kind/sweep.json", "--module", "custom-kind/sparsity-kind.mjs", "--out", "cli-out", "--quiet"]);
    const api = parseJsonl(readFileSync(join(consumer, "api-out/results.jsonl"), "utf8")).records;
    const cli = parseJsonl(readFileSync(join(consumer, "cli-out/results.jsonl"), "utf8")).records;
    expect(api.length).toBe(6);
    expect(strip(cli)).toEqual(strip(api));
    // a run recomputed in this thread, outside the sweep engine, from its recorded config and seed
    const { sparsity } = (await import(join(consumer, "custom-kind/sparsity-kind.mjs"))) as {
      sparsity: (c: Record<string, unknown>, ctx: { seed: number }) => Promise<Record<string, unknown>>;
    };
    const last = api.find((r) => r.index === 5)!;
    expect(await sparsity(last.config, { seed: last.seed })).toEqual(last.result);
  });

  it("the README's first command from the installed package draws its figure", () => {
    run(bin("relu-landscape"), ["cones", "--quick", "--quiet"]);
    expect(readFileSync(join(consumer, "cones-out/cones.svg"), "utf8")).toMatch(/^<svg[^>]*>[\s\S]*<\/svg>$/);
  });

  it("a Vite page built from the tarball runs a sweep in Chromium's Web Workers with Node's records", async () => {
    const page = join(consumer, "vite-page");
    node([join(root, "node_modules/vite/bin/vite.js"), "build", "--logLevel", "error"], { cwd: page });
    // every emitted script is self-contained: no import of a bare module specifier left for a browser to fail on
    const bare = /\bimport\s*(?:[\w$*{][^;"'()]*?\bfrom\s*)?["'](?![./]|https?:)[^"']+["']|\bimport\s*\(\s*["'](?![./]|https?:)[^"']+["']\s*\)|\bexport\s*(?:\*|\{[^}]*\})\s*from\s*["'](?![./])[^"']+["']/g;
    const assets = readdirSync(join(page, "dist/assets")).filter((f) => f.endsWith(".js"));
    expect(assets.some((f) => f.startsWith("sweep-worker"))).toBe(true);
    for (const f of assets) {
      const code = readFileSync(join(page, "dist/assets", f), "utf8");
      expect(code.match(bare) ?? [], f).toEqual([]);
    }
    const site = await serveLab(join(page, "dist"), 0);
    const profile = mkdtempSync(join(tmpdir(), "relu-consumer-profile-"));
    const context = await launchChromium(profile);
    try {
      const tab = await context.newPage();
      const errors: string[] = [];
      tab.on("pageerror", (e) => errors.push(e.message));
      await tab.goto(site.url);
      await tab.waitForFunction(() => (globalThis as { __sweep?: unknown }).__sweep !== undefined, null, { timeout: 60_000 });
      const got = (await tab.evaluate(() => (globalThis as { __sweep?: unknown }).__sweep)) as { records?: RunRecord[]; error?: string };
      expect(got.error, got.error).toBeUndefined();
      expect(errors).toEqual([]);
      expect(await tab.textContent("#status")).toBe("8 runs done");
      const out = join(work, "node-sweep");
      await runSweep({ ...VITE_SWEEP, kind: "train" }, { out, workers: 2 });
      const nodeRecords = parseJsonl(readFileSync(join(out, "results.jsonl"), "utf8")).records;
      expect(got.records!.length).toBe(8);
      expect(strip(got.records!)).toEqual(strip(nodeRecords));
    } finally {
      await context.close();
      await site.close();
      rmSync(profile, { recursive: true, force: true });
    }
  });
});
