// The phase diagram (src/experiments/phase/): RD against its definition, the fit and the theory's
// regimes, far-inside points classified as expected, the runner's points matching direct runs, the
// settings' checks, and shards that add up to the whole run.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { getCore } from "../src/core/loader.js";
import { Trainer } from "../src/api/train.js";
import { InputError } from "../src/api/errors.js";
import {
  classify, fitSlope, gaussNewtonTrace, parsePosterPairs, phase, phaseData, phaseHeatmapSpec, phaseOptions, phaseRun,
  pointExponents, posterFits, posterNormsSpec, posterRows, scaledInit, summarizePoint, theoryRegime,
  type PhaseOptions, type PhaseSummary,
} from "../src/experiments/phase/index.js";
import { experimentSettings } from "../src/experiments/experiment.js";
import { latestRecords, runExperiment } from "../src/experiments/run-experiment.js";
import { registerBuiltinKinds } from "../src/experiments/registry.js";
import type { Shard } from "../src/sweep/shard.js";
import { renderSvg } from "../src/plot/svg.js";

registerBuiltinKinds();
const tmp = mkdtempSync(join(tmpdir(), "phase-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));
let dirs = 0;

/** The phase experiment through the one runner, as the CLI runs it (inline: workers 0). */
async function runPhase(opts: PhaseOptions, preset?: string, shard?: Shard) {
  const out = join(tmp, `run-${dirs++}`);
  const r = await runExperiment(phase, experimentSettings(phase, opts, preset), { out, workers: 0, shard });
  return { out, r, summary: r.report?.json?.summary as PhaseSummary | undefined };
}

describe("RD(t) = ‖W(t) − W(0)‖_F / ‖W(0)‖_F", () => {
  it("is 0 at t = 0", async () => {
    const core = await getCore();
    const r = await phaseRun(core, phaseData(), pointExponents(1.5, 0, 0, null), 64, 3, { maxEpochs: 0 });
    expect(r.epochs).toBe(0);
    expect(r.supRD).toBe(0);
    expect(r.finalRD).toBe(0);
  });

  it("matches its definition after k epochs, and sup ≥ final", async () => {
    const core = await getCore();
    const data = phaseData();
    const ex = pointExponents(1.5, -0.5, 0, null); // γ₁ = 0.5, γ₂ = 1
    const m = 40, k = 37, seed = 5;
    const r = await phaseRun(core, data, ex, m, seed, { maxEpochs: k, lossTarget: 1e-300 });
    expect(r.epochs).toBe(k);
    // the same run by hand
    const init = scaledInit(core, m, data.d, m ** -ex.gamma1, m ** -ex.gamma2, seed);
    const lr = 1 / gaussNewtonTrace(data, init.W, init.a, 1);
    const X = [0, 1, 2, 3, 4].map((i) => [data.X[2 * i], data.X[2 * i + 1]]);
    const t = await Trainer.create({ X, y: Array.from(data.y), lambda: 0, init }, { lr, lrSchedule: "halve-on-rise", maxEpochs: k, gradTol: 0, lossTol: 1e-7, lossWindow: 1000 });
    t.advance(k);
    const W = t.params().W;
    t.dispose();
    let num = 0, den = 0;
    for (let j = 0; j < m; j++) for (let i = 0; i < 2; i++) (num += (W[j][i] - init.W[j][i]) ** 2), (den += init.W[j][i] ** 2);
    expect(r.finalRD).toBeCloseTo(Math.sqrt(num / den), 12);
    expect(r.finalRD).toBeGreaterThan(0);
    expect(r.supRD).toBeGreaterThanOrEqual(r.finalRD);
  });

  it("the init scales one set of standard normals (same seed, every grid point)", async () => {
    const core = await getCore();
    const a = scaledInit(core, 10, 2, 1, 1, 7), b = scaledInit(core, 10, 2, 0.5, 3, 7);
    for (let j = 0; j < 10; j++) {
      expect(b.a[j]).toBeCloseTo(0.5 * a.a[j], 14);
      expect(b.W[j][1]).toBeCloseTo(3 * a.W[j][1], 14);
    }
  });
});

describe("fit and regimes", () => {
  it("fitSlope recovers a power law", () => {
    const m = [10, 100, 1000];
    const { slope, r2 } = fitSlope(m.map(Math.log), m.map((v) => Math.log(3 * v ** -0.7)));
    expect(slope).toBeCloseTo(-0.7, 12);
    expect(r2).toBeCloseTo(1, 12);
  });

  it("Luo et al.'s regimes and the classification", () => {
    expect(theoryRegime(0.5, -1)).toBe("linear");
    expect(theoryRegime(1.5, 1)).toBe("linear");
    expect(theoryRegime(1.5, 0)).toBe("condensed");
    expect(theoryRegime(1, -1)).toBe("critical");
    expect(theoryRegime(1.5, 0.5)).toBe("critical");
    expect(classify(-0.5, 0.1)).toBe("linear");
    expect(classify(0.05, 0.1)).toBe("critical");
    expect(classify(0.5, 0.1)).toBe("condensed");
    const ex = pointExponents(1.5, 0.5, 0.25, null);
    expect(ex.gamma1 + ex.gamma2 + 0.25).toBeCloseTo(1.5, 14);
    expect(ex.gamma1 - ex.gamma2).toBeCloseTo(0.5, 14);
  });

  it("points far inside each regime are classified as expected (small widths)", async () => {
    const { summary } = await runPhase({ gammas: [0.5, 2], gammaPrimes: [-1, 1.5], widths: [50, 158, 500], maxEpochs: 5000, decay: false, posterWidths: [10, 100] });
    expect(summary!.diagrams.length).toBe(1);
    const pts = summary!.diagrams[0].points;
    const at = (g: number, gp: number) => pts.find((p) => p.gamma === g && p.gammaPrime === gp)!;
    expect(at(0.5, -1).regime).toBe("linear");
    expect(at(0.5, 1.5).regime).toBe("linear");
    expect(at(2, 1.5).regime).toBe("linear");
    expect(at(2, -1).regime).toBe("condensed");
    expect(at(0.5, 1.5).slope).toBeLessThan(-1);
    expect(at(2, -1).slope).toBeGreaterThan(0.5);
    const crit = (await runPhase({ gammas: [1], gammaPrimes: [0], widths: [50, 158, 500], maxEpochs: 5000, decay: false, posterWidths: [10, 100] })).summary!.diagrams[0].points;
    expect(crit[0].theory).toBe("critical");
    expect(crit[0].regime).toBe("critical");
  });
});

describe("the runner", () => {
  it("summarizes each diagram's points like direct runs of the same settings", async () => {
    const core = await getCore();
    const o = { gammas: [0.5, 1.5], gammaPrimes: [0], widths: [20, 60], gammaKappa: 0.25, gammaLambda: 0.5, seed: 2, tol: 0.1, maxEpochs: 800, posterWidths: [10, 100] };
    const { r, summary } = await runPhase(o);
    expect(r.failed).toEqual([]);
    expect(r.report!.tables.rows.length).toBe(8);
    expect(summary!.diagrams.map((d) => d.gammaLambda)).toEqual([null, 0.5]);
    for (const d of summary!.diagrams) {
      const direct = [];
      for (const gamma of o.gammas) {
        for (const gammaPrime of o.gammaPrimes) {
          const ex = pointExponents(gamma, gammaPrime, o.gammaKappa, d.gammaLambda);
          const runs = [];
          for (const m of o.widths) runs.push(await phaseRun(core, phaseData(), ex, m, o.seed, { maxEpochs: o.maxEpochs, lossTarget: 1e-4 }));
          direct.push(summarizePoint(gamma, gammaPrime, ex, runs, o.tol));
        }
      }
      expect(d.points).toEqual(direct);
      expect(d.agree).toBe(direct.filter((p) => p.regime === p.theory).length);
    }
    const rows = r.report!.tables.rows as Array<{ gammaLambda: number | null; lambda: number; kappa: number; m: number }>;
    expect(rows.filter((x) => x.gammaLambda === 0.5).every((x) => x.lambda === Math.exp(-0.5 * Math.log(x.m)))).toBe(true);
    expect(rows.filter((x) => x.gammaLambda === null).every((x) => x.lambda === 0)).toBe(true);
    expect(rows.every((x) => x.kappa === Math.exp(0.25 * Math.log(x.m)))).toBe(true);
  });

  it("--quick as shards 0/2 and 1/2: their records together are the unsharded run's", async () => {
    const strip = (r: ReturnType<typeof latestRecords>[number]) => {
      const { seconds: _s, ...rest } = r;
      const { seconds: _t, ...result } = r.result as Record<string, unknown>;
      return { ...rest, result };
    };
    const whole = await runPhase({}, "quick");
    const parts = [await runPhase({}, "quick", { index: 0, count: 2 }), await runPhase({}, "quick", { index: 1, count: 2 })];
    expect(whole.r.complete).toBe(true);
    expect(whole.r.total).toBe(96);
    const a = parts.map((p) => latestRecords(join(p.out, "runs")));
    expect(a[0].length).toBeGreaterThan(0);
    expect(a[1].length).toBeGreaterThan(0);
    expect(parts.every((p) => !p.r.complete && p.r.files.length === 0)).toBe(true);
    const ids0 = new Set(a[0].map((r) => r.id));
    expect(a[1].some((r) => ids0.has(r.id))).toBe(false);
    const joined = [...a[0], ...a[1]].sort((x, y) => x.index - y.index).map(strip);
    expect(joined).toEqual(latestRecords(join(whole.out, "runs")).map(strip));
  });
});

describe("settings", () => {
  it("poster pairs: \"a:b;a:b\" parsed, anything else refused naming the setting", () => {
    expect(parsePosterPairs("0:0; 0.5:1;")).toEqual([[0, 0], [0.5, 1]]);
    expect(parsePosterPairs("-1:2.5e-1")).toEqual([[-1, 0.25]]);
    for (const bad of ["", ";", "0:0;x", "1:2:3", "1", "1:", "a:b"]) {
      expect(() => parsePosterPairs(bad)).toThrow(InputError);
      expect(() => phaseOptions.resolve({ posterPairs: bad })).toThrow(/^posterPairs: /);
    }
  });

  it("one width (no slope to fit) and repeated widths are refused", () => {
    expect(() => phaseOptions.resolve({ widths: [100] })).toThrow(/^widths: .*at least two/);
    expect(() => phaseOptions.resolve({ posterWidths: [100] })).toThrow(/^posterWidths: .*at least two/);
    expect(() => phaseOptions.resolve({ widths: [10, 10] })).toThrow(/^widths: /);
    expect(phase.sweep(phaseOptions.resolve({ decay: false })).axes!.gammaLambda).toEqual([null]);
  });
});

describe("poster setting and figures", () => {
  it("‖θ₀‖ and ‖θ*‖ scale as m^(1/2−b₁) and m^(a₁/2)", async () => {
    const rows = posterRows(await getCore(), [[0.5, 0.25], [0, 1]], 1.5, [1000, 10000, 100000], 1);
    for (const f of posterFits(rows)) {
      expect(f.initSlope).toBeCloseTo(f.initTheory, 1);
      expect(f.optimumSlope).toBeCloseTo(f.optimumTheory, 1);
    }
    expect(rows.every((r) => r.distance <= r.initNorm + r.optimumNorm + 1e-9 && r.distance >= Math.abs(r.initNorm - r.optimumNorm) - 1e-9)).toBe(true);
  });

  it("renders the heatmap and the poster figure", async () => {
    const core = await getCore();
    const { summary } = await runPhase({ gammas: [0.5, 1.5], gammaPrimes: [-1, 1], widths: [20, 40], maxEpochs: 300, decay: false, posterWidths: [10, 100] });
    const svg = await renderSvg(phaseHeatmapSpec(summary!.diagrams[0].points, "t"));
    expect(svg).toContain("<svg");
    expect(svg).toContain("γ′");
    const svg2 = await renderSvg(posterNormsSpec(posterRows(core, [[0, 0]], 1, [10, 100], 0), 1));
    expect(svg2).toContain("‖θ*‖");
  });
});
