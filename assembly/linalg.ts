// Small dense linear algebra, one copy for the whole core: element access, dot products and norms,
// Cholesky factorization and solves of symmetric positive definite blocks, Householder QR,
// Lawson–Hanson non-negative least squares (the convex solver, convex.ts and cone.ts), Gram–Schmidt
// with a relative independence test, a unit normal to d−1 rows, LU solves and dual bases (the
// arrangement code). All matrices are f64, row-major unless noted; sizes are tens, not thousands.

// @ts-ignore: decorator
@inline export function ld(p: usize, i: i32): f64 { return load<f64>(p + (<usize>i << 3)); }
// @ts-ignore: decorator
@inline export function st(p: usize, i: i32, v: f64): void { store<f64>(p + (<usize>i << 3), v); }
// @ts-ignore: decorator
@inline export function ldi(p: usize, i: i32): i32 { return load<i32>(p + (<usize>i << 2)); }
// @ts-ignore: decorator
@inline export function sti(p: usize, i: i32, v: i32): void { store<i32>(p + (<usize>i << 2), v); }

// @ts-ignore: decorator
@inline export function dot(a: usize, b: usize, d: i32): f64 {
  let s: f64 = 0;
  for (let i = 0; i < d; i++) s += load<f64>(a + (<usize>i << 3)) * load<f64>(b + (<usize>i << 3));
  return s;
}

/**
 * In-place Cholesky A = L·Lᵀ of the k×k SPD matrix at A (row-major, leading dimension k): the lower
 * triangle becomes L (the upper triangle is left as is). Returns false if a pivot is not positive
 * (relative to the diagonal), i.e. the matrix is not numerically positive definite. Left-looking by
 * blocks of four columns: the rows below a block are swept two at a time against its four rows (eight
 * SIMD accumulators), so each row prefix is read once per four columns instead of once per column —
 * the solver's Newton systems (k of 1000–1400) are bound by that traffic (2× faster measured at
 * k = 1000–1350).
 */
