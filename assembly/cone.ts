// Activation cones of signed patterns (sᵢ, Dᵢ): Kᵢ = {u : (2Dᵢ − I)Xu ≥ 0}. Two things the convex
// solver needs for each of many patterns, in one call:
//  - a strictly interior point (least-norm u with (2Dᵢ − I)Xu ≥ 1, Lawson–Hanson's LDP through NNLS);
//  - the dual constraint value σᵢ(r) = max_{u∈Kᵢ, ‖u‖≤1} sᵢ·rᵀDᵢXu = ‖Π_{Kᵢ}(vᵢ)‖, vᵢ = sᵢ(DᵢX)ᵀr
//    (Moreau: Π_K(v) = v + Gᵀz*, z* = argmin_{z≥0} ‖v + Gᵀz‖, G = (2Dᵢ − I)X).
// Rows xₖ = 0 constrain nothing and are skipped. Patterns: count×n bytes (0/1), signs: count f64 (±1).
import { ld, st, ldi, sti, nnls, nnlsScratchBytes } from "./linalg";
import { zalloc } from "./cell-list";

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

// the rounding constants and error-bound helpers of the certified pricing (here and cell-sweep.ts)
export const UNIT: f64 = 1.1102230246251565e-16; // u = 2^-53
export const EPS: f64 = 2.220446049250313e-16; // 2u
export const ETA: f64 = 4.9406564584124654e-324; // smallest subnormal

/** γₘ = m·u/(1 − m·u). */
// @ts-ignore: decorator
@inline export function gamma(m: i32): f64 { const mu = <f64>m * UNIT; return mu / (1 - mu); }

/** x·(1 + k·2u): rounds an upper bound up past k roundings. */
// @ts-ignore: decorator
@inline export function up(x: f64, k: i32): f64 { return x * (1 + <f64>k * EPS); }

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

/** Bytes of scratch conePrice needs (besides conePriceIndexBytes). */
export function conePriceScratchBytes(n: i32, d: i32): i32 {
  return 256 + 8 * (n * d + 2 * n + d * (n + 1) + 6 * d + 3 * n + 48) + nnlsScratchBytes(d, n);
}

/**
 * ‖s·v̂ + Σ_c z_c·E_c‖ over the columns c with z_c > 0, rounded up past every rounding (an upper
 * bound on σ(v̂) for the cone, whatever z ≥ 0 is). res and ab are d scratch.
 */
function residualBound(v: usize, s: f64, E: usize, z: usize, nv: i32, d: i32, res: usize, ab: usize): f64 {
  for (let j = 0; j < d; j++) { const t = s * ld(v, j); st(res, j, t); st(ab, j, Math.abs(t)); }
  let terms = 1;
  for (let c = 0; c < nv; c++) {
    const zc = ld(z, c);
    if (!(zc > 0)) continue;
    terms++;
    const col = E + (<usize>(c * d) << 3);
    for (let j = 0; j < d; j++) { const p = zc * ld(col, j); st(res, j, ld(res, j) + p); st(ab, j, ld(ab, j) + Math.abs(p)); }
  }
  let ww: f64 = 0, err: f64 = 0;
  const g = gamma(terms + 1);
  for (let j = 0; j < d; j++) { const t = ld(res, j); ww += t * t; err += g * ld(ab, j) + <f64>(terms + 1) * ETA; }
  return up(Math.sqrt(ww), d + 3) + up(err, d + 2);
}

/** The state of one pricing call (pointers into scratch, sizes). */
@unmanaged
class Pricing {
  X: usize = 0; n: i32 = 0; d: i32 = 0; bits: usize = 0; signs: usize = 0; r: usize = 0;
  Xn: usize = 0; rowOk: usize = 0; rowNorm: usize = 0; E: usize = 0; v: usize = 0; b: usize = 0;
  res: usize = 0; ab: usize = 0; z: usize = 0; gv: usize = 0; gg: usize = 0; work: usize = 0;
  /** After computeV: the exponent of v̂ = v·2^−ev, ‖v − fl(v)‖ bound, max |vⱼ|. */
  ev: i32 = 0; errV: f64 = 0; vmax: f64 = 0; cheap: f64 = 0;
  /** Columns of E built for the current pattern. */
  nv: i32 = 0; built: bool = false;
  /** count u64: each pattern's last NNLS passive set (bit c = column c), or 0 (n > 64: no warm starts). */
  warm: usize = 0;
}

