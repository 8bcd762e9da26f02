// The scaling law's estimator (src/experiments/cones/scaling.ts): the crossing of 0.9, and the fit of
// log m₉₀ against log N recovering a known slope from synthetic fraction curves.
import { describe, expect, it } from "vitest";
import { crossing, scalingLaw, type ScalingCurve } from "../src/experiments/cones/index.js";
import { scalingDraws } from "../src/experiments/cones/scaling.js";
import { CONES_QUICK, cones } from "../src/experiments/cones/index.js";
import { experimentSettings } from "../src/experiments/experiment.js";

/** A seeded stream of uniforms (a plain LCG: the test's own randomness, not the package's). */
function uniforms(count: number, seed: number): Float64Array {
  const u = new Float64Array(count);
  let s = seed >>> 0;
  for (let i = 0; i < count; i++) {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    u[i] = s / 2 ** 32;
  }
  return u;
}

describe("scaling law", () => {
  it("m₉₀ is the log-linear crossing of 0.9; censored at either end", () => {
    expect(crossing([10, 20, 40], [0.5, 0.8, 1]).m).toBeCloseTo(Math.exp(Math.log(20) + 0.5 * Math.log(2)), 10);
    expect(crossing([10, 20, 40], [0.9, 1, 1])).toEqual({ m: 10, censored: "below" });
    expect(crossing([10, 20, 40], [0.1, 0.5, 0.89])).toEqual({ censored: "above" });
  });

  it("recovers a known slope from synthetic curves (m₉₀ = 3·N^1.3, noisy datasets)", () => {
    const slope = 1.3, noise = uniforms(10_000, 7);
    let k = 0;
    const curves: ScalingCurve[] = [16, 32, 64, 128, 256, 512, 1024].map((N, i) => {
      const widths = [0.5, 1, 1.5, 2, 3, 4, 6, 8, 12, 16, 24, 32].map((f) => Math.round(f * N));
      const fractions = Array.from({ length: 6 }, () => {
        // each dataset's own m₉₀ scatters by ±15% around the law; fractions follow a logistic in log m
        const m90 = 3 * N ** slope * (1 + 0.3 * (noise[k++] - 0.5));
        return widths.map((m) => 1 / (1 + Math.exp(-4 * (Math.log(m) - Math.log(m90)) - Math.log(9))));
      });
      return { n: i, d: 2, N, widths, fractions };
    });
    // the true m₉₀ of the law sits inside the widths tried (3·N^1.3·1.15 ≤ 32·N for N ≤ 1024)
    const { points, fitN } = scalingLaw(curves, uniforms(scalingDraws(curves, 400), 11), 400);
    expect(points.every((p) => p.m90 !== undefined && !p.censored)).toBe(true);
    expect(Math.abs(fitN.slope - slope)).toBeLessThan(0.03);
    expect(fitN.lo).toBeLessThan(slope);
    expect(fitN.hi).toBeGreaterThan(slope);
    expect(fitN.r2).toBeGreaterThan(0.99);
    for (const p of points) {
      expect(p.lo!).toBeLessThanOrEqual(p.m90!);
      expect(p.hi!).toBeGreaterThanOrEqual(p.m90!);
    }
  });

  it("the scaling grid takes d = 2 … n + 2 and widths f·N, and refuses orthogonal data", () => {
    const o = experimentSettings(cones, { grid: "scaling", scalingNs: [4], widthFactors: [1, 2] });
    const axes = cones.sweep(o).axes as { point: { n: number; d: number; m: number }[] };
    // N = 2·Cover(4, d): d=2 → 16, d=3 → 28, d ≥ 4 → 32
    expect(axes.point).toEqual([
      { n: 4, d: 2, m: 16 }, { n: 4, d: 2, m: 32 }, { n: 4, d: 3, m: 28 }, { n: 4, d: 3, m: 56 },
      { n: 4, d: 4, m: 32 }, { n: 4, d: 4, m: 64 }, { n: 4, d: 5, m: 32 }, { n: 4, d: 5, m: 64 }, { n: 4, d: 6, m: 32 }, { n: 4, d: 6, m: 64 },
    ]);
    expect(() => experimentSettings(cones, { ...CONES_QUICK, grid: "scaling", data: "orthogonal" })).toThrow(/data: the scaling grid/);
  });
});
