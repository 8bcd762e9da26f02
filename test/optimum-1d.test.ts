// Closed-form 1-D optima (src/api/optimum-1d.ts) against a brute-force search, long GD training, and
// the distance to the optimal set against enumeration and random points of the set.
import { describe, expect, it } from "vitest";
import { optimum1d, optimalSetDimension, sidesOf, f1d } from "../src/api/optimum-1d.js";
import { distanceToOptimum1d } from "../src/api/optimum-1d-distance.js";
import { toData, type Data } from "../src/api/data.js";
import { Trainer } from "../src/api/train.js";
import { getCore } from "../src/core/loader.js";
import { Rng } from "../src/core/rng.js";
import type { Network } from "../src/api/network.js";

async function randomData(n: number, seed: number, shift = 0): Promise<Data> {
  const rng = new Rng(await getCore(), seed);
  const x = rng.normal(n), e = rng.normal(n);
  rng.dispose();
  const X = Array.from(x, (v) => [v]);
  const y = Array.from(x, (v, k) => Math.sin(2 * v) + 0.3 * e[k] + shift);
  return toData(X, y);
}

/** L(A, B) of the reduced problem: data loss + 2λ(|A| + |B|). */
function reducedLoss(data: Data, lambda: number, kappa: number, A: number, B: number): number {
  let s = 0;
  for (let k = 0; k < data.n; k++) s += (f1d(A, B, kappa, data.X[k]) - data.y[k]) ** 2;
  return s / data.n + 2 * lambda * (Math.abs(A) + Math.abs(B));
}

/** Brute force: a coarse grid then golden-section refinement on each (convex) side separately. */
function bruteForce(data: Data, lambda: number, kappa: number): { A: number; B: number } {
  const best = (fn: (v: number) => number) => {
    let bv = 0, bl = Infinity;
    for (let v = -50 * kappa; v <= 50 * kappa; v += kappa / 100) if (fn(v) < bl) (bl = fn(v), (bv = v));
    let lo = bv - kappa / 100, hi = bv + kappa / 100;
    for (let i = 0; i < 200; i++) {
      const m1 = lo + (hi - lo) / 3, m2 = hi - (hi - lo) / 3;
      if (fn(m1) < fn(m2)) hi = m2;
      else lo = m1;
    }
    return (lo + hi) / 2;
  };
  const A = best((v) => reducedLoss(data, lambda, kappa, v, 0));
  const B = best((v) => reducedLoss(data, lambda, kappa, 0, v));
  return { A, B };
}

describe("optimum1d closed form", () => {
  for (const [lambda, kappa] of [[0, 1], [0, 3], [0.01, 1], [0.05, 2.5], [0.02, 0.4]] as const) {
    it(`matches brute force (λ = ${lambda}, κ = ${kappa})`, async () => {
      for (let seed = 1; seed <= 4; seed++) {
        const data = await randomData(15, seed);
        const opt = optimum1d(data, lambda, kappa);
        const bf = bruteForce(data, lambda, kappa);
        expect(opt.A).toBeCloseTo(bf.A, 6);
        expect(opt.B).toBeCloseTo(bf.B, 6);
        expect(opt.loss).toBeCloseTo(reducedLoss(data, lambda, kappa, bf.A, bf.B), 10);
        expect(opt.loss).toBeLessThanOrEqual(reducedLoss(data, lambda, kappa, bf.A, bf.B) + 1e-12);
      }
    });
  }

  it("collapses exactly when |Σ x·y| ≤ nλκ on both sides", async () => {
    const data = await randomData(12, 7);
    const opt0 = optimum1d(data, 0, 2);
    const lamC = Math.max(Math.abs(opt0.pos.sxy), Math.abs(opt0.neg.sxy)) / (data.n * 2);
    const below = optimum1d(data, lamC * 0.99, 2), above = optimum1d(data, lamC * 1.01, 2);
    expect(below.collapsed).toBe(false);
    expect(above.collapsed).toBe(true);
    expect(above.A).toBe(0);
    expect(above.B).toBe(0);
    expect(optimalSetDimension(above, 10)).toBe(0);
    // brute force agrees that zero is optimal above the threshold
    const bf = bruteForce(data, lamC * 1.01, 2);
    expect(Math.abs(bf.A) + Math.abs(bf.B)).toBeLessThan(1e-6);
  });

  it("dimension and description of the optimal set", async () => {
    const data = await randomData(20, 3);
    const o = optimum1d(data, 0.001, 1);
    expect(o.minWidth).toBe(2);
    expect(optimalSetDimension(o, 7)).toBe(5);
    expect(optimalSetDimension(optimum1d(data, 0, 1), 7)).toBe(12);
    const pos = toData([[1], [2]], [1, 3]);
    const o2 = optimum1d(pos, 0, 1);
    expect(o2.neg.free).toBe(true);
    expect(optimalSetDimension(o2, 3)).toBe(5);
    expect(o.description).toMatch(/balanced/);
    expect(() => optimum1d(toData([[1, 2]], [1]), 0)).toThrow(/d = 1/);
  });
});