function pricingSetup(st_: Pricing, X: usize, n: i32, d: i32, bits: usize, signs: usize, r: usize, scratch: usize): void {
  st_.X = X; st_.n = n; st_.d = d; st_.bits = bits; st_.signs = signs; st_.r = r;
  st_.Xn = scratch;                                      // n×d: rows scaled into [1, 2) by powers of two
  st_.rowOk = st_.Xn + (<usize>(n * d) << 3);            // n: 1 for nonzero rows
  st_.rowNorm = st_.rowOk + (<usize>n << 3);             // n: ‖xₖ‖ rounded up (for the Lipschitz slack)
  st_.E = st_.rowNorm + (<usize>n << 3);                 // d×(n+1) column-major: column c = τₖ·x̃ₖ
  st_.v = st_.E + (<usize>(d * (n + 1)) << 3);           // d: v, then v̂ = v·2^−ev
  st_.b = st_.v + (<usize>d << 3);                       // d: −s·v̂ (the NNLS target)
  st_.res = st_.b + (<usize>d << 3);                     // d
  st_.ab = st_.res + (<usize>d << 3);                    // d: Σ|terms| per coordinate
  st_.z = st_.ab + (<usize>d << 3);                      // n
  st_.gv = st_.z + (<usize>(n + 4) << 3);                // n: gₖ·v̂ for the columns of E
  st_.gg = st_.gv + (<usize>(n + 4) << 3);               // n: ‖gₖ‖²
  st_.work = st_.gg + (<usize>(n + 4) << 3) + (<usize>(2 * d) << 3);
  for (let k = 0; k < n; k++) {
    const xr = X + (<usize>(k * d) << 3), xn = st_.Xn + (<usize>(k * d) << 3);
    let mx: f64 = 0;
    for (let j = 0; j < d; j++) mx = Math.max(mx, Math.abs(ld(xr, j)));
    st(st_.rowOk, k, mx > 0 ? 1.0 : 0.0);
    const e = mx > 0 ? exponentOf(mx) : 0;
    let nn: f64 = 0;
    for (let j = 0; j < d; j++) { const t = scale2(ld(xr, j), -e); st(xn, j, t); nn += t * t; }
    st(st_.rowNorm, k, mx > 0 ? scale2(up(Math.sqrt(nn), d + 3), e) : 0);
  }
}

/** v = Σₖ∈D rₖxₖ of pattern i (unsigned), scaled to v̂, with its rounding bound and ‖v‖'s bound (cheap). False on overflow. */
function computeV(st_: Pricing, i: i32): bool {
  const n = st_.n, d = st_.d, v = st_.v, ab = st_.ab;
  const bi = st_.bits + <usize>(i * n);
  for (let j = 0; j < d; j++) { st(v, j, 0); st(ab, j, 0); }
  let m = 0;
  for (let k = 0; k < n; k++) {
    if (load<u8>(bi + <usize>k) == 0) continue;
    const c = ld(st_.r, k);
    const xr = st_.X + (<usize>(k * d) << 3);
    for (let j = 0; j < d; j++) { const p = c * ld(xr, j); st(v, j, ld(v, j) + p); st(ab, j, ld(ab, j) + Math.abs(p)); }
    m++;
  }
  let errV: f64 = 0, vmax: f64 = 0;
  const gm = gamma(m + 1);
  for (let j = 0; j < d; j++) { errV += gm * ld(ab, j) + <f64>(m + 1) * ETA; vmax = Math.max(vmax, Math.abs(ld(v, j))); }
  errV = up(errV, d + 2);
  st_.built = false;
  st_.nv = 0;
  if (!(errV < Infinity) || !(vmax < Infinity)) return false;
  st_.errV = errV; st_.vmax = vmax; st_.ev = 0; st_.cheap = errV;
  if (vmax > 0) {
    const ev = exponentOf(vmax);
    let vv: f64 = 0;
    for (let j = 0; j < d; j++) { const t = scale2(ld(v, j), -ev); st(v, j, t); vv += t * t; }
    st_.ev = ev;
    st_.cheap = up(scale2(up(Math.sqrt(vv), d + 3), ev) + errV, 2);
  }
  return true;
}

