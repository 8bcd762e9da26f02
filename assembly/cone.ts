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

// ---- verified dual constraint values ------------------------------------------------------------
// The certificate's lower bound is only as good as its σᵢ(r): each must be an upper bound in exact
// arithmetic, whatever the scale of X and r. Two facts make that cheap:
//  - σ(v) = ‖Π_K(v)‖ = min_{z ≥ 0} ‖v + Gᵀz‖ (the distance from v to the polar cone), so ANY z ≥ 0
//    gives an upper bound; the NNLS only has to find a good one, its rounding cannot make it invalid;
//  - v ↦ ‖Π_K(v)‖ is 1-Lipschitz, so the rounding error of v = sᵢ·Σₖ∈D rₖxₖ adds at most its norm.
// Rows are scaled by powers of two (exact, and the cone does not change under positive row scaling),
// v likewise, so the NNLS works on numbers near 1 at any data scale; every sum is then bounded by the
// standard model |fl(Σ) − Σ| ≤ γₘ·Σ|terms| (γₘ = m·u/(1 − m·u), u = 2⁻⁵³), plus one smallest
// subnormal per product for underflow, and norms and square roots are rounded up.

const UNIT: f64 = 1.1102230246251565e-16; // u = 2^-53
const EPS: f64 = 2.220446049250313e-16; // 2u
const ETA: f64 = 4.9406564584124654e-324; // smallest subnormal

/** γₘ = m·u/(1 − m·u). */
// @ts-ignore: decorator
@inline function gamma(m: i32): f64 { const mu = <f64>m * UNIT; return mu / (1 - mu); }

/** x·(1 + k·2u): rounds an upper bound up past k roundings. */
// @ts-ignore: decorator
@inline function up(x: f64, k: i32): f64 { return x * (1 + <f64>k * EPS); }

/** The exponent e with 2^e ≤ |x| < 2^(e+1) (x finite, ≠ 0; subnormals too). */
export function exponentOf(x: f64): i32 {
  const e = <i32>((reinterpret<u64>(x) >> 52) & 0x7ff);
  if (e == 0) return exponentOf(x * 18014398509481984.0) - 54; // ×2^54
  return e - 1023;
}

/** x·2^k, exact whenever the result is a normal number. */
export function scale2(x: f64, k: i32): f64 {
  while (k > 1000) { x *= reinterpret<f64>(<u64>(1000 + 1023) << 52); k -= 1000; }
  while (k < -1000) { x *= reinterpret<f64>(<u64>(-1000 + 1023) << 52); k += 1000; }
  return x * reinterpret<f64>(<u64>(k + 1023) << 52);
}

/** Bytes of scratch conePrice needs. */
export function conePriceScratchBytes(n: i32, d: i32): i32 {
  return 8 * (n * d + n + d * (n + 1) + 4 * d + n + 16) + nnlsScratchBytes(d, n);
}

/**
 * Upper bounds σ̄ᵢ ≥ σᵢ(r) (exact arithmetic) for each signed pattern into sigma (count). Patterns
 * whose cheap bound ‖vᵢ‖ (+ its rounding) is ≤ threshold get it; the others the projection bound.
 * Rows xₖ = 0 constrain nothing. An overflow gives Infinity (a valid, useless bound). Returns max σ̄ᵢ.
 */