export function cholesky(A: usize, k: i32): bool {
  let j = 0;
  for (; j + 4 <= k; j += 4) {
    // the diagonal block, column by column (rows j..j+3)
    for (let c = 0; c < 4; c++) if (!cholColumn(A, k, j + c, j + 4)) return false;
    const r0 = A + (<usize>(j * k) << 3), r1 = r0 + (<usize>k << 3), r2 = r1 + (<usize>k << 3), r3 = r2 + (<usize>k << 3);
    const jo = <usize>j << 3;
    const i00 = 1.0 / load<f64>(r0 + jo), i11 = 1.0 / load<f64>(r1 + jo + 8), i22 = 1.0 / load<f64>(r2 + jo + 16), i33 = 1.0 / load<f64>(r3 + jo + 24);
    const l10 = load<f64>(r1 + jo), l20 = load<f64>(r2 + jo), l21 = load<f64>(r2 + jo + 8);
    const l30 = load<f64>(r3 + jo), l31 = load<f64>(r3 + jo + 8), l32 = load<f64>(r3 + jo + 16);
    let i = j + 4;
    for (; i + 2 <= k; i += 2) {
      const a = A + (<usize>(i * k) << 3), b = a + (<usize>k << 3);
      let a0 = f64x2.splat(0), a1 = f64x2.splat(0), a2 = f64x2.splat(0), a3 = f64x2.splat(0);
      let b0 = f64x2.splat(0), b1 = f64x2.splat(0), b2 = f64x2.splat(0), b3 = f64x2.splat(0);
      let p = 0;
      for (; p + 2 <= j; p += 2) {
        const o = <usize>p << 3;
        const va = v128.load(a + o), vb = v128.load(b + o);
        const w0 = v128.load(r0 + o), w1 = v128.load(r1 + o), w2 = v128.load(r2 + o), w3 = v128.load(r3 + o);
        a0 = f64x2.add(a0, f64x2.mul(va, w0)); a1 = f64x2.add(a1, f64x2.mul(va, w1));
        a2 = f64x2.add(a2, f64x2.mul(va, w2)); a3 = f64x2.add(a3, f64x2.mul(va, w3));
        b0 = f64x2.add(b0, f64x2.mul(vb, w0)); b1 = f64x2.add(b1, f64x2.mul(vb, w1));
        b2 = f64x2.add(b2, f64x2.mul(vb, w2)); b3 = f64x2.add(b3, f64x2.mul(vb, w3));
      }
      let sa0 = f64x2.extract_lane(a0, 0) + f64x2.extract_lane(a0, 1), sa1 = f64x2.extract_lane(a1, 0) + f64x2.extract_lane(a1, 1);
      let sa2 = f64x2.extract_lane(a2, 0) + f64x2.extract_lane(a2, 1), sa3 = f64x2.extract_lane(a3, 0) + f64x2.extract_lane(a3, 1);
      let sb0 = f64x2.extract_lane(b0, 0) + f64x2.extract_lane(b0, 1), sb1 = f64x2.extract_lane(b1, 0) + f64x2.extract_lane(b1, 1);
      let sb2 = f64x2.extract_lane(b2, 0) + f64x2.extract_lane(b2, 1), sb3 = f64x2.extract_lane(b3, 0) + f64x2.extract_lane(b3, 1);
      if (p < j) {
        const o = <usize>p << 3;
        const xa = load<f64>(a + o), xb = load<f64>(b + o);
        const w0 = load<f64>(r0 + o), w1 = load<f64>(r1 + o), w2 = load<f64>(r2 + o), w3 = load<f64>(r3 + o);
        sa0 += xa * w0; sa1 += xa * w1; sa2 += xa * w2; sa3 += xa * w3;
        sb0 += xb * w0; sb1 += xb * w1; sb2 += xb * w2; sb3 += xb * w3;
      }
      // the block's own triangle
      const x0 = (load<f64>(a + jo) - sa0) * i00;
      const x1 = (load<f64>(a + jo + 8) - sa1 - x0 * l10) * i11;
      const x2 = (load<f64>(a + jo + 16) - sa2 - x0 * l20 - x1 * l21) * i22;
      const x3 = (load<f64>(a + jo + 24) - sa3 - x0 * l30 - x1 * l31 - x2 * l32) * i33;
      store<f64>(a + jo, x0); store<f64>(a + jo + 8, x1); store<f64>(a + jo + 16, x2); store<f64>(a + jo + 24, x3);
      const y0 = (load<f64>(b + jo) - sb0) * i00;
      const y1 = (load<f64>(b + jo + 8) - sb1 - y0 * l10) * i11;
      const y2 = (load<f64>(b + jo + 16) - sb2 - y0 * l20 - y1 * l21) * i22;
      const y3 = (load<f64>(b + jo + 24) - sb3 - y0 * l30 - y1 * l31 - y2 * l32) * i33;
      store<f64>(b + jo, y0); store<f64>(b + jo + 8, y1); store<f64>(b + jo + 16, y2); store<f64>(b + jo + 24, y3);
    }
    if (i < k) {
      const a = A + (<usize>(i * k) << 3);
      const x0 = (load<f64>(a + jo) - rowDot(a, r0, j)) * i00;
      const x1 = (load<f64>(a + jo + 8) - rowDot(a, r1, j) - x0 * l10) * i11;
      const x2 = (load<f64>(a + jo + 16) - rowDot(a, r2, j) - x0 * l20 - x1 * l21) * i22;
      const x3 = (load<f64>(a + jo + 24) - rowDot(a, r3, j) - x0 * l30 - x1 * l31 - x2 * l32) * i33;
      store<f64>(a + jo, x0); store<f64>(a + jo + 8, x1); store<f64>(a + jo + 16, x2); store<f64>(a + jo + 24, x3);
    }
  }
  // the last columns (fewer than four), one at a time
  for (; j < k; j++) if (!cholColumn(A, k, j, k)) return false;
  return true;
}

/**
 * Column jc of the Cholesky factor, left-looking (columns < jc done): the pivot, then rows jc+1..end−1.
 * False if the pivot is not positive (relative to the diagonal).
 */
function cholColumn(A: usize, k: i32, jc: i32, end: i32): bool {
  const rj = A + (<usize>(jc * k) << 3);
  const orig = load<f64>(rj + (<usize>jc << 3));
  const dj = orig - rowDot(rj, rj, jc);
  if (!(dj > orig * 1e-300) || !(dj > 0)) return false;
  const lj = Math.sqrt(dj);
  store<f64>(rj + (<usize>jc << 3), lj);
  const inv = 1.0 / lj;
  for (let i = jc + 1; i < end; i++) {
    const ri = A + (<usize>(i * k) << 3);
    store<f64>(ri + (<usize>jc << 3), (load<f64>(ri + (<usize>jc << 3)) - rowDot(ri, rj, jc)) * inv);
  }
  return true;
}