/** The columns of pattern i's cone (nonzero rows, τₖ·x̃ₖ) and gₖ·v̂, ‖gₖ‖² for each (shared by both signs). */
function buildCone(st_: Pricing, i: i32): void {
  if (st_.built) return;
  const n = st_.n, d = st_.d;
  const bi = st_.bits + <usize>(i * n);
  let nv = 0;
  for (let k = 0; k < n; k++) {
    if (ld(st_.rowOk, k) == 0) continue;
    const tk: f64 = load<u8>(bi + <usize>k) != 0 ? 1.0 : -1.0;
    const xn = st_.Xn + (<usize>(k * d) << 3);
    const col = st_.E + (<usize>(nv * d) << 3);
    let mm: f64 = 0, q: f64 = 0;
    for (let j = 0; j < d; j++) { const g = tk * ld(xn, j); st(col, j, g); mm += g * ld(st_.v, j); q += g * g; }
    st(st_.gv, nv, mm);
    st(st_.gg, nv, q);
    nv++;
  }
  st_.nv = nv;
  st_.built = true;
}

/**
 * The bound of sign s after computeV: ‖v‖, else the most violated half-space's projection (one row
 * of z), and with `exact` the NNLS projection. Returns the bound; `exactOut` says whether it is the
 * projection's (or ‖v‖ with v in the cone), i.e. σ to rounding.
 */
function signBound(st_: Pricing, i: i32, s: f64, threshold: f64, exact: bool): f64 {
  let sg = st_.cheap;
  lastExact = false;
  if (!(st_.vmax > 0) || sg <= threshold) return sg;
  buildCone(st_, i);
  const nv = st_.nv, d = st_.d, z = st_.z;
  let worst = -1, wv: f64 = 0;
  for (let c = 0; c < nv; c++) {
    const mm = s * ld(st_.gv, c);
    if (mm < 0) { const t = (mm * mm) / ld(st_.gg, c); if (t > wv) { wv = t; worst = c; } }
  }
  if (worst < 0) { lastExact = true; return sg; } // v in the cone: σ = ‖v‖
  for (let c = 0; c < nv; c++) st(z, c, 0);
  st(z, worst, -s * ld(st_.gv, worst) / ld(st_.gg, worst));
  const one = up(scale2(residualBound(st_.v, s, st_.E, z, nv, d, st_.res, st_.ab), st_.ev) + st_.errV, 2);
  if (one < sg) sg = one;
  if (!exact || sg <= threshold) return sg;
  for (let j = 0; j < d; j++) st(st_.b, j, -s * ld(st_.v, j));
  projections++;
  // warm start from the pattern's passive set at the last dual point (rows ≤ 64), then remember it
  const wp = st_.warm != 0 ? st_.warm + (<usize>i << 3) : 0;
  nnls(st_.E, d, nv, st_.b, z, st_.res, st_.work, wp != 0 ? load<u64>(wp) : 0);
  if (wp != 0) {
    let mask: u64 = 0;
    for (let c = 0; c < nv; c++) if (ld(z, c) > 0) mask |= (<u64>1) << <u64>c;
    store<u64>(wp, mask);
  }
  const proj = up(scale2(residualBound(st_.v, s, st_.E, z, nv, d, st_.res, st_.ab), st_.ev) + st_.errV, 2);
  if (proj < sg) sg = proj;
  lastExact = true;
  return sg;
}
let lastExact = false;
/** Projections (NNLS) the last conePrice call computed. */
let projections = 0;
export function conePriceProjections(): i32 { return projections; }

// ---- heaps of pattern indices keyed by a f64 array --------------------------------------------

/** Sift down in a heap (max-heap when sgn = 1, min-heap when −1) of indices keyed by key[]. */
function siftDown(h: usize, size: i32, a: i32, key: usize, sgn: f64): void {
  while (true) {
    const l = 2 * a + 1;
    if (l >= size) return;
    let c = l;
    if (l + 1 < size && sgn * ld(key, ldi(h, l + 1)) > sgn * ld(key, ldi(h, l))) c = l + 1;
    if (!(sgn * ld(key, ldi(h, c)) > sgn * ld(key, ldi(h, a)))) return;
    const t = ldi(h, a); sti(h, a, ldi(h, c)); sti(h, c, t);
    a = c;
  }
}

