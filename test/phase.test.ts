// The phase diagram (src/experiments/phase*.ts): RD against its definition, the fit and the theory's
// regimes, far-inside points classified as expected, the sweep engine matching the inline grid.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { getCore } from "../src/core/loader.js";
import { Trainer } from "../src/api/train.js";
import { gaussNewtonTrace, phaseRun, scaledInit } from "../src/experiments/phase-run.js";
import { classify, fitSlope, phaseData, pointExponents, runPhaseGrid, theoryRegime } from "../src/experiments/phase.js";
import { runPhaseSweep } from "../src/experiments/phase-sweep.js";
import { posterFits, posterRows } from "../src/experiments/phase-poster.js";
import { phaseHeatmapSpec, posterNormsSpec } from "../src/experiments/phase-figures.js";
import { renderSvg } from "../src/plot/svg.js";

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
    const core = await getCore();
    const pts = await runPhaseGrid(core, { gammas: [0.5, 2], gammaPrimes: [-1, 1.5], widths: [50, 158, 500], run: { maxEpochs: 5000 } });
    const at = (g: number, gp: number) => pts.find((p) => p.gamma === g && p.gammaPrime === gp)!;
    expect(at(0.5, -1).regime).toBe("linear");
    expect(at(0.5, 1.5).regime).toBe("linear");
    expect(at(2, 1.5).regime).toBe("linear");
    expect(at(2, -1).regime).toBe("condensed");
    expect(at(0.5, 1.5).slope).toBeLessThan(-1);
    expect(at(2, -1).slope).toBeGreaterThan(0.5);
    const crit = await runPhaseGrid(core, { gammas: [1], gammaPrimes: [0], widths: [50, 158, 500], run: { maxEpochs: 5000 } });
    expect(crit[0].theory).toBe("critical");
    expect(crit[0].regime).toBe("critical");
  });
});

describe("sweep engine", () => {
  it("runs the grid like the inline loop", async () => {
    const core = await getCore();
    const dir = mkdtempSync(join(tmpdir(), "phase-"));
    try {
      const s = { gammas: [0.5, 1.5], gammaPrimes: [0], widths: [20, 60], gammaKappa: 0, decays: [null, 0.5], seed: 2, tol: 0.1, run: { maxEpochs: 800 } };
      const res = await runPhaseSweep(s, dir, { workers: 0 });
      expect(res.failed).toEqual([]);
      expect(res.rows.length).toBe(8);
      for (const [i, gl] of [null, 0.5].entries()) {
        const inline = await runPhaseGrid(core, { ...s, gammaLambda: gl });
        expect(res.diagrams[i].points.map((p) => p.supRD)).toEqual(inline.map((p) => p.supRD));
      }
      expect(res.rows.filter((r) => r.gammaLambda === 0.5).every((r) => r.lambda > 0)).toBe(true);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
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
    const pts = await runPhaseGrid(core, { gammas: [0.5, 1.5], gammaPrimes: [-1, 1], widths: [20, 40], run: { maxEpochs: 300 } });
    const svg = await renderSvg(phaseHeatmapSpec(pts, "t"));
    expect(svg).toContain("<svg");
    expect(svg).toContain("γ′");
    const svg2 = await renderSvg(posterNormsSpec(posterRows(core, [[0, 0]], 1, [10, 100], 0), 1));
    expect(svg2).toContain("‖θ*‖");
  });
});
