// Streaming over the cells of a rank-3 central arrangement {u ∈ R³ : xₖ·u = 0} (two-dimensional data
// with a bias, or any X with three columns) without storing them: a rotational sweep, and on it the
// verified pricing of every signed pattern, σ̄(s, D) ≥ max_{u ∈ K_D, ‖u‖ ≤ 1} s·rᵀDXu, in
// O(n² log n) time and O(n + K·n) memory (K the patterns reported).
//
// Geometry. Pick an axis coordinate c with xₖ_c ≠ 0 for every row (the bias column when there is one)
// and write xₖ = xₖ_c·(pₖ, 1), εₖ = sign(xₖ_c), pₖ ∈ R². A direction u = sin θ·(cos φ, sin φ, t)
// (coordinates with the axis last, t = cot θ) has xₖ·u = xₖ_c·sin θ·(hₖ(φ) + t), hₖ(φ) = pₖ·(cos φ, sin φ):
// on the meridian of longitude φ the circles xₖ·u = 0 sit at the heights t = −hₖ(φ), and the cells are
// the gaps between consecutive heights — the gap g of the points sorted by hₖ (slots 0…N−1) has the
// pattern bitₖ = [slot(k) ≥ g] XOR [εₖ < 0]. As φ turns once, two points swap slots exactly when φ is
// normal to pₐ − p_b: a vertex of the arrangement (each pair twice, at antipodal vertices), N(N−1)
// events in all. Between events a gap's cell does not change; at the swap of slots p, p+1 the cell of
// gap p+1 ends (both its bounding circles meet there) and a new one begins. Each cell not holding a
// pole spans less than half a turn, so the sweep from φ = 0⁺ once around meets every cell: those alive
// at the start close during the sweep and reopen before its end (their two parts are merged), the two
// cells holding the poles (gaps 0 and N) never close. Count: N(N−1) + 2 cells, Cover's count.
//
// Exactness. The sweep's combinatorics use only exact predicates (exact.ts): the initial order (a
// 2×2 determinant) and, for two events that share a point (slots p−1, p and p, p+1), which comes first:
// orient(pₐ, p_b, p_c) = sign det[xₐ; x_b; x_c]·εₐε_bε_c. Event times are f64 angles used only to pick a
// candidate; the candidate is then moved along its neighbours until no neighbouring event is exactly
// earlier, so the sweep is a valid topological sweep of the true arrangement. Three collinear points
// (a vertex of three circles), repeated points or a zero predicate end it with a status code (the
// caller then enumerates and stores the cells instead, which handles degenerate data).
//
// Pricing. In the cell K = K_D the functional is linear: F(u) = Σₖ rₖ relu(xₖ·u) = v·u, v = Σ_{k∈D} rₖxₖ,
// and σ(s, D) = ‖Π_K(s·v)‖. For each vertex V of the cell (circles a, b) the wedge W_V = {gₐ·u ≥ 0,
// g_b·u ≥ 0} ⊇ K (g = ±x, the cell's side) gives ‖Π_{W_V}(s·v)‖ ≥ σ, and the minimum over the cell's
// vertices is σ itself: the projection onto K lies in K's interior, on a facet, or on an extreme ray,
// and at a vertex on that facet (or ray) it satisfies the wedge's optimality conditions too. Each wedge
// bound is evaluated as ‖s·v + z₁g₁ + z₂g₂‖ for some z ≥ 0 (any z ≥ 0 bounds the projection's norm from
// above: the distance to the polar cone), rounded up past every rounding; v itself is a sum of the
// rows' terms whose rounding error (bounded once per pass) is added, σ being 1-Lipschitz in v. Rows are
// scaled by powers of two into [1, 2) with rₖ scaled inversely (F does not change), so nothing here
// depends on the data's scale.
import { det2Sign, det3Sign } from "./exact";
import { zalloc } from "./cell-list";
import { scale2, exponentOf, gamma, up, ETA } from "./cone";
import { ld, st, ldi, sti } from "./linalg";

const TWO_PI: f64 = 6.283185307179586;
const HALF_PI: f64 = 1.5707963267948966;


/** Why a sweep could not run (sweepStatus): the caller falls back to the stored enumeration. */
export const SWEEP_OK = 0;
export const SWEEP_NOT_RANK3 = 1; // d ≠ 3, a zero row, or no axis coordinate nonzero on every row
export const SWEEP_TINY = 2; // an entry below 2⁻²⁵⁰ of its row (the exact predicates need normal products)
export const SWEEP_DEGENERATE = 3; // repeated or collinear points: a vertex of more than two circles
export const SWEEP_INCONSISTENT = 4; // the sweep did not return to its start (never expected)
export const SWEEP_OVERFLOW = 5; // r·x not finite
export const SWEEP_TOO_MANY = 6; // N(N−1) events beyond i32 (n > 46,341): refused up front

