// The browser lab in headless Chromium: it loads without console errors; a fixed seed trained for a
// fixed number of epochs in the page's worker gives the Node API's numbers; settings live in the URL
// and survive a reload; the experiment panel fills its plot and exports what it plotted. Screenshots
// of each panel go to artifacts/.
import { mkdirSync, readFileSync } from "node:fs";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { certify, globalOptimum } from "../src/convex/index.js";
import { Trainer } from "../src/api/train.js";
import { conesJob } from "../src/web/cones-job.js";
import { initScaleJob } from "../src/web/init-scale-job.js";
import { phaseJob } from "../src/web/phase-job.js";
import { gapsJob } from "../src/web/gaps-job.js";
import { labProblem, labTrainOptions } from "../src/web/datasets.js";
import { DEFAULT_SETTINGS, parseSettings, settingsQuery } from "../src/web/settings.js";
import { type LabSession, openLab, waitReady } from "./lab-browser.js";

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
    certificate?: { epoch: number; loss: number; lowerBound: number; gap: number; verdict: string };
    optimum?: { lowerBound: number | null; value: number | null; patterns: number };
    tick?: { epoch: number; loss: number; dataLoss: number; gradNormSq: number; normSq: number; patterns: number; stopReason: string | null; running: boolean };
  };
  experiments: { rows: { m: number; alpha: number; seed: number; loss: number; gap: number; optimum: number }[]; total: number; running: boolean };
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