function siftUp(h: usize, a: i32, key: usize, sgn: f64): void {
  while (a > 0) {
    const p = (a - 1) >> 1;
    if (!(sgn * ld(key, ldi(h, a)) > sgn * ld(key, ldi(h, p)))) return;
    const t = ldi(h, a); sti(h, a, ldi(h, p)); sti(h, p, t);
    a = p;
  }
}

/** Bytes of the per-pattern scratch conePrice needs besides conePriceScratchBytes: 13 per pattern. */
export function conePriceIndexBytes(count: i32): i32 {
  return 13 * count + 96;
}

/** The bucket of a bound ≥ 0: its exponent and top 3 mantissa bits (order-preserving, 2^14 buckets). */
// @ts-ignore: decorator
@inline function bucketOf(x: f64): i32 {
  if (!(x < Infinity)) return (1 << 14) - 1;
  return <i32>((reinterpret<u64>(x) >> 49) & 0x3fff);
}

/** The least upper bound of the values in a bucket (Infinity for the top one). */
function bucketTop(key: i32): f64 {
  if (key >= (1 << 14) - 1) return Infinity;
  return reinterpret<f64>(<u64>(key + 1) << 49);
}

/**
 * Upper bounds σ̄ᵢ ≥ σᵢ(r) (exact arithmetic) for each signed pattern into sigma (count), with the
 * max exact (to rounding): σ̄ᵢ is the projection's value for every pattern that can be among the
 * `keep` largest above `threshold` or be the max, and a valid cheap bound for the others. Pass 1, per
 * pattern: with `prevR` ≠ 0, sigma holds valid bounds at the dual point prevR on entry and
 * σᵢ(r) ≤ σᵢ(r') + Σₖ|rₖ − r'ₖ|·‖xₖ‖ (σᵢ is Lipschitz in r); else ‖vᵢ‖, or the projection onto the
 * single most violated half-space (a superset of the cone) — a pattern followed by its negation (same
 * bits, opposite sign, as signedPatternsOf lays them out) shares vᵢ. Pass 2: NNLS projections in
 * descending order of those bounds (by buckets 1/8 of an octave wide), until the next bound is at most
 * max(threshold, the keep-th largest projection found): no pattern left can then enter the top `keep`
 * or exceed the max.
 * `index` holds conePriceIndexBytes(count). out[0] = the keep-th largest exact value (or threshold).
 * `warm` (count u64, zero at first, or 0 for none) keeps each pattern's NNLS passive set between
 * calls: the next projection starts from it (n ≤ 64).
 * Rows xₖ = 0 constrain nothing. An overflow gives Infinity (a valid, useless bound). Returns max σ̄ᵢ.
 */
