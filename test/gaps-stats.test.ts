// The permutation test of "the maximum gap is smaller at the larger width", and quantiles.
import { describe, expect, it } from "vitest";
import { getCore, Rng } from "../src/internals.js";
import { maxPermutationTest } from "../src/experiments/gaps/permutation.js";
import { quantile } from "../src/experiments/shared/stats.js";

describe("max permutation test", () => {
  it("gives uniform p-values on identical samples (fixed seed; Kolmogorov–Smirnov distance < 0.1)", async () => {
    const core = await getCore();
    const data = new Rng(core, 123), perm = new Rng(core, 456);
    const reps = 300, ps: number[] = [], cons: number[] = [];
    for (let r = 0; r < reps; r++) {
      // both samples from the same distribution, sizes as in a sweep (K = 5 → 10 pairs)
      const v = data.normal(20);
      const t = maxPermutationTest(v.subarray(0, 10), v.subarray(10), perm, 199);
      ps.push(t.pValue);
      cons.push(t.pValueConservative);
    }
    data.dispose();
    perm.dispose();
    ps.sort((a, b) => a - b);
    let ks = 0;
    ps.forEach((p, i) => (ks = Math.max(ks, Math.abs(p - i / reps), Math.abs(p - (i + 1) / reps))));
    // 1 % critical value for n = 300 is 0.094; p-values are on a grid of 1/200
    expect(ks).toBeLessThan(0.1);
    const mean = ps.reduce((s, p) => s + p, 0) / reps;
    expect(Math.abs(mean - 0.5)).toBeLessThan(0.05);
    expect(ps.filter((p) => p <= 0.05).length / reps).toBeLessThan(0.1);
    // the conservative p-value never rejects more often than its level
    for (const a of [0.05, 0.1, 0.25, 0.5]) expect(cons.filter((p) => p <= a).length / reps).toBeLessThan(a + 0.04);
  });

  it("detects a smaller maximum in the second sample, and not the reverse", async () => {
    const rng = new Rng(await getCore(), 7);
    const x = Array.from({ length: 15 }, (_, i) => 1 + i / 15), y = x.map((v) => v / 10);
    const down = maxPermutationTest(x, y, rng, 999);
    expect(down.statistic).toBeCloseTo(2 - 1 / 15 - (1 - 1 / 15) / 10 - 0.1, 12);
    expect(down.pValue).toBeLessThan(0.01);
    expect(maxPermutationTest(y, x, rng, 999).pValue).toBeGreaterThan(0.5);
    // ties (identical samples of zeros) give p = 1, not a false discovery
    expect(maxPermutationTest([0, 0, 0], [0, 0, 0], rng, 99).pValueConservative).toBe(1);
    for (let k = 0; k < 20; k++) {
      const t = maxPermutationTest([0.5, 0.1, 0.7], [0.2, 0.9, 0.3], rng, 99);
      expect(t.pValue).toBeLessThanOrEqual(t.pValueConservative);
    }
    rng.dispose();
  });

  it("is reproducible from its seed", async () => {
    const core = await getCore();
    const x = [0.3, 0.9, 0.2, 0.5], y = [0.1, 0.4, 0.35];
    const a = maxPermutationTest(x, y, new Rng(core, 5), 500).pValue, b = maxPermutationTest(x, y, new Rng(core, 5), 500).pValue;
    expect(a).toBe(b);
  });
});

describe("quantile", () => {
  it("interpolates like numpy's default", () => {
    expect(quantile([3, 1, 2, 4], 0.5)).toBe(2.5);
    expect(quantile([3, 1, 2, 4], 0.25)).toBe(1.75);
    expect(quantile([5], 0.9)).toBe(5);
    expect(quantile([1, 2, 3, 4, 5], 1)).toBe(5);
  });
});