describe("lab settings in the URL", () => {
  it("every setting survives a round trip through the query string", () => {
    const s = { ...DEFAULT_SETTINGS, ds: "moons" as const, n: 77, bias: true, alpha: 0.00123, lambda: 0, lr: 0.3, method: "sgd" as const, seed: 2 ** 40 + 3, ems: [3, 9], ealphas: [1e-5, 2], ex: "cones" as const, cdata: "orthogonal" as const };
    expect(parseSettings(settingsQuery(s))).toEqual(s);
  });

  it("unreadable values keep the defaults; a dataset brings its own sizes unless given", () => {
    const s = parseSettings("m=-3&lr=abc&alpha=&method=adam&ems=1,x&seed=1.5&tab=nope&foo=1");
    expect(s).toEqual(DEFAULT_SETTINGS);
    const r = parseSettings("ds=regression1d");
    expect([r.n, r.d, r.bias]).toEqual([24, 1, true]);
    expect(parseSettings("ds=smallinit&n=6").d).toBe(6); // n = d
    expect(parseSettings("ds=orthogonal&n=9&d=5").n).toBe(5); // n ≤ d
  });
});

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
    const cert = await certify(problem.data, problem.lambda, t.params(), { lowerBound: opt.lowerBound });
    t.dispose();
    expect(v.cert.loss).toBe(v.loss);
    expect(close(v.cert.gap, cert.gap)).toBe(true);
    expect(v.cert.verdict).toBe(cert.verdict);
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

  it("the experiment panel runs its grid in workers, fills its plot and exports the rows", async () => {
    await page.goto(`${s.lab.url}?tab=experiments&ds=teacher&n=20&d=2&ex=width&ems=2,8,32&ealphas=0.05,1&eseeds=2&eepochs=400&lr=0.05`);
    const blank = await plotInk(page);
    await page.click("#exp-run");
    await page.waitForFunction(() => {
      const e = (globalThis as unknown as { __lab: Lab }).__lab.experiments;
      return e.total === 12 && e.rows.length === 12 && !e.running;
    }, null, { timeout: 90_000 });
    await page.waitForTimeout(200);
    const rows = await page.evaluate(() => (globalThis as unknown as { __lab: Lab }).__lab.experiments.rows);
    // every grid point once, each a finished training run with a positive loss
    const keys = new Set(rows.map((r) => `${r.m}/${r.alpha}/${r.seed}`));
    expect(keys.size).toBe(12);
    for (const r of rows) {
      expect(r.loss).toBeGreaterThan(0);
      // certified against the global optimum: L − bound ≥ 0, and the bound below every run's loss
      expect(r.gap).toBeGreaterThanOrEqual(0);
      expect(r.optimum).toBeLessThanOrEqual(r.loss);
    }
    // a run of the grid equals the same run trained directly
    const r0 = rows.find((r) => r.m === 8 && r.alpha === 1 && r.seed === 1)!;
    expect(close(r0.loss, (await nodeState("ds=teacher&n=20&d=2&m=8&alpha=1&lr=0.05&seed=1&epochs=400", 400)).loss)).toBe(true);
    expect(await plotInk(page)).toBeGreaterThan(blank + 200); // points and lines were drawn
    await page.screenshot({ path: `${ARTIFACTS}/lab-experiments.png` });
    const [download] = await Promise.all([page.waitForEvent("download"), page.click("#exp-csv")]);
    const csv = readFileSync((await download.path())!, "utf8").trim().split("\n");
    expect(csv[0].split(",")).toEqual(expect.arrayContaining(["m", "alpha", "seed", "loss", "patterns"]));
    expect(csv.length).toBe(13);
    const [dj] = await Promise.all([page.waitForEvent("download"), page.click("#exp-json")]);
    expect(JSON.parse(readFileSync((await dj.path())!, "utf8")).rows).toHaveLength(12);
    expect(problems).toEqual([]);
  });

  it("the cones panel runs cones vs width in workers, fills its plot, and each job is the package's own cones run", async () => {
    await page.goto(`${s.lab.url}?tab=experiments&ex=cones&cdata=teacher&cn=4&cd=8&ems=2,8,32&eseeds=2&ccones=5&lambda=0.01&dseed=0&seed=0`);
    await expect.poll(() => page.locator("#exp-placeholder").isVisible()).toBe(false);
    const blank = await plotInk(page);
    await page.click("#exp-run");
    await page.waitForFunction(() => {
      const e = (globalThis as unknown as { __lab: Lab }).__lab.experiments;
      return e.total === 6 && e.rows.length === 6 && !e.running;
    }, null, { timeout: 120_000 });
    await page.waitForTimeout(200);
    const rows = await page.evaluate(() => (globalThis as unknown as { __lab: { experiments: { rows: Record<string, unknown>[] } } }).__lab.experiments.rows);
    for (const r of rows) {
      expect(r.error).toBeUndefined();
      for (const k of ["fracGlobal", "fracSpurious", "fracHit"]) {
        expect(r[k] as number).toBeGreaterThanOrEqual(0);
        expect(r[k] as number).toBeLessThanOrEqual(1);
      }
      expect((r.fracGlobal as number) + (r.fracSpurious as number)).toBeLessThanOrEqual(1);
    }
    // one job against the same cones run in Node: the same cones, the same verdicts
    const r0 = rows.find((r) => r.m === 8 && r.dataset === 1)!;
    const settings = parseSettings("ds=teacher&cdata=teacher&cn=4&cd=8&ccones=5&lambda=0.01");
    const node = await conesJob({ ...settings, m: 8, seed: r0.seed as number }, 1);
    expect(r0.fracGlobal).toBe(node.fracGlobal);
    expect(r0.fracSpurious).toBe(node.fracSpurious);
    expect(r0.signedPatterns).toBe(node.signedPatterns);
    expect(close(r0.globalValue as number, node.globalValue as number)).toBe(true);
    expect(await plotInk(page)).toBeGreaterThan(blank + 200);
    await page.screenshot({ path: `${ARTIFACTS}/lab-cones.png` });
    expect(problems).toEqual([]);
  });

  it("the initialization-scale panel runs the research's experiment and certifies every run as Node does", async () => {
    await page.goto(`${s.lab.url}?tab=experiments&ex=initscale&ealphas=0.5,0.004&eseeds=2&eepochs=30000&seed=0&dseed=0`);
    await page.click("#exp-run");
    await page.waitForFunction(() => {
      const e = (globalThis as unknown as { __lab: Lab }).__lab.experiments;
      return e.total === 4 && e.rows.length === 4 && !e.running;
    }, null, { timeout: 120_000 });
    await page.waitForTimeout(200);
    const rows = await page.evaluate(() => (globalThis as unknown as { __lab: { experiments: { rows: Record<string, unknown>[] } } }).__lab.experiments.rows);
    for (const r of rows) {
      expect(r.error).toBeUndefined();
      expect(["global", "spurious-local-minimum", "saddle", "not-stationary", "undetermined"]).toContain(r.verdict);
      expect(r.gap as number).toBeGreaterThanOrEqual(0);
    }
    const r0 = rows.find((r) => r.alpha === 0.004 && r.seed === 1)!;
    const node = await initScaleJob({ ...parseSettings(""), alpha: 0.004, seed: 1, epochs: 30000 });
    expect(r0.verdict).toBe(node.verdict);
    expect(close(r0.gap as number, node.gap as number)).toBe(true);
    await page.screenshot({ path: `${ARTIFACTS}/lab-initscale.png` });
    expect(problems).toEqual([]);
  });

  it("the phase-diagram panel runs the package's phase runs, one per (γ, γ′, m), and colours finished cells", async () => {
    await page.goto(`${s.lab.url}?tab=experiments&ex=phase&pg=0.5,1.5&pgp=-1,1&pw=100,316&seed=0`);
    const blank = await plotInk(page);
    await page.click("#exp-run");
    await page.waitForFunction(() => {
      const e = (globalThis as unknown as { __lab: Lab }).__lab.experiments;
      return e.total === 8 && e.rows.length === 8 && !e.running;
    }, null, { timeout: 120_000 });
    await page.waitForTimeout(200);
    const rows = await page.evaluate(() => (globalThis as unknown as { __lab: { experiments: { rows: Record<string, unknown>[] } } }).__lab.experiments.rows);
    expect(new Set(rows.map((r) => `${r.gamma}/${r.gammaPrime}/${r.m}`)).size).toBe(8);
    for (const r of rows) expect(r.supRD as number).toBeGreaterThan(0);
    const r0 = rows.find((r) => r.gamma === 1.5 && r.gammaPrime === -1 && r.m === 316)!;
    const node = await phaseJob({ ...parseSettings(""), m: 316, seed: 0 }, 1.5, -1);
    expect(close(r0.supRD as number, node.supRD as number)).toBe(true);
    expect(r0.epochs).toBe(node.epochs);
    expect(await plotInk(page)).toBeGreaterThan(blank + 2000); // the cells were filled
    await page.screenshot({ path: `${ARTIFACTS}/lab-phase.png` });
    expect(problems).toEqual([]);
  });

  it("the energy-gap panel runs the package's gap sweep per width and plots every pair", async () => {
    const q = "tab=experiments&ex=gaps&ems=4,16&gk=3&eepochs=2000&n=60&noise=0.1&dseed=0&lambda=0.001&seed=0";
    await page.goto(`${s.lab.url}?${q}`);
    const blank = await plotInk(page);
    await page.click("#exp-run");
    await page.waitForFunction(() => {
      const e = (globalThis as unknown as { __lab: Lab }).__lab.experiments;
      return e.total === 2 && e.rows.length === 2 && !e.running;
    }, null, { timeout: 120_000 });
    await page.waitForTimeout(200);
    const rows = await page.evaluate(() => (globalThis as unknown as { __lab: { experiments: { rows: Record<string, unknown>[] } } }).__lab.experiments.rows);
    for (const r of rows) {
      expect(r.error).toBeUndefined();
      const g = r.gaps as number[];
      expect(g).toHaveLength(3); // K(K−1)/2 pairs
      for (const v of g) expect(v).toBeGreaterThanOrEqual(0);
      expect(r.max).toBe(Math.max(...g));
    }
    // the same width in Node gives the same gaps, bit for bit (moons' cos/sin come from the core)
    const r0 = rows.find((r) => r.width === 16)!;
    const node = await gapsJob({ ...parseSettings(q), m: 16 });
    expect(node.gaps).toEqual(r0.gaps);
    expect(await plotInk(page)).toBeGreaterThan(blank + 200);
    await page.screenshot({ path: `${ARTIFACTS}/lab-gaps.png` });
    expect(problems).toEqual([]);
  });
});

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
