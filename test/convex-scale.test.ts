// A certificate must never be wrong: lower bounds at every data scale (rows of 1e20 next to rows of 1,
// uniform rescaling by 10^k for k in −30…30), the verified pricing against an independent projection,
// refusal of data and networks whose products overflow, and no NaN anywhere.
import { describe, expect, it } from "vitest";
import { toData, type Data } from "../src/api/data.js";
import { train } from "../src/api/train.js";
import { optimum1d } from "../src/api/optimum-1d.js";
import { globalOptimum, certify, allSignedPatterns, certifiedBound } from "../src/convex/index.js";
import { networkLoss } from "../src/convex/optimum.js";
import { PatternPricer } from "../src/convex/program.js";
import { getCore } from "../src/core/loader.js";
import { dualConstraintExact } from "./reference/cone-reference.js";
import * as ref from "./reference/train-reference.js";
import { randomMatrix, randomVector, lcg } from "./helpers.js";
import { runCli } from "./cli-run.js";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const rowsOf = (data: Data) => Array.from({ length: data.n }, (_, k) => Array.from(data.X.subarray(k * data.d, (k + 1) * data.d)));

/** The network on X = [[s, 2], [3, −s], [1, 1]], y = [1, 2, 3], λ = 0.01: L ≈ 0.0597 for every large s. */
function knownNetwork(s: number): { W: number[][]; a: number[] } {
  // u₁ on pattern {1, 3} fits rows 1 and 3, u₂ on pattern {2} fits row 2; wᵢ = uᵢ/√‖uᵢ‖, aᵢ = √‖uᵢ‖
  const us = [[(1 - 2 * 2.97) / s, 2.97], [0, -2 / s]];
  const W: number[][] = [], a: number[] = [];
  for (const u of us) {
    const nu = Math.hypot(...u);
    W.push(u.map((v) => v / Math.sqrt(nu)));
    a.push(Math.sqrt(nu));
  }
  return { W, a };
}

describe("rows of very different norms: the bound is a true bound", () => {
  for (const s of [1e8, 1e20, 1e50, 1e200]) {
    it(`X = [[${s}, 2], [3, −${s}], [1, 1]]: a network with L ≈ 0.0597 exists, and no lower bound exceeds it`, async () => {
      const data = toData([[s, 2], [3, -s], [1, 1]], [1, 2, 3]);
      const net = knownNetwork(s);
      const L = await networkLoss(net, data, 0.01);
      expect(L).toBeGreaterThan(0.0596);
      expect(L).toBeLessThan(0.0598);
      const g = await globalOptimum(data, 0.01);
      expect(Number.isFinite(g.value) && Number.isFinite(g.lowerBound)).toBe(true);
      expect(g.lowerBound).toBeLessThanOrEqual(L);
      // converged means certified: then the value is within the tolerance of the best network
      if (g.converged) expect(g.value).toBeLessThanOrEqual(L * (1 + 1e-9));
      else expect(g.message).toMatch(/relative gap/);
      const c = await certify(data, 0.01, net);
      expect(c.lowerBound).toBeLessThanOrEqual(L);
      expect(c.residualBound).toBeLessThanOrEqual(L);
      expect(c.verdict === "global").toBe(c.relativeGap <= 1e-6);
    });
  }
});

describe("uniform rescaling by 10^k, k in −30…30: the optimum scales exactly, the bound stays below every trained network", () => {
  // P(sX, ty, λst) = t²·P(X, y, λ); a network (W, a) maps to (W, a)·√(t/s) with L multiplied by t²
  it("random problems, several scales of X and y", async () => {
    const cases: [number, number, number][] = [[6, 2, 1], [7, 3, 2], [5, 3, 3]];
    for (const [n, d, seed] of cases) {
      const X = randomMatrix(n, d, seed), y = randomVector(n, seed + 100);
      const lambda = 0.02;
      const base = await globalOptimum(toData(X, y), lambda);
      expect(base.converged).toBe(true);
      const trained = [];
      for (const [m, tseed] of [[3, 1], [8, 2], [20, 3]]) trained.push(await train({ X, y, lambda }, { m, seed: tseed, lr: 0.02, maxEpochs: 3000 }));
      const rand = lcg(seed * 31);
      for (const k of [-30, -17, -8, -3, 0, 5, 12, 21, 30]) {
        const j = Math.round(-10 + 20 * rand()); // the scale of y, independent of X's
        const s = 10 ** k, t = 10 ** j;
        const data = toData(X.map((r) => r.map((v) => v * s)), y.map((v) => v * t));
        const lam = lambda * s * t;
        const g = await globalOptimum(data, lam);
        expect(g.converged).toBe(true);
        expect(Math.abs(g.value / (t * t) - base.value) / base.value).toBeLessThan(1e-8);
        expect(g.lowerBound).toBeLessThanOrEqual(g.value);
        for (const r of trained) {
          const c = Math.sqrt(t / s);
          const net = { W: r.W.map((w) => w.map((v) => v * c)), a: r.a.map((v) => v * c) };
          const L = await networkLoss(net, data, lam);
          expect(Math.abs(L / (t * t) - r.loss) / r.loss).toBeLessThan(1e-9);
          expect(L).toBeGreaterThanOrEqual(g.lowerBound);
        }
      }
    }
  });
});

