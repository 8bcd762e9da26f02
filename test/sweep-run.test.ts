// Running sweeps: equal results whatever the number of workers, failures recorded, resume after a
// real crash (a child process killed with SIGKILL mid-sweep), torn lines, shards and merge.
import { spawn, spawnSync } from "node:child_process";
import { appendFileSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { runSweep } from "../src/sweep/run-sweep.js";
import { nodeWorkerFactory } from "../src/sweep/node-workers.js";
import { collectResults, mergeResults } from "../src/sweep/merge.js";
import { expandSweep } from "../src/sweep/grid.js";
import { parseJsonl, type RunRecord } from "../src/sweep/results.js";
import { toCsv, toTable } from "../src/sweep/export.js";
import { runCli } from "./cli-run.js";
import { teacherData } from "../src/data/teacher.js";
import { globalOptimum } from "../src/convex/optimum.js";
import { registerBuiltinKinds } from "../src/experiments/registry.js";

registerBuiltinKinds();

const kinds = pathToFileURL(fileURLToPath(new URL("./sweep-kinds.fixture.ts", import.meta.url))).href;
const made: string[] = [];
const tmp = () => {
  const d = mkdtempSync(join(tmpdir(), "sweep-test-"));
  made.push(d);
  return d;
};
afterAll(() => made.forEach((d) => rmSync(d, { recursive: true, force: true })));
const lines = (dir: string, file = "results.jsonl"): RunRecord[] => parseJsonl(readFileSync(join(dir, file), "utf8")).records;
const withoutTimes = (r: RunRecord) => {
  const { seconds: _s, ...rest } = r;
  const result = r.result ? { ...r.result } : undefined;
  if (result) delete result.seconds;
  return { ...rest, result };
};
const byIndex = (rs: RunRecord[]) => [...rs].sort((a, b) => a.index - b.index).map(withoutTimes);

const trainSweep = {
  seed: 3,
  repetitions: 2,
  base: { n: 8, d: 3, lambda: 0.01, maxEpochs: 300, lr: 0.02 },
  axes: { m: [3, 6], alpha: [0.5, 1], method: ["gd", "sgd"] },
  measure: ["loss", "dataLoss", "normSq", "gradNormSq", "epochs", "stopReason", "seconds", "patterns", "a"],
};

describe("sweep runs", () => {
  it("gives equal results with 0 (inline), 1 and 2 workers", async () => {
    const results = [];
    for (const workers of [0, 1, 2]) {
      const out = tmp();
      const s = await runSweep(trainSweep, { out, workers });
      expect(s.done).toBe(16);
      expect(s.failed).toBe(0);
      results.push(byIndex(lines(out)));
    }
    expect(results[0].length).toBe(16);
    expect(results[1]).toEqual(results[0]);
    expect(results[2]).toEqual(results[0]);
    // runs differ from one another (seeds and settings matter), and measures are what was asked
    expect(new Set(results[0].map((r) => r.result!.loss)).size).toBe(16);
    expect(Object.keys(results[0][0].result!).sort()).toEqual(["a", "dataLoss", "epochs", "gradNormSq", "loss", "normSq", "patterns", "stopReason"]);
  });

  it("records failed runs with their error and goes on; seeds reach the kind", async () => {
    const out = tmp();
    const sweep = { kind: "test-draw", seed: 5, axes: { x: [1, 2, 3, 4] }, repetitions: 2 };
    const s = await runSweep(sweep, { out, workers: 2, modules: [kinds] });
    expect(s.done).toBe(8);
    expect(s.failed).toBe(2);
    const recs = lines(out);
    const runs = expandSweep(sweep);
    for (const r of recs) {
      const spec = runs.find((x) => x.id === r.id)!;
      if (r.config.x === 2) {
        expect(r.error).toMatch(/refused on purpose/);
        expect(r.result).toBeUndefined();
      } else {
        expect(r.result!.seed).toBe(spec.seed);
        expect(r.result!.x2).toBe((r.config.x as number) * 2);
      }
    }
  });

  it("a worker that dies fails only its run, is replaced, and the sweep goes on", async () => {
    const out = tmp();
    const s = await runSweep({ kind: "test-crash", axes: { x: [1, 2, 3, 4, 5, 6, 7, 8] } }, { out, workers: 2, modules: [kinds] });
    expect(s.done).toBe(8);
    expect(s.failed).toBe(1);
    const recs = lines(out);
    expect(recs.length).toBe(8);
    for (const r of recs) {
      if (r.config.x === 3) expect(r.error).toMatch(/worker died: exited with code 7/);
      else expect(r.result).toEqual({ x: r.config.x });
    }
  });

  it("fails at once, without a restart loop, when the worker script cannot start", async () => {
    const spawnBad = () => {
      process.env.RELU_LANDSCAPE_SWEEP_WORKER = join(tmp(), "no-such-worker.js");
      try {
        return nodeWorkerFactory();
      } finally {
        delete process.env.RELU_LANDSCAPE_SWEEP_WORKER;
      }
    };
    await expect(runSweep({ kind: "test-draw", axes: { x: [1] } }, { out: tmp(), workers: 2, modules: [kinds], spawn: spawnBad() })).rejects.toThrow(/failed to start/);
  });

  it("resumes: skips finished runs, cuts a torn last line, never duplicates", async () => {
    const out = tmp();
    const sweep = { kind: "test-draw", axes: { x: [1, 3, 4, 5, 6, 7] } };
    const first = await runSweep(sweep, { out, workers: 0, modules: [kinds] });
    expect(first.done).toBe(6);
    const all = readFileSync(join(out, "results.jsonl"), "utf8").split("\n").filter(Boolean);
    // keep 2 complete lines and half of the third (as a kill mid-write leaves it)
    writeFileSync(join(out, "results.jsonl"), all.slice(0, 2).join("\n") + "\n" + all[2].slice(0, 30));
    const again = await runSweep(sweep, { out, workers: 1, modules: [kinds] });
    expect(again.skipped).toBe(2);
    expect(again.done).toBe(4);
    const recs = lines(out);
    expect(recs.length).toBe(6);
    expect(new Set(recs.map((r) => r.id)).size).toBe(6);
    expect(byIndex(recs)).toEqual(byIndex(all.map((l) => JSON.parse(l))));
    const third = await runSweep(sweep, { out, workers: 1, modules: [kinds] });
    expect(third.done).toBe(0);
    expect(lines(out).length).toBe(6);
  });

  it("retries failed runs only when asked; the success supersedes the failure", async () => {
    const out = tmp();
    const path = join(out, "needed.txt");
    const sweep = { kind: "test-needs-file", base: { path }, axes: { k: [1, 2, 3] } };
    expect((await runSweep(sweep, { out, workers: 0, modules: [kinds] })).failed).toBe(3);
    writeFileSync(path, "here");
    expect((await runSweep(sweep, { out, workers: 0, modules: [kinds] })).done).toBe(0);
    const retry = await runSweep(sweep, { out, workers: 0, modules: [kinds], retryFailed: true });
    expect(retry.done).toBe(3);
    expect(retry.failed).toBe(0);
    expect(lines(out).length).toBe(6);
    const report = collectResults([out]);
    expect(report.failed).toBe(0);
    expect(report.duplicates).toEqual([]);
    expect(report.records.map((r) => r.result)).toEqual([{ k: 1 }, { k: 2 }, { k: 3 }]);
    expect((await runSweep(sweep, { out, workers: 0, modules: [kinds], retryFailed: true })).done).toBe(0);
  });

  it("dry run counts without running or writing", async () => {
    const out = join(tmp(), "never");
    const s = await runSweep({ kind: "test-draw", axes: { x: [1, 3, 4] } }, { out, workers: 0, modules: [kinds], dryRun: true, shard: { index: 0, count: 2 } });
    expect([s.total, s.skipped, s.done]).toEqual([2, 0, 0]);
    expect(existsSync(out)).toBe(false);
  });

  it("refuses a results directory of a different sweep", async () => {
    const out = tmp();
    await runSweep({ kind: "test-draw", axes: { x: [1] } }, { out, workers: 0, modules: [kinds] });
    await expect(runSweep({ kind: "test-draw", axes: { x: [1, 3] } }, { out, modules: [kinds], dryRun: true })).rejects.toThrow(/different sweep/);
    await expect(runSweep({ kind: "test-draw", axes: { x: [1, 3] } }, { out, workers: 0, modules: [kinds] })).rejects.toThrow(/different sweep/);
  });

  it("resumes after a real crash: a sweep process killed with SIGKILL mid-way, rerun, every run exactly once", async () => {
    const dir = tmp();
    const out = join(dir, "out");
    const file = join(dir, "sweep.json");
    const sweep = { kind: "test-sleep", axes: { k: { from: 0, to: 39, step: 1 } }, base: { ms: 40 } };
    writeFileSync(file, JSON.stringify(sweep));
    const main = fileURLToPath(new URL("../src/cli/main.ts", import.meta.url));
    const args = ["--import", "tsx", main, "sweep", file, "--out", out, "--workers", "2", "--module", kinds, "--quiet"];
    const child = spawn(process.execPath, args, { stdio: "ignore" });
    const results = join(out, "results.jsonl");
    const count = () => (existsSync(results) ? readFileSync(results, "utf8").split("\n").length - 1 : 0);
    const t0 = Date.now();
    while (count() < 5 && Date.now() - t0 < 60_000) await new Promise((r) => setTimeout(r, 20));
    child.kill("SIGKILL");
    await new Promise((r) => child.on("exit", r));
    const before = count();
    expect(before).toBeGreaterThanOrEqual(5);
    expect(before).toBeLessThan(40); // killed mid-way
    expect(existsSync(`${results}.lock`)).toBe(true); // the killed sweep's lock stays behind: the rerun must see it is stale
    appendFileSync(results, '{"id":"torn-by-the-kil'); // and a torn line, as a kill mid-write leaves
    const r = runCli(["sweep", file, "--out", out, "--workers", "2", "--module", kinds]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/40 runs, \d+ already done/);
    const recs = lines(out);
    const ids = expandSweep(sweep).map((x) => x.id).sort();
    expect(recs.map((x) => x.id).sort()).toEqual(ids);
    expect(recs.every((x) => x.error === undefined)).toBe(true);
  });
});

describe("the built package", () => {
  it("a --module kind outside any installation imports \"relu-landscape\" (the running copy), in workers and inline", () => {
    const cli = fileURLToPath(new URL("../dist/cli.js", import.meta.url));
    const dir = mkdtempSync(join(tmpdir(), "relu-ext-kind-")); // no node_modules anywhere above it
    writeFileSync(join(dir, "kind.mjs"), [
      'import { registerRunKind, teacherData, train, rows, VERSION } from "relu-landscape";',
      'import { hashHex } from "relu-landscape/internals";',
      'registerRunKind("ext-kind", async (config, { seed }) => {',
      "  const data = await teacherData({ n: 6, d: 2, seed: config.rep });",
      "  const r = await train({ X: rows(data), y: Array.from(data.y), lambda: 0.01 }, { m: 4, maxEpochs: 50, seed });",
      "  return { loss: r.loss, version: VERSION, h: hashHex(String(seed)) };",
      "});",
    ].join("\n"));
    writeFileSync(join(dir, "s.json"), JSON.stringify({ kind: "ext-kind", repetitions: 3 }));
    const outs = ["2", "0"].map((w) => {
      const r = spawnSync(process.execPath, [cli, "sweep", "s.json", "--module", "kind.mjs", "--out", `out-${w}`, "--workers", w, "--quiet"], { cwd: dir, encoding: "utf8" });
      expect(r.stderr).toBe("");
      expect(r.status).toBe(0);
      return byIndex(lines(join(dir, `out-${w}`)));
    });
    expect(outs[0]).toEqual(outs[1]);
    expect(outs[0].map((r) => r.result!.version)).toEqual(["0.1.0", "0.1.0", "0.1.0"].map(() => outs[0][0].result!.version));
    expect(typeof outs[0][0].result!.loss).toBe("number");
  });

  it("runs a sweep with its own worker (dist/sweep-worker.js), equal to the sources' results", async () => {
    const cli = fileURLToPath(new URL("../dist/cli.js", import.meta.url));
    expect(existsSync(cli) && existsSync(join(dirname(cli), "sweep-worker.js")), "run `npm run build` first").toBe(true);
    const dir = tmp();
    const file = join(dir, "sweep.json");
    writeFileSync(file, JSON.stringify(trainSweep));
    const r = spawnSync(process.execPath, [cli, "sweep", file, "--out", join(dir, "dist"), "--workers", "2", "--quiet"], { encoding: "utf8" });
    expect(r.stderr).toBe("");
    expect(r.status).toBe(0);
    await runSweep(trainSweep, { out: join(dir, "src"), workers: 0 });
    expect(byIndex(lines(join(dir, "dist")))).toEqual(byIndex(lines(join(dir, "src"))));
  });
});

describe("shards and merge", () => {
  const sweep = { kind: "test-draw", seed: 1, axes: { x: [1, 3, 4, 5, 6, 7, 8] }, repetitions: 2 }; // 14 runs

  it("shards run in separate directories merge to exactly the whole sweep", async () => {
    const root = tmp();
    const dirs = [0, 1, 2].map((i) => join(root, `results-${i}`));
    for (let i = 0; i < 3; i++) await runSweep(sweep, { out: dirs[i], workers: 0, shard: { index: i, count: 3 }, modules: [kinds] });
    const single = tmp();
    await runSweep(sweep, { out: single, workers: 0, modules: [kinds] });
    const report = mergeResults(dirs, join(root, "all"));
    expect(report.missing).toEqual([]);
    expect(report.duplicates).toEqual([]);
    expect(report.records.length).toBe(14);
    const merged = lines(join(root, "all"));
    expect(merged.map((r) => r.index)).toEqual([...Array(14).keys()]);
    expect(byIndex(merged)).toEqual(byIndex(lines(single)));
  });

  it("the CLI takes the shard from Slurm and Kubernetes environments (and --shard over them)", () => {
    const dir = tmp();
    const file = join(dir, "sweep.json");
    writeFileSync(file, JSON.stringify(sweep));
    const count = (env: Record<string, string>, extra: string[] = []) => {
      const r = runCli(["sweep", file, "--out", join(dir, "out"), "--dry-run", "--module", kinds, ...extra], { env });
      expect(r.stderr).toBe("");
      return r.stdout.trim();
    };
    expect(count({ SLURM_ARRAY_TASK_ID: "5", SLURM_ARRAY_TASK_COUNT: "4", SLURM_ARRAY_TASK_MIN: "2" })).toMatch(/shard 3\/4: 3 runs, 0 finished/);
    expect(count({ JOB_COMPLETION_INDEX: "1", RELU_LANDSCAPE_SHARDS: "3" })).toMatch(/shard 1\/3: 5 runs/);
    expect(count({ JOB_COMPLETION_INDEX: "1" }, ["--completions", "5"])).toMatch(/shard 1\/5: 3 runs/);
    expect(count({ JOB_COMPLETION_INDEX: "1" }, ["--shard", "0/2"])).toMatch(/shard 0\/2: 7 runs/);
  });

  it("shards sharing one directory write one file each and merge too", async () => {
    const out = tmp();
    for (let i = 0; i < 4; i++) await runSweep(sweep, { out, workers: 0, shard: { index: i, count: 4 }, modules: [kinds] });
    expect(existsSync(join(out, "results.shard-3-of-4.jsonl"))).toBe(true);
    const report = collectResults([out]);
    expect(report.missing.length + report.duplicates.length).toBe(0);
    expect(report.records.length).toBe(14);
  });

  it("merge reports missing and duplicated runs (and the CLI exits 1)", async () => {
    const root = tmp();
    const dirs = [0, 1].map((i) => join(root, `results-${i}`));
    for (let i = 0; i < 2; i++) await runSweep(sweep, { out: dirs[i], workers: 0, shard: { index: i, count: 2 }, modules: [kinds] });
    const f0 = join(dirs[0], "results.shard-0-of-2.jsonl");
    const f1 = join(dirs[1], "results.shard-1-of-2.jsonl");
    const l0 = readFileSync(f0, "utf8").split("\n").filter(Boolean);
    const l1 = readFileSync(f1, "utf8").split("\n").filter(Boolean);
    const dropped = JSON.parse(l0[2]) as RunRecord;
    writeFileSync(f0, [...l0.slice(0, 2), ...l0.slice(3)].join("\n") + "\n"); // one run lost
    appendFileSync(f1, l1[0] + "\n"); // one run twice in a shard
    appendFileSync(f0, l1[1] + "\n"); // and one in two shards
    const report = collectResults(dirs);
    expect(report.missing.map((m) => m.id)).toEqual([dropped.id]);
    expect(report.duplicates.map((d) => d.id).sort()).toEqual([JSON.parse(l1[0]).id, JSON.parse(l1[1]).id].sort());
    expect(report.duplicates.every((d) => d.count === 2)).toBe(true);
    expect(report.records.length).toBe(13);
    const r = runCli(["merge", ...dirs, "--out", join(root, "all")]);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/1 missing, 2 duplicated/);
    expect(r.stdout).toContain(`#${dropped.index}`);
  });
});