/** Σ_{p<len} a[p]·b[p] with SIMD (two f64x2 accumulators; the order of a blocked sum). */
function rowDot(a: usize, b: usize, len: i32): f64 {
  let acc0 = f64x2.splat(0), acc1 = f64x2.splat(0);
  let p = 0;
  for (; p + 4 <= len; p += 4) {
    const o = <usize>p << 3;
    acc0 = f64x2.add(acc0, f64x2.mul(v128.load(a + o), v128.load(b + o)));
    acc1 = f64x2.add(acc1, f64x2.mul(v128.load(a + o + 16), v128.load(b + o + 16)));
  }
  const acc = f64x2.add(acc0, acc1);
  let s = f64x2.extract_lane(acc, 0) + f64x2.extract_lane(acc, 1);
  for (; p < len; p++) s += load<f64>(a + (<usize>p << 3)) * load<f64>(b + (<usize>p << 3));
  return s;
}

/** Solves L·x = b in place (b overwritten by x); L lower triangular k×k at Lp (leading dim k). */
export function forwardSub(Lp: usize, k: i32, b: usize): void {
  for (let i = 0; i < k; i++) {
    const ri = Lp + (<usize>(i * k) << 3);
    let s = ld(b, i);
    for (let p = 0; p < i; p++) s -= load<f64>(ri + (<usize>p << 3)) * ld(b, p);
    st(b, i, s / load<f64>(ri + (<usize>i << 3)));
  }
}

/** Solves Lᵀ·x = b in place. */
export function backSub(Lp: usize, k: i32, b: usize): void {
  for (let i = k - 1; i >= 0; i--) {
    let s = ld(b, i);
    for (let p = i + 1; p < k; p++) s -= load<f64>(Lp + (<usize>(p * k + i) << 3)) * ld(b, p);
    st(b, i, s / load<f64>(Lp + (<usize>(i * k + i) << 3)));
  }
}

/** Solves (L·Lᵀ)·x = b in place. */
export function cholSolve(Lp: usize, k: i32, b: usize): void {
  forwardSub(Lp, k, b);
  backSub(Lp, k, b);
}

/** Bytes of scratch `nnls` needs for an mr×nc problem. */
export function nnlsScratchBytes(mr: i32, nc: i32): i32 {
  return 8 * (4 * nc + nc * nc + mr + 8);
}

/**
 * Lawson–Hanson non-negative least squares: z = argmin_{z ≥ 0} ‖E·z − b‖ with E mr×nc stored
 * column-major (column j at E + 8·j·mr). Writes z (nc) and the residual b − E·z (mr) to `res`;
 * returns ‖b − E·z‖². Any z ≥ 0 it returns is feasible, so quantities bounded through it stay valid
 * even if rounding stops it short of the exact optimum.
 */
