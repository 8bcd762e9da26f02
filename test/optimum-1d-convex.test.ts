// The 1-D closed form against the convex reformulation's certified global optimum (src/convex/).
// With κ ≠ 1: L_κ(θ; y, λ) = (1/κ²)·L₁(θ; κy, λκ²), so the program is solved on (κy, λκ²).
import { describe, expect, it } from "vitest";
import { globalOptimum, lambdaMax } from "../src/convex/index.js";
import { optimum1d, sidesOf } from "../src/api/optimum-1d.js";
import { toData, type Data } from "../src/api/data.js";
import { getCore } from "../src/core/loader.js";
import { Rng } from "../src/core/rng.js";

async function randomData(n: number, seed: number): Promise<Data> {
  const rng = new Rng(await getCore(), seed);
  const x = rng.normal(n), e = rng.normal(n);
  rng.dispose();
  return toData(Array.from(x, (v) => [v]), Array.from(x, (v, k) => Math.sin(2 * v) + 0.3 * e[k]));
}

describe("optimum1d equals the convex program's global optimum", () => {
  for (const kappa of [1, 2.5]) {
    it(`random 1-D data, with and without collapse (κ = ${kappa})`, async () => {
      let collapsedSeen = 0, openSeen = 0;
      for (const seed of [1, 2, 3]) {
        const data = await randomData(12, seed);
        for (const lambda of [0.001, 0.01, 0.1, 0.3, 2]) {
          const opt = optimum1d(data, lambda, kappa);
          const scaled = toData(Array.from(data.X, (v) => [v]), Array.from(data.y, (v) => kappa * v));
          const cvx = await globalOptimum(scaled, lambda * kappa * kappa);
          expect(cvx.converged).toBe(true);
          const lo = cvx.lowerBound / kappa ** 2, hi = cvx.value / kappa ** 2;
          expect(opt.loss).toBeGreaterThanOrEqual(lo - 1e-12 * Math.abs(hi));
          expect(opt.loss).toBeLessThanOrEqual(hi + 1e-12 * Math.abs(hi));
          const { A, B } = sidesOf(cvx.network);
          expect(A).toBeCloseTo(opt.A, 5);
          expect(B).toBeCloseTo(opt.B, 5);
          if (opt.collapsed) (collapsedSeen++, expect(cvx.network.a.every((v) => Math.abs(v) < 1e-6)).toBe(true));
          else openSeen++;
        }
      }
      expect(collapsedSeen).toBeGreaterThan(0);
      expect(openSeen).toBeGreaterThan(0);
    });
  }

  it("the collapse threshold is λ_max = max(|Σ_{x>0} x·y|, |Σ_{x<0} |x|·y|)/(nκ)", async () => {
    const data = await randomData(15, 4);
    const o = optimum1d(data, 0, 1);
    const lm = await lambdaMax(data);
    expect(lm).toBeCloseTo(Math.max(Math.abs(o.pos.sxy), Math.abs(o.neg.sxy)) / data.n, 12);
    expect(optimum1d(data, lm * 0.999, 1).collapsed).toBe(false);
    expect(optimum1d(data, lm * 1.001, 1).collapsed).toBe(true);
  });
});
