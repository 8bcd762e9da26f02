// Activation cones of signed patterns (sᵢ, Dᵢ): Kᵢ = {u : (2Dᵢ − I)Xu ≥ 0}. Two things the convex
// solver needs for each of many patterns, in one call:
//  - a strictly interior point (least-norm u with (2Dᵢ − I)Xu ≥ 1, Lawson–Hanson's LDP through NNLS);
//  - the dual constraint value σᵢ(r) = max_{u∈Kᵢ, ‖u‖≤1} sᵢ·rᵀDᵢXu = ‖Π_{Kᵢ}(vᵢ)‖, vᵢ = sᵢ(DᵢX)ᵀr
//    (Moreau: Π_K(v) = v + Gᵀz*, z* = argmin_{z≥0} ‖v + Gᵀz‖, G = (2Dᵢ − I)X).
// Rows xₖ = 0 constrain nothing and are skipped. Patterns: count×n bytes (0/1), signs: count f64 (±1).
import { ld, st, nnls, nnlsScratchBytes } from "./linalg";

/** Bytes of scratch coneInterior / conePrice need. */
export function coneScratchBytes(n: i32, d: i32): i32 {
  return 8 * ((d + 2) * (n + 2) + 2 * n + 2 * d + 16) + nnlsScratchBytes(d + 1, n);
}

// @ts-ignore: decorator
@inline function rowNonzero(X: usize, d: i32, k: i32): bool {
  const xr = X + (<usize>(k * d) << 3);
  for (let j = 0; j < d; j++) if (ld(xr, j) != 0) return true;
  return false;
}

/**
 * For each pattern, the least-norm u with (2D − I)Xu ≥ 1 on the nonzero rows (so u is strictly inside
 * the cone), written to out (count×d). A cone without interior gets a zero row. Returns how many.
 */
export function coneInterior(X: usize, n: i32, d: i32, bits: usize, count: i32, out: usize, scratch: usize): i32 {
  const mr = d + 1;
  const E = scratch;                                  // (d+1)×n column-major
  const b = E + (<usize>(mr * n) << 3);                // d+1
  const z = b + (<usize>mr << 3);                      // n
  const res = z + (<usize>n << 3);                     // d+1
  const work = res + (<usize>(mr + 1) << 3);
  let failures = 0;
  for (let i = 0; i < count; i++) {
    const bi = bits + <usize>(i * n);
    const o = out + (<usize>(i * d) << 3);
    let nv = 0;
    for (let k = 0; k < n; k++) {
      if (!rowNonzero(X, d, k)) continue;
      const sg: f64 = load<u8>(bi + <usize>k) != 0 ? 1.0 : -1.0;
      const col = E + (<usize>(nv * mr) << 3);
      const xr = X + (<usize>(k * d) << 3);
      for (let j = 0; j < d; j++) st(col, j, sg * ld(xr, j));
      st(col, d, 1.0);
      nv++;
    }
    for (let j = 0; j < d; j++) st(o, j, 0);
    if (nv == 0) { st(o, 0, 1.0); continue; }
    for (let j = 0; j < d; j++) st(b, j, 0);
    st(b, d, 1.0);
    const rr = nnls(E, mr, nv, b, z, res, work);
    const rd = ld(res, d);
    let ok = rr > 1e-20 && rd != 0;
    if (ok) {
      for (let j = 0; j < d; j++) st(o, j, -ld(res, j) / rd);
      // verify strict interiority (rounding may leave a degenerate cone looking feasible)
      let minM: f64 = Infinity, norm: f64 = 0;
      for (let j = 0; j < d; j++) norm += ld(o, j) * ld(o, j);
      for (let c = 0; c < nv; c++) {
        const col = E + (<usize>(c * mr) << 3);
        let m: f64 = 0;
        for (let j = 0; j < d; j++) m += ld(col, j) * ld(o, j);
        if (m < minM) minM = m;
      }
      ok = minM > 0.5 && norm < 1e24;
    }
    if (!ok) {
      for (let j = 0; j < d; j++) st(o, j, 0);
      failures++;
    }
  }
  return failures;
}

/**
 * σᵢ(r) for each signed pattern into sigma (count). Patterns with ‖vᵢ‖ ≤ threshold get ‖vᵢ‖ (an upper
 * bound, cheap); the others the exact projection norm. Returns max σᵢ.
 */
export function conePrice(
  X: usize, n: i32, d: i32, bits: usize, signs: usize, count: i32, r: usize, threshold: f64, sigma: usize, scratch: usize,
): f64 {
  const E = scratch;                                   // d×n column-major: column c = gₖ
  const v = E + (<usize>(d * n) << 3);                  // d: −vᵢ (the NNLS target)
  const z = v + (<usize>(d + 1) << 3);                  // n
  const res = z + (<usize>(n + 1) << 3);                // d
  const work = res + (<usize>(d + 1) << 3);
  let best: f64 = 0;
  for (let i = 0; i < count; i++) {
    const bi = bits + <usize>(i * n);
    const si = ld(signs, i);
    for (let j = 0; j < d; j++) st(v, j, 0);
    for (let k = 0; k < n; k++) {
      if (load<u8>(bi + <usize>k) == 0) continue;
      const c = -si * ld(r, k);
      const xr = X + (<usize>(k * d) << 3);
      for (let j = 0; j < d; j++) st(v, j, ld(v, j) + c * ld(xr, j));
    }
    let vn: f64 = 0;
    for (let j = 0; j < d; j++) vn += ld(v, j) * ld(v, j);
    vn = Math.sqrt(vn);
    let sg = vn;
    if (vn > threshold) {
      // is vᵢ already in the cone? then σᵢ = ‖vᵢ‖
      let inside = true;
      let nv = 0;
      for (let k = 0; k < n; k++) {
        if (!rowNonzero(X, d, k)) continue;
        const sk: f64 = load<u8>(bi + <usize>k) != 0 ? 1.0 : -1.0;
        const xr = X + (<usize>(k * d) << 3);
        const col = E + (<usize>(nv * d) << 3);
        let m: f64 = 0;
        for (let j = 0; j < d; j++) { const g = sk * ld(xr, j); st(col, j, g); m -= g * ld(v, j); }
        if (m < 0) inside = false;
        nv++;
      }
      if (!inside) sg = Math.sqrt(nnls(E, d, nv, v, z, res, work));
    }
    st(sigma, i, sg);
    if (sg > best) best = sg;
  }
  return best;
}
