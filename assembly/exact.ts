// Exact signs of small determinants of f64 inputs (the combinatorial predicates of the cell sweep,
// cell-sweep.ts): a floating-point value with a forward error bound decides when it can, else the
// determinant is evaluated exactly as a sum of f64 terms (Dekker's two-product, Knuth's two-sum,
// Shewchuk's expansion arithmetic, "Adaptive precision floating-point arithmetic and fast robust
// geometric predicates", 1997). Round-to-nearest f64 (WebAssembly's only mode) is all it needs; the
// inputs must keep every product of three of them (and its rounding error) a normal number — the
// caller scales rows by powers of two into [1, 2) and refuses entries below 2⁻³⁰⁰.

const U: f64 = 1.1102230246251565e-16; // 2^-53
const SPLITTER: f64 = 134217729.0; // 2^27 + 1

/** Scratch for the exact sums (at most 24 terms, grown one at a time). */
const EXP_CAP = 64;
let expansion: usize = 0;
let terms: usize = 0;

function scratch(): void {
  if (expansion == 0) {
    expansion = heap.alloc(EXP_CAP << 3);
    terms = heap.alloc(EXP_CAP << 3);
  }
}

/** Adds the f64 b to the nonoverlapping expansion of `len` terms in `expansion` (Shewchuk's Grow-Expansion); returns the new length. */
function grow(len: i32, b: f64): i32 {
  let q = b;
  for (let i = 0; i < len; i++) {
    const e = load<f64>(expansion + (<usize>i << 3));
    const s = q + e;
    const bv = s - q;
    const av = s - bv;
    const lo = (q - av) + (e - bv);
    store<f64>(expansion + (<usize>i << 3), lo);
    q = s;
  }
  store<f64>(expansion + (<usize>len << 3), q);
  return len + 1;
}

/** The sign of the exact sum of the `count` f64 terms in `terms`. */
function exactSign(count: i32): i32 {
  let len = 0;
  for (let t = 0; t < count; t++) {
    const v = load<f64>(terms + (<usize>t << 3));
    if (v != 0) len = grow(len, v);
  }
  // the components increase in magnitude and do not overlap: the largest nonzero one has the sum's sign
  for (let i = len - 1; i >= 0; i--) {
    const v = load<f64>(expansion + (<usize>i << 3));
    if (v > 0) return 1;
    if (v < 0) return -1;
  }
  return 0;
}

// @ts-ignore: decorator
@inline function splitHi(a: f64): f64 { const c = SPLITTER * a; return c - (c - a); }

let prodLo: f64 = 0;
/** a·b = result + prodLo exactly (Dekker, no FMA). */
function twoProduct(a: f64, b: f64): f64 {
  const x = a * b;
  const ahi = splitHi(a), alo = a - ahi, bhi = splitHi(b), blo = b - bhi;
  prodLo = alo * blo - (((x - ahi * bhi) - alo * bhi) - ahi * blo);
  return x;
}

/** Appends the exact terms of s·a·b·c (4 f64 terms) to `terms` at `at`; returns the new count. */
function pushTriple(at: i32, s: f64, a: f64, b: f64, c: f64): i32 {
  const hi = twoProduct(a, b), lo = prodLo;
  const h1 = twoProduct(hi, c), h0 = prodLo;
  const l1 = twoProduct(lo, c), l0 = prodLo;
  store<f64>(terms + (<usize>at << 3), s * h1);
  store<f64>(terms + (<usize>(at + 1) << 3), s * h0);
  store<f64>(terms + (<usize>(at + 2) << 3), s * l1);
  store<f64>(terms + (<usize>(at + 3) << 3), s * l0);
  return at + 4;
}

/** sign(a0·b1 − a1·b0), exactly. */
export function det2Sign(a0: f64, a1: f64, b0: f64, b1: f64): i32 {
  const p = a0 * b1, q = a1 * b0, det = p - q;
  const err = 3 * U * (Math.abs(p) + Math.abs(q));
  if (det > err) return 1;
  if (-det > err) return -1;
  scratch();
  const p1 = twoProduct(a0, b1), p0 = prodLo;
  const q1 = twoProduct(a1, b0), q0 = prodLo;
  store<f64>(terms, p1); store<f64>(terms + 8, p0); store<f64>(terms + 16, -q1); store<f64>(terms + 24, -q0);
  return exactSign(4);
}

/** sign(det[a; b; c]) for three 3-vectors at a, b, c (f64), exactly. */
export function det3Sign(a: usize, b: usize, c: usize): i32 {
  const a0 = load<f64>(a), a1 = load<f64>(a, 8), a2 = load<f64>(a, 16);
  const b0 = load<f64>(b), b1 = load<f64>(b, 8), b2 = load<f64>(b, 16);
  const c0 = load<f64>(c), c1 = load<f64>(c, 8), c2 = load<f64>(c, 16);
  const m0 = b1 * c2 - b2 * c1, m1 = b2 * c0 - b0 * c2, m2 = b0 * c1 - b1 * c0;
  const det = a0 * m0 + a1 * m1 + a2 * m2;
  const perm = Math.abs(a0) * (Math.abs(b1 * c2) + Math.abs(b2 * c1))
    + Math.abs(a1) * (Math.abs(b2 * c0) + Math.abs(b0 * c2))
    + Math.abs(a2) * (Math.abs(b0 * c1) + Math.abs(b1 * c0));
  // |fl(det) − det| ≤ (7u + 56u²)·perm (Shewchuk's orient3d bound A); 8u leaves room for the rounding of perm
  const err = 8 * U * perm;
  if (det > err) return 1;
  if (-det > err) return -1;
  scratch();
  let t = 0;
  t = pushTriple(t, 1, a0, b1, c2); t = pushTriple(t, -1, a0, b2, c1);
  t = pushTriple(t, 1, a1, b2, c0); t = pushTriple(t, -1, a1, b0, c2);
  t = pushTriple(t, 1, a2, b0, c1); t = pushTriple(t, -1, a2, b1, c0);
  return exactSign(t);
}
