// Permutation tests on samples of gaps: is the maximum smaller in the second sample (the larger
// width)? Statistic T = max(x) − max(y); under "same distribution" every split of the pooled sample
// into |x| and |y| is equally likely. Over R seeded random splits T*: G = #{T* > T}, E = #{T* = T}.
// T is very discrete (it depends only on where the largest values fall), so the usual p-value
// (1 + G + E)/(1 + R) is valid but conservative; `pValue` breaks the ties at random (the observed
// split takes a uniformly random place among the E + 1 tied ones): (1 + G + J)/(1 + R), J uniform on
// 0..E, which is exactly uniform under the null.
import { InputError } from "../../api/errors.js";
import type { Rng } from "../../core/rng.js";

export interface PermutationTest {
  /** max(x) − max(y). */
  statistic: number;
  /** One-sided p-value of "max(y) < max(x)", ties broken at random (uniform under the null). */
  pValue: number;
  /** (1 + #{T* ≥ T}) / (1 + R): valid, conservative. */
  pValueConservative: number;
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
  let greater = 0, equal = 0;
  const tol = 1e-12 * Math.max(1, Math.abs(T)); // ties computed in a different order still count as ties
  for (let r = 0; r < permutations; r++) {
    const p = rng.permutation(pooled.length);
    const t = maxOf(pooled, p, 0, x.length) - maxOf(pooled, p, x.length, pooled.length);
    if (t > T + tol) greater++;
    else if (t >= T - tol) equal++;
  }
  const J = rng.below(equal + 1);
  return { statistic: T, pValue: (1 + greater + J) / (1 + permutations), pValueConservative: (1 + greater + equal) / (1 + permutations), permutations };
}
