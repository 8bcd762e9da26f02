// The convex reformulation's solver against the independent cvxopt fixtures, closed forms (λ_max, d = 1),
// an independent certificate check (Dykstra projections), KKT, training runs, and cones.
import { describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import { toData, type Data } from "../src/api/data.js";
import { train, evaluateNetwork } from "../src/api/train.js";
import { globalOptimum, coneOptimum, lambdaMax, certify, networkSignedPatterns, type ConvexOptimum } from "../src/convex/index.js";
import { stationarity } from "../src/convex/certify.js";
import { enumeratePatterns } from "../src/api/patterns.js";
import { teacherData } from "../src/data/teacher.js";
import * as ref from "./reference/train-reference.js";
import { dualConstraint, dualValue } from "./reference/cone-reference.js";
import { FIXTURES, randomMatrix, randomVector } from "./helpers.js";

const fixture = (name: string) => JSON.parse(readFileSync(`${FIXTURES}/${name}`, "utf8"));
const rowsOf = (data: Data) => Array.from({ length: data.n }, (_, k) => Array.from(data.X.subarray(k * data.d, (k + 1) * data.d)));

function randomData(n: number, d: number, seed: number): Data {
  return toData(randomMatrix(n, d, seed), randomVector(n, seed + 1));
}

/** Every signed pattern's dual constraint at r, by the reference (independent of the package's NNLS). */
async function maxDualConstraint(data: Data, r: number[]): Promise<number> {
  const set = await enumeratePatterns(data);
  const X = rowsOf(data);
  let max = 0;
  for (let c = 0; c < set.count; c++) {
    const bits = Array.from(set.patterns.subarray(c * data.n, (c + 1) * data.n));
    for (const s of [1, -1]) max = Math.max(max, dualConstraint(X, bits, s, r));
  }
  return max;
}

describe("global optimum: fixtures of an independent cvxopt implementation", () => {
  for (const name of ["ex4_small2d", "ex3_bias1d"]) {
    it(`${name}: the optimum, its network and the certified gap`, async () => {
      const p = fixture(`${name}.problem.json`);
      const fx = fixture(`${name}.convex.json`);
      const data = toData(p.X, p.y);
      const g = await globalOptimum(data, p.lambda);
      expect(g.converged).toBe(true);
      expect(g.relativeGap).toBeLessThanOrEqual(1e-9);
      expect(Math.abs(g.value - fx.optimum) / fx.optimum).toBeLessThan(1e-8);
      // our certified lower bound is below their optimum, their bound below our value
      expect(g.lowerBound).toBeLessThanOrEqual(fx.optimum * (1 + 1e-12));
      expect(fx.dual_value).toBeLessThanOrEqual(g.value * (1 + 1e-9));
      expect(g.patterns).toBe(2 * (fx.num_nonzero_patterns as number));
      expect(g.neurons).toBeLessThanOrEqual(data.n + 1);
      // the rebuilt network's L, by the plain reference, equals the value
      const L = ref.loss({ X: p.X, y: p.y, lambda: p.lambda }, g.network);
      expect(Math.abs(L - g.value) / g.value).toBeLessThan(1e-13);
    });
  }
});

describe("primal and dual meet; KKT", () => {
  it("the dual point is feasible (independent projections) and its value is the lower bound", async () => {
    for (const [n, d, seed, lambda] of [[8, 2, 1, 0.03], [7, 3, 2, 0.01], [6, 4, 3, 0.05]]) {
      const data = randomData(n, d, seed);
      const g = await globalOptimum(data, lambda);
      expect(g.converged).toBe(true);
      expect(Math.abs(dualValue(g.dual, Array.from(data.y)) - g.lowerBound)).toBeLessThan(1e-13 * Math.abs(g.value) + 1e-15);
      expect(await maxDualConstraint(data, g.dual)).toBeLessThanOrEqual(2 * lambda * (1 + 1e-7));
      expect(g.lowerBound).toBeLessThanOrEqual(g.value);
      expect(g.value - g.lowerBound).toBeLessThanOrEqual(1e-9 * g.value);
    }
  });

  it("KKT at the optimum: r = (2/n)(y − f), every neuron balanced (|aⱼ| = ‖wⱼ‖) and tight in the dual; L stationary", async () => {
    const data = randomData(9, 3, 11);
    const lambda = 0.02;
    const g = await globalOptimum(data, lambda);
    const X = rowsOf(data);
    const f = X.map((x) => ref.predict(g.network, x));
    const r = f.map((v, k) => (2 / data.n) * (data.y[k] - v));
    for (let k = 0; k < data.n; k++) expect(Math.abs(r[k] - g.dual[k])).toBeLessThan(1e-5 * Math.max(...r.map(Math.abs)));
    g.network.W.forEach((w, j) => {
      expect(Math.abs(Math.hypot(...w) - Math.abs(g.network.a[j]))).toBeLessThan(1e-12 * Math.abs(g.network.a[j]));
      const bits = X.map((x) => (x.reduce((s, v, i) => s + v * w[i], 0) > 0 ? 1 : 0));
      // each neuron's pattern is active in the dual: σ(r) = 2λ
      expect(Math.abs(dualConstraint(X, bits, Math.sign(g.network.a[j]), r) / (2 * lambda) - 1)).toBeLessThan(1e-5);
    });
    expect(stationarity(g.network, data, lambda, 1e-7).norm).toBeLessThan(1e-6);
  });
});

describe("closed forms", () => {
  it("λ ≥ λ_max gives the zero network, λ just below does not", async () => {
    const data = randomData(7, 3, 5);
    const lmax = await lambdaMax(data);
    // λ_max independently: max over signed patterns of the dual constraint at r = (2/n)y, halved
    expect(Math.abs((await maxDualConstraint(data, Array.from(data.y, (v) => (2 / data.n) * v))) / 2 - lmax) / lmax).toBeLessThan(1e-7);
    const yy = data.y.reduce((s, v) => s + v * v, 0) / data.n;
    const above = await globalOptimum(data, lmax * 1.001);
    expect(above.neurons).toBe(0);
    expect(above.value).toBe(yy);
    expect(above.gap).toBeLessThanOrEqual(1e-12 * yy);
    const below = await globalOptimum(data, lmax * 0.99);
    expect(below.converged).toBe(true);
    expect(below.neurons).toBeGreaterThan(0);
    expect(below.value).toBeLessThan(yy * (1 - 1e-6));
  });

  it("d = 1 matches the closed form (two independent scalar lasso problems)", async () => {
    for (const seed of [1, 2, 3]) {
      const x = randomVector(10, seed), y = randomVector(10, seed + 7);
      const data = toData(x.map((v) => [v]), y);
      for (const lambda of [0.005, 0.05, 0.2]) {
        const n = x.length;
        let value = 0;
        for (const side of [1, -1]) {
          const h = x.map((v) => Math.max(0, side * v));
          const hh = h.reduce((s, v) => s + v * v, 0), hy = h.reduce((s, v, k) => s + v * y[k], 0);
          const c = hh > 0 ? Math.sign(hy) * Math.max(0, Math.abs(hy) - n * lambda) / hh : 0;
          value += (c * c * hh - 2 * c * hy) / n + 2 * lambda * Math.abs(c);
        }
        value += y.reduce((s, v) => s + v * v, 0) / n;
        const g = await globalOptimum(data, lambda);
        expect(g.converged).toBe(true);
        expect(Math.abs(g.value - value) / value).toBeLessThan(1e-9);
      }
    }
  });
});

describe("training runs never beat the optimum; wide GD reaches it", () => {
  it("optimum ≤ final loss of many runs (seeds, widths, init scales)", async () => {
    const data = await teacherData({ n: 8, d: 3, seed: 4 });
    const lambda = 0.01;
    const g = await globalOptimum(data, lambda);
    expect(g.converged).toBe(true);
    const X = rowsOf(data), y = Array.from(data.y);
    let runs = 0;
    for (const m of [1, 3, 10, 50]) {
      for (const alpha of [0.1, 1]) {
        for (const seed of [0, 1]) {
          const r = await train({ X, y, lambda }, { m, alpha, seed, lr: 0.01, maxEpochs: 5000 });
          expect(r.loss).toBeGreaterThanOrEqual(g.lowerBound);
          expect(r.loss).toBeGreaterThanOrEqual(g.value * (1 - 1e-9));
          runs++;
        }
      }
    }
    expect(runs).toBe(16);
  });

  it("wide GD from a unit-scale init (m = 200, α = 1) reaches it within 1e-4, and its own cone holds it", async () => {
    const p = fixture("ex4_small2d.problem.json");
    const data = toData(p.X, p.y);
    const g = await globalOptimum(data, p.lambda);
    const r = await train({ X: p.X, y: p.y, lambda: p.lambda }, { m: 200, alpha: 1, lr: 4e-3, maxEpochs: 200000, gradTol: 0, seed: 1 });
    expect((r.loss - g.value) / g.value).toBeLessThan(1e-4);
    expect(r.loss).toBeGreaterThan(g.lowerBound);
    const cone = await coneOptimum(data, p.lambda, r);
    expect(Math.abs(cone.value - g.value) / g.value).toBeLessThan(1e-8);
  });
});

describe("activation cones", () => {
  it("a cone containing the optimal patterns gives the global value; one missing one gives more", async () => {
    const p = fixture("ex4_small2d.problem.json");
    const data = toData(p.X, p.y);
    const g = await globalOptimum(data, p.lambda);
    const check = async (net: { W: number[][]; a: number[] }): Promise<ConvexOptimum> => {
      const c = await coneOptimum(data, p.lambda, net);
      expect(c.converged).toBe(true);
      expect(c.value).toBeGreaterThanOrEqual(g.lowerBound);
      return c;
    };
    expect(Math.abs((await check(g.network)).value - g.value) / g.value).toBeLessThan(1e-8);
    // more neurons (more patterns) than needed: still the global value
    const extra = { W: [...g.network.W, ...randomMatrix(6, 2, 3)], a: [...g.network.a, ...randomVector(6, 4)] };
    expect(networkSignedPatterns(data, extra).count).toBeGreaterThan(g.neurons);
    expect(Math.abs((await check(extra)).value - g.value) / g.value).toBeLessThan(1e-8);
    // drop the largest neuron's pattern: strictly worse
    const big = g.network.a.map(Math.abs).indexOf(Math.max(...g.network.a.map(Math.abs)));
    const missing = { W: g.network.W.filter((_, j) => j !== big), a: g.network.a.filter((_, j) => j !== big) };
    expect((await check(missing)).value).toBeGreaterThan(g.value * (1 + 1e-6)); // far beyond the solver accuracy (1e-9)
    // the cone value is the loss of a network in it (evaluateNetwork) and ≤ the input's loss
    const c = await check(missing);
    expect(Math.abs((await evaluateNetwork(c.network, data, p.lambda)).loss - c.value)).toBeLessThan(1e-15 * c.value + 1e-300);
    expect(c.value).toBeLessThanOrEqual((await evaluateNetwork(missing, data, p.lambda)).loss * (1 + 1e-12));
  });
});

describe("stopping short is said, and still certified", () => {
  it("a small λ (near interpolation) is solved to the target; an iteration budget too small is flagged", async () => {
    const data = await teacherData({ n: 10, d: 3, seed: 0 });
    const g = await globalOptimum(data, 1e-5);
    expect(g.converged).toBe(true);
    expect(g.relativeGap).toBeLessThanOrEqual(1e-9);
    expect(g.value).toBeLessThan(1e-3 * data.y.reduce((s, v) => s + v * v, 0) / data.n);
    const short = await globalOptimum(data, 1e-5, { maxIterations: 30 });
    expect(short.converged).toBe(false);
    expect(short.message).toMatch(/relative gap/);
    // still a valid bracket of the optimum
    expect(short.lowerBound).toBeLessThanOrEqual(g.value * (1 + 1e-12));
    expect(short.value).toBeGreaterThanOrEqual(g.lowerBound * (1 - 1e-12));
  });
});

describe("crossover (near interpolation: d > n, λ small)", () => {
  it("reaches the target gap with an independently feasible dual point", async () => {
    const data = await teacherData({ n: 6, d: 10, seed: 0 });
    const lambda = 1e-5;
    const g = await globalOptimum(data, lambda);
    expect(g.converged).toBe(true);
    expect(g.relativeGap).toBeLessThanOrEqual(1e-9);
    expect(await maxDualConstraint(data, g.dual)).toBeLessThanOrEqual(2 * lambda * (1 + 1e-7));
    expect(Math.abs(dualValue(g.dual, Array.from(data.y)) - g.lowerBound)).toBeLessThan(1e-12 * g.value);
    const L = ref.loss({ X: rowsOf(data), y: Array.from(data.y), lambda }, g.network);
    expect(Math.abs(L - g.value) / g.value).toBeLessThan(1e-12);
  });
});

describe("input errors", () => {
  it("λ = 0 and bad networks are refused with the field named", async () => {
    const data = randomData(5, 2, 1);
    await expect(globalOptimum(data, 0)).rejects.toThrow(/lambda/);
    await expect(coneOptimum(data, 0.1, { W: [[1, 2, 3]], a: [1] })).rejects.toThrow(/network\.W\[0\]/);
    await expect(certify(data, 0.1, { W: [[1, 2]], a: [1, 2] })).rejects.toThrow(/network\.a/);
  });
});