describe("verified pricing", () => {
  it("every σ̄ᵢ(r) is at least the independent projection's value, and within 1e-9 of it; no pattern is left out", async () => {
    const core = await getCore();
    for (const [n, d, seed, scale] of [[7, 3, 4, 1], [8, 2, 5, 1e-150], [6, 4, 6, 1e150]] as const) {
      const X = randomMatrix(n, d, seed, scale);
      const data = toData(X, randomVector(n, seed + 1));
      const S = await allSignedPatterns(data);
      const pricer = new PatternPricer(core, data, S);
      try {
        const r = Float64Array.from(randomVector(n, seed + 2, 1 / scale));
        const { sigma, max } = pricer.price(r, 0);
        const rows = rowsOf(data).map((x) => x.map((v) => v / scale)); // the reference in unit scale
        const rs = Array.from(r, (v) => v * scale);
        let refMax = 0;
        for (let i = 0; i < S.count; i++) {
          const bits = Array.from(S.bits.subarray(i * n, (i + 1) * n));
          const want = dualConstraintExact(rows, bits, S.signs[i], rs);
          // the oracle's own rounding is relative to ‖vᵢ‖ (σ ≈ 0 when vᵢ lies in the polar cone)
          const v = new Array<number>(d).fill(0);
          rows.forEach((x, k) => { if (bits[k]) for (let j = 0; j < d; j++) v[j] += rs[k] * x[j]; });
          const slack = 1e-12 * Math.hypot(...v);
          refMax = Math.max(refMax, want);
          expect(sigma[i]).toBeGreaterThanOrEqual(want - slack);
          expect(sigma[i]).toBeLessThanOrEqual(want * (1 + 1e-9) + slack);
        }
        expect(max).toBeGreaterThanOrEqual(refMax * (1 - 1e-12));
      } finally {
        pricer.dispose();
      }
    }
  });

  it("certifiedBound of any dual point is below the optimum (squared loss), also for points far from feasible", async () => {
    const data = toData(randomMatrix(8, 3, 9), randomVector(8, 10));
    const g = await globalOptimum(data, 0.01);
    for (let s = 0; s < 6; s++) {
      const r = randomVector(8, 20 + s, 10 ** (s - 3));
      const b = await certifiedBound(data, 0.01, r);
      expect(b.bound).toBeLessThanOrEqual(g.value * (1 + 1e-12));
      expect(Number.isFinite(b.bound)).toBe(true);
    }
    // the optimum's own dual point certifies it
    const own = await certifiedBound(data, 0.01, g.dual);
    expect((g.value - own.bound) / g.value).toBeLessThan(1e-9);
  });
});

describe("overflow: refused up front, naming the field; never NaN", () => {
  it("rows whose norm overflows, networks whose outputs overflow, 1-D sums that overflow", async () => {
    await expect(globalOptimum(toData([[1.5e308, 1.5e308], [1, 2]], [1, 2]), 0.01)).rejects.toThrow(/X\[0\]/);
    await expect(globalOptimum(toData([[1e308, 2], [3, -1e308], [1, 1]], [1, 2, 3]), 0.01)).rejects.toThrow(/X/);
    const data = toData([[1, 2], [3, -1], [1, 1]], [1, 2, 3]);
    await expect(certify(data, 0.01, { W: [[1e200, 1]], a: [1e200] })).rejects.toThrow(/network\.W\[0\]/);
    await expect(certify(data, 0.01, { W: [[1e160, 1]], a: [1e160] })).rejects.toThrow(/network/);
    expect(() => optimum1d(toData([[1e308], [2], [-1]], [1, 2, 3]), 0.01)).toThrow(/X/);
    // near the largest scales that are not refused: solved, every number finite, the optimum scaled exactly
    const X = randomMatrix(6, 2, 11), y = randomVector(6, 12);
    const base = await globalOptimum(toData(X, y), 0.01);
    const big = await globalOptimum(toData(X.map((r) => r.map((v) => v * 1e300)), y.map((v) => v * 1e5)), 0.01 * 1e305);
    expect(big.converged).toBe(true);
    expect(Math.abs(big.value / 1e10 - base.value) / base.value).toBeLessThan(1e-8);
    // λ that the data's scale makes vanish is refused, naming lambda
    await expect(globalOptimum(toData([[1e300, 2], [3, -1e300], [1, 1]], [1e140, 2e140, 3e140]), 0.01)).rejects.toThrow(/lambda/);
  });

  it("CLI: optimum exits 1 when the gap is not certified, 0 when it is; overflow exits 2 naming the field", async () => {
    const dir = mkdtempSync(join(tmpdir(), "relu-scale-"));
    const p = join(dir, "p.json"), q = join(dir, "q.json"), o = join(dir, "o.json");
    writeFileSync(p, JSON.stringify({ X: [[1, 2], [3, -1], [1, 1], [0.5, 0.2]], y: [1, 2, 3, -1], lambda: 0.01 }));
    const ok = runCli(["optimum", "--problem", p, "--out", o, "--quiet"]);
    expect(ok.code).toBe(0);
    const short = runCli(["optimum", "--problem", p, "--max-iterations", "3", "--quiet"]);
    expect(short.code).toBe(1);
    expect(short.stderr).toMatch(/not converged/);
    writeFileSync(q, JSON.stringify({ X: [[1.5e308, 1.5e308], [1, 2]], y: [1, 2], lambda: 0.01 }));
    const bad = runCli(["optimum", "--problem", q]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/error: X\[0\]/);
  });
});

