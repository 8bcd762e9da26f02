// Pricing at real sizes: the pricer that projects only where it matters (cheap valid bounds, then
// NNLS in descending order until nothing left can enter the top K or the max, a Lipschitz cache
// across calls) against the one that projects every pattern; and certificates that stay valid over
// many random trainings, with a bias column, both losses.
import { describe, expect, it } from "vitest";
import { toData } from "../src/api/data.js";
import { train } from "../src/api/train.js";
import { getCore } from "../src/core/loader.js";
import { allSignedPatterns, globalOptimum } from "../src/convex/index.js";
import { PatternPricer } from "../src/convex/program.js";
import { moonsData } from "../src/data/moons.js";
import { randomMatrix, randomVector, lcg } from "./helpers.js";

describe("partial pricing agrees with full pricing", () => {
  it("same max, same top K, every value a bound at least the exact one; the cache across calls stays valid", async () => {
    const core = await getCore();
    for (const [n, d, seed] of [[12, 3, 1], [9, 5, 2], [14, 2, 3]] as const) {
      const data = toData(randomMatrix(n, d, seed), randomVector(n, seed + 5));
      const S = await allSignedPatterns(data);
      const full = new PatternPricer(core, data, S), part = new PatternPricer(core, data, S);
      try {
        const rand = lcg(seed * 13);
        let r = Float64Array.from(randomVector(n, seed + 9, 0.2));
        for (let call = 0; call < 6; call++) {
          const threshold = [0, 0.05, 0.2][call % 3], keep = [1, 5, 40][call % 3];
          const a = full.price(r, 0, Infinity); // every pattern projected (threshold 0, no K: its cache never applies)
          const b = part.price(r, threshold, keep);
          expect(b.max).toBeCloseTo(a.max, 12);
          for (let i = 0; i < S.count; i++) expect(b.sigma[i]).toBeGreaterThanOrEqual(a.sigma[i] * (1 - 1e-12) - 1e-15);
          // the top K above the threshold are the exact values, and they are the K largest
          const exactTop = Array.from(a.sigma).map((v, i) => [v, i]).filter(([v]) => v > threshold).sort((p, q) => q[0] - p[0]).slice(0, keep);
          for (const [v, i] of exactTop) expect(Math.abs(b.sigma[i] - v)).toBeLessThanOrEqual(1e-12 * v + 1e-15);
          if (exactTop.length === keep) expect(b.kth).toBeCloseTo(exactTop[keep - 1][0], 12);
          // a nearby dual point next (the Lipschitz cache), or a far one
          r = r.map((v) => v + (call % 2 ? 1e-4 : 0.1) * (rand() - 0.5));
        }
      } finally {
        full.dispose();
        part.dispose();
      }
    }
  });
});

describe("certificates stay valid over many random trainings", () => {
  it("two moons with a bias, squared and logistic: the certified bound is below the loss of every trained network", async () => {
    const m0 = await moonsData({ n: 24, seed: 2 });
    const X = Array.from({ length: 24 }, (_, k) => [m0.X[2 * k], m0.X[2 * k + 1]]);
    const y = Array.from(m0.y);
    const data = toData(X, y, true);
    for (const loss of ["squared", "logistic"] as const) {
      const lambda = 2e-3;
      const g = await globalOptimum(data, lambda, { loss });
      expect(g.converged).toBe(true);
      let runs = 0;
      for (const m of [2, 5, 20, 80]) {
        for (const alpha of [0.1, 1]) {
          for (const seed of [1, 2, 3]) {
            const r = await train({ X, y, lambda, bias: true }, { loss, m, alpha, seed, lr: 0.05, maxEpochs: 2000 });
            expect(r.loss).toBeGreaterThanOrEqual(g.lowerBound);
            runs++;
          }
        }
      }
      expect(runs).toBe(24);
    }
  });
});
