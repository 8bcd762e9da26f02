// Activation patterns: the pattern of a neuron w on data X is D(w) = 1[Xw > 0] ∈ {0,1}ⁿ. The
// realizable patterns are the cells of the central hyperplane arrangement {w : xₖ·w = 0}; this file
// enumerates them exactly (assembly/patterns.ts) with a witness w strictly inside each cell, and
// states Cover's count and the general-position test.
//
// Tolerance: a row counts as on a hyperplane (or in a span) when |xₖ·v| ≤ tol·‖xₖ‖·‖v‖ (default 1e-9).
// Data exactly degenerate (repeated, dependent points, integer data) is handled exactly; data within
// about tol of degenerate is ambiguous in floating point: every witness is checked against X (and
// recomputed by an LP when it fails), and `unverified` counts those that still fail — raise tol
// (e.g. 1e-6) to treat such data as degenerate.
//
// Rows with xₖ = 0 (exactly) have xₖ·w = 0 for every w: their bit is always 0 and they are left out of the
// "xₖ·w ≠ 0" requirement (else no pattern would be realizable). With the problem's `bias: true`
// the constant-1 column is the LAST column of X.
import { type CoreExports, getCore } from "../core/loader.js";
import { CORE_MAX_BYTES, f64View, u8View, Arena } from "../core/memory.js";
import type { Data } from "./data.js";
import { InputError } from "./errors.js";
import { jsonArrays } from "./json-arrays.js";
import { orthogonalize } from "../core/gram-schmidt.js";
import { exponentOf } from "../core/float.js";

/** All realizable activation patterns of a data set, each with a witness. */
export interface PatternSet {
  n: number;
  d: number;
  /** Number of realizable patterns (cells of the arrangement). */
  count: number;
  /** count×n, row-major: row c is pattern c, entries 0/1. */
  patterns: Uint8Array;
  /** count×d, row-major: row c is a unit w with 1[Xw > 0] = pattern c and xₖ·w ≠ 0 for every nonzero xₖ. */
  witnesses: Float64Array;
  /** Cover's count 2·Σ_{k<d} C(n−1, k) for the same n, d (equal to count in general position). */
  formula: number;
  /**
   * Patterns whose witness could not be confirmed in floating point (checked against X, repaired
   * by a linear program when the first witness fails). 0 unless X is degenerate to within about tol.
   */
  unverified: number;
}

/** Options of the enumeration. */
export interface EnumerateOptions {
  /** Refuse (InputError, before starting) when Cover's count exceeds this. @default 1e7 */
  maxPatterns?: number;
  /** Relative zero test: xₖ·v counts as 0 when |xₖ·v| ≤ tol·‖xₖ‖·‖v‖. @default 1e-9 */
  tol?: number;
  /**
   * "incremental": deletion–restriction (rows added one by one, cut cells found as the cells of the
   * restriction, recursively); "lines": cells around every line of the arrangement (each cell met
   * once per extreme ray, deduplicated by hashing); "auto": lines when C(n, d−1)·2^d ≤ 20× Cover's
   * count (low d), else incremental. Both
   * are exact; tests check each against the other and brute force. @default "auto"
   */
  method?: "auto" | "incremental" | "lines";
  /** Whether to return the witnesses (without them `witnesses` is empty; the patterns are still verified against their witnesses in the core). @default true */
  witnesses?: boolean;
  /** The core instance to use. @default the shared instance */
  core?: CoreExports;
}

export const ENUMERATE_DEFAULTS = { maxPatterns: 1e7, tol: 1e-9 } as const;

/** Binomial coefficient C(n, k) as a float (exact below 2^53). */
export function binomial(n: number, k: number): number {
  if (k < 0 || k > n) return 0;
  k = Math.min(k, n - k);
  let c = 1;
  for (let i = 0; i < k; i++) c = (c * (n - i)) / (i + 1);
  return Math.round(c);
}