async function gdTo(data: Data, lambda: number, kappa: number, init: Network, epochs: number): Promise<Network> {
  const X = Array.from(data.X, (v) => [v]);
  const t = await Trainer.create({ X, y: Array.from(data.y), lambda, init }, { kappa, lr: 0.05, lrSchedule: "halve-on-rise", maxEpochs: epochs, gradTol: 1e-26 });
  t.advance(epochs);
  const p = t.params();
  t.dispose();
  return p;
}

async function randomNet(m: number, sd: number, seed: number): Promise<Network> {
  const rng = new Rng(await getCore(), seed);
  const w = rng.normal(m, sd), a = rng.normal(m, sd);
  rng.dispose();
  return { W: Array.from(w, (v) => [v]), a: Array.from(a) };
}

describe("optimum1d against long gradient descent", () => {
  for (const [lambda, kappa] of [[0, 1], [0.01, 1], [0.02, 2], [0.5, 1]] as const) {
    it(`GD from a wide init reaches the closed form (λ = ${lambda}, κ = ${kappa})`, async () => {
      const data = await randomData(12, 11);
      const opt = optimum1d(data, lambda, kappa);
      const net = await gdTo(data, lambda, kappa, await randomNet(30, 0.7, 5), 60_000);
      const { A, B } = sidesOf(net);
      expect(A).toBeCloseTo(opt.A, 4);
      expect(B).toBeCloseTo(opt.B, 4);
      if (lambda > 0) {
        let ns = 0;
        for (let j = 0; j < 30; j++) ns += net.W[j][0] ** 2 + net.a[j] ** 2;
        expect(ns).toBeCloseTo(opt.normSq, 4);
        // balanced: |aⱼ| = |wⱼ| for every neuron that is not ~zero
        for (let j = 0; j < 30; j++) expect(Math.abs(Math.abs(net.a[j]) - Math.abs(net.W[j][0]))).toBeLessThan(1e-3);
      }
      if (lambda === 0.5) expect(opt.collapsed).toBe(true);
    });
  }
});

