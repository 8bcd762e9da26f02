// Sweep expansion: deterministic grids, stable hashes and seeds, ranges, validation, shards.
import { describe, expect, it } from "vitest";
import { canonicalJson, deriveSeed, hashHex, runId } from "../src/sweep/hash.js";
import { expandAxis, parseSweep } from "../src/sweep/spec.js";
import { expandSweep, validateRuns } from "../src/sweep/grid.js";
import { parseShard, selectShard, shardFromEnv } from "../src/sweep/shard.js";
import { InputError } from "../src/api/errors.js";
import { registerBuiltinKinds } from "../src/experiments/registry.js";

registerBuiltinKinds();

const sweep = {
  seed: 7,
  repetitions: 3,
  base: { n: 10, d: 3, maxEpochs: 100 },
  axes: { m: [2, 4, 8], lr: { from: 0.01, to: 0.1, num: 2, log: true }, alpha: { from: 0.5, to: 1.5, step: 0.5 } },
};

function errorOf(f: () => unknown): InputError {
  try {
    f();
  } catch (e) {
    if (e instanceof InputError) return e;
    throw e;
  }
  throw new Error("no error thrown");
}

describe("hashing", () => {
  it("FNV-1a 64 matches the published test vectors", () => {
    expect(hashHex("")).toBe("cbf29ce484222325");
    expect(hashHex("a")).toBe("af63dc4c8601ec8c");
    expect(hashHex("foobar")).toBe("85944171f73967e8");
  });
  it("equals a BigInt reference of FNV-1a 64 on ASCII and non-ASCII text, and so do derived seeds", () => {
    const reference = (text: string) => {
      let h = 0xcbf29ce484222325n;
      for (const b of new TextEncoder().encode(text)) h = ((h ^ BigInt(b)) * 0x100000001b3n) & ((1n << 64n) - 1n);
      return h;
    };
    for (let i = 0; i < 500; i++) {
      const text = i % 2 ? `{"config":{"m":${i},"lr":${i / 7}},"kind":"train"}` : `λ=${i} ✓ ${String.fromCharCode(i)}${"x".repeat(i % 13)}`;
      const h = reference(text);
      expect(hashHex(text)).toBe(h.toString(16).padStart(16, "0"));
      expect(deriveSeed(i, text.slice(0, 16))).toBe(Number(reference(`seed:${i}:${text.slice(0, 16)}`) >> 11n));
    }
  });
  it("canonical JSON sorts keys at every level and ignores undefined", () => {
    expect(canonicalJson({ b: 1, a: { d: [1, { y: 2, x: 1 }], c: "s" }, u: undefined })).toBe('{"a":{"c":"s","d":[1,{"x":1,"y":2}]},"b":1}');
    expect(runId("train", { m: 1, lr: 0.1 })).toBe(runId("train", { lr: 0.1, m: 1 }));
    expect(runId("train", { m: 1 })).not.toBe(runId("other", { m: 1 }));
  });
  it("derived seeds are integers below 2^53 that depend on the sweep seed and the id", () => {
    const id = runId("train", { m: 3 });
    const s = deriveSeed(0, id);
    expect(Number.isSafeInteger(s) && s >= 0).toBe(true);
    expect(deriveSeed(0, id)).toBe(s);
    expect(deriveSeed(1, id)).not.toBe(s);
    expect(deriveSeed(0, runId("train", { m: 4 }))).not.toBe(s);
  });
});

