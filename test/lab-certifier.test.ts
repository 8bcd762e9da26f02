// The lab's certifier (src/web/certifier.ts) in Node: the same certificate as certify() against the
// same global optimum, with the signed patterns enumerated once per session (not once per network).
import { describe, expect, it } from "vitest";
import { certify } from "../src/convex/index.js";
import { Trainer } from "../src/api/train.js";
import { Certifier } from "../src/web/certifier.js";
import { labProblem, labTrainOptions } from "../src/web/datasets.js";
import { DEFAULT_SETTINGS } from "../src/web/settings.js";

describe("the lab's certifier", () => {
  it("certifies networks as certify() does against the session's global optimum", async () => {
    const s = { ...DEFAULT_SETTINGS, epochs: 2000 };
    const c = await Certifier.create(s);
    const { problem } = await labProblem(s);
    expect(c.optimum.lowerBound).not.toBeNull();
    for (const seed of [1, 2]) {
      const t = await Trainer.create(problem, { ...labTrainOptions(s), seed, maxEpochs: 2000 });
      let r;
      try {
        r = await t.run();
      } finally {
        t.dispose();
      }
      const m = r.a.length, d = problem.data.d;
      const got = await c.certify(Float64Array.from(r.W.flat()), Float64Array.from(r.a), m, d);
      const want = await certify(problem.data, { W: r.W, a: r.a }, { lambda: problem.lambda, lowerBound: c.optimum.lowerBound!, globalValue: c.optimum.value! });
      expect(got.verdict).toBe(want.verdict);
      expect(got.loss).toBe(want.loss);
      expect(got.lowerBound).toBe(want.lowerBound);
      expect(got.gap).toBe(want.gap);
      expect(got.reason).toBe(want.reason);
    }
  }, 120_000);
});
