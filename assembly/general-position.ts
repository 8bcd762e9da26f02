// The general-position test of X (n×d): every min(n, d) rows linearly independent (so no zero rows),
// to the relative tolerance tol. Then the count of activation patterns is Cover's 2·Σ_{k<d} C(n−1,k).
import { zalloc } from "./cell-list";
import { dot, norm, gsAdd, unitNormal } from "./linalg";

// @ts-ignore: decorator
@inline function rowPtr(X: usize, i: i32, d: i32): usize { return X + <usize>(i * d) * 8; }

/**
 * Whether X is in general position: every min(n, d) rows linearly independent (no zero rows), to the
 * tolerance tol. Tests the (d−1)-subsets S for n > d: each independent, no other row on span(S).
 * Returns 1 or 0, or -1 when more than maxSubsets subsets would be needed.
 */
export function patternsGeneralPosition(X: usize, n: i32, d: i32, tol: f64, maxSubsets: f64): i32 {
  const Q = zalloc(<usize>(d * d + d) * 8);
  let result = 1;
  if (n <= d) {
    for (let i = 0; i < n; i++) if (!gsAdd(Q, i, d, rowPtr(X, i, d), tol)) { result = 0; break; }
    heap.free(Q);
    return result;
  }
  for (let i = 0; i < n; i++) if (norm(rowPtr(X, i, d), d) == 0) { heap.free(Q); return 0; }
  if (d == 1) { heap.free(Q); return 1; }
  const k = d - 1;
  let total: f64 = 1;
  for (let t = 0; t < k; t++) total = total * <f64>(n - t) / <f64>(t + 1);
  if (total > maxSubsets) { heap.free(Q); return -1; }
  const comb = zalloc(<usize>k * 4), v = zalloc(<usize>d * 8), scratch = zalloc(<usize>d * 8), inS = zalloc(<usize>n);
  for (let t = 0; t < k; t++) store<i32>(comb + (<usize>t << 2), t);
  while (true) {
    if (!subsetGeneral(X, n, d, tol, comb, k, Q, v, scratch, inS)) { result = 0; break; }
    let t = k - 1;
    while (t >= 0 && load<i32>(comb + (<usize>t << 2)) == n - k + t) t--;
    if (t < 0) break;
    store<i32>(comb + (<usize>t << 2), load<i32>(comb + (<usize>t << 2)) + 1);
    for (let q = t + 1; q < k; q++) store<i32>(comb + (<usize>q << 2), load<i32>(comb + (<usize>(q - 1) << 2)) + 1);
  }
  heap.free(Q); heap.free(comb); heap.free(v); heap.free(scratch); heap.free(inS);
  return result;
}

/** One (d−1)-subset of the general-position test: independent, and no other row on its span. */
function subsetGeneral(X: usize, n: i32, d: i32, tol: f64, comb: usize, k: i32, Q: usize, v: usize, scratch: usize, inS: usize): bool {
  memory.fill(inS, 0, <usize>n);
  for (let t = 0; t < k; t++) {
    const i = load<i32>(comb + (<usize>t << 2));
    store<u8>(inS + <usize>i, 1);
    if (!gsAdd(Q, t, d, rowPtr(X, i, d), tol)) return false;
  }
  unitNormal(Q, d, v, scratch);
  for (let i = 0; i < n; i++) {
    if (load<u8>(inS + <usize>i) != 0) continue;
    const x = rowPtr(X, i, d);
    if (Math.abs(dot(x, v, d)) <= tol * norm(x, d)) return false;
  }
  return true;
}
