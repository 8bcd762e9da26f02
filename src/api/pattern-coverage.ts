// Coverage: how many distinct (signed) activation patterns m neurons hold — m random neurons under a
// sampler (seeded simulation, and the coupon-collector formula for the uniform sampler), or the
// neurons of a given network.
import { getCore, type CoreExports } from "../core/loader.js";
import { f64View, i32View, Arena } from "../core/memory.js";
import type { Data } from "./data.js";
import { InputError } from "./errors.js";
import { type Network, toNetwork } from "./network.js";
import { type PatternSampler, type SamplerOptions, resolveSamplerOptions, samplerKind, withSamplerContext } from "./pattern-samplers.js";
import { jsonArrays } from "./json-arrays.js";
import { preActivations, signedPatternKey } from "./network.js";

/**
 * Expected number of distinct items hit by m uniform draws from N items (coupon collector):
 * N·(1 − (1 − 1/N)^m).
 */
export function couponCollectorExpected(N: number, m: number): number {
  if (!(N >= 1) || !(m >= 0)) throw new InputError("N", `coupon collector needs N ≥ 1 and m ≥ 0 (got N=${N}, m=${m})`);
  if (N === 1) return m > 0 ? 1 : 0;
  return -N * Math.expm1(m * Math.log1p(-1 / N));
}

/** Options of the coverage simulation (plus every SamplerOptions field). */
export interface CoverageOptions extends SamplerOptions {
  /** Independent trials of m draws. @default 100 */
  trials?: number;
}

export interface CoverageResult {
  sampler: PatternSampler;
  signed: boolean;
  m: number;
  trials: number;
  seed: number;
  /** Distinct (signed) patterns hit in each trial. */
  counts: number[];
  /** Mean of counts (the simulated expected number of distinct patterns). */
  mean: number;
  /** Standard error of the mean. */
  stderr: number;
  /** "uniform": N, the number of (signed) realizable patterns (2× the enumeration when signed). */
  total?: number;
  /** "uniform": the coupon-collector expectation N·(1 − (1 − 1/N)^m). */
  expected?: number;
}

/** Simulates the number of distinct (signed) patterns hit by m neurons drawn from a sampler. */
export async function simulateCoverage(data: Data, m: number, opts: CoverageOptions = {}): Promise<CoverageResult> {
  if (!Number.isInteger(m) || m < 0) throw new InputError("m", `is ${m}: give a number of neurons (integer ≥ 0)`);
  const trials = opts.trials ?? 100;
  if (!Number.isInteger(trials) || trials < 1) throw new InputError("trials", `is ${trials}: give an integer ≥ 1`);
  const o = resolveSamplerOptions(opts);
  const { n, d } = data;
  return withSamplerContext(data, o, opts.core, (c, arena, X, handle, rng) => {
    const out = arena.alloc(trials * 8);
    const status = c.patternsCoverage(samplerKind(o.sampler), X, n, d, handle, rng, m, o.signed ? 1 : 0, trials, o.maxTries, o.tol, out);
    if (status < 0) throw new InputError("maxTries", `rejection sampling drew ${o.maxTries} random vectors without a realizable one: raise maxTries or use "uniform"`);
    const counts = Array.from(f64View(c, out, trials));
    const mean = counts.reduce((s, v) => s + v, 0) / trials;
    const varc = trials > 1 ? counts.reduce((s, v) => s + (v - mean) ** 2, 0) / (trials - 1) : 0;
    const result: CoverageResult = { sampler: o.sampler, signed: o.signed, m, trials, seed: o.seed, counts, mean, stderr: Math.sqrt(varc / trials) };
    if (o.sampler === "uniform") {
      result.total = c.patternsCount(handle) * (o.signed ? 2 : 1);
      result.expected = couponCollectorExpected(result.total, m);
    }
    return result;
  });
}

/** The signed patterns of a network's neurons. */
export interface NetworkPatterns {
  /** Distinct signed patterns (among active neurons unless activeOnly is false). */
  count: number;
  /** Per neuron: the index of its signed pattern in `keys`, or -1 when inactive (and activeOnly). */
  classes: Int32Array;
  /** The distinct signed patterns as "s:bits" (s = + or −, bits = 1[xₖ·wⱼ > 0]), in order of first appearance. */
  keys: string[];
}

/**
 * The distinct signed patterns (sign(aⱼ), 1[Xwⱼ > 0]) held by a network's neurons (in WASM). With
 * activeOnly (default) neurons with aⱼ = 0 or an all-zero pattern are left out — the same set as
 * signedPatternKeys in network.ts.
 */
export async function networkPatterns(net: Network, data: Data, opts: { activeOnly?: boolean; core?: CoreExports } = {}): Promise<NetworkPatterns> {
  const { n, d } = data;
  const checked = toNetwork(net, d);
  const m = checked.a.length;
  const c = opts.core ?? (await getCore());
  const arena = new Arena(c);
  try {
    const X = arena.f64(data.X);
    const W = arena.f64(checked.W.flat());
    const a = arena.f64(checked.a);
    const cls = arena.alloc(m * 4);
    const count = c.patternsOfNeurons(X, n, d, W, a, m, opts.activeOnly === false ? 0 : 1, cls);
    const classes = i32View(c, cls, m).slice();
    const keys = new Array<string>(count);
    const bits = new Uint8Array(n);
    for (let j = 0; j < m; j++) {
      const k = classes[j];
      if (k < 0 || keys[k] !== undefined) continue;
      const z = preActivations(data, checked.W[j]);
      for (let i = 0; i < n; i++) bits[i] = z[i] > 0 ? 1 : 0;
      keys[k] = signedPatternKey(checked.a[j] < 0 ? -1 : 1, bits);
    }
    return jsonArrays({ count, classes, keys });
  } finally {
    arena.free();
  }
}
