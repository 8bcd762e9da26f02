// Is a sign vector realizable? A small linear program: with τₖ = ±1 the wanted sign of each nonzero
// row and x̂ₖ = xₖ/‖xₖ‖,
//   maximize t  subject to  τₖ·x̂ₖ·w ≥ t (every nonzero k),  t ≤ 1,  t ≥ 0,  w = p − q,  p, q ≥ 0.
// The open cone {w : τₖ·xₖ·w > 0} is nonempty iff the optimum is t = 1 (scale w), else t = 0.
// Dense dictionary simplex with Bland's rule (the origin is a degenerate vertex: Bland never cycles).
import { zalloc } from "./cell-list";
import { norm } from "./linalg";

const EPS: f64 = 1e-11;

/**
 * Solves the program for the rows X (n×d) with wanted bits (u8, 1 = positive) and writes w (d f64,
 * unit norm) when realizable. Rows with ‖xₖ‖ = 0 must have bit 0 (their xₖ·w is always 0).
 * Returns true when realizable.
 */
export function realizable(X: usize, n: i32, d: i32, bits: usize, outW: usize): bool {
  let m = 1;
  for (let k = 0; k < n; k++) {
    const nk = norm(X + <usize>(k * d) * 8, d);
    if (nk == 0) {
      if (load<u8>(bits + <usize>k) != 0) return false;
    } else m++;
  }
  const N = 2 * d + 1;
  const W = N + 1; // columns: N coefficients then the right-hand side
  const T = zalloc(<usize>((m + 1) * W) * 8);
  const basic = zalloc(<usize>m * 4), nonbasic = zalloc(<usize>N * 4);
  let r = 0;
  for (let k = 0; k < n; k++) {
    const x = X + <usize>(k * d) * 8;
    const nk = norm(x, d);
    if (nk == 0) continue;
    const tau: f64 = load<u8>(bits + <usize>k) != 0 ? 1.0 : -1.0;
    const row = T + <usize>(r * W) * 8;
    for (let j = 0; j < d; j++) {
      const c = tau * load<f64>(x + (<usize>j << 3)) / nk;
      store<f64>(row + (<usize>j << 3), -c);
      store<f64>(row + (<usize>(d + j) << 3), c);
    }
    store<f64>(row + (<usize>(2 * d) << 3), 1.0);
    r++;
  }
  const last = T + <usize>(r * W) * 8;
  store<f64>(last + (<usize>(2 * d) << 3), 1.0);
  store<f64>(last + (<usize>N << 3), 1.0);
  const obj = T + <usize>(m * W) * 8;
  store<f64>(obj + (<usize>(2 * d) << 3), 1.0);
  for (let j = 0; j < N; j++) store<i32>(nonbasic + (<usize>j << 2), j);
  for (let i = 0; i < m; i++) store<i32>(basic + (<usize>i << 2), N + i);
  const maxIter = 50 * (m + N);
  for (let iter = 0; iter < maxIter; iter++) {
    // entering: the smallest label with a positive reduced cost
    let s = -1, sLabel = 1 << 30;
    for (let j = 0; j < N; j++) {
      const lab = load<i32>(nonbasic + (<usize>j << 2));
      if (load<f64>(obj + (<usize>j << 3)) > EPS && lab < sLabel) { s = j; sLabel = lab; }
    }
    if (s < 0) break;
    // leaving: the minimum ratio, ties by the smallest label
    let rr = -1, best: f64 = Infinity, rLabel = 1 << 30;
    for (let i = 0; i < m; i++) {
      const a = load<f64>(T + <usize>(i * W + s) * 8);
      if (a <= EPS) continue;
      const ratio = load<f64>(T + <usize>(i * W + N) * 8) / a;
      const lab = load<i32>(basic + (<usize>i << 2));
      if (ratio < best - 1e-13 || (ratio <= best + 1e-13 && lab < rLabel)) { best = ratio; rr = i; rLabel = lab; }
    }
    if (rr < 0) break; // unbounded (cannot happen: t ≤ 1)
    pivot(T, m, W, N, rr, s);
    const t = load<i32>(basic + (<usize>rr << 2));
    store<i32>(basic + (<usize>rr << 2), load<i32>(nonbasic + (<usize>s << 2)));
    store<i32>(nonbasic + (<usize>s << 2), t);
  }
  const tStar = -load<f64>(obj + (<usize>N << 3));
  const ok = tStar > 0.5;
  if (ok) {
    memory.fill(outW, 0, <usize>d * 8);
    for (let i = 0; i < m; i++) {
      const lab = load<i32>(basic + (<usize>i << 2));
      if (lab >= 2 * d) continue;
      const v = load<f64>(T + <usize>(i * W + N) * 8);
      const j = lab < d ? lab : lab - d;
      const p = outW + (<usize>j << 3);
      store<f64>(p, load<f64>(p) + (lab < d ? v : -v));
    }
    const nw = norm(outW, d);
    if (nw > 0) for (let j = 0; j < d; j++) store<f64>(outW + (<usize>j << 3), load<f64>(outW + (<usize>j << 3)) / nw);
  }
  heap.free(T); heap.free(basic); heap.free(nonbasic);
  return ok;
}

/**
 * Pivot of the dictionary basicᵢ = bᵢ − Σⱼ aᵢⱼ·xⱼ, z = z₀ + Σⱼ cⱼ·xⱼ (stored as the objective row with
 * −z₀ in the last column): nonbasic column s enters, basic row r leaves.
 */
function pivot(T: usize, m: i32, W: i32, N: i32, r: i32, s: i32): void {
  const row = T + <usize>(r * W) * 8;
  const inv = 1.0 / load<f64>(row + (<usize>s << 3));
  for (let j = 0; j <= N; j++) store<f64>(row + (<usize>j << 3), j == s ? inv : load<f64>(row + (<usize>j << 3)) * inv);
  for (let i = 0; i <= m; i++) {
    if (i == r) continue;
    const ri = T + <usize>(i * W) * 8;
    const f = load<f64>(ri + (<usize>s << 3));
    if (f == 0) continue;
    for (let j = 0; j <= N; j++) {
      if (j == s) store<f64>(ri + (<usize>j << 3), -f * inv);
      else store<f64>(ri + (<usize>j << 3), load<f64>(ri + (<usize>j << 3)) - f * load<f64>(row + (<usize>j << 3)));
    }
  }
}

/** Export: realizability of the bits (u8 per row) with a witness written to outW. Returns 1 or 0. */
export function patternsRealizable(X: usize, n: i32, d: i32, bits: usize, tol: f64, outW: usize): i32 {
  return realizable(X, n, d, bits, outW) ? 1 : 0;
}