describe("the reference agrees with the rescaled network map", () => {
  it("L(√(t/s)·θ; sX, ty, λst) = t²·L(θ; X, y, λ) by the plain reference", () => {
    const X = randomMatrix(5, 2, 3), y = randomVector(5, 4);
    const net = { W: randomMatrix(3, 2, 5), a: randomVector(3, 6) };
    const s = 1e7, t = 1e-4, c = Math.sqrt(t / s);
    const L0 = ref.loss({ X, y, lambda: 0.03 }, net);
    const L1 = ref.loss({ X: X.map((r) => r.map((v) => v * s)), y: y.map((v) => v * t), lambda: 0.03 * s * t }, { W: net.W.map((w) => w.map((v) => v * c)), a: net.a.map((v) => v * c) });
    expect(Math.abs(L1 / (t * t) - L0) / L0).toBeLessThan(1e-12);
  });
});

describe("d much larger than n: the program lives in the row space", () => {
  it("n = 4, d = 1000 and 20000 solve in the row space; the optimum equals that of an n×n matrix with the same Gram matrix", async () => {
    for (const d of [1000, 20000]) {
      const X = randomMatrix(4, d, 31), y = randomVector(4, 32);
      const g = await globalOptimum(toData(X, y), 0.01);
      expect(g.converged).toBe(true);
      expect(g.network.W.every((w) => w.length === d)).toBe(true);
      // the program depends on X only through XXᵀ (rotate the columns): L = chol(XXᵀ), 4×4
      const G = X.map((a) => X.map((b) => a.reduce((s, v, j) => s + v * b[j], 0)));
      const L = G.map(() => new Array<number>(4).fill(0));
      for (let i = 0; i < 4; i++) {
        for (let j = 0; j <= i; j++) {
          let s = G[i][j];
          for (let k = 0; k < j; k++) s -= L[i][k] * L[j][k];
          L[i][j] = i === j ? Math.sqrt(s) : s / L[j][j];
        }
      }
      const small = await globalOptimum(toData(L, y), 0.01);
      expect(Math.abs(g.value - small.value) / small.value).toBeLessThan(1e-8);
      expect(g.lowerBound).toBeLessThanOrEqual(small.value * (1 + 1e-9));
    }
  });

  it("a solve that cannot fit in the core's memory is refused in one line naming n and d", async () => {
    const n = 20000;
    const X = Array.from({ length: n }, (_, k) => [k % 2 ? 1 + k / n : -1 - k / n]);
    await expect(globalOptimum(toData(X, X.map((x) => x[0])), 0.01)).rejects.toThrow(/n=20000, d=1/);
  });
});

describe("dataScale on many rows", () => {
  it("row scales over 200,000 rows (no argument spread beyond the engine's limit)", async () => {
    const { dataScale } = await import("../src/convex/scale.js");
    const { resolveSettings } = await import("../src/convex/settings.js");
    const n = 200_000, X = new Float64Array(n).fill(1);
    X[0] = 2 ** 40; // rows spanning more than 2^20: row scales
    const sc = dataScale({ X, y: new Float64Array(n).fill(1), n, d: 1 }, resolveSettings(0.01));
    expect(sc.rowScale).toBeDefined();
    expect(sc.rowNorm).toBe(2 ** 40);
  });
});

describe("safeNorm", () => {
  it("neither overflows nor underflows, subnormal entries included", async () => {
    const { safeNorm } = await import("../src/convex/scale.js");
    expect(safeNorm([3e300, 4e300])).toBeCloseTo(5e300, -290);
    expect(safeNorm([3e-200, 4e-200]) / 5e-200).toBeCloseTo(1, 14);
    expect(safeNorm([1e-310, 0])).toBe(1e-310);
    expect(safeNorm([5e-324, 0])).toBe(5e-324);
    expect(safeNorm([0, 0])).toBe(0);
  });
});