export function nnls(E: usize, mr: i32, nc: i32, b: usize, z: usize, res: usize, scratch: usize, warm: u64 = 0): f64 {
  const w = scratch;                              // nc: dual Eᵀ(b − Ez)
  const s = w + (<usize>nc << 3);                 // nc: trial solution on the passive set
  const flag = s + (<usize>nc << 3);              // nc: 1 passive, 0 active, −1 blocked (dependent)
  const idx = flag + (<usize>nc << 3);            // nc: passive indices (as f64)
  const N = idx + (<usize>nc << 3);               // nc×nc: normal matrix of the passive columns
  let bb: f64 = 0;
  for (let i = 0; i < mr; i++) { const v = ld(b, i); bb += v * v; st(res, i, v); }
  for (let j = 0; j < nc; j++) { st(z, j, 0); st(flag, j, 0); }
  let colMax: f64 = 0;
  for (let j = 0; j < nc; j++) {
    let c: f64 = 0;
    const col = E + (<usize>(j * mr) << 3);
    for (let i = 0; i < mr; i++) { const v = ld(col, i); c += v * v; }
    if (c > colMax) colMax = c;
  }
  const tol = 1e-13 * Math.sqrt(bb * colMax) + 1e-300;
  const maxOuter = 3 * nc + 10;
  // a warm start: the passive set of a nearby problem (bit j = column j, nc ≤ 64) solved first, from
  // z = 0 (feasible), so the steps below keep z ≥ 0 and end at the same optimum
  let warmStart = warm != 0 && nc <= 64;
  if (warmStart) for (let j = 0; j < nc; j++) if ((warm >> <u64>j) & 1) st(flag, j, 1);
  // while warm: a least-squares solution with negative entries drops them and solves again (z stays
  // 0 until a solution on the passive set is positive, a valid Lawson–Hanson state)
  let warmPhase = warmStart;
  for (let outer = 0; outer < maxOuter; outer++) {
    // dual on the active set
    let best = -1;
    let entered = false;
    if (warmStart) warmStart = false;
    else {
      let bestW = tol;
      for (let j = 0; j < nc; j++) {
        if (ld(flag, j) != 0) continue;
        const col = E + (<usize>(j * mr) << 3);
        let g: f64 = 0;
        for (let i = 0; i < mr; i++) g += ld(col, i) * ld(res, i);
        st(w, j, g);
        if (g > bestW) { bestW = g; best = j; }
      }
      if (best < 0) break;
      st(flag, best, 1);
      entered = true;
    }
    for (let inner = 0; inner < 3 * nc + 10; inner++) {
      // least squares on the passive set through the normal equations
      let k = 0;
      for (let j = 0; j < nc; j++) if (ld(flag, j) == 1) { st(idx, k, <f64>j); k++; }
      for (let a = 0; a < k; a++) {
        const ca = E + (<usize>(<i32>ld(idx, a) * mr) << 3);
        for (let c = 0; c <= a; c++) {
          const cc = E + (<usize>(<i32>ld(idx, c) * mr) << 3);
          let v: f64 = 0;
          for (let i = 0; i < mr; i++) v += ld(ca, i) * ld(cc, i);
          st(N, a * k + c, v);
          st(N, c * k + a, v);
        }
        let rhs: f64 = 0;
        for (let i = 0; i < mr; i++) rhs += ld(ca, i) * ld(b, i);
        st(s, a, rhs);
      }
      if (!cholesky(N, k)) {
        // the entering column depends on the passive ones: block it and keep the current z
        if (entered) { st(flag, best, -1); break; }
        // a warm passive set with dependent columns: start cold
        if (warmPhase) { for (let j = 0; j < nc; j++) st(flag, j, 0); warmPhase = false; break; }
        // a later dependent set (rare): stop with the feasible z we have
        outer = maxOuter;
        break;
      }
      cholSolve(N, k, s);
      entered = false;
      let allPos = true;
      for (let a = 0; a < k; a++) if (!(ld(s, a) > 0)) { allPos = false; break; }
      if (allPos) {
        for (let a = 0; a < k; a++) st(z, <i32>ld(idx, a), ld(s, a));
        warmPhase = false;
        break;
      }
      if (warmPhase) {
        for (let a = 0; a < k; a++) if (!(ld(s, a) > 0)) st(flag, <i32>ld(idx, a), 0);
        continue;
      }
      // step from z toward s until the first passive coordinate hits zero
      let alpha: f64 = 1;
      for (let a = 0; a < k; a++) {
        const sa = ld(s, a);
        if (sa <= 0) {
          const za = ld(z, <i32>ld(idx, a));
          const r = za / (za - sa);
          if (r < alpha) alpha = r;
        }
      }
      for (let a = 0; a < k; a++) {
        const j = <i32>ld(idx, a);
        const za = ld(z, j);
        let v = za + alpha * (ld(s, a) - za);
        if (v <= 0 || (ld(s, a) <= 0 && v <= 1e-14 * za)) { v = 0; st(flag, j, 0); }
        st(z, j, v);
      }
    }
    // residual of the current z; blocked columns get another chance once z has moved
    for (let i = 0; i < mr; i++) st(res, i, ld(b, i));
    for (let j = 0; j < nc; j++) {
      const zj = ld(z, j);
      if (zj == 0) continue;
      const col = E + (<usize>(j * mr) << 3);
      for (let i = 0; i < mr; i++) st(res, i, ld(res, i) - zj * ld(col, i));
    }
    if (!entered) for (let j = 0; j < nc; j++) if (ld(flag, j) == -1) st(flag, j, 0);
  }
  let rr: f64 = 0;
  for (let i = 0; i < mr; i++) { const v = ld(res, i); rr += v * v; }
  return rr;
}