@unmanaged
class Sweep {
  n: i32 = 0;
  N: i32 = 0;
  /** N×3: rows scaled into [1, 2) by powers of two, the axis coordinate last. */
  X: usize = 0;
  /** N: the power of two: x̃ₖ = xₖ·2^(−eₖ). */
  expo: usize = 0;
  /** N f64: εₖ = ±1. */
  eps: usize = 0;
  /** N×2: pₖ (f64, for the event angles only). */
  P: usize = 0;
  /** N i32: the order at φ = 0⁺ (slot → row). */
  init: usize = 0;
  /** N f64: ‖x̃ₖ‖². */
  nn: usize = 0;
  status: i32 = 0;
  // pass buffers
  L: usize = 0; key: usize = 0; heap: usize = 0; hpos: usize = 0;
  S: usize = 0; delta: usize = 0; B: usize = 0;
  mnP: usize = 0; mnN: usize = 0; origin: usize = 0; firstP: usize = 0; firstN: usize = 0;
  /** Per gap: bit 0 (1) set when some vertex has s·v·V > 0 for s = +1 (−1), not certified ≤ 0. */
  posV: usize = 0; firstPos: usize = 0;
  // the pass's state
  floor: f64 = 0; threshold: f64 = 0; errV: f64 = 0; maxAll: f64 = 0;
  keep: i32 = 0; topCount: i32 = 0;
  topSigma: usize = 0; topSign: usize = 0; topBits: usize = 0; topOrder: usize = 0;
  faces: i32 = 0;
  /** The sequence of event slots recorded by the first pass (i32 each), replayed by later passes; 0: recompute every pass. */
  events: usize = 0;
  /** Bytes the event record may take (0: none). */
  cacheBytes: f64 = 0;
  recorded: bool = false;
}

/** The orientation of the points of rows i, j, k (slots' rows): sign of orient2d(pᵢ, pⱼ, pₖ). */
function orient(sw: Sweep, i: i32, j: i32, k: i32): i32 {
  const X = sw.X;
  const s = det3Sign(X + (<usize>(i * 3) << 3), X + (<usize>(j * 3) << 3), X + (<usize>(k * 3) << 3));
  return <i32>(<f64>s * ld(sw.eps, i) * ld(sw.eps, j) * ld(sw.eps, k));
}

/** sign(pᵢ[c] − pⱼ[c]) for coordinate c ∈ {0, 1}, exactly. */
function cmpCoord(sw: Sweep, i: i32, j: i32, c: i32): i32 {
  const X = sw.X;
  const xi = X + (<usize>(i * 3) << 3), xj = X + (<usize>(j * 3) << 3);
  // pᵢc − pⱼc = (x̃ᵢc·x̃ⱼ2 − x̃ⱼc·x̃ᵢ2)/(x̃ᵢ2·x̃ⱼ2)
  const s = det2Sign(ld(xi, c), ld(xi, 2), ld(xj, c), ld(xj, 2));
  return <i32>(<f64>s * ld(sw.eps, i) * ld(sw.eps, j));
}

/** −1, 0, 1: the order of rows i, j at φ = 0⁺ (by p's first coordinate, then its second); 0: repeated point. */
function cmpInit(sw: Sweep, i: i32, j: i32): i32 {
  const c = cmpCoord(sw, i, j, 0);
  return c != 0 ? c : cmpCoord(sw, i, j, 1);
}

/**
 * Prepares a sweep of the rows of X (n×d, d must be 3): returns a handle (free with sweepFree); its
 * status (sweepStatus) says whether it can run.
 */