describe("distance from an initialization to the optimal set", () => {
  it("λ > 0: enumeration result is a point of the set, no farther than random points of the set", async () => {
    const data = await randomData(15, 2);
    for (const kappa of [1, 3]) {
      const opt = optimum1d(data, 0.01, kappa);
      const init = await randomNet(6, 0.8, 9);
      const d = distanceToOptimum1d(opt, init);
      expect(d.exact).toBe(true);
      const { A, B } = sidesOf(d.nearest);
      expect(A).toBeCloseTo(opt.A, 10);
      expect(B).toBeCloseTo(opt.B, 10);
      let dd = 0;
      for (let j = 0; j < 6; j++) dd += (d.nearest.W[j][0] - init.W[j][0]) ** 2 + (d.nearest.a[j] - init.a[j]) ** 2;
      expect(Math.sqrt(dd)).toBeCloseTo(d.distance, 10);
      // random members of the set: random side assignment and random directions on the spheres
      const rng = new Rng(await getCore(), 4);
      for (let trial = 0; trial < 2000; trial++) {
        const u = rng.uniform(6), r = rng.uniform(6);
        const side = Array.from(u, (v) => (v < 0.5 ? 1 : -1));
        const sp = side.reduce((s, v, j) => s + (v > 0 ? r[j] ** 2 : 0), 0), sn = side.reduce((s, v, j) => s + (v < 0 ? r[j] ** 2 : 0), 0);
        if (sp === 0 || sn === 0) continue;
        let dist2 = 0;
        for (let j = 0; j < 6; j++) {
          const t = side[j] > 0 ? r[j] * Math.sqrt(Math.abs(opt.A) / sp) : r[j] * Math.sqrt(Math.abs(opt.B) / sn);
          const w = side[j] * t, a = (side[j] > 0 ? Math.sign(opt.A) : Math.sign(opt.B)) * t;
          dist2 += (w - init.W[j][0]) ** 2 + (a - init.a[j]) ** 2;
        }
        expect(Math.sqrt(dist2)).toBeGreaterThanOrEqual(d.distance - 1e-12);
      }
      rng.dispose();
    }
  });

  it("λ > 0: the threshold assignment on a wide init is within its relaxation bound", async () => {
    const data = await randomData(15, 2, 0.8); // shifted targets: both slopes positive, so neurons must choose
    const opt = optimum1d(data, 0.01, 1);
    const init = await randomNet(400, 0.5, 3);
    const d = distanceToOptimum1d(opt, init);
    expect(d.lowerBound).toBeLessThanOrEqual(d.distance + 1e-12);
    expect(d.distance - d.lowerBound).toBeLessThan(1e-3 * d.distance);
    // the distance is no more than to the nearest point with all neurons on their init side
    expect(d.distance).toBeLessThanOrEqual(Math.hypot(d.initNorm, Math.sqrt(opt.normSq)) + 1e-9);
  });

  it("λ > 0: threshold assignment equals enumeration on small widths with many undecided neurons", async () => {
    const data = await randomData(15, 2, 0.8);
    for (const seed of [1, 2, 3, 4, 5]) {
      const opt = optimum1d(data, 0.003, 1.5);
      expect(Math.sign(opt.A)).toBe(Math.sign(opt.B));
      const init = await randomNet(12, 0.6, seed);
      init.a = init.a.map((v) => Math.abs(v) * Math.sign(opt.A)); // σ·a > 0: many neurons could go either way
      const full = distanceToOptimum1d(opt, init, { enumerateUpTo: 16 });
      const thr = distanceToOptimum1d(opt, init, { enumerateUpTo: 0 });
      expect(full.exact).toBe(true);
      expect(thr.lowerBound).toBeLessThanOrEqual(full.distance + 1e-12);
      expect(thr.distance).toBeCloseTo(full.distance, 10);
    }
  });

  it("λ = 0: quadric projection gives a point of the set, no farther than GD's endpoint", async () => {
    const data = await randomData(15, 6);
    const opt = optimum1d(data, 0, 1);
    const init = await randomNet(10, 1, 2);
    const d = distanceToOptimum1d(opt, init);
    const { A, B } = sidesOf(d.nearest);
    expect(A).toBeCloseTo(opt.A, 8);
    expect(B).toBeCloseTo(opt.B, 8);
    const net = await gdTo(data, 0, 1, init, 40_000);
    let dd = 0;
    for (let j = 0; j < 10; j++) dd += (net.W[j][0] - init.W[j][0]) ** 2 + (net.a[j] - init.a[j]) ** 2;
    expect(d.distance).toBeLessThanOrEqual(Math.sqrt(dd) + 1e-6);
  });
});
