// Complete certificates: no pattern is ever left out of a dual bound (also one whose cone has no
// interior point for the solver to start from), and the enumeration's completeness is checked at run
// time against Cover's count — with a bias column too (lifted points (x, 1) in general position
// exactly when the points are in affine general position, and then the count is Cover's with d
// including the bias: C(n, d₀ + 1) affine dichotomies).
import { describe, expect, it } from "vitest";
import { toData } from "../src/api/data.js";
import { binomial, enumeratePatterns, isGeneralPosition } from "../src/api/patterns.js";
import { getCore } from "../src/core/loader.js";
import { allSignedPatterns, globalOptimum } from "../src/convex/index.js";
import { solveProgram } from "../src/convex/program.js";
import { moonsData } from "../src/data/moons.js";
import { randomMatrix, randomVector } from "./helpers.js";

/** Affine dichotomies of n points in general position in R^m (Cover): 2·Σ_{k≤m} C(n−1, k). */
const affineCount = (n: number, m: number) => 2 * Array.from({ length: m + 1 }, (_, k) => binomial(n - 1, k)).reduce((a, b) => a + b, 0);

describe("completeness against Cover's count", () => {
  it("two moons with a bias column: general position, every affine dichotomy found", async () => {
    for (const n of [12, 40]) {
      const m = await moonsData({ n, seed: 3 });
      const X = Array.from({ length: n }, (_, k) => [m.X[2 * k], m.X[2 * k + 1]]);
      const data = toData(X, Array.from(m.y), true);
      expect(data.d).toBe(3);
      expect(await isGeneralPosition(data)).toBe(true);
      const S = await allSignedPatterns(data);
      expect(S.completeness).toEqual({ count: affineCount(n, 2), formula: affineCount(n, 2), check: "cover" });
      // both signs of every non-empty pattern (the empty pattern, w = (0, 0, −1), adds no neuron)
      expect(S.count).toBe(2 * (affineCount(n, 2) - 1));
      const g = await globalOptimum(data, 0.01);
      expect(g.completeness?.check).toBe("cover");
      expect(g.patterns).toBe(S.count);
    }
  });

  it("1-D data with a bias: 2n cells (n points on a line cut it into n + 1 intervals, both orientations)", async () => {
    const x = [0.3, -1.2, 2.5, 0.7, -0.1, 1.9];
    const set = await enumeratePatterns(toData(x.map((v) => [v]), x.map(() => 0), true));
    expect(set.count).toBe(2 * x.length);
    expect(set.formula).toBe(2 * x.length);
  });

  it("degenerate data (a repeated point, a point at 0) is flagged, not refused", async () => {
    const X = [[1, 0.5], [1, 0.5], [-0.3, 2], [0, 0], [0.7, -1.1]];
    const S = await allSignedPatterns(toData(X, [1, 2, 3, 4, 5]));
    expect(S.completeness.check).toBe("degenerate");
    expect(S.completeness.count).toBeLessThan(S.completeness.formula);
  });
});

describe("no pattern left out of the bound", () => {
  it("a cone without interior (a ray) is priced: the bound stays below P(S), the solve says it stopped short", async () => {
    // x₂ = −x₁: the pattern with both bits on confines u to x₁·u = 0, a ray along x₃ (no interior)
    const X = [[1, 0], [-1, 0], [0, 1]], y = [0.5, -0.25, 2];
    const lambda = 0.05;
    const S = { count: 1, bits: Uint8Array.from([1, 1, 1]), signs: Float64Array.from([1]) };
    const sol = solveProgram(await getCore(), toData(X, y), lambda, S);
    // P(S) in closed form: u = (0, t), p = (0, 0, t): min_t (1/3)(y₁² + y₂² + (t − y₃)²) + 2λt, t = y₃ − 3λ
    const t = y[2] - 3 * lambda;
    const P = (y[0] ** 2 + y[1] ** 2 + (t - y[2]) ** 2) / 3 + 2 * lambda * t;
    expect(sol.dropped).toBe(1);
    expect(sol.lowerBound).toBeLessThanOrEqual(P * (1 + 1e-12));
    expect(sol.converged).toBe(false);
    // the zero network alone (the old behaviour, the pattern dropped) would have "certified" (1/n)‖y‖² > P(S)
    expect((y[0] ** 2 + y[1] ** 2 + y[2] ** 2) / 3).toBeGreaterThan(P);
  });

  it("random problems: the bound over all patterns is below the value of every pattern subset's optimum", async () => {
    for (const seed of [1, 2, 3]) {
      const data = toData(randomMatrix(7, 3, seed), randomVector(7, seed + 50));
      const all = await allSignedPatterns(data);
      const g = solveProgram(await getCore(), data, 0.02, all);
      expect(g.dropped).toBe(0);
      expect(g.converged).toBe(true);
      // any subset's optimum is ≥ the global one: the global lower bound must sit below all of them
      for (let c = 0; c < 4; c++) {
        const idx = Array.from({ length: all.count }, (_, i) => i).filter((i) => (i * 7 + c * 3 + seed) % 5 === 0);
        const sub = { count: idx.length, bits: new Uint8Array(idx.length * 7), signs: new Float64Array(idx.length) };
        idx.forEach((i, q) => { sub.bits.set(all.bits.subarray(i * 7, (i + 1) * 7), q * 7); sub.signs[q] = all.signs[i]; });
        const s = solveProgram(await getCore(), data, 0.02, sub);
        expect(s.primal).toBeGreaterThanOrEqual(g.lowerBound);
      }
    }
  });
});