export function sweepNew(Xp: usize, n: i32, d: i32, cacheBytes: f64): usize {
  const sw = new Sweep();
  sw.n = n;
  sw.cacheBytes = cacheBytes;
  if (d != 3 || n < 3) { sw.status = SWEEP_NOT_RANK3; return changetype<usize>(sw); }
  if (<f64>n * <f64>(n - 1) > <f64>i32.MAX_VALUE) { sw.status = SWEEP_TOO_MANY; return changetype<usize>(sw); }
  // the axis: a coordinate nonzero on every row, the last one first (a bias column)
  let axis = -1;
  for (let c = 2; c >= 0 && axis < 0; c--) {
    let ok = true;
    for (let k = 0; k < n && ok; k++) ok = load<f64>(Xp + (<usize>(k * 3 + c) << 3)) != 0;
    if (ok) axis = c;
  }
  if (axis < 0) { sw.status = SWEEP_NOT_RANK3; return changetype<usize>(sw); }
  const N = n;
  sw.N = N;
  sw.X = zalloc(<usize>(N * 3) << 3);
  sw.expo = zalloc(<usize>N << 2);
  sw.eps = zalloc(<usize>N << 3);
  sw.P = zalloc(<usize>(N * 2) << 3);
  sw.init = zalloc(<usize>N << 2);
  sw.nn = zalloc(<usize>N << 3);
  const c0 = axis == 0 ? 1 : 0, c1 = axis == 2 ? 1 : 2;
  for (let k = 0; k < N; k++) {
    const xr = Xp + (<usize>(k * 3) << 3);
    let mx: f64 = 0;
    for (let j = 0; j < 3; j++) mx = Math.max(mx, Math.abs(ld(xr, j)));
    if (!(mx < Infinity)) { sw.status = SWEEP_OVERFLOW; return changetype<usize>(sw); }
    const e = exponentOf(mx);
    sti(sw.expo, k, e);
    const o = sw.X + (<usize>(k * 3) << 3);
    st(o, 0, scale2(ld(xr, c0), -e)); st(o, 1, scale2(ld(xr, c1), -e)); st(o, 2, scale2(ld(xr, axis), -e));
    for (let j = 0; j < 3; j++) {
      const v = Math.abs(ld(o, j));
      if (v != 0 && v < 5.527147875260445e-76) { sw.status = SWEEP_TINY; return changetype<usize>(sw); } // 2^-250
    }
    st(sw.eps, k, ld(o, 2) > 0 ? 1.0 : -1.0);
    st(sw.P, 2 * k, ld(o, 0) / ld(o, 2));
    st(sw.P, 2 * k + 1, ld(o, 1) / ld(o, 2));
    st(sw.nn, k, ld(o, 0) * ld(o, 0) + ld(o, 1) * ld(o, 1) + ld(o, 2) * ld(o, 2));
  }
  // the order at φ = 0⁺: a bottom-up merge sort with the exact comparison
  const a = sw.init, tmp = zalloc(<usize>N << 2);
  for (let k = 0; k < N; k++) sti(a, k, k);
  for (let w = 1; w < N; w <<= 1) {
    for (let lo = 0; lo < N; lo += 2 * w) {
      const mid = min(lo + w, N), hi = min(lo + 2 * w, N);
      let i = lo, j = mid, o = lo;
      while (i < mid && j < hi) {
        const c = cmpInit(sw, ldi(a, i), ldi(a, j));
        if (c == 0) { heap.free(tmp); sw.status = SWEEP_DEGENERATE; return changetype<usize>(sw); }
        if (c < 0) { sti(tmp, o, ldi(a, i)); i++; } else { sti(tmp, o, ldi(a, j)); j++; }
        o++;
      }
      while (i < mid) { sti(tmp, o, ldi(a, i)); i++; o++; }
      while (j < hi) { sti(tmp, o, ldi(a, j)); j++; o++; }
    }
    memory.copy(a, tmp, <usize>N << 2);
  }
  heap.free(tmp);
  sw.L = zalloc(<usize>N << 2);
  sw.key = zalloc(<usize>N << 3);
  sw.heap = zalloc(<usize>N << 2);
  sw.hpos = zalloc(<usize>N << 2);
  sw.S = zalloc(<usize>(3 * (N + 2)) << 3);
  sw.delta = zalloc(<usize>(3 * N) << 3);
  sw.B = zalloc(<usize>3 << 3);
  sw.mnP = zalloc(<usize>(N + 1) << 3);
  sw.mnN = zalloc(<usize>(N + 1) << 3);
  sw.origin = zalloc(<usize>(N + 1) << 2);
  sw.firstP = zalloc(<usize>(N + 1) << 3);
  sw.firstN = zalloc(<usize>(N + 1) << 3);
  sw.posV = zalloc(<usize>(N + 1) << 2);
  sw.firstPos = zalloc(<usize>(N + 1) << 2);
  return changetype<usize>(sw);
}

export function sweepStatus(h: usize): i32 { return changetype<Sweep>(h).status; }

export function sweepFree(h: usize): void {
  const sw = changetype<Sweep>(h);
  const ptrs: usize[] = [sw.X, sw.expo, sw.eps, sw.P, sw.init, sw.nn, sw.L, sw.key, sw.heap, sw.hpos, sw.S, sw.delta, sw.B,
    sw.mnP, sw.mnN, sw.origin, sw.firstP, sw.firstN, sw.posV, sw.firstPos, sw.events];
  for (let i = 0; i < ptrs.length; i++) if (ptrs[i] != 0) heap.free(ptrs[i]);
  heap.free(h);
}

