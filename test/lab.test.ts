// The browser lab in headless Chromium: it loads without console errors; a fixed seed trained for a
// fixed number of epochs in the page's worker gives the Node API's numbers; the verdict of a trained
// network is Node's certify(), given only once training has settled; settings live in the URL and
// survive a reload; each experiment panel runs the experiment's own sweep through the package's
// SweepPool in Web Workers and gets the records and report tables Node's runExperiment / runSweep
// gets from the same settings. Screenshots of each panel go to artifacts/.
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { certify, globalOptimum } from "../src/convex/index.js";
import { Trainer } from "../src/api/train.js";
import { experimentSettings } from "../src/experiments/experiment.js";
import { EXPERIMENTS, registerBuiltinKinds } from "../src/experiments/registry.js";
import { RUNS_DIR, latestRecords, runExperiment } from "../src/experiments/run-experiment.js";
import type { RunRecord } from "../src/sweep/record.js";
import { runSweep } from "../src/sweep/run-sweep.js";
import type { SweepSpec } from "../src/sweep/spec.js";
import { labProblem, labTrainOptions } from "../src/web/datasets.js";
import type { ExperimentView } from "../src/web/experiments-panel.js";
import { labExperiment, visibleFields } from "../src/web/lab-experiments.js";
import { flagName } from "../src/web/option-controls.js";
import { parseSettings } from "../src/web/settings.js";
import { PLATEAU_EPOCHS } from "../src/web/train-panel.js";
import { type LabSession, openLab, waitReady } from "./lab-browser.js";

registerBuiltinKinds();

const ARTIFACTS = "artifacts";
let s: LabSession;
let page: Page;
const problems: string[] = [];

beforeAll(async () => {
  mkdirSync(ARTIFACTS, { recursive: true });
  s = await openLab();
  page = await s.context.newPage();
  page.on("console", (m) => {
    if (m.type() === "error" || m.type() === "warning") problems.push(`${m.type()}: ${m.text()}`);
  });
  page.on("pageerror", (e) => problems.push(`pageerror: ${e.message}`));
  // a navigation of the test aborts what the page was still loading: not a failure of the lab
  page.on("requestfailed", (r) => r.failure()?.errorText !== "net::ERR_ABORTED" && problems.push(`requestfailed: ${r.url()} ${r.failure()?.errorText}`));
});

afterAll(async () => {
  await s?.close();
});

type Lab = {
  train: {
    ready: boolean;
    certificate?: { epoch: number; loss: number; lowerBound: number; gap: number; verdict: string; reason: string; width: number; descent?: { kind: string; loss: number } };
    optimum?: { lowerBound: number | null; value: number | null; patterns: number };
    tick?: { epoch: number; loss: number; dataLoss: number; gradNormSq: number; normSq: number; patterns: number; stopReason: string | null; running: boolean };
  };
  experiments: Omit<ExperimentView, "report"> & { report?: { tables: Record<string, Record<string, unknown>[]>; text: string[] } };
};
const tick = (p: Page) => p.evaluate(() => (globalThis as unknown as { __lab: Lab }).__lab.train.tick!);

/** Loss and state after `epochs` epochs of the same settings, from the Node API. */
async function nodeState(query: string, epochs: number) {
  const settings = parseSettings(query);
  const { problem } = await labProblem(settings);
  const t = await Trainer.create(problem, labTrainOptions(settings));
  t.advance(epochs);
  const st = t.state();
  t.dispose();
  return st;
}

const close = (a: number, b: number) => Math.abs(a - b) <= 1e-12 * Math.max(1, Math.abs(b));

