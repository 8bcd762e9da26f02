// Permutation tests on samples of gaps: is the maximum smaller in the second sample (the larger
// width)? Statistic T = max(x) − max(y); under "same distribution" every split of the pooled sample
// into |x| and |y| is equally likely, so p = (1 + #{T* ≥ T}) / (1 + R) over R seeded random splits.
import { InputError } from "../api/errors.js";
import type { Rng } from "../core/rng.js";

export interface PermutationTest {
  /** max(x) − max(y). */
  statistic: number;
  /** One-sided p-value of "max(y) < max(x)". */
  pValue: number;
  permutations: number;
}

const maxOf = (v: ArrayLike<number>, idx: Int32Array, from: number, to: number) => {
  let m = -Infinity;
  for (let i = from; i < to; i++) m = Math.max(m, v[idx[i]]);
  return m;
};

/** One-sided permutation test of "the maximum of y is smaller than the maximum of x". */
export function maxPermutationTest(x: ArrayLike<number>, y: ArrayLike<number>, rng: Rng, permutations = 9999): PermutationTest {
  if (x.length === 0 || y.length === 0) throw new InputError("samples", "a permutation test needs at least one value in each sample");
  if (!Number.isInteger(permutations) || permutations < 1) throw new InputError("permutations", `is ${permutations}: give a whole number ≥ 1`);
  const pooled = Float64Array.from([...Array.from(x), ...Array.from(y)]);
  const identity = Int32Array.from(pooled, (_, i) => i);
  const T = maxOf(pooled, identity, 0, x.length) - maxOf(pooled, identity, x.length, pooled.length);
  let count = 0;
  for (let r = 0; r < permutations; r++) {
    const p = rng.permutation(pooled.length);
    // a tiny relative tolerance so that ties computed in a different order still count as ties
    if (maxOf(pooled, p, 0, x.length) - maxOf(pooled, p, x.length, pooled.length) >= T - 1e-12 * Math.abs(T)) count++;
  }
  return { statistic: T, pValue: (1 + count) / (1 + permutations), permutations };
}

/** The q-quantile (linear interpolation between order statistics, as numpy's default). */
export function quantile(values: ArrayLike<number>, q: number): number {
  const v = Float64Array.from(values).sort();
  if (v.length === 0) return NaN;
  const h = (v.length - 1) * q, lo = Math.floor(h);
  return lo + 1 < v.length ? v[lo] + (h - lo) * (v[lo + 1] - v[lo]) : v[lo];
}
