// The landscape experiments' mechanics on small grids: classification agrees with direct convex
// solves, fractions are fractions, rows add up, outputs and figures exist and name their axes.
import { describe, expect, it } from "vitest";
import { mkdtempSync, readFileSync, existsSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { cones, conesRun, datasetSeed, conesSummary, CONE_FLOOR, type ConeRow, type ConesOptions } from "../src/experiments/cones/index.js";
import { experimentSettings } from "../src/experiments/experiment.js";
import { latestRecords, runExperiment } from "../src/experiments/run-experiment.js";
import { registerBuiltinKinds } from "../src/experiments/registry.js";
import { initScale, initScaleDataSeed, initScaleSummary, type InitScaleOptions } from "../src/experiments/init-scale/index.js";
import { coneShare, orthogonal, orthogonalPoints, orthogonalSummary, type OrthogonalExperimentOptions } from "../src/experiments/orthogonal/index.js";
import type { Experiment } from "../src/experiments/experiment.js";
import { orthogonalData } from "../src/data/orthogonal.js";
import { teacherData } from "../src/data/teacher.js";
import { samplePatterns } from "../src/api/pattern-samplers.js";
import { classifyBothWidths, classifyNetwork, coneOptimum, globalOptimum, minimalNetwork, researchFirstOrderLabel } from "../src/convex/index.js";
import { smallInitData } from "../src/data/small-init.js";

const tmp = () => mkdtempSync(join(tmpdir(), "relu-exp-"));
registerBuiltinKinds();

/** The cones experiment through the one runner, as the CLI runs it (inline: workers 0). */
async function runCones(opts: ConesOptions, run: { out: string; workers: number }) {
  const r = await runExperiment(cones, experimentSettings(cones, opts), run);
  return { ...conesSummary(latestRecords(join(run.out, "runs"))), failed: r.failed, files: r.files };
}

/** The init-scale experiment through the one runner (inline: workers 0). */
async function runInitScale(opts: InitScaleOptions, run: { out: string; workers: number }) {
  const r = await runExperiment(initScale, experimentSettings(initScale, opts), run);
  return { ...initScaleSummary(latestRecords(join(run.out, "runs"))), globalValue: r.report!.settings!.globalValue as number, failed: r.failed, files: r.files };
}

/** The orthogonal experiment through the one runner (inline: workers 0). */
async function runOrthogonal(opts: OrthogonalExperimentOptions, run: { out: string; workers: number }) {
  const settings = experimentSettings(orthogonal, opts);
  const r = await runExperiment(orthogonal, settings, run);
  return { ...orthogonalSummary(latestRecords(join(run.out, "runs")), orthogonalPoints(settings)), failed: r.failed, files: r.files };
}

/** An experiment's --quick run whole and as shards 0/2 and 1/2: the shards' records together are the whole run's. */
async function expectShardsAddUp(e: Experiment) {
  const settings = experimentSettings(e, {}, "quick");
  const strip = (dir: string) => latestRecords(join(dir, "runs")).map(({ id, index, rep, seed, config, result, error }) => ({ id, index, rep, seed, config, result, error }));
  const whole = tmp(), a = tmp(), b = tmp();
  const all = await runExperiment(e, settings, { out: whole, workers: 0 });
  expect(all.complete).toBe(true);
  expect(all.failed).toEqual([]);
  const s0 = await runExperiment(e, settings, { out: a, workers: 0, shard: { index: 0, count: 2 } });
  const s1 = await runExperiment(e, settings, { out: b, workers: 0, shard: { index: 1, count: 2 } });
  // a shard alone is not the experiment: no report
  expect(s0.complete || s1.complete).toBe(false);
  expect(existsSync(join(a, "summary.csv"))).toBe(false);
  const parts = [...strip(a), ...strip(b)].sort((x, y) => x.index - y.index);
  expect(strip(a).length).toBeGreaterThan(0);
  expect(strip(b).length).toBeGreaterThan(0);
  expect(parts).toEqual(strip(whole));
  expect(parts).toHaveLength(all.total);
}

/**
 * What a cone row's verdicts must carry: a saddle or not-stationary row a descent step below its
 * value; a spurious local minimum a local certificate within tol, a loss above P(all), and the
 * research's first-order label's gradient entries within its tolerance 5e-5 (up to the rounding of
 * its own minimization, which stops on the tolerance's boundary); a non-global optimum with a zero
 * neuron at width m no local minimum there.
 */
function expectConeWitnesses(rows: ConeRow[], m: number, tol: number) {
  for (const r of rows) {
    for (const [v, loss] of [[r.verdict, r.descentLoss], [r.verdictAtWidth, r.descentLossAtWidth]] as const) {
      if (v === "saddle" || v === "not-stationary") expect(loss!).toBeLessThan(r.value);
      else expect(v === "spurious-local-minimum" || v === "global" || v === "undetermined").toBe(true);
    }
    if (r.verdict === "spurious-local-minimum") {
      expect(r.localSlack!).toBeLessThanOrEqual(tol);
      expect(r.excess).toBeGreaterThan(tol);
      expect(r.researchMaxEntry!).toBeLessThanOrEqual(5e-5 * (1 + 1e-9));
    }
    if (r.verdict !== "global" && r.neurons! < m) expect(r.verdictAtWidth).not.toBe("spurious-local-minimum");
    expect(r.verdict === "global").toBe(r.verdictAtWidth === "global");
    expect(r.verdict === "global").toBe(r.relativeGap <= tol);
  }
}

describe("cones", () => {
  it("a run's cone values and verdicts agree with direct convex solves and direct calls of the classifier on the same cones", async () => {
    const config = { n: 4, d: 3, m: 6, dataset: 1, seed0: 9, lambda: 0.01, tol: 1e-6, cones: 6, data: "teacher", sampler: "uniform" };
    const seed = 12345;
    const out = await conesRun(config, { seed });
    const data = await teacherData({ n: 4, d: 3, seed: datasetSeed(9, 4, 3, 1) });
    const opt = await globalOptimum(data, 0.01);
    expect(Math.abs((out.globalValue as number) - opt.value) / opt.value).toBeLessThan(1e-7);
    const sample = await samplePatterns(data, 6 * 6, { sampler: "uniform", signed: true, seed });
    const rows = out.rows as ConeRow[];
    const known = { lowerBound: opt.lowerBound, globalValue: opt.value, gapTol: 1e-6, floor: CONE_FLOOR };
    for (let c = 0; c < 6; c++) {
      // the cone as a network: one neuron per drawn signed pattern, its witness as w
      const W: number[][] = [], a: number[] = [];
      for (let j = c * 6; j < (c + 1) * 6; j++) {
        W.push(Array.from(sample.witnesses.subarray(j * 3, (j + 1) * 3)));
        a.push(sample.signs[j]);
      }
      const direct = await coneOptimum(data, 0.01, { W, a });
      expect(Math.abs(direct.value - rows[c].value) / rows[c].value).toBeLessThan(1e-7);
      const isGlobal = direct.value <= opt.value * (1 + 1e-6);
      expect(rows[c].verdict === "global").toBe(isGlobal);
      expect(rows[c].excess).toBeGreaterThan(-1e-8);
      // the classifier called directly on the cone's optimum, at width m and at the minimal width
      const { atWidth, minimal } = await classifyBothWidths(data, 0.01, direct.network, 6, known);
      expect(rows[c].verdict).toBe(minimal.verdict);
      expect(rows[c].verdictAtWidth).toBe(atWidth.verdict);
      expect(rows[c].neurons).toBe(minimal.width);
      const label = researchFirstOrderLabel(data, 0.01, minimalNetwork(direct.network, data, { floor: CONE_FLOOR }).network);
      expect(Math.abs(rows[c].researchMaxEntry! - label.maxEntry)).toBeLessThan(1e-9);
    }
    // the grid gives several verdicts (the checks above are not vacuous)
    expect(new Set(rows.map((r) => r.verdict)).size).toBeGreaterThan(1);
    expect(rows.some((r) => r.verdict === "spurious-local-minimum")).toBe(true);
    expect(rows.some((r) => r.verdictAtWidth === "saddle")).toBe(true);
    expectConeWitnesses(rows, 6, 1e-6);
  });

  it("small grid: rows add up, fractions in [0, 1], enough width covers every pattern, outputs written", async () => {
    const out = tmp();
    const report = await runCones({ ns: [3], ds: [4], widths: [3, 200], cones: 4, datasets: 2, seed: 1 }, { out, workers: 0 });
    expect(report.failed).toEqual([]);
    expect(report.rows).toHaveLength(2 * 2 * 4);
    expect(report.summary).toHaveLength(2);
    for (const s of report.summary) {
      for (const f of [s.fracGlobal, s.fracSpurious, s.fracHit, s.coupon]) {
        expect(f).toBeGreaterThanOrEqual(0);
        expect(f).toBeLessThanOrEqual(1);
      }
      expect(s.fracGlobal + s.fracSpurious).toBeLessThanOrEqual(1 + 1e-12);
      const rows = report.rows.filter((r) => r.m === s.m);
      expect(rows.filter((r) => r.verdict === "global").length / rows.length).toBeCloseTo(s.fracGlobal, 12);
      // the breakdown: every cone has one verdict at each width; the summary counts the rows
      expect(s.fracGlobal + s.fracSpurious + s.fracSaddle + s.fracNotStationary + s.fracUndetermined).toBeCloseTo(1, 12);
      expect(s.fracGlobalAtWidth + s.fracSpuriousAtWidth + s.fracSaddleAtWidth + s.fracNotStationaryAtWidth + s.fracUndeterminedAtWidth).toBeCloseTo(1, 12);
      expect(rows.filter((r) => r.verdictAtWidth === "saddle").length / rows.length).toBeCloseTo(s.fracSaddleAtWidth, 12);
      expect(rows.filter((r) => r.researchLabel === "first-order-stationary" && r.verdict !== "global").length / rows.length).toBeCloseTo(s.fracResearchSpurious, 12);
      expectConeWitnesses(rows, s.m, 1e-6);
      expect(s.signedPatterns).toBe(16); // n = 3 ≤ d: 2ⁿ patterns, two signs
    }
    const wide = report.summary.find((s) => s.m === 200)!;
    expect(wide.fracHit).toBe(1); // 200 uniform draws from 16 signed patterns: all hit (P(miss) < 1e-5)
    expect(wide.fracGlobal).toBe(1);
    for (const f of ["cones.csv", "cones.jsonl", "summary.csv", "summary.jsonl", "settings.json", "cones.svg", "verdicts.svg", "breakdown.json"]) expect(existsSync(join(out, f))).toBe(true);
    const breakdown = JSON.parse(readFileSync(join(out, "breakdown.json"), "utf8"));
    const researchSpurious = report.rows.filter((r) => r.researchLabel === "first-order-stationary" && r.verdict !== "global");
    expect(breakdown.researchSpurious).toBe(researchSpurious.length);
    expect(Object.values(breakdown.minimal as Record<string, number>).reduce((a, b) => a + b, 0)).toBe(researchSpurious.length);
    expect(breakdown.atWidth.saddle).toBe(researchSpurious.filter((r) => r.verdictAtWidth === "saddle").length);
    const svg = readFileSync(join(out, "cones.svg"), "utf8");
    expect(svg).toContain("width m");
    expect(svg).toContain("fraction");
    const settings = JSON.parse(readFileSync(join(out, "settings.json"), "utf8"));
    expect(settings.seed).toBe(1);
    expect(settings.version).toMatch(/^\d+\.\d+\.\d+/);
    // rerunning the same command resumes: nothing is run twice, the same numbers come out
    const again = await runCones({ ns: [3], ds: [4], widths: [3, 200], cones: 4, datasets: 2, seed: 1 }, { out, workers: 0 });
    expect(again.rows).toEqual(report.rows);
  });
});

/**
 * The headline fields of a trained-and-polished row: `global` ⇔ certified relative gap ≤ tol, the
 * certified gap between the bounds the global optimum gives, a saddle or not-stationary network a
 * descent step below its loss, the polished network never worse than the trained one.
 */
function expectTrainPolishRow(r: { loss: number; polishedLoss: number; verdictTrained: string; relativeGapTrained: number; descentLossTrained: number | null; verdict: string; relativeGap: number; descentLoss: number | null; verdictMinimal: string; relativeDistance: number }, opt: { value: number; lowerBound: number }, tol: number) {
  const verdicts = ["global", "spurious-local-minimum", "saddle", "not-stationary", "undetermined"];
  for (const [v, gap, loss, descent] of [[r.verdictTrained, r.relativeGapTrained, r.loss, r.descentLossTrained], [r.verdict, r.relativeGap, r.polishedLoss, r.descentLoss]] as const) {
    expect(verdicts).toContain(v);
    expect(v === "global").toBe(gap <= tol);
    // the classifier's lower bound on min L lies between the optimum's certified bound and its value
    expect(gap).toBeGreaterThanOrEqual((loss - opt.value) / loss - 1e-9);
    expect(gap).toBeLessThanOrEqual((loss - opt.lowerBound) / loss + 1e-9);
    if (v === "saddle" || v === "not-stationary") expect(descent!).toBeLessThan(loss);
    else expect(descent).toBeNull();
  }
  expect(verdicts).toContain(r.verdictMinimal);
  expect(r.verdictMinimal === "global").toBe(r.verdict === "global");
  expect(r.polishedLoss).toBeLessThanOrEqual(r.loss * (1 + 1e-9)); // polishing never makes it worse
  expect(r.relativeDistance).toBeGreaterThanOrEqual(0);
}

describe("init-scale", () => {
  it("classifies each trained network as GD left it, polishes and classifies it; certified gaps; figures written", async () => {
    const out = tmp();
    const report = await runInitScale({ alphas: [0.5, 0.01], seeds: 1, m: 20, maxEpochs: 3000, lr: 0.05, lambda: 1e-3 }, { out, workers: 0 });
    expect(report.failed).toEqual([]);
    expect(report.rows).toHaveLength(2);
    const data = await smallInitData({ n: 4, noise: 1e-3, seed: 0 });
    const opt = await globalOptimum(data, 1e-3);
    expect(Math.abs(report.globalValue - opt.value) / opt.value).toBeLessThan(1e-7);
    for (const [i, r] of report.rows.entries()) {
      expect(r.epochs).toBe(3000);
      expect(r.gap).toBeGreaterThan(-1e-9 * opt.value);
      expectTrainPolishRow(r, opt, 1e-6);
      expect(r.effectiveRank).toBeGreaterThan(0);
      expect(r.effectiveRank).toBeLessThanOrEqual(4 + 1e-9);
      // the headline verdict is the classifier's on the trained network as recorded
      const net = report.nets[i];
      const direct = await classifyNetwork(data, 1e-3, { W: net.W, a: net.a }, { lowerBound: opt.lowerBound, globalValue: opt.value, gapTol: 1e-6 });
      expect(r.verdictTrained).toBe(direct.verdict);
      expect(Math.abs(r.relativeGapTrained - direct.relativeGap)).toBeLessThan(1e-9);
    }
    for (const s of report.summary) {
      expect(s.fracGlobalTrained + s.fracSpuriousTrained + s.fracSaddleTrained + s.fracNotStationaryTrained + s.fracUndeterminedTrained).toBeCloseTo(1, 12);
      expect(s.fracGlobal + s.fracSpurious + s.fracSaddle + s.fracNotStationary + s.fracUndetermined).toBeCloseTo(1, 12);
    }
    for (const f of ["runs.csv", "summary.csv", "settings.json", "gap-vs-alpha.svg", "neurons.svg"]) expect(existsSync(join(out, f))).toBe(true);
    expect(readFileSync(join(out, "gap-vs-alpha.svg"), "utf8")).toContain("initialization scale");
    const settings = JSON.parse(readFileSync(join(out, "settings.json"), "utf8"));
    expect(settings.experiment).toBe("init-scale");
    expect(settings.globalValue).toBe(report.globalValue);
    expect(settings.alphas).toEqual([0.5, 0.01]);
  });

  it("the sweep is the one it always was: kind init-scale, α axis, seeds as repetitions, the data seed in every run", () => {
    const spec = initScale.sweep(experimentSettings(initScale, { alphas: [0.5, 0.25], seeds: 2, seed: 7 }));
    expect(spec).toMatchObject({ kind: "init-scale", seed: 7, repetitions: 2, axes: { alpha: [0.5, 0.25] } });
    expect(spec.base).toMatchObject({ n: 4, m: 100, lambda: 1e-5, dataSeed: 7 });
    expect(Object.keys(spec.base!).sort()).toEqual(["angle", "dataSeed", "gradTol", "lambda", "lr", "m", "maxEpochs", "n", "noise", "tol"]);
    // --redraw adds itself to the runs (and only then): every run its own perturbation
    const redrawn = initScale.sweep(experimentSettings(initScale, { alphas: [0.5, 0.25], seeds: 2, seed: 7, redraw: true }));
    expect(redrawn.base).toMatchObject({ dataSeed: 7, redraw: true });
    expect(initScaleDataSeed(spec.base!, { seed: 1 })).toBe(7);
    const seeds = [1, 2, 3].map((seed) => initScaleDataSeed(redrawn.base!, { seed }));
    expect(new Set(seeds).size).toBe(3);
    expect(initScaleDataSeed(redrawn.base!, { seed: 2 })).toBe(seeds[1]);
    // --paper: the research's grid and 10⁸ epochs, redrawn
    const paper = experimentSettings(initScale, {}, "paper");
    expect(paper).toMatchObject({ maxEpochs: 1e8, redraw: true, m: 100, lr: 0.01, lambda: 1e-5, n: 4, noise: 1e-3 });
    expect(paper.alphas).toEqual(Array.from({ length: 10 }, (_, i) => 2 ** -(i + 1)));
  });

  it("--redraw: each run's data and optimum its own; rows carry their data seed and P*", async () => {
    const out = tmp();
    const report = await runInitScale({ alphas: [0.25], seeds: 2, m: 10, maxEpochs: 500, lr: 0.05, lambda: 1e-3, redraw: true }, { out, workers: 0 });
    expect(report.failed).toEqual([]);
    expect(report.rows).toHaveLength(2);
    expect(report.rows[0].dataSeed).not.toBe(report.rows[1].dataSeed);
    for (const r of report.rows) {
      const data = await smallInitData({ n: 4, noise: 1e-3, seed: r.dataSeed! });
      const opt = await globalOptimum(data, 1e-3);
      expect(Math.abs(r.globalValue! - opt.value) / opt.value).toBeLessThan(1e-7);
      expectTrainPolishRow(r, opt, 1e-6);
    }
  });

  it("--quick as shards 0/2 and 1/2: together the same runs, seeds and results as unsharded", async () => {
    await expectShardsAddUp(initScale as unknown as Experiment);
  });
});

describe("orthogonal", () => {
  it("per (n, m): trainings' verdicts as GD left them and polished, cones holding a global minimum; against m/2ⁿ", async () => {
    const out = tmp();
    const report = await runOrthogonal({ ns: [3], extraDims: 1, widthFactors: [0.25, 4], trainings: 3, cones: 4, maxEpochs: 3000 }, { out, workers: 0 });
    expect(report.failed).toEqual([]);
    expect(report.summary.map((s) => [s.n, s.d, s.m, s.mOver2n])).toEqual([[3, 4, 2, 0.25], [3, 4, 32, 4]]);
    for (const s of report.summary) {
      expect(s.trainings).toBe(3);
      for (const f of [s.fracGlobal, s.fracGlobalTrained, s.coneFracGlobal, s.coneFracSpurious, s.fracSpuriousMinimal]) {
        expect(f).toBeGreaterThanOrEqual(0);
        expect(f).toBeLessThanOrEqual(1);
      }
      const t = report.rows.filter((r) => r.m === s.m);
      expect(t.filter((r) => r.verdictTrained === "global").length / t.length).toBe(s.fracGlobalTrained);
      expect(s.fracGlobal + s.fracSpurious + s.fracSaddle + s.fracNotStationary + s.fracUndetermined).toBeCloseTo(1, 12);
    }
    // cones of 32 draws from 16 signed patterns hold at least as often as cones of 2 draws
    expect(report.summary[1].coneFracGlobal).toBeGreaterThanOrEqual(report.summary[0].coneFracGlobal);
    expect(readFileSync(join(out, "orthogonal.svg"), "utf8")).toContain("width m / 2ⁿ");
    // every cone of a width solved once, against the global optimum of the same data as the trainings
    const data = await orthogonalData({ n: 3, d: 4, seed: datasetSeed(0, 3, 4, 0) });
    const opt = await globalOptimum(data, 0.01);
    for (const s of report.summary) {
      const cs = report.cones.filter((c) => c.m === s.m);
      expect(s.cones).toBe(4);
      expect(cs.map((c) => c.cone)).toEqual([0, 1, 2, 3]);
      expect(cs.filter((c) => c.verdict === "global").length / cs.length).toBe(s.coneFracGlobal);
      for (const c of cs) expect(c.value).toBeGreaterThanOrEqual(opt.value * (1 - 1e-7));
      expectConeWitnesses(cs, s.m, 1e-6);
    }
    for (const r of report.rows) {
      expect(Math.abs(r.globalValue - opt.value) / opt.value).toBeLessThan(1e-7);
      expectTrainPolishRow(r, opt, 1e-6);
    }
    for (const f of ["runs.csv", "runs.jsonl", "cones.csv", "summary.csv", "summary.jsonl", "settings.json"]) expect(existsSync(join(out, f))).toBe(true);
  });

  it("the cones of a width are shared out over its repetitions: each cone exactly once", () => {
    for (const trainings of [1, 3, 6, 20]) {
      for (const cones of [1, 2, 10, 20, 21]) {
        const seen: number[] = [];
        for (let rep = 0; rep < trainings; rep++) {
          const share = coneShare(rep, trainings, cones);
          for (let k = 0; k < share.count; k++) seen.push(share.index(k));
        }
        expect(seen.sort((a, b) => a - b)).toEqual(Array.from({ length: cones }, (_, i) => i));
      }
    }
  });

  it("one sweep: task × grid point (n, d = n + extraDims, m = f·2ⁿ), trainings as repetitions; bad points refused", () => {
    const spec = orthogonal.sweep(experimentSettings(orthogonal, {}, "quick"));
    const points = [3, 4, 5].flatMap((n) => [2 ** n / 4, 2 ** n, 4 * 2 ** n].map((m) => ({ n, d: n + 4, m })));
    expect(spec).toMatchObject({ kind: "orthogonal", repetitions: 4, axes: { task: ["training", "cones"], point: points } });
    expect(orthogonalPoints({ ns: [2], extraDims: 0, widthFactors: [0.1, 0.2, 1] })).toEqual([{ n: 2, d: 2, m: 1 }, { n: 2, d: 2, m: 4 }]);
    expect(() => orthogonal.kinds[0].validate!({ ...spec.base, task: "train", point: points[0], rep: 0 })).toThrow(/task: must be one of training, cones/);
    expect(() => orthogonal.kinds[0].validate!({ ...spec.base, task: "cones", point: { n: 5, d: 4, m: 8 }, rep: 0 })).toThrow(/^point.d: must be ≥ n = 5/);
  });

  it("--quick as shards 0/2 and 1/2: together the same runs, seeds and results as unsharded", async () => {
    await expectShardsAddUp(orthogonal as unknown as Experiment);
  });
});