/**
 * Cover's count of the cells of n hyperplanes through 0 in general position in R^d:
 * 2·Σ_{k<d} C(n−1, k), which is 2ⁿ when d ≥ n. An upper bound on the realizable patterns of any X.
 */
export function patternCountFormula(n: number, d: number): number {
  if (!Number.isInteger(n) || n < 0) throw new InputError("n", `is ${n}: give a non-negative integer`);
  if (!Number.isInteger(d) || d < 1) throw new InputError("d", `is ${d}: give a positive integer`);
  if (n === 0) return 1;
  if (d >= n) return 2 ** n;
  let s = 0;
  for (let k = 0; k < d; k++) s += binomial(n - 1, k);
  return 2 * s;
}

export function resolveEnumerateOptions(opts: EnumerateOptions = {}): Required<Omit<EnumerateOptions, "core" | "witnesses">> {
  const method = opts.method ?? "auto";
  if (!["auto", "incremental", "lines"].includes(method)) throw new InputError("method", `is "${String(method)}": give auto, incremental or lines`);
  const maxPatterns = opts.maxPatterns ?? ENUMERATE_DEFAULTS.maxPatterns;
  const tol = opts.tol ?? ENUMERATE_DEFAULTS.tol;
  if (!(maxPatterns >= 1)) throw new InputError("maxPatterns", `is ${maxPatterns}: give a number ≥ 1`);
  if (!(tol >= 0 && tol < 1e-2)) throw new InputError("tol", `is ${tol}: give a relative tolerance in [0, 0.01), e.g. 1e-9`);
  return { maxPatterns, tol, method };
}

/**
 * X with every row whose largest entry lies outside [2⁻²⁵⁶, 2²⁵⁶] scaled by a power of two into
 * [1, 2): exact, and the hyperplanes, patterns and cones do not change under positive row scaling,
 * while the enumeration's norms and products no longer overflow or underflow (rows of 1e200 work).
 * A row whose entries span more than f64 can hold after scaling is refused, naming the entry.
 */
export function conditionedRows(data: Data): Float64Array {
  const { X, n, d } = data;
  let out: Float64Array | undefined;
  for (let k = 0; k < n; k++) {
    let mx = 0;
    for (let j = 0; j < d; j++) mx = Math.max(mx, Math.abs(X[k * d + j]));
    if (mx === 0 || (mx >= 2 ** -256 && mx <= 2 ** 256)) continue;
    const e = exponentOf(mx);
    out ??= X.slice();
    // two steps keep the factor a normal number
    const f1 = 2 ** -Math.trunc(e / 2), f2 = 2 ** -(e - Math.trunc(e / 2));
    for (let j = 0; j < d; j++) {
      const v = X[k * d + j], t = v * f1 * f2;
      if (t / f2 / f1 !== v) throw new InputError(`X[${k}][${j}]`, `is ${v}, too small next to the row's largest entry ${mx} for f64 once the row is normalized: rescale the data`);
      out[k * d + j] = t;
    }
  }
  return out ?? X;
}

/**
 * An orthonormal basis Q (r rows of d numbers) of the span of X's rows (Gram–Schmidt twice, a row
 * kept when its residual exceeds tol·‖xₖ‖ — the enumeration's own span test) and X in it, Xr = XQᵀ
 * (n×r). For d > n: patterns, cones and the convex program live in the row space (a component of w
 * or u orthogonal to every xₖ changes no xₖ·w), so the work is done with r ≤ n columns instead of d.
 */