describe("the lab in Chromium", () => {
  it("loads with no console errors and shows the initial state", async () => {
    await page.goto(s.lab.url);
    await waitReady(page);
    await page.waitForTimeout(300);
    expect(problems).toEqual([]);
    const t = await tick(page);
    expect(t.epoch).toBe(0);
    expect(await page.locator("#st-epoch").textContent()).toBe("0");
    expect(await page.locator("#btn-run").textContent()).toBe("Start");
    // paused at the initialization: certified, the verdict shown with what backs it
    await page.waitForFunction(() => (globalThis as unknown as { __lab: Lab }).__lab.train.certificate?.epoch === 0, null, { timeout: 60_000 });
    const c = await page.evaluate(() => (globalThis as unknown as { __lab: Lab }).__lab.train.certificate!);
    expect(await page.locator("#st-verdict").getAttribute("data-verdict")).toBe(c.verdict);
    expect(await page.locator("#verdict-status").textContent()).toContain(c.reason);
    expect(c.reason.length).toBeGreaterThan(10);
    // every figure has a size (no collapsed layout)
    for (const id of ["#cv-input", "#cv-loss"]) {
      const box = await page.locator(id).boundingBox();
      expect(box!.width).toBeGreaterThan(300);
      expect(box!.height).toBeGreaterThan(300);
    }
  });

  it("a fixed seed trained for a fixed number of epochs gives the Node API's loss (to 1e-12)", async () => {
    const cases = [
      "ds=teacher&n=30&d=2&m=40&alpha=0.5&lambda=0.001&lr=0.05&method=gd&seed=7&dseed=3&epochs=1500",
      "ds=regression1d&n=20&m=25&alpha=0.3&lambda=0.0001&lr=0.05&method=sgd&batch=6&seed=11&dseed=2&epochs=700",
      "ds=smallinit&n=4&m=30&alpha=0.01&init=balanced&lambda=0.00001&lr=0.01&seed=1&epochs=2000",
    ];
    for (const q of cases) {
      await page.goto(`${s.lab.url}?${q}`);
      await waitReady(page);
      await page.keyboard.press("Space");
      await page.waitForFunction(() => (globalThis as unknown as { __lab: Lab }).__lab.train.tick?.stopReason === "maxEpochs", null, { timeout: 60_000 });
      const b = await tick(page);
      const epochs = parseSettings(q).epochs;
      const n = await nodeState(q, epochs);
      expect(b.epoch).toBe(epochs);
      expect(close(b.loss, n.loss), `${q}: browser ${b.loss} vs node ${n.loss}`).toBe(true);
      expect(close(b.dataLoss, n.dataLoss)).toBe(true);
      expect(close(b.gradNormSq, n.gradNormSq)).toBe(true);
      expect(b.patterns).toBe(n.patterns);
      // these data sets use only correctly rounded arithmetic and the core's generator: bit for bit
      expect(b.loss).toBe(n.loss);
      // the page shows the same number (exact value kept on the element)
      expect(Number(await page.locator("#st-loss").getAttribute("data-value"))).toBe(b.loss);
      // the certifier catches up with the final network
      await page.waitForFunction(() => {
        const t = (globalThis as unknown as { __lab: Lab }).__lab.train;
        return t.certificate?.epoch === t.tick?.epoch;
      }, null, { timeout: 60_000 });
      await page.screenshot({ path: `${ARTIFACTS}/lab-train-${parseSettings(q).ds}.png` });
    }
    expect(problems).toEqual([]);
  });

  it("the certified gap and verdict of the trained network are Node's certify() of the same network", async () => {
    const q = "ds=teacher&n=30&d=2&m=40&alpha=0.5&lambda=0.001&lr=0.05&seed=7&dseed=3&epochs=3000";
    await page.goto(`${s.lab.url}?${q}`);
    await waitReady(page);
    await page.keyboard.press("Space");
    await page.waitForFunction(() => {
      const t = (globalThis as unknown as { __lab: Lab }).__lab.train;
      return t.tick?.stopReason === "maxEpochs" && t.certificate?.epoch === t.tick.epoch;
    }, null, { timeout: 90_000 });
    const v = await page.evaluate(() => {
      const t = (globalThis as unknown as { __lab: Lab }).__lab.train;
      return { cert: t.certificate!, optimum: t.optimum!, loss: t.tick!.loss };
    });
    const settings = parseSettings(q);
    const { problem } = await labProblem(settings);
    const opt = await globalOptimum(problem.data, problem.lambda);
    expect(v.optimum.lowerBound).toBe(opt.lowerBound);
    const t = await Trainer.create(problem, labTrainOptions(settings));
    t.advance(settings.epochs);
    const cert = await certify(problem.data, problem.lambda, t.params(), { lowerBound: opt.lowerBound, globalValue: opt.value });
    t.dispose();
    expect(v.cert.loss).toBe(v.loss);
    expect(close(v.cert.gap, cert.gap)).toBe(true);
    expect(v.cert.verdict).toBe(cert.verdict);
    // what backs the verdict is shown with it
    expect(v.cert.reason).toBe(cert.reason);
    expect(await page.locator("#verdict-status").textContent()).toContain(cert.reason);
    expect(await page.locator("#st-verdict").getAttribute("data-verdict")).toBe(cert.verdict);
    expect(v.cert.gap).toBeGreaterThanOrEqual(0);
    expect(v.optimum.lowerBound!).toBeLessThanOrEqual(v.loss);
    expect(await page.locator("#st-gap").textContent()).not.toBe("—");
    expect(problems).toEqual([]);
  });

  it("single steps (s) advance one epoch each and match Node", async () => {
    const q = "ds=moons&n=60&m=30&alpha=0.5&lambda=0.001&lr=0.05&seed=5&epochs=100000";
    await page.goto(`${s.lab.url}?${q}`);
    await waitReady(page);
    for (let i = 0; i < 5; i++) await page.keyboard.press("s");
    await page.waitForFunction(() => (globalThis as unknown as { __lab: Lab }).__lab.train.tick?.epoch === 5, null, { timeout: 30_000 });
    const b = await tick(page);
    expect(close(b.loss, (await nodeState(q, 5)).loss)).toBe(true);
    await page.keyboard.press("r");
    await page.waitForFunction(() => (globalThis as unknown as { __lab: Lab }).__lab.train.tick?.epoch === 0, null, { timeout: 30_000 });
  });

  it("changing a control updates the URL, and reloading restores the view and the run", async () => {
    await page.goto(s.lab.url);
    await waitReady(page);
    await page.selectOption("#ctl-ds", "moons");
    await page.fill("#ctl-m", "77");
    await page.press("#ctl-m", "Enter");
    await page.fill("#ctl-lambda", "0.0025");
    await page.press("#ctl-lambda", "Enter");
    await page.click('#ctl-method button[data-value="sgd"]');
    await page.fill("#ctl-epochs", "300");
    await page.press("#ctl-epochs", "Enter");
    const url = new URL(page.url());
    expect(url.searchParams.get("ds")).toBe("moons");
    expect(url.searchParams.get("m")).toBe("77");
    expect(url.searchParams.get("lambda")).toBe("0.0025");
    expect(url.searchParams.get("method")).toBe("sgd");
    expect(url.searchParams.get("bias")).toBe("1"); // the dataset's own default came with it
    const run = async () => {
      await waitReady(page);
      await page.click("#btn-run");
      await page.waitForFunction(() => (globalThis as unknown as { __lab: Lab }).__lab.train.tick?.stopReason === "maxEpochs", null, { timeout: 60_000 });
      return (await tick(page)).loss;
    };
    const first = await run();
    await page.screenshot({ path: `${ARTIFACTS}/lab-train-moons.png` });
    await page.reload();
    expect(await page.inputValue("#ctl-m")).toBe("77");
    expect(await page.inputValue("#ctl-ds")).toBe("moons");
    expect(await page.inputValue("#ctl-lambda")).toBe("0.0025");
    expect(await page.getAttribute('#ctl-method button[data-value="sgd"]', "aria-checked")).toBe("true");
    expect(page.url()).toBe(url.href);
    expect(await run()).toBe(first); // same settings, same seed: the same run, bit for bit
    // moons take cos/sin from the WASM core (src/data/moons.ts), so Node gives the same bits
    expect((await nodeState(url.search, 300)).loss).toBe(first);
    expect(problems).toEqual([]);
  });


  it("a network still converging fast gets no verdict; paused, it gets Node's verdict with what backs it", async () => {
    const q = "ds=teacher&n=30&d=2&m=40&alpha=0.5&lambda=0.001&lr=0.05&seed=7&dseed=3&epochs=1000000000";
    await page.goto(`${s.lab.url}?${q}`);
    await waitReady(page);
    await page.keyboard.press("Space");
    // sampled while training: whenever L improved by more than the rule's amount over its window, no verdict
    let improving = 0;
    for (let i = 0; i < 6; i++) {
      await page.waitForTimeout(60);
      const v = await page.evaluate(() => {
        const t = (globalThis as unknown as { __lab: { train: { tick: { epoch: number; loss: number; running: boolean }; history: { epoch: number[]; loss: number[] } } } }).__lab.train;
        return { tick: t.tick, epochs: [...t.history.epoch], losses: [...t.history.loss], verdict: document.getElementById("st-verdict")!.textContent, why: document.getElementById("verdict-status")!.textContent };
      });
      if (!v.tick.running) continue;
      let k = v.epochs.length - 1;
      while (k >= 0 && v.epochs[k] > v.tick.epoch - PLATEAU_EPOCHS) k--;
      if (k >= 0 && v.losses[k] - v.tick.loss > 1e-6 * v.tick.loss) {
        improving++;
        expect(v.verdict).toBe("training");
        expect(v.why).toContain("paused or stopped");
      }
    }
    expect(improving).toBeGreaterThan(0); // the rule was exercised
    await page.keyboard.press("Space");
    await page.waitForFunction(() => {
      const t = (globalThis as unknown as { __lab: Lab }).__lab.train;
      return !t.tick?.running && t.certificate?.epoch === t.tick?.epoch;
    }, null, { timeout: 60_000 });
    const v = await page.evaluate(() => (globalThis as unknown as { __lab: Lab }).__lab.train);
    const settings = parseSettings(q);
    const { problem } = await labProblem(settings);
    const opt = await globalOptimum(problem.data, problem.lambda);
    const t = await Trainer.create(problem, labTrainOptions(settings));
    t.advance(v.tick!.epoch);
    const cert = await certify(problem.data, problem.lambda, t.params(), { lowerBound: opt.lowerBound, globalValue: opt.value });
    t.dispose();
    expect(v.certificate!.verdict).toBe(cert.verdict);
    expect(v.certificate!.reason).toBe(cert.reason);
    if (cert.descent) expect(v.certificate!.descent).toMatchObject({ kind: cert.descent.kind, loss: cert.descent.loss });
    expect(await page.locator("#st-verdict").getAttribute("data-verdict")).toBe(cert.verdict);
    expect(await page.locator("#verdict-status").textContent()).toContain(cert.reason);
    expect(problems).toEqual([]);
  });

  it("each experiment's controls are its option group's fields; edits go to the URL, survive a reload, and bad values are refused", async () => {
    for (const id of ["width", ...EXPERIMENTS.map((e) => e.name)]) {
      const e = labExperiment(id)!;
      await page.goto(`${s.lab.url}?tab=experiments&ex=${id}`);
      await page.waitForSelector("#exp-fields [data-field]");
      const rows = await page.$$eval("#exp-fields [data-field]", (els) => els.map((r) => ({ key: (r as HTMLElement).dataset.field!, label: r.querySelector(".ctl-name")!.textContent, title: (r as HTMLElement).title })));
      expect(rows.map((r) => r.key)).toEqual(visibleFields(e).map((f) => f.key));
      for (const [i, f] of visibleFields(e).entries()) {
        expect(rows[i].label).toBe(flagName(f.key));
        expect(rows[i].title).toContain(f.doc);
      }
    }
    await page.goto(`${s.lab.url}?tab=experiments&ex=cones`);
    await page.fill("#ctl-x-widths", "4, 8");
    await page.press("#ctl-x-widths", "Enter");
    expect(new URL(page.url()).searchParams.get("cones.widths")).toBe("4,8");
    expect(await page.locator("#exp-summary").textContent()).toContain("6 runs"); // 2 widths × 3 datasets (quick)
    await page.fill("#ctl-x-widths", "4, x");
    await page.press("#ctl-x-widths", "Enter");
    expect(await page.getAttribute("#ctl-x-widths", "class")).toContain("bad");
    expect(await page.getAttribute("#ctl-x-widths", "title")).toMatch(/^widths\[1\]: /);
    expect(new URL(page.url()).searchParams.get("cones.widths")).toBe("4,8");
    await page.selectOption("#ctl-x-data", "orthogonal");
    await page.reload();
    expect(await page.inputValue("#ctl-x-widths")).toBe("4, 8");
    expect(await page.inputValue("#ctl-x-data")).toBe("orthogonal");
    // a combination the group refuses: named, and the grid does not run
    await page.fill("#ctl-x-ns", "9");
    await page.press("#ctl-x-ns", "Enter");
    expect(await page.locator("#exp-summary").textContent()).toMatch(/^ns: n = 9 > d = 8/);
    expect(await page.isDisabled("#exp-run")).toBe(true);
    await page.click("#exp-reset");
    expect(await page.inputValue("#ctl-x-widths")).toBe("5, 10, 20, 40, 80");
    expect(await page.isDisabled("#exp-run")).toBe(false);
    expect(problems).toEqual([]);
  });

  it("width × init scale: the default grid converges (halve-on-rise), each run is Node's train run, each certificate Node's", async () => {
    await page.goto(`${s.lab.url}?tab=experiments&ex=width`);
    const blank = await plotInk(page);
    const v = await runPanel(page);
    expect(v.total).toBe(63);
    expect(v.failed).toBe(0);
    expect(v.records.filter((r) => r.result!.stopReason === "diverged")).toEqual([]);
    // the same sweep in Node: the same runs, ids, seeds and numbers
    const node = await nodeSweep(v.sweep!);
    expect(strip(v.records)).toEqual(strip(node));
    // every network certified against the global optimum, as Node's certify() does
    const { problem } = await labProblem(parseSettings(""));
    const opt = await globalOptimum(problem.data, problem.lambda);
    for (const r of v.records) expect(["global", "spurious-local-minimum", "saddle", "not-stationary", "undetermined"]).toContain(v.added[r.id].verdict);
    for (const r of [v.records[0], v.records[30], v.records[62]]) {
      const c = await certify(problem.data, problem.lambda, { W: r.result!.W as number[][], a: r.result!.a as number[] }, { lowerBound: opt.lowerBound, globalValue: opt.value });
      expect(v.added[r.id]).toMatchObject({ verdict: c.verdict, reason: c.reason, gap: c.gap, lowerBound: c.lowerBound });
    }
    const runs = v.report!.tables.runs;
    expect(runs).toHaveLength(63);
    for (const row of runs) expect(row).toMatchObject({ diverged: false, verdict: expect.any(String), gap: expect.any(Number) });
    expect(await plotInk(page)).toBeGreaterThan(blank + 500);
    await page.screenshot({ path: `${ARTIFACTS}/lab-width.png` });
    // exports: the report's tables
    const csv = await download(page, "#exp-csv-runs");
    expect(csv.trim().split("\n")).toHaveLength(64);
    expect(csv.split("\n")[0].split(",")).toEqual(Object.keys(runs[0]));
    const json = JSON.parse(await download(page, "#exp-json"));
    expect(json.tables.summary).toEqual(v.report!.tables.summary);
    expect(json.sweep).toEqual(v.sweep);
    expect(problems).toEqual([]);
  });

  it("width × init scale: runs that diverge are marked diverged, not certified, and left out of the gaps drawn", async () => {
    await page.goto(`${s.lab.url}?tab=experiments&ex=width&width.widths=8,128&width.alphas=1&width.seeds=3&width.lrSchedule=constant&width.maxEpochs=3000`);
    const v = await runPanel(page);
    const diverged = v.records.filter((r) => r.result!.stopReason === "diverged");
    expect(diverged.length).toBeGreaterThan(0);
    for (const r of diverged) expect(v.added[r.id]).toBeUndefined();
    for (const r of v.records.filter((x) => x.result!.stopReason !== "diverged")) expect(v.added[r.id].gap).toEqual(expect.any(Number));
    const summary = v.report!.tables.summary;
    expect(summary.reduce((n, x) => n + (x.diverged as number), 0)).toBe(diverged.length);
    for (const x of summary) if (Number.isFinite(x.gapGeoMean as number)) expect(x.gapGeoMean as number).toBeLessThan(10);
    expect(v.report!.text[0]).toContain(`${diverged.length} diverged`);
    await page.screenshot({ path: `${ARTIFACTS}/lab-width-diverged.png` });
    expect(problems).toEqual([]);
  });

  // Bit for bit, phase included: its scalings m^(±γ) are exp(±γ·ln m), not `**` (Math.pow differs by
  // an ulp between Node 20's V8 and Chromium's in about 1 case in 10; exp and log agree).
  const cases: [string, Record<string, unknown>, "exact" | "rounding"][] = [
    ["cones", { widths: [5, 10, 20], datasets: 2, cones: 5 }, "exact"],
    ["orthogonal", { ns: [3, 4], widthFactors: [0.5, 2], trainings: 4, cones: 6, maxEpochs: 10000 }, "exact"],
    ["phase", { gammas: [0.5, 1.5], gammaPrimes: [-1, 1], widths: [50, 158], maxEpochs: 3000 }, "exact"],
    ["init-scale", { alphas: [0.5, 0.0625], seeds: 2, maxEpochs: 50000 }, "exact"],
    ["gaps", { widths: [4, 16], models: 3, maxEpochs: 2000, beadEpochs: 500, permutations: 99 }, "exact"],
  ];
  for (const [id, given, how] of cases) {
    it(`${id}: the panel runs the experiment's sweep in Web Workers and gets Node's runExperiment records and report tables`, async () => {
      const def = EXPERIMENTS.find((e) => e.name === id)!;
      const query = Object.entries(given).map(([k, x]) => `${id}.${k}=${Array.isArray(x) ? x.join(",") : x}`).join("&");
      await page.goto(`${s.lab.url}?tab=experiments&ex=${id}&${query}`);
      const blank = await plotInk(page);
      const v = await runPanel(page);
      expect(v.failed).toBe(0);
      // the CLI's settings: --quick and the same values
      const settings = experimentSettings(def, { ...given, ...labExperiment(id)!.pinned }, "quick");
      expect(v.settings).toEqual(settings);
      const out = mkdtempSync(join(tmpdir(), `lab-${id}-`));
      try {
        const outcome = await runExperiment(def, settings, { out, workers: 0 });
        const node = latestRecords(join(out, RUNS_DIR));
        expect(v.records).toHaveLength(node.length);
        const tables = [stripSeconds(v.report!.tables), stripSeconds(JSON.parse(JSON.stringify(outcome.report!.tables)))];
        if (how === "exact") {
          expect(strip(v.records)).toEqual(strip(node));
          expect(tables[0]).toEqual(tables[1]);
        } else {
          expectNear(strip(v.records), strip(node), 1e-9);
          expectNear(tables[0], tables[1], 1e-9);
          expect(strip(v.records).map((r) => (r as RunRecord).id)).toEqual(strip(node).map((r) => (r as RunRecord).id));
        }
      } finally {
        rmSync(out, { recursive: true, force: true });
      }
      expect(await plotInk(page)).toBeGreaterThan(blank + 200);
      await page.screenshot({ path: `${ARTIFACTS}/lab-${id}.png` });
      expect(problems).toEqual([]);
    });
  }
});