export function conePrice(
  X: usize, n: i32, d: i32, bits: usize, signs: usize, count: i32, r: usize, threshold: f64, sigma: usize, scratch: usize,
): f64 {
  const Xn = scratch;                                   // n×d: rows scaled into [1, 2) by powers of two
  const rowOk = Xn + (<usize>(n * d) << 3);             // n: 1 for nonzero rows
  const E = rowOk + (<usize>n << 3);                    // d×(n+1) column-major: column c = τₖ·x̃ₖ
  const v = E + (<usize>(d * (n + 1)) << 3);            // d: v, then v̂ = v·2^−e
  const b = v + (<usize>d << 3);                        // d: −v̂ (the NNLS target)
  const res = b + (<usize>d << 3);                      // d
  const ab = res + (<usize>d << 3);                     // d: Σ|terms| per coordinate
  const z = ab + (<usize>d << 3);                       // n
  const work = z + (<usize>(n + 16) << 3);
  for (let k = 0; k < n; k++) {
    const xr = X + (<usize>(k * d) << 3), xn = Xn + (<usize>(k * d) << 3);
    let mx: f64 = 0;
    for (let j = 0; j < d; j++) mx = Math.max(mx, Math.abs(ld(xr, j)));
    st(rowOk, k, mx > 0 ? 1.0 : 0.0);
    const e = mx > 0 ? exponentOf(mx) : 0;
    for (let j = 0; j < d; j++) st(xn, j, scale2(ld(xr, j), -e));
  }
  let best: f64 = 0;
  for (let i = 0; i < count; i++) {
    const bi = bits + <usize>(i * n);
    const si = ld(signs, i);
    for (let j = 0; j < d; j++) { st(v, j, 0); st(ab, j, 0); }
    let m = 0;
    for (let k = 0; k < n; k++) {
      if (load<u8>(bi + <usize>k) == 0) continue;
      const c = si * ld(r, k);
      const xr = X + (<usize>(k * d) << 3);
      for (let j = 0; j < d; j++) { const p = c * ld(xr, j); st(v, j, ld(v, j) + p); st(ab, j, ld(ab, j) + Math.abs(p)); }
      m++;
    }
    // ‖v − fl(v)‖ ≤ ‖·‖₁ of the per-coordinate bounds
    let errV: f64 = 0, vmax: f64 = 0;
    const gm = gamma(m + 1);
    for (let j = 0; j < d; j++) { errV += gm * ld(ab, j) + <f64>(m + 1) * ETA; vmax = Math.max(vmax, Math.abs(ld(v, j))); }
    errV = up(errV, d + 2);
    if (!(errV < Infinity) || !(vmax < Infinity)) { st(sigma, i, Infinity); best = Infinity; continue; }
    let sg: f64;
    if (vmax == 0) sg = errV;
    else {
      const ev = exponentOf(vmax);
      let vv: f64 = 0;
      for (let j = 0; j < d; j++) { const t = scale2(ld(v, j), -ev); st(v, j, t); st(b, j, -t); vv += t * t; }
      const cheap = up(scale2(up(Math.sqrt(vv), d + 3), ev) + errV, 2);
      sg = cheap;
      if (cheap > threshold) {
        // is v̂ already in the cone (then σ = ‖v‖)? else project: NNLS over the nonzero rows
        let inside = true;
        let nv = 0;
        for (let k = 0; k < n; k++) {
          if (ld(rowOk, k) == 0) continue;
          const tk: f64 = load<u8>(bi + <usize>k) != 0 ? 1.0 : -1.0;
          const xn = Xn + (<usize>(k * d) << 3);
          const col = E + (<usize>(nv * d) << 3);
          let mm: f64 = 0;
          for (let j = 0; j < d; j++) { const g = tk * ld(xn, j); st(col, j, g); mm += g * ld(v, j); }
          if (mm < 0) inside = false;
          nv++;
        }
        if (!inside) {
          nnls(E, d, nv, b, z, res, work);
          // the bound of this z ≥ 0, recomputed with its rounding: ‖v̂ + Σ zₖgₖ‖
          for (let j = 0; j < d; j++) { st(res, j, ld(v, j)); st(ab, j, Math.abs(ld(v, j))); }
          for (let c = 0; c < nv; c++) {
            const zc = ld(z, c);
            if (!(zc > 0)) continue;
            const col = E + (<usize>(c * d) << 3);
            for (let j = 0; j < d; j++) { const p = zc * ld(col, j); st(res, j, ld(res, j) + p); st(ab, j, ld(ab, j) + Math.abs(p)); }
          }
          let ww: f64 = 0, errW: f64 = 0;
          const gw = gamma(nv + 2);
          for (let j = 0; j < d; j++) { const t = ld(res, j); ww += t * t; errW += gw * ld(ab, j) + <f64>(nv + 2) * ETA; }
          const proj = up(scale2(up(Math.sqrt(ww), d + 3) + up(errW, d + 2), ev) + errV, 2);
          if (proj < sg) sg = proj;
        }
      }
    }
    st(sigma, i, sg);
    if (sg > best) best = sg;
  }
  return best;
}