// ---- the event queue: an indexed min-heap of the slots p (pair p, p+1) keyed by their event angle ----

function hLess(sw: Sweep, a: i32, b: i32): bool {
  return ld(sw.key, ldi(sw.heap, a)) < ld(sw.key, ldi(sw.heap, b));
}
function hSwap(sw: Sweep, a: i32, b: i32): void {
  const pa = ldi(sw.heap, a), pb = ldi(sw.heap, b);
  sti(sw.heap, a, pb); sti(sw.heap, b, pa);
  sti(sw.hpos, pb, a); sti(sw.hpos, pa, b);
}
function hDown(sw: Sweep, at: i32, size: i32): void {
  let a = at;
  while (true) {
    const l = 2 * a + 1;
    if (l >= size) break;
    let c = l;
    if (l + 1 < size && hLess(sw, l + 1, l)) c = l + 1;
    if (!hLess(sw, c, a)) break;
    hSwap(sw, a, c);
    a = c;
  }
}
/** Restores the heap after the key at heap position `at` changed (the rest a valid heap). */
function hFix(sw: Sweep, at: i32, size: i32): void {
  let a = at;
  while (a > 0) {
    const p = (a - 1) >> 1;
    if (!hLess(sw, a, p)) break;
    hSwap(sw, a, p);
    a = p;
  }
  if (a == at) hDown(sw, at, size);
}

/** The next event angle of the pair in slots p, p+1 after φ (in (φ, φ + π]). */
function eventKey(sw: Sweep, p: i32, phi: f64): f64 {
  const a = ldi(sw.L, p), b = ldi(sw.L, p + 1);
  const qx = ld(sw.P, 2 * b) - ld(sw.P, 2 * a), qy = ld(sw.P, 2 * b + 1) - ld(sw.P, 2 * a + 1);
  let k = Math.atan2(qy, qx) + HALF_PI - phi;
  k -= TWO_PI * Math.floor(k / TWO_PI);
  // the true offset lies in (0, π]: rounding may put it just below 0 (→ near 2π) or just above π
  if (k > 1.5 * Math.PI) k = 0;
  else if (k > Math.PI) k = Math.PI;
  return phi + k;
}

// ---- the wedge bounds and the faces ------------------------------------------------------------------

/**
 * A verified upper bound on ‖Π_W(w)‖ for the wedge W = {g₁·u ≥ 0, g₂·u ≥ 0}, w = s·v, gᵢ = cᵢ·x̃ (rows at
 * xa, xb): ‖w + z₁g₁ + z₂g₂‖ rounded up, with z ≥ 0 the projection's multipliers (as computed; any z ≥ 0
 * gives a valid bound). a1 = g₁·w, a2 = g₂·w, G1 = ‖g₁‖², G2 = ‖g₂‖², g12 = g₁·g₂.
 */
function wedgeBound(w0: f64, w1: f64, w2: f64, xa: usize, xb: usize, c1: f64, c2: f64, a1: f64, a2: f64, G1: f64, G2: f64, g12: f64): f64 {
  let z1: f64 = 0, z2: f64 = 0;
  if (a1 < 0 || a2 < 0) {
    // a facet: z on one normal, valid when the other constraint then holds
    let f1 = false, f2 = false, y1: f64 = 0, y2: f64 = 0;
    if (a1 < 0) { y1 = -a1 / G1; f1 = a2 + y1 * g12 >= 0; }
    if (a2 < 0) { y2 = -a2 / G2; f2 = a1 + y2 * g12 >= 0; }
    if (f1 && (!f2 || a1 * a1 / G1 >= a2 * a2 / G2)) z1 = y1;
    else if (f2) z2 = y2;
    else {
      // the edge line: w + z₁g₁ + z₂g₂ ⊥ g₁, g₂
      const det = G1 * G2 - g12 * g12;
      if (det > 0) {
        z1 = (-a1 * G2 + a2 * g12) / det;
        z2 = (-a2 * G1 + a1 * g12) / det;
        if (!(z1 > 0)) z1 = 0;
        if (!(z2 > 0)) z2 = 0;
      }
    }
  }
  const g10 = c1 * ld(xa, 0), g11 = c1 * ld(xa, 1), g1_2 = c1 * ld(xa, 2);
  const g20 = c2 * ld(xb, 0), g21 = c2 * ld(xb, 1), g2_2 = c2 * ld(xb, 2);
  const r0 = w0 + z1 * g10 + z2 * g20, r1 = w1 + z1 * g11 + z2 * g21, r2 = w2 + z1 * g1_2 + z2 * g2_2;
  const e = gamma(4) * (Math.abs(w0) + Math.abs(w1) + Math.abs(w2)
    + z1 * (Math.abs(g10) + Math.abs(g11) + Math.abs(g1_2)) + z2 * (Math.abs(g20) + Math.abs(g21) + Math.abs(g2_2))) + 12 * ETA;
  return up(Math.sqrt(r0 * r0 + r1 * r1 + r2 * r2), 6) + up(e, 5);
}

