// Where exact pricing is out of reach: globalOptimum refuses up front naming the alternative, and
// sampledOptimum gives the best network over sampled patterns, labelled "not certified" — its value an
// upper bound on the global optimum (checked where the global optimum is known), its lower bound only
// over the sampled patterns.
import { describe, expect, it } from "vitest";
import { teacherData } from "../src/data/teacher.js";
import { globalOptimum, sampledOptimum } from "../src/convex/index.js";
import { globalOutOfReach, networkLoss } from "../src/convex/optimum.js";
import { globalOutOfReach as gapsOutOfReach } from "../src/experiments/gaps/global.js";

describe("the optimum over sampled patterns (not certified)", () => {
  it("is refused as a global optimum up front when Cover's count exceeds maxPatterns, naming sampledOptimum", async () => {
    const data = await teacherData({ n: 40, d: 8, seed: 1 });
    await expect(globalOptimum(data, 0.01)).rejects.toThrow(/maxPatterns.*sampledOptimum/);
  });

  it("one rule decides reach from n and d, for globalOptimum and for the experiments that plan on it", async () => {
    // three columns are streamed (nothing stored): n = 1000 with 2·10⁶ signed patterns is in reach
    expect(globalOutOfReach(1000, 3, 1e7)).toBeUndefined();
    expect(gapsOutOfReach(1000, 3, 1e-3)).toBeUndefined(); // within GLOBAL_MAX_PATTERNS = 1e6 cells
    // four columns are stored: 2.6·10⁶ signed patterns of 200 bytes, three copies, exceed 1.5 GiB
    expect(globalOutOfReach(200, 4, 1e7)).toMatch(/GiB to store/);
    expect(globalOutOfReach(200, 4, 1e5)).toMatch(/Cover's count.*sampledOptimum/);
    expect(gapsOutOfReach(20, 3, 0)).toMatch(/λ > 0/);
    const data = await teacherData({ n: 200, d: 4, seed: 1 });
    await expect(globalOptimum(data, { lambda: 0.01, maxPatterns: 1e7 })).rejects.toThrow(/^maxPatterns: .*GiB to store/);
  });

  it("is above the certified global optimum, its network's L is its value, and it says it is not certified", async () => {
    const data = await teacherData({ n: 10, d: 4, seed: 2 });
    const g = await globalOptimum(data, 0.01);
    for (const samples of [5, 50]) {
      const s = await sampledOptimum(data, { lambda: 0.01, samples, seed: 3 });
      expect(s.certified).toBe(false);
      expect(s.label).toBe("not certified");
      expect(s.message).toMatch(/not certified/);
      expect(s.sampled).toBeLessThanOrEqual(2 * samples);
      expect(s.cells).toBe(g.completeness!.formula);
      expect(s.value).toBeGreaterThanOrEqual(g.lowerBound);
      expect(Math.abs((await networkLoss(s.network, data, 0.01)) - s.value)).toBeLessThanOrEqual(1e-12 * s.value);
    }
    // enough samples find the global optimum's patterns
    const many = await sampledOptimum(data, { lambda: 0.01, samples: 4000, seed: 3 });
    expect(many.value).toBeLessThanOrEqual(g.value * (1 + 1e-8));
  });
});