describe("export and plot", () => {
  it("exports a flat CSV table and plots an SVG from the CLI", async () => {
    const out = tmp();
    await runSweep({ seed: 2, repetitions: 2, base: { n: 6, d: 2, maxEpochs: 50 }, axes: { m: [2, 4], lr: [0.01, 0.02] } }, { out, workers: 0 });
    const table = toTable(lines(out));
    expect(table.columns.slice(0, 9)).toEqual(["id", "index", "rep", "seed", "n", "d", "maxEpochs", "m", "lr"]);
    expect(table.rows.length).toBe(8);
    const csv = runCli(["export", out, "--csv"]);
    expect(csv.code).toBe(0);
    expect(csv.stdout).toBe(toCsv({ ...table, rows: [...table.rows].sort((a, b) => (a.index as number) - (b.index as number)) }));
    const rows = csv.stdout.trim().split("\n");
    expect(rows.length).toBe(9);
    expect(rows[0].split(",")).toContain("loss");
    const svg = join(out, "fig.svg");
    const p = runCli(["plot", out, "--x", "m", "--y", "loss", "--color", "lr", "--facet", "rep", "--log-x", "--out", svg]);
    expect(p.code).toBe(0);
    const text = readFileSync(svg, "utf8");
    expect(text.startsWith("<svg")).toBe(true);
    expect(text).toContain("loss (mean)");
    const bad = runCli(["plot", out, "--x", "mm", "--y", "loss"]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/--x: no field "mm"/);
  });

  it("the train kind certifies its networks when asked: verdict, gap and lower bound against the global optimum, solved once", async () => {
    const out = tmp();
    const sweep = { seed: 1, repetitions: 3, base: { n: 8, d: 2, lambda: 0.01, maxEpochs: 3000, lr: 0.01 }, axes: { m: [3, 30] }, measure: ["loss", "verdict", "gap", "relativeGap", "lowerBound", "globalValue"] };
    await runSweep(sweep, { out, workers: 0 });
    const recs = lines(out);
    expect(recs).toHaveLength(6);
    // the oracle: the global optimum of each repetition's data, solved here independently
    for (const rep of [0, 1, 2]) {
      const data = await teacherData({ n: 8, d: 2, seed: rep });
      const g = await globalOptimum(data, 0.01);
      for (const r of recs.filter((x) => x.rep === rep)) {
        const res = r.result as Record<string, number | string>;
        expect(["global", "spurious-local-minimum", "saddle", "not-stationary", "undetermined"]).toContain(res.verdict);
        expect(Math.abs((res.globalValue as number) - g.value)).toBeLessThan(1e-9 * g.value);
        expect(res.lowerBound as number).toBeLessThanOrEqual(res.loss as number);
        expect(res.lowerBound as number).toBeLessThanOrEqual(g.value * (1 + 1e-9));
        expect(res.gap as number).toBeGreaterThanOrEqual(0);
        expect(res.verdict === "global").toBe((res.relativeGap as number) <= 1e-6);
      }
    }
  });

  it("a sweep that sets `seed` exports each seed once: the run's derived seed as `seed`, the setting as `config.seed`", async () => {
    const out = tmp();
    await runSweep({ seed: 3, base: { n: 5, d: 2, maxEpochs: 20 }, axes: { seed: [11, 12] } }, { out, workers: 0 });
    const csv = runCli(["export", out, "--csv"]);
    const header = csv.stdout.split("\n")[0].split(",");
    expect(header.filter((c) => c === "seed")).toHaveLength(1);
    expect(header).toContain("config.seed");
    const json = JSON.parse(runCli(["export", out, "--json"]).stdout) as Record<string, unknown>[];
    const records = lines(out);
    for (const row of json) {
      const rec = records.find((r) => r.id === row.id)!;
      expect(row.seed).toBe(rec.seed);
      expect(row["config.seed"]).toBe(rec.config.seed);
    }
    expect(new Set(json.map((r) => r["config.seed"]))).toEqual(new Set([11, 12]));
  });
});