/** Clicks Run grid and waits until the panel is done (every run and the report). */
async function runPanel(p: Page): Promise<Lab["experiments"]> {
  await p.waitForSelector("#exp-fields [data-field]");
  await p.click("#exp-run");
  await p.waitForFunction(() => (globalThis as unknown as { __lab: Lab }).__lab.experiments.done, null, { timeout: 180_000 });
  await p.waitForTimeout(100);
  const v = await p.evaluate(() => JSON.parse(JSON.stringify((globalThis as unknown as { __lab: Lab }).__lab.experiments)) as Lab["experiments"]);
  expect(v.error).toBeUndefined();
  expect(v.records).toHaveLength(v.total);
  return v;
}

/** The records of a sweep run by Node (inline, one thread). */
async function nodeSweep(spec: SweepSpec): Promise<RunRecord[]> {
  const out = mkdtempSync(join(tmpdir(), "lab-sweep-"));
  try {
    await runSweep(spec, { out, workers: 0 });
    return latestRecords(out);
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}

/** A value without its wall-clock `seconds` fields (at any depth). */
function stripSeconds(x: unknown): unknown {
  if (Array.isArray(x)) return x.map(stripSeconds);
  if (x && typeof x === "object") return Object.fromEntries(Object.entries(x).filter(([k]) => k !== "seconds" && k !== "trainSeconds" && k !== "stringSeconds").map(([k, y]) => [k, stripSeconds(y)]));
  return x;
}
/** Deep equality with numbers equal to `rel` (relative); every other value equal. */
function expectNear(a: unknown, b: unknown, rel: number, path = "$"): void {
  if (typeof a === "number" && typeof b === "number") {
    expect(Math.abs(a - b) <= rel * Math.max(Math.abs(a), Math.abs(b)) || Object.is(a, b), `${path}: ${a} vs ${b}`).toBe(true);
  } else if (a && b && typeof a === "object" && typeof b === "object") {
    expect(Object.keys(a).sort(), path).toEqual(Object.keys(b).sort());
    for (const k of Object.keys(a)) expectNear((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k], rel, `${path}.${k}`);
  } else expect(a, path).toEqual(b);
}
const strip = (rs: RunRecord[]) => [...rs].sort((a, b) => a.index - b.index).map((r) => stripSeconds(r));

/** The text of the file a click downloads. */
async function download(p: Page, selector: string): Promise<string> {
  const [d] = await Promise.all([p.waitForEvent("download"), p.click(selector)]);
  return readFileSync((await d.path())!, "utf8");
}

/** Non-white pixels in the experiment plot. */
async function plotInk(p: Page): Promise<number> {
  return p.evaluate(() => {
    const c = document.getElementById("cv-exp") as HTMLCanvasElement;
    const copy = document.createElement("canvas");
    copy.width = c.width;
    copy.height = c.height;
    const cx = copy.getContext("2d", { willReadFrequently: true })!;
    cx.drawImage(c, 0, 0);
    const d = cx.getImageData(0, 0, c.width, c.height).data;
    let ink = 0;
    for (let i = 0; i < d.length; i += 4) if (d[i + 3] > 0 && (d[i] < 200 || d[i + 1] < 200 || d[i + 2] < 200)) ink++;
    return ink;
  });
}