/**
 * The bounds at the vertex of rows a, b for the face in gap g: v (at vp), its sides of a and b
 * (above = the row's point lies above the gap). Updates the face's running minimum per sign, skipping
 * a sign whose minimum is already at most the floor.
 */
function faceAtVertex(sw: Sweep, g: i32, vp: usize, a: i32, b: i32, aboveA: bool, aboveB: bool): void {
  const mp = ld(sw.mnP, g), mn = ld(sw.mnN, g), floor = sw.floor;
  const doP = mp > floor, doN = mn > floor;
  // a sign whose vertices are not all tested cannot be certified σ = 0 (finish): mark it positive
  if (!doP && !doN) { sti(sw.posV, g, 3); return; }
  const u0 = ld(vp, 0), u1 = ld(vp, 1), u2 = ld(vp, 2);
  const nv = up(Math.sqrt(u0 * u0 + u1 * u1 + u2 * u2), 4); // σ ≤ ‖v‖ for both signs
  if (nv <= floor) {
    if (nv < mp) st(sw.mnP, g, nv);
    if (nv < mn) st(sw.mnN, g, nv);
    sti(sw.posV, g, 3);
    return;
  }
  const xa = sw.X + (<usize>(a * 3) << 3), xb = sw.X + (<usize>(b * 3) << 3);
  const ea = ld(sw.eps, a), eb = ld(sw.eps, b);
  // the vertex V = εₐε_b·(x̃ₐ × x̃_b) (the side of the turn it lies on): when every vertex of the cell has
  // s·v·V ≤ 0 (certified with its rounding bound), s·v is in the cell's polar cone and σ = 0
  const ax = ld(xa, 0), ay = ld(xa, 1), az = ld(xa, 2), bx = ld(xb, 0), by = ld(xb, 1), bz = ld(xb, 2);
  const es = ea * eb;
  const V0 = es * (ay * bz - az * by), V1 = es * (az * bx - ax * bz), V2 = es * (ax * by - ay * bx);
  const w0 = ld(vp, 0), w1 = ld(vp, 1), w2 = ld(vp, 2);
  const vv = w0 * V0 + w1 * V1 + w2 * V2;
  const ve = gamma(6) * (Math.abs(w0) * (Math.abs(ay * bz) + Math.abs(az * by)) + Math.abs(w1) * (Math.abs(az * bx) + Math.abs(ax * bz))
    + Math.abs(w2) * (Math.abs(ax * by) + Math.abs(ay * bx))) + 8 * ETA;
  let pos = ldi(sw.posV, g);
  if (vv + ve > 0) pos |= 1;
  if (-vv + ve > 0) pos |= 2;
  sti(sw.posV, g, pos);
  // the cell's side of row k is bitₖ = above XOR εₖ < 0: gₖ = +x̃ₖ for bit 1, −x̃ₖ for bit 0
  const c1: f64 = aboveA ? ea : -ea, c2: f64 = aboveB ? eb : -eb;
  const v0 = ld(vp, 0), v1 = ld(vp, 1), v2 = ld(vp, 2);
  const t1 = c1 * (ld(xa, 0) * v0 + ld(xa, 1) * v1 + ld(xa, 2) * v2);
  const t2 = c2 * (ld(xb, 0) * v0 + ld(xb, 1) * v1 + ld(xb, 2) * v2);
  const G1 = ld(sw.nn, a), G2 = ld(sw.nn, b);
  const g12 = c1 * c2 * (ld(xa, 0) * ld(xb, 0) + ld(xa, 1) * ld(xb, 1) + ld(xa, 2) * ld(xb, 2));
  if (doP) {
    const bnd = wedgeBound(v0, v1, v2, xa, xb, c1, c2, t1, t2, G1, G2, g12);
    if (bnd < mp) st(sw.mnP, g, bnd);
  }
  if (doN) {
    const bnd = wedgeBound(-v0, -v1, -v2, xa, xb, c1, c2, -t1, -t2, G1, G2, g12);
    if (bnd < mn) st(sw.mnN, g, bnd);
  }
}