/**
 * Householder QR of the rows×cols matrix A (row-major, rows ≥ cols, overwritten): writes L = Rᵀ
 * (cols×cols, lower triangular, row-major) to Lp, so that AᵀA = L·Lᵀ without forming AᵀA — the
 * factor of a Gram matrix at the accuracy of A, not of its square. Returns false if R is singular.
 */
export function qrLower(A: usize, rows: i32, cols: i32, Lp: usize): bool {
  for (let j = 0; j < cols; j++) {
    let norm: f64 = 0;
    for (let i = j; i < rows; i++) { const v = ld(A, i * cols + j); norm += v * v; }
    norm = Math.sqrt(norm);
    if (!(norm > 0)) return false;
    const ajj = ld(A, j * cols + j);
    const alpha = ajj > 0 ? -norm : norm;
    // v = x − αe₁ stored in column j below the diagonal (v₀ = ajj − α)
    const v0 = ajj - alpha;
    st(A, j * cols + j, v0);
    const vv = v0 * v0 + (norm * norm - ajj * ajj);
    if (vv > 0) {
      for (let c = j + 1; c < cols; c++) {
        let s: f64 = 0;
        for (let i = j; i < rows; i++) s += ld(A, i * cols + j) * ld(A, i * cols + c);
        const f = (2 * s) / vv;
        for (let i = j; i < rows; i++) st(A, i * cols + c, ld(A, i * cols + c) - f * ld(A, i * cols + j));
      }
    }
    st(A, j * cols + j, alpha);
  }
  for (let a = 0; a < cols; a++) {
    for (let b = 0; b < cols; b++) st(Lp, a * cols + b, b <= a ? ld(A, b * cols + a) : 0);
  }
  return true;
}

// ---- for the arrangement code ----------------------------------------------------------------

export function norm(a: usize, d: i32): f64 {
  return Math.sqrt(dot(a, a, d));
}

/**
 * Orthogonalizes x (d numbers) against the r orthonormal rows of Q (twice, for stability) into Q row r.
 * Keeps it (normalized) and returns true when the residual is larger than tol·‖x‖; else returns false
 * (x is in the span, to that tolerance) and Q is unchanged apart from scratch row r.
 */
export function gsAdd(Q: usize, r: i32, d: i32, x: usize, tol: f64): bool {
  const q = Q + <usize>(r * d) * 8;
  memory.copy(q, x, <usize>d * 8);
  const nx = norm(x, d);
  if (nx == 0) return false;
  for (let pass = 0; pass < 2; pass++) {
    for (let k = 0; k < r; k++) {
      const qk = Q + <usize>(k * d) * 8;
      const c = dot(qk, q, d);
      for (let i = 0; i < d; i++) store<f64>(q + (<usize>i << 3), load<f64>(q + (<usize>i << 3)) - c * load<f64>(qk + (<usize>i << 3)));
    }
  }
  const nr = norm(q, d);
  if (!(nr > tol * nx)) return false;
  const inv = 1.0 / nr;
  for (let i = 0; i < d; i++) store<f64>(q + (<usize>i << 3), load<f64>(q + (<usize>i << 3)) * inv);
  return true;
}

/**
 * Given d−1 orthonormal rows in Q (room for d rows), writes a unit vector orthogonal to all of them
 * into `v`: the residual of the coordinate axis with the largest residual.
 */
export function unitNormal(Q: usize, d: i32, v: usize, scratch: usize): void {
  let best: f64 = -1;
  for (let j = 0; j < d; j++) {
    memory.fill(scratch, 0, <usize>d * 8);
    store<f64>(scratch + (<usize>j << 3), 1.0);
    for (let pass = 0; pass < 2; pass++) {
      for (let k = 0; k < d - 1; k++) {
        const qk = Q + <usize>(k * d) * 8;
        const c = dot(qk, scratch, d);
        for (let i = 0; i < d; i++) store<f64>(scratch + (<usize>i << 3), load<f64>(scratch + (<usize>i << 3)) - c * load<f64>(qk + (<usize>i << 3)));
      }
    }
    const nr = norm(scratch, d);
    if (nr > best) {
      best = nr;
      const inv = 1.0 / nr;
      for (let i = 0; i < d; i++) store<f64>(v + (<usize>i << 3), load<f64>(scratch + (<usize>i << 3)) * inv);
    }
  }
}

