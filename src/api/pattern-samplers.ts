// Samplers of activation patterns (the hot loops are in assembly/pattern-sampling.ts):
//   "uniform"   — uniform over the exact enumeration (each realizable pattern 1/N);
//   "gaussian"  — the pattern 1[Xw > 0] of a Gaussian neuron w ~ N(0, I_d);
//   "rejection" — uniform over the realizable patterns without enumerating: a uniformly random 0/1
//                 vector (over the nonzero rows) accepted when a linear program finds a w realizing it.
//                 Expect 2ⁿ/N draws per sample (N realizable patterns): only for small n or d ≥ n.
// With `signed`, each pattern gets a sign s = ±1 with probability ½ (a signed pattern (s, D)).
import { type CoreExports, getCore } from "../core/loader.js";
import { f64View, u8View, Arena } from "../core/memory.js";
import { seedHalves } from "../core/rng.js";
import type { Data } from "./data.js";
import { InputError } from "./errors.js";
import { ENUMERATE_DEFAULTS, checkEnumerationSize, enumerateHandle, patternCountFormula, resolveEnumerateOptions } from "./patterns.js";
import { jsonArrays } from "./json-arrays.js";

export type PatternSampler = "uniform" | "gaussian" | "rejection";
export const PATTERN_SAMPLERS: readonly PatternSampler[] = ["uniform", "gaussian", "rejection"];
const KIND: Record<PatternSampler, number> = { uniform: 0, gaussian: 1, rejection: 2 };

/** Options shared by the samplers and the coverage simulation. */
export interface SamplerOptions {
  /** Which distribution over patterns. @default "gaussian" */
  sampler?: PatternSampler;
  /** Attach a random sign s = ±1 (probability ½ each) to every pattern. @default false */
  signed?: boolean;
  /** Seed of the generator (integer ≥ 0). @default 0 */
  seed?: number;
  /** "rejection": most random vectors drawn for one sample before giving up. @default 1e6 */
  maxTries?: number;
  /** Relative zero test of the enumeration ("uniform"). @default 1e-9 */
  tol?: number;
  /** "uniform": refuse to enumerate more than this many patterns (Cover's estimate). @default 1e7 */
  maxPatterns?: number;
  /** The core instance. @default the shared instance */
  core?: CoreExports;
}

export interface ResolvedSamplerOptions {
  sampler: PatternSampler;
  signed: boolean;
  seed: number;
  maxTries: number;
  tol: number;
  maxPatterns: number;
}

/** Validates sampler options (fills defaults); errors name the field. */
export function resolveSamplerOptions(o: SamplerOptions = {}): ResolvedSamplerOptions {
  const sampler = o.sampler ?? "gaussian";
  if (!PATTERN_SAMPLERS.includes(sampler)) throw new InputError("sampler", `is "${String(sampler)}": give one of ${PATTERN_SAMPLERS.join(", ")}`);
  const seed = o.seed ?? 0;
  if (!Number.isInteger(seed) || seed < 0 || seed >= 2 ** 53) throw new InputError("seed", `is ${seed}: give an integer in [0, 2^53)`);
  const maxTries = o.maxTries ?? 1e6;
  if (!Number.isInteger(maxTries) || maxTries < 1 || maxTries > 2 ** 31 - 1) throw new InputError("maxTries", `is ${maxTries}: give an integer in [1, 2^31)`);
  const { tol, maxPatterns } = resolveEnumerateOptions({ tol: o.tol ?? ENUMERATE_DEFAULTS.tol, maxPatterns: o.maxPatterns });
  return { sampler, signed: o.signed ?? false, seed, maxTries, tol, maxPatterns };
}

/** m sampled (signed) patterns with a w realizing each. */
export interface PatternSample {
  n: number;
  d: number;
  m: number;
  /** m×n row-major, 0/1. */
  patterns: Uint8Array;
  /** m signs, ±1 (all +1 unless signed). */
  signs: Int8Array;
  /** m×d row-major: a w with 1[Xw > 0] = the pattern (the Gaussian draw itself for "gaussian"). */
  witnesses: Float64Array;
}

/** Refuses rejection sampling when the expected number of draws per sample exceeds maxTries. */
function checkRejection(n: number, d: number, maxTries: number): void {
  const perSample = 2 ** n / patternCountFormula(n, d); // at least this many draws expected
  if (perSample > maxTries) {
    throw new InputError("sampler", `"rejection" needs about 2^${n}/${patternCountFormula(n, d).toExponential(3)} = ${perSample.toExponential(3)} random vectors per sample (n=${n}, d=${d}), more than maxTries = ${maxTries}: use "uniform" (enumerates) or "gaussian", or raise maxTries`);
  }
}

/**
 * Runs `fn` with X and (for "uniform") an enumeration handle and a seeded generator laid out in the
 * core; frees everything after.
 */
export async function withSamplerContext<T>(data: Data, o: ResolvedSamplerOptions, core: CoreExports | undefined,
  fn: (c: CoreExports, arena: Arena, X: number, handle: number, rng: number) => T): Promise<T> {
  const { n, d } = data;
  if (o.sampler === "uniform") checkEnumerationSize(n, d, o.maxPatterns);
  if (o.sampler === "rejection") checkRejection(n, d, o.maxTries);
  const c = core ?? (await getCore());
  const arena = new Arena(c);
  let handle = 0;
  try {
    const X = arena.f64(data.X);
    const rng = arena.alloc(32);
    const [hi, lo] = seedHalves(o.seed);
    c.rngSeed(rng, hi, lo);
    if (o.sampler === "uniform") handle = enumerateHandle(c, X, n, d, o.tol);
    return fn(c, arena, X, handle, rng);
  } finally {
    if (handle) c.patternsFree(handle);
    arena.free();
  }
}

export const samplerKind = (s: PatternSampler): number => KIND[s];

/** Draws m (signed) activation patterns from the chosen sampler. */
export async function samplePatterns(data: Data, m: number, opts: SamplerOptions = {}): Promise<PatternSample> {
  if (!Number.isInteger(m) || m < 0) throw new InputError("m", `is ${m}: give a number of samples (integer ≥ 0)`);
  const o = resolveSamplerOptions(opts);
  const { n, d } = data;
  return withSamplerContext(data, o, opts.core, (c, arena, X, handle, rng) => {
    const pb = arena.alloc(m * n), sb = arena.alloc(m * 8), wb = arena.alloc(m * d * 8);
    const got = c.patternsSample(KIND[o.sampler], X, n, d, handle, rng, m, o.signed ? 1 : 0, o.maxTries, o.tol, pb, sb, wb);
    if (got < m) throw new InputError("maxTries", `rejection sampling drew ${o.maxTries} random vectors without a realizable one (sample ${got + 1} of ${m}): raise maxTries or use "uniform"`);
    return jsonArrays({
      n, d, m,
      patterns: u8View(c, pb, m * n).slice(),
      signs: Int8Array.from(f64View(c, sb, m)),
      witnesses: f64View(c, wb, m * d).slice(),
    });
  });
}