/** Writes the pattern of the face in gap g (current order) as n bytes at out. */
function faceBits(sw: Sweep, g: i32, out: usize): void {
  const N = sw.N;
  for (let j = 0; j < N; j++) {
    const k = ldi(sw.L, j);
    const above = j >= g;
    store<u8>(out + <usize>k, (above != (ld(sw.eps, k) < 0)) ? 1 : 0);
  }
}

/** Top-K as a min-heap on σ̄ over entries 0..topCount−1 (topOrder: entry → bits slot). */
function topLess(sw: Sweep, a: i32, b: i32): bool { return ld(sw.topSigma, a) < ld(sw.topSigma, b); }
function topSwap(sw: Sweep, a: i32, b: i32): void {
  const s = ld(sw.topSigma, a); st(sw.topSigma, a, ld(sw.topSigma, b)); st(sw.topSigma, b, s);
  const g = ld(sw.topSign, a); st(sw.topSign, a, ld(sw.topSign, b)); st(sw.topSign, b, g);
  const o = ldi(sw.topOrder, a); sti(sw.topOrder, a, ldi(sw.topOrder, b)); sti(sw.topOrder, b, o);
}
function topDown(sw: Sweep, size: i32): void {
  let a = 0;
  while (true) {
    const l = 2 * a + 1;
    if (l >= size) break;
    let c = l;
    if (l + 1 < size && topLess(sw, l + 1, l)) c = l + 1;
    if (!topLess(sw, c, a)) break;
    topSwap(sw, a, c);
    a = c;
  }
}

/** A finished signed pattern (face in gap g, current order) with bound sigma: the max, and the top K. */
function report(sw: Sweep, g: i32, sign: f64, sigma: f64): void {
  if (sigma > sw.maxAll) sw.maxAll = sigma;
  if (!(sigma > sw.floor) || sw.keep <= 0) return;
  let at: i32;
  if (sw.topCount < sw.keep) {
    at = sw.topCount;
    sti(sw.topOrder, at, at);
    st(sw.topSigma, at, sigma); st(sw.topSign, at, sign);
    sw.topCount++;
    let a = at;
    while (a > 0) {
      const p = (a - 1) >> 1;
      if (!topLess(sw, a, p)) break;
      topSwap(sw, a, p);
      a = p;
    }
    // its bits slot is `topCount − 1` (the slot moves with the entry in the heap)
    faceBits(sw, g, sw.topBits + <usize>(sw.topCount - 1) * <usize>sw.n);
  } else {
    // replace the smallest
    const slot = ldi(sw.topOrder, 0);
    st(sw.topSigma, 0, sigma); st(sw.topSign, 0, sign);
    faceBits(sw, g, sw.topBits + <usize>slot * <usize>sw.n);
    topDown(sw, sw.topCount);
  }
  if (sw.topCount >= sw.keep) sw.floor = Math.max(sw.threshold, ld(sw.topSigma, 0));
}

/** Closes the face in gap g: both signs reported (or kept as the first part of a face alive at the start). */
function closeFace(sw: Sweep, g: i32): void {
  sw.faces++;
  const o = ldi(sw.origin, g);
  if (o >= 0) {
    st(sw.firstP, o, ld(sw.mnP, g));
    st(sw.firstN, o, ld(sw.mnN, g));
    sti(sw.firstPos, o, ldi(sw.posV, g));
    return;
  }
  finish(sw, g, ldi(sw.posV, g));
}

/** Reports both signs of the finished cell in gap g: σ̄ = 0 + errV when no vertex has a positive value, else the wedge minimum + errV. */
function finish(sw: Sweep, g: i32, pos: i32): void {
  report(sw, g, 1.0, up(((pos & 1) != 0 ? ld(sw.mnP, g) : 0) + sw.errV, 1));
  report(sw, g, -1.0, up(((pos & 2) != 0 ? ld(sw.mnN, g) : 0) + sw.errV, 1));
}

/**
 * One pass over every cell at the dual point r (n f64, the rows' order): returns max σ̄ over every
 * realizable signed pattern (a verified upper bound, exact to rounding above `threshold`), and the
 * `keep` largest above `threshold` in outSigma/outSign (keep f64 each) and outBits (keep×n bytes),
 * unordered. info (4 f64): [patterns reported, the keep-th largest value (threshold when fewer),
 * cells visited, status]. A status ≠ 0 (degenerate data, overflow) makes the result invalid.
 */