export function rowSpace(X: Float64Array, n: number, d: number, tol: number = ENUMERATE_DEFAULTS.tol): { Q: Float64Array; r: number; Xr: Float64Array } {
  const Q = new Float64Array(Math.min(n, d) * d), rows: Float64Array[] = [];
  let r = 0;
  const q = new Float64Array(d);
  for (let k = 0; k < n && r < d; k++) {
    let nx = 0;
    for (let j = 0; j < d; j++) { q[j] = X[k * d + j]; nx += q[j] * q[j]; }
    nx = Math.sqrt(nx);
    if (!(nx > 0)) continue;
    const nq = orthogonalize(rows, q);
    if (!(nq > tol * nx)) continue;
    for (let j = 0; j < d; j++) Q[r * d + j] = q[j] / nq;
    rows.push(Q.subarray(r * d, (r + 1) * d));
    r++;
  }
  const Xr = new Float64Array(n * Math.max(r, 1));
  for (let k = 0; k < n; k++) {
    for (let t = 0; t < r; t++) {
      let c = 0;
      for (let j = 0; j < d; j++) c += X[k * d + j] * Q[t * d + j];
      Xr[k * r + t] = c;
    }
  }
  return { Q: Q.subarray(0, r * d), r, Xr };
}

function checkData(data: Data): void {
  if (!data || !(data.X instanceof Float64Array) || data.X.length !== data.n * data.d || data.n < 1 || data.d < 1) {
    throw new InputError("data", "must be a Data object (X: Float64Array n×d row-major, n ≥ 1, d ≥ 1): build it with toData(X, y)");
  }
}

/**
 * Runs a core call, turning the core's allocation failure (WASM memory is at most 4 GiB) into a
 * one-line error naming the problem's size.
 */
export function coreCall<T>(n: number, d: number, f: () => T): T {
  try {
    return f();
  } catch (e) {
    if (e instanceof Error && /Allocation too large|out of memory|memory access out of bounds/i.test(e.message)) {
      throw new InputError("X", `n=${n}, d=${d}: the computation needs more memory than the core's WebAssembly limit (4 GiB): use fewer samples or dimensions`);
    }
    throw e;
  }
}

/** Refuses sizes that cannot be enumerated, naming Cover's estimate. */
export function checkEnumerationSize(n: number, d: number, maxPatterns: number): number {
  const estimate = patternCountFormula(n, d);
  if (estimate > maxPatterns) {
    throw new InputError("maxPatterns", `X (n=${n}, d=${d}) may have up to ${estimate.toExponential(3)} activation patterns (Cover's count 2·Σ_{k<d} C(n−1,k)), more than the limit ${maxPatterns.toExponential(3)}: use fewer samples or dimensions, a sampler instead of the enumeration, or raise maxPatterns`);
  }
  // keys and witnesses (growth doubles them), hash slots, and the unpacked copies handed to JS
  const bytes = estimate * (Math.ceil(n / 64) * 8 * 2 + d * 8 * 3 + n + 16) + n * d * 8 * 4;
  if (bytes > CORE_MAX_BYTES) {
    throw new InputError("maxPatterns", `enumerating up to ${estimate.toExponential(3)} patterns of n=${n}, d=${d} needs about ${(bytes / 2 ** 30).toFixed(1)} GiB, more than WASM memory (4 GiB)`);
  }
  return estimate;
}

/**
 * Runs the enumeration on X already in core memory and returns the core's handle (free it with
 * core.patternsFree). "auto": the lines method while its candidates (C(n, d−1)·2^d, each cell met
 * once per extreme ray) stay within 20× Cover's count — low d, where it is fastest — else
 * deletion–restriction.
 */
export function enumerateHandle(core: CoreExports, X: number, n: number, d: number, tol: number, method: "auto" | "incremental" | "lines" = "auto"): number {
  const lines = method === "lines" || (method === "auto" && d < n && binomial(n, d - 1) * 2 ** d <= 20 * patternCountFormula(n, d));
  return lines ? core.patternsEnumerate(X, n, d, tol) : core.patternsEnumerateIncremental(X, n, d, tol);
}