export function conePrice(
  X: usize, n: i32, d: i32, bits: usize, signs: usize, count: i32, r: usize, threshold: f64, sigma: usize, scratch: usize,
  prevR: usize, keep: i32, index: usize, out: usize, warm: usize,
): f64 {
  const P = changetype<Pricing>(scratch);
  projections = 0;
  pricingSetup(P, X, n, d, bits, signs, r, scratch + 256);
  P.warm = n <= 64 ? warm : 0;
  const cand = index;                                       // count i32: the candidates
  const top = index + <usize>(4 * count + 16);              // count i32: min-heap of the top `keep`
  // (then count i32: the candidates by bucket)
  const exact = index + <usize>(12 * count + 48);         // count bytes: 1 = projection value
  // the Lipschitz slack from the previous dual point, rounded up
  let slack: f64 = Infinity;
  if (prevR != 0) {
    slack = 0;
    for (let k = 0; k < n; k++) slack += up(Math.abs(ld(r, k) - ld(prevR, k)), 2) * ld(P.rowNorm, k);
    slack = up(slack, n + 2) + <f64>n * ETA;
  }
  // pass 1: cheap bounds
  let hs = 0;
  for (let i = 0; i < count; ) {
    const bi = bits + <usize>(i * n);
    let group = 1;
    if (i + 1 < count && ld(signs, i + 1) == -ld(signs, i)) {
      group = 2;
      const bj = bi + <usize>n;
      for (let k = 0; k < n; k++) if (load<u8>(bi + <usize>k) != load<u8>(bj + <usize>k)) { group = 1; break; }
    }
    let todo = 0;
    for (let t = 0; t < group; t++) {
      store<u8>(exact + <usize>(i + t), 0);
      const prev = prevR != 0 ? ld(sigma, i + t) + slack : Infinity;
      if (prev <= threshold) st(sigma, i + t, up(prev, 1));
      else todo |= 1 << t;
    }
    if (todo != 0) {
      const ok = computeV(P, i);
      for (let t = 0; t < group; t++) {
        if (!(todo & (1 << t))) continue;
        if (!ok) { st(sigma, i + t, Infinity); continue; }
        const sg = signBound(P, i, ld(signs, i + t), threshold, false);
        st(sigma, i + t, sg);
        if (lastExact) store<u8>(exact + <usize>(i + t), 1);
        else if (sg > threshold) { sti(cand, hs, i + t); hs++; }
      }
    }
    i += group;
  }
  // the exact values so far (v in its cone) start the top-`keep` heap
  let ts = 0;
  for (let i = 0; i < count; i++) {
    if (load<u8>(exact + <usize>i) == 0 || !(ld(sigma, i) > threshold)) continue;
    if (ts < keep) { sti(top, ts, i); siftUp(top, ts, sigma, -1); ts++; }
    else if (ld(sigma, i) > ld(sigma, ldi(top, 0))) { sti(top, 0, i); siftDown(top, ts, 0, sigma, -1); }
  }
  // pass 2: projections in descending order of the cheap bounds — by buckets of the bound's exponent
  // and top 3 mantissa bits (a counting sort: sequential passes), each bucket done whole, until the
  // next bucket's upper edge is at most max(threshold, the keep-th largest projection)
  const NB = 1 << 14;
  const counts = zalloc(<usize>(NB + 1) << 2);
  for (let a = 0; a < hs; a++) {
    const key = bucketOf(ld(sigma, ldi(cand, a)));
    store<i32>(counts + (<usize>key << 2), load<i32>(counts + (<usize>key << 2)) + 1);
  }
  // start offsets, highest bucket first
  let acc = 0;
  for (let key = NB - 1; key >= 0; key--) {
    const c = load<i32>(counts + (<usize>key << 2));
    store<i32>(counts + (<usize>key << 2), acc);
    acc += c;
  }
  store<i32>(counts + (<usize>NB << 2), acc);
  const order = top + (<usize>(4 * count + 16));
  for (let a = 0; a < hs; a++) {
    const i = ldi(cand, a), key = bucketOf(ld(sigma, i));
    const at = load<i32>(counts + (<usize>key << 2));
    store<i32>(counts + (<usize>key << 2), at + 1);
    sti(order, at, i);
  }
  // after the scatter, counts[key] is the end of bucket key; walk buckets from the top
  let pos = 0;
  for (let key = NB - 1; key >= 0 && pos < hs; key--) {
    const end = load<i32>(counts + (<usize>key << 2));
    if (end == pos) continue;
    const floor = ts >= keep ? Math.max(threshold, ld(sigma, ldi(top, 0))) : threshold;
    if (!(bucketTop(key) > floor)) break;
    for (; pos < end; pos++) {
      const i = ldi(order, pos);
      if (!(ld(sigma, i) > floor)) continue;
      if (computeV(P, i)) {
        const sg = signBound(P, i, ld(signs, i), threshold, true);
        if (sg < ld(sigma, i)) st(sigma, i, sg);
      } else st(sigma, i, Infinity);
      store<u8>(exact + <usize>i, 1);
      if (!(ld(sigma, i) > threshold)) continue;
      if (ts < keep) { sti(top, ts, i); siftUp(top, ts, sigma, -1); ts++; }
      else if (ld(sigma, i) > ld(sigma, ldi(top, 0))) { sti(top, 0, i); siftDown(top, ts, 0, sigma, -1); }
    }
    pos = end;
  }
  heap.free(counts);
  st(out, 0, ts >= keep ? Math.max(threshold, ld(sigma, ldi(top, 0))) : threshold);
  let best: f64 = 0;
  for (let i = 0; i < count; i++) best = Math.max(best, ld(sigma, i));
  return best;
}