/**
 * LU factorization with partial pivoting of the d×d matrix A (row-major, overwritten), pivot order in
 * `piv` (i32). Returns false when a pivot is exactly zero.
 */
export function luFactor(A: usize, d: i32, piv: usize): bool {
  for (let i = 0; i < d; i++) store<i32>(piv + (<usize>i << 2), i);
  for (let k = 0; k < d; k++) {
    let p = k;
    let best = Math.abs(load<f64>(A + <usize>(k * d + k) * 8));
    for (let i = k + 1; i < d; i++) {
      const a = Math.abs(load<f64>(A + <usize>(i * d + k) * 8));
      if (a > best) { best = a; p = i; }
    }
    if (best == 0) return false;
    if (p != k) {
      for (let j = 0; j < d; j++) {
        const x = A + <usize>(k * d + j) * 8, y = A + <usize>(p * d + j) * 8;
        const t = load<f64>(x);
        store<f64>(x, load<f64>(y));
        store<f64>(y, t);
      }
      const t = load<i32>(piv + (<usize>k << 2));
      store<i32>(piv + (<usize>k << 2), load<i32>(piv + (<usize>p << 2)));
      store<i32>(piv + (<usize>p << 2), t);
    }
    const inv = 1.0 / load<f64>(A + <usize>(k * d + k) * 8);
    for (let i = k + 1; i < d; i++) {
      const f = load<f64>(A + <usize>(i * d + k) * 8) * inv;
      store<f64>(A + <usize>(i * d + k) * 8, f);
      for (let j = k + 1; j < d; j++) {
        const x = A + <usize>(i * d + j) * 8;
        store<f64>(x, load<f64>(x) - f * load<f64>(A + <usize>(k * d + j) * 8));
      }
    }
  }
  return true;
}

/** Solves A x = b with the factors of luFactor; b (d numbers) is read, x written (may not alias b). */
export function luSolve(A: usize, d: i32, piv: usize, b: usize, x: usize): void {
  for (let i = 0; i < d; i++) {
    let s = load<f64>(b + (<usize>load<i32>(piv + (<usize>i << 2)) << 3));
    for (let j = 0; j < i; j++) s -= load<f64>(A + <usize>(i * d + j) * 8) * load<f64>(x + (<usize>j << 3));
    store<f64>(x + (<usize>i << 3), s);
  }
  for (let i = d - 1; i >= 0; i--) {
    let s = load<f64>(x + (<usize>i << 3));
    for (let j = i + 1; j < d; j++) s -= load<f64>(A + <usize>(i * d + j) * 8) * load<f64>(x + (<usize>j << 3));
    store<f64>(x + (<usize>i << 3), s / load<f64>(A + <usize>(i * d + i) * 8));
  }
}

/** Bytes of scratch `dualBasis` needs for k rows. */
export function dualBasisScratch(k: i32): usize {
  return <usize>(k * k + 3 * k) * 8;
}

/**
 * The dual basis of k linearly independent rows XZ (k×d, row-major): B (k×d) with xₐ·bₜ = δₐₜ and
 * every bₜ in the rows' span, from the Gram matrix (LU). `scratch` holds dualBasisScratch(k) bytes.
 */
export function dualBasis(XZ: usize, k: i32, d: i32, B: usize, scratch: usize): void {
  const G = scratch, e = G + <usize>(k * k) * 8, c = e + <usize>k * 8, piv = c + <usize>k * 8;
  for (let a = 0; a < k; a++) for (let b = 0; b < k; b++) store<f64>(G + <usize>(a * k + b) * 8, dot(XZ + <usize>(a * d) * 8, XZ + <usize>(b * d) * 8, d));
  luFactor(G, k, piv);
  memory.fill(B, 0, <usize>(k * d) * 8);
  for (let t = 0; t < k; t++) {
    memory.fill(e, 0, <usize>k * 8);
    store<f64>(e + (<usize>t << 3), 1.0);
    luSolve(G, k, piv, e, c);
    const bt = B + <usize>(t * d) * 8;
    for (let a = 0; a < k; a++) {
      const ca = load<f64>(c + (<usize>a << 3)), xa = XZ + <usize>(a * d) * 8;
      for (let i = 0; i < d; i++) store<f64>(bt + (<usize>i << 3), load<f64>(bt + (<usize>i << 3)) + ca * load<f64>(xa + (<usize>i << 3)));
    }
  }
}