describe("grid expansion", () => {
  it("is the Cartesian product × repetitions, first axis slowest, deterministic", () => {
    const runs = expandSweep(sweep);
    expect(runs.length).toBe(3 * 2 * 3 * 3);
    expect(runs.map((r) => r.index)).toEqual(runs.map((_, i) => i));
    expect(runs[0].config).toEqual({ n: 10, d: 3, maxEpochs: 100, m: 2, lr: 0.01, alpha: 0.5, rep: 0 });
    expect(runs[1].config).toEqual({ n: 10, d: 3, maxEpochs: 100, m: 2, lr: 0.01, alpha: 0.5, rep: 1 });
    expect(runs[3].config.alpha).toBe(1);
    expect(runs.at(-1)!.config).toEqual({ n: 10, d: 3, maxEpochs: 100, m: 8, lr: 0.1, alpha: 1.5, rep: 2 });
    expect(expandSweep(JSON.parse(JSON.stringify(sweep)))).toEqual(runs);
    expect(new Set(runs.map((r) => r.id)).size).toBe(runs.length);
    expect(new Set(runs.map((r) => r.seed)).size).toBe(runs.length);
  });
  it("gives a run the same id and seed whatever the axis order or the other axis values", () => {
    const a = expandSweep(sweep);
    const b = expandSweep({ ...sweep, axes: { alpha: sweep.axes.alpha, m: [8, 4, 2, 16], lr: sweep.axes.lr } });
    const byId = new Map(b.map((r) => [r.id, r]));
    for (const r of a) {
      const o = byId.get(r.id)!;
      expect(o.seed).toBe(r.seed);
      expect(o.config).toEqual(r.config);
    }
    expect(b.length).toBe(a.length + 18);
  });
  it("changes every seed, and no id, with the sweep seed", () => {
    const a = expandSweep(sweep), b = expandSweep({ ...sweep, seed: 8 });
    expect(b.map((r) => r.id)).toEqual(a.map((r) => r.id));
    b.forEach((r, i) => expect(r.seed).not.toBe(a[i].seed));
  });
  it("expands ranges: steps inclusive and tidy, log ranges geometric with exact ends", () => {
    expect(expandAxis({ from: 0.1, to: 0.7, step: 0.2 }, "a")).toEqual([0.1, 0.3, 0.5, 0.7]);
    expect(expandAxis({ from: 3, to: 1, step: -1 }, "a")).toEqual([3, 2, 1]);
    expect(expandAxis({ from: 0, to: 1, num: 5 }, "a")).toEqual([0, 0.25, 0.5, 0.75, 1]);
    const lg = expandAxis({ from: 1e-3, to: 10, num: 5, log: true }, "a") as number[];
    expect(lg).toEqual([0.001, 0.01, 0.1, 1, 10]);
    expect(expandAxis(["moons", "wdbc"], "a")).toEqual(["moons", "wdbc"]);
  });
  it("names the field of bad sweeps", () => {
    expect(errorOf(() => parseSweep({ axes: { m: [] } })).field).toBe("axes.m");
    expect(errorOf(() => parseSweep({ axes: { lr: { from: 0, to: 1, num: 3, log: true } } })).field).toBe("axes.lr");
    expect(errorOf(() => parseSweep({ axes: { lr: { from: 0, to: 1, step: -0.1 } } })).field).toBe("axes.lr.step");
    expect(errorOf(() => parseSweep({ axes: { lr: { from: 0, to: 1, stp: 0.1 } } })).field).toBe("axes.lr.stp");
    expect(errorOf(() => parseSweep({ repetitions: 0 })).field).toBe("repetitions");
    expect(errorOf(() => parseSweep({ axis: {} })).field).toBe("axis");
    expect(errorOf(() => parseSweep({ base: { rep: 1 } })).field).toBe("base.rep");
    expect(errorOf(() => expandSweep({ axes: { m: [2, 2] } })).field).toBe("axes.m[1]");
    expect(errorOf(() => parseSweep({ axes: { m: [{ a: 1, b: 2 }, 3, { b: 2, a: 1 }] } })).message).toMatch(/axes\.m\[2\]: repeats axes\.m\[0\]/);
    expect(errorOf(() => parseSweep({ axes: { lr: { from: 1, to: 1 + 1e-13, step: 1e-14 } } })).field).toBe("axes.lr.step");
  });
  it("validates train configurations before running, naming base or axes", () => {
    const check = (s: object) => {
      const p = parseSweep(s);
      validateRuns(p, expandSweep(p));
    };
    expect(errorOf(() => check({ base: { lrr: 0.1 } })).field).toBe("base.lrr");
    expect(errorOf(() => check({ axes: { m: [4, 0] } })).field).toBe("axes.m");
    expect(errorOf(() => check({ axes: { method: ["gd", "adam"] } })).field).toBe("axes.method");
    expect(errorOf(() => check({ base: { n: 2.5 } })).field).toBe("base.n");
    expect(errorOf(() => check({ measure: ["loss", "los"] })).field).toBe("measure[1]");
    expect(() => check(sweep)).not.toThrow();
  });
});

describe("shards", () => {
  const runs = expandSweep({ axes: { k: { from: 0, to: 96, step: 1 } } }); // 97 runs
  it("partition the runs exactly for every N: union = all, intersection = none, balanced", () => {
    for (let N = 1; N <= 40; N++) {
      const seen = new Map<string, number>();
      const sizes: number[] = [];
      for (let i = 0; i < N; i++) {
        const part = selectShard(runs, { index: i, count: N });
        sizes.push(part.length);
        for (const r of part) seen.set(r.id, (seen.get(r.id) ?? 0) + 1);
      }
      expect(seen.size).toBe(runs.length);
      expect([...seen.values()].every((c) => c === 1)).toBe(true);
      expect(Math.max(...sizes) - Math.min(...sizes)).toBeLessThanOrEqual(1);
    }
  });
  it("come from --shard, Slurm array and Kubernetes indexed Job variables", () => {
    expect(parseShard("2/5")).toEqual({ index: 2, count: 5 });
    expect(errorOf(() => parseShard("5/5")).field).toBe("shard");
    expect(errorOf(() => parseShard("1-4")).field).toBe("shard");
    expect(shardFromEnv({})).toBeUndefined();
    expect(shardFromEnv({ SLURM_ARRAY_TASK_ID: "3", SLURM_ARRAY_TASK_COUNT: "8" })).toEqual({ index: 3, count: 8 });
    expect(shardFromEnv({ SLURM_ARRAY_TASK_ID: "8", SLURM_ARRAY_TASK_COUNT: "8", SLURM_ARRAY_TASK_MIN: "1" })).toEqual({ index: 7, count: 8 });
    expect(errorOf(() => shardFromEnv({ SLURM_ARRAY_TASK_ID: "3" })).field).toBe("SLURM_ARRAY_TASK_COUNT");
    expect(shardFromEnv({ JOB_COMPLETION_INDEX: "4", RELU_LANDSCAPE_SHARDS: "10" })).toEqual({ index: 4, count: 10 });
    expect(shardFromEnv({ JOB_COMPLETION_INDEX: "4" }, 6)).toEqual({ index: 4, count: 6 });
    expect(errorOf(() => shardFromEnv({ JOB_COMPLETION_INDEX: "4" })).field).toBe("JOB_COMPLETION_INDEX");
    expect(errorOf(() => shardFromEnv({ JOB_COMPLETION_INDEX: "6" }, 6)).field).toBe("JOB_COMPLETION_INDEX");
  });
});