/** Enumerates every realizable activation pattern of data.X, each with a witness. */
export async function enumeratePatterns(data: Data, opts: EnumerateOptions = {}): Promise<PatternSet> {
  checkData(data);
  const o = resolveEnumerateOptions(opts);
  const { n, d } = data;
  const formula = checkEnumerationSize(n, d, o.maxPatterns);
  const core = opts.core ?? (await getCore());
  // d > n: enumerate in the row space (r ≤ n columns), witnesses mapped back by Q
  const rs = d > n ? rowSpace(conditionedRows(data), n, d, o.tol) : undefined;
  const de = rs ? Math.max(rs.r, 1) : d;
  const arena = new Arena(core);
  try {
    const X = arena.f64(rs ? (rs.r > 0 ? rs.Xr : new Float64Array(n)) : conditionedRows(data));
    const h = coreCall(n, d, () => enumerateHandle(core, X, n, de, o.tol, o.method));
    try {
      const count = core.patternsCount(h);
      const unverified = core.patternsRepair(h, X, n, de);
      const wantWitnesses = opts.witnesses ?? true;
      const pb = arena.alloc(count * n), wb = wantWitnesses ? arena.alloc(count * de * 8) : 0;
      core.patternsUnpack(h, pb, wb, n);
      if (!wantWitnesses) return jsonArrays({ n, d, count, patterns: u8View(core, pb, count * n).slice(), witnesses: new Float64Array(0), formula, unverified });
      let witnesses = f64View(core, wb, count * de).slice();
      if (rs) {
        const w = new Float64Array(count * d);
        if (rs.r === 0) for (let c = 0; c < count; c++) w[c * d] = 1;
        for (let c = 0; c < count; c++) for (let t = 0; t < rs.r; t++) for (let j = 0; j < d; j++) w[c * d + j] += witnesses[c * de + t] * rs.Q[t * d + j];
        witnesses = w;
      }
      return jsonArrays({ n, d, count, patterns: u8View(core, pb, count * n).slice(), witnesses, formula, unverified });
    } finally {
      core.patternsFree(h);
    }
  } finally {
    arena.free();
  }
}

/** Options of the general-position test. */
export interface GeneralPositionOptions {
  /** Relative zero test (as in the enumeration). @default 1e-9 */
  tol?: number;
  /** Most (d−1)-subsets of rows to test; beyond it an InputError says so. @default 1e8 */
  maxSubsets?: number;
  core?: CoreExports;
}

/**
 * Whether X is in general position: every min(n, d) rows are linearly independent (so no zero rows),
 * up to the relative tolerance tol. For n > d it visits every (d−1)-subset S of rows (C(n, d−1) of
 * them): S independent and no other row in its span. Then the count of patterns equals Cover's.
 */
export async function isGeneralPosition(data: Data, opts: GeneralPositionOptions = {}): Promise<boolean> {
  checkData(data);
  const tol = opts.tol ?? ENUMERATE_DEFAULTS.tol;
  const maxSubsets = opts.maxSubsets ?? 1e8;
  const core = opts.core ?? (await getCore());
  const arena = new Arena(core);
  try {
    const { n, d } = data;
    // d > n: general position is rank n (no zero row), decided in the row space
    if (d > n) {
      const rs = rowSpace(conditionedRows(data), n, d, tol);
      return rs.r === n;
    }
    const r = core.patternsGeneralPosition(arena.f64(conditionedRows(data)), n, d, tol, maxSubsets);
    if (r < 0) {
      throw new InputError("maxSubsets", `the general-position test of n=${data.n}, d=${data.d} visits C(${data.n}, ${data.d - 1}) = ${binomial(data.n, data.d - 1).toExponential(3)} subsets, more than ${maxSubsets.toExponential(3)}: raise maxSubsets`);
    }
    return r === 1;
  } finally {
    arena.free();
  }
}

/** Pattern c of a set as a "0101…" string (row order of X). */
export function patternString(set: PatternSet, c: number): string {
  return set.patterns.subarray(c * set.n, (c + 1) * set.n).join("");
}