export function sweepPrice(h: usize, r: usize, threshold: f64, keep: i32, outSigma: usize, outSign: usize, outBits: usize, info: usize): f64 {
  const sw = changetype<Sweep>(h);
  if (sw.status != SWEEP_OK) { st(info, 3, <f64>sw.status); return Infinity; }
  const N = sw.N, n = sw.n;
  // terms δₖ = εₖ·r̃ₖ·x̃ₖ, r̃ₖ = rₖ·2^eₖ; B = Σ_{εₖ<0} r̃ₖx̃ₖ; A = Σ|r̃ₖ||x̃ₖ| for the rounding bound
  let B0: f64 = 0, B1: f64 = 0, B2: f64 = 0, A: f64 = 0;
  for (let k = 0; k < N; k++) {
    const rk = scale2(ld(r, k), ldi(sw.expo, k));
    const x = sw.X + (<usize>(k * 3) << 3), ek = ld(sw.eps, k);
    const t0 = rk * ld(x, 0), t1 = rk * ld(x, 1), t2 = rk * ld(x, 2);
    st(sw.delta, 3 * k, ek * t0); st(sw.delta, 3 * k + 1, ek * t1); st(sw.delta, 3 * k + 2, ek * t2);
    if (ek < 0) { B0 += t0; B1 += t1; B2 += t2; }
    A += Math.abs(t0) + Math.abs(t1) + Math.abs(t2);
  }
  if (!(A < Infinity)) { st(info, 3, <f64>SWEEP_OVERFLOW); return Infinity; }
  // every v below is a nested f64 sum of at most 2N + 4 of the terms (the same row at most twice, with
  // opposite signs): |fl(v) − v| ≤ γ·2A componentwise, plus underflow; A itself rounded up
  sw.errV = up(gamma(2 * N + 10) * 2 * up(A, N + 2) + <f64>(6 * N + 30) * ETA, 4);
  st(sw.B, 0, B0); st(sw.B, 1, B1); st(sw.B, 2, B2);
  // the start: order, suffix sums S(g) = Σ_{slot ≥ g} δ (S(N) = 0), the faces of every gap
  memory.copy(sw.L, sw.init, <usize>N << 2);
  const S = sw.S;
  st(S, 3 * N, 0); st(S, 3 * N + 1, 0); st(S, 3 * N + 2, 0);
  for (let g = N - 1; g >= 0; g--) {
    const k = ldi(sw.L, g);
    for (let j = 0; j < 3; j++) st(S, 3 * g + j, ld(sw.delta, 3 * k + j) + ld(S, 3 * (g + 1) + j));
  }
  for (let g = 0; g <= N; g++) {
    st(sw.mnP, g, Infinity); st(sw.mnN, g, Infinity); sti(sw.origin, g, g);
    st(sw.firstP, g, Infinity); st(sw.firstN, g, Infinity); sti(sw.posV, g, 0); sti(sw.firstPos, g, 0);
  }
  sw.threshold = threshold;
  sw.floor = threshold;
  sw.maxAll = 0;
  sw.keep = keep;
  sw.topCount = 0;
  sw.topSigma = outSigma; sw.topSign = outSign; sw.topBits = outBits;
  sw.topOrder = keep > 0 ? zalloc(<usize>keep << 2) : 0;
  sw.faces = 0;
  // the event queue (or the record of a previous pass: the combinatorics do not depend on r)
  const M = N - 1;
  const total = N * (N - 1);
  const replay = sw.recorded;
  const record = !replay && sw.events == 0 && <f64>total * 4 <= sw.cacheBytes;
  if (record) sw.events = heap.alloc(<usize>total << 2);
  if (!replay) {
    for (let p = 0; p < M; p++) { st(sw.key, p, eventKey(sw, p, 0)); sti(sw.heap, p, p); sti(sw.hpos, p, p); }
    for (let a = (M >> 1) - 1; a >= 0; a--) hDown(sw, a, M);
  }
  const vp = zalloc(4 * 3 * 8); // v of the four faces at a vertex
  let status = SWEEP_OK;
  for (let ev = 0; ev < total; ev++) {
    let p: i32;
    if (replay) p = ldi(sw.events, ev);
    else {
      // the earliest event by angle, moved along its neighbours to an exactly earliest one
      p = ldi(sw.heap, 0);
      while (true) {
        if (p > 0) {
          const o = orient(sw, ldi(sw.L, p - 1), ldi(sw.L, p), ldi(sw.L, p + 1));
          if (o == 0) { status = SWEEP_DEGENERATE; break; }
          if (o > 0) { p--; continue; }
        }
        if (p + 2 < N) {
          const o = orient(sw, ldi(sw.L, p), ldi(sw.L, p + 1), ldi(sw.L, p + 2));
          if (o == 0) { status = SWEEP_DEGENERATE; break; }
          if (o < 0) { p++; continue; }
        }
        break;
      }
      if (status != SWEEP_OK) break;
      if (record) sti(sw.events, ev, p);
    }
    const a = ldi(sw.L, p), b = ldi(sw.L, p + 1);
    // v of the faces around the vertex: gap p+2 (both below), old gap p+1 (b above), new gap p+1
    // (a above), gap p (both above)
    const s2 = S + (<usize>(3 * (p + 2)) << 3);
    for (let j = 0; j < 3; j++) {
      const base = ld(sw.B, j) + ld(s2, j);
      const da = ld(sw.delta, 3 * a + j), db = ld(sw.delta, 3 * b + j);
      st(vp, j, base);             // gap p+2
      st(vp, 3 + j, base + db);    // old gap p+1
      st(vp, 6 + j, base + da);    // new gap p+1
      st(vp, 9 + j, base + db + da); // gap p
    }
    if (p + 2 <= N) faceAtVertex(sw, p + 2, vp, a, b, false, false);
    faceAtVertex(sw, p + 1, vp + 24, a, b, false, true);
    faceAtVertex(sw, p, vp + 72, a, b, true, true);
    closeFace(sw, p + 1);
    // the new face of gap p+1
    st(sw.mnP, p + 1, Infinity); st(sw.mnN, p + 1, Infinity); sti(sw.origin, p + 1, -1); sti(sw.posV, p + 1, 0);
    sti(sw.L, p, b); sti(sw.L, p + 1, a);
    faceAtVertex(sw, p + 1, vp + 48, a, b, true, false);
    const s1 = S + (<usize>(3 * (p + 1)) << 3);
    for (let j = 0; j < 3; j++) st(s1, j, ld(sw.delta, 3 * a + j) + ld(s2, j));
    if (replay) continue;
    // new events: the swapped pair half a turn later, its new neighbours from here
    const phi = ld(sw.key, p);
    st(sw.key, p, phi + Math.PI);
    hFix(sw, ldi(sw.hpos, p), M);
    if (p > 0) { st(sw.key, p - 1, eventKey(sw, p - 1, phi)); hFix(sw, ldi(sw.hpos, p - 1), M); }
    if (p + 1 < M) { st(sw.key, p + 1, eventKey(sw, p + 1, phi)); hFix(sw, ldi(sw.hpos, p + 1), M); }
  }
  heap.free(vp);
  if (status == SWEEP_OK) {
    for (let k = 0; k < N; k++) if (ldi(sw.L, k) != ldi(sw.init, k)) { status = SWEEP_INCONSISTENT; break; }
  }
  if (record) {
    if (status == SWEEP_OK) sw.recorded = true;
    else { heap.free(sw.events); sw.events = 0; }
  }
  if (status == SWEEP_OK) {
    // the cells alive at the end are those alive at the start: merge their parts and report them
    for (let g = 0; g <= N; g++) {
      const o = ldi(sw.origin, g);
      if (o >= 0 && o != g) { status = SWEEP_INCONSISTENT; break; }
      let pos = ldi(sw.posV, g);
      if (o < 0) {
        st(sw.mnP, g, Math.min(ld(sw.mnP, g), ld(sw.firstP, g)));
        st(sw.mnN, g, Math.min(ld(sw.mnN, g), ld(sw.firstN, g)));
        pos |= ldi(sw.firstPos, g);
      } else if (g == 0 || g == N) sw.faces++; // a pole cell: never closed
      else { status = SWEEP_INCONSISTENT; break; }
      sti(sw.origin, g, -1);
      finish(sw, g, pos);
    }
  }
  if (sw.topOrder != 0) {
    // entries in bits-slot order: write σ̄ and signs to their slots
    const sig = zalloc(<usize>(sw.topCount + 1) << 3), sgn = zalloc(<usize>(sw.topCount + 1) << 3);
    for (let t = 0; t < sw.topCount; t++) {
      const slot = ldi(sw.topOrder, t);
      st(sig, slot, ld(sw.topSigma, t)); st(sgn, slot, ld(sw.topSign, t));
    }
    const kth = sw.topCount >= keep ? Math.max(threshold, ld(sw.topSigma, 0)) : threshold;
    memory.copy(outSigma, sig, <usize>sw.topCount << 3);
    memory.copy(outSign, sgn, <usize>sw.topCount << 3);
    heap.free(sig); heap.free(sgn);
    st(info, 1, kth);
    heap.free(sw.topOrder);
    sw.topOrder = 0;
  } else st(info, 1, threshold);
  st(info, 0, <f64>sw.topCount);
  st(info, 2, <f64>sw.faces);
  st(info, 3, <f64>status);
  return status == SWEEP_OK ? sw.maxAll : Infinity;
}
