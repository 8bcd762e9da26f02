// Small dense linear algebra for the convex solver (convex.ts, cone.ts): Cholesky factorization and
// solves of symmetric positive definite blocks, and Lawson–Hanson non-negative least squares. All
// matrices are f64, row-major with an explicit stride unless noted; sizes are tens, not thousands.

// @ts-ignore: decorator
@inline export function ld(p: usize, i: i32): f64 { return load<f64>(p + (<usize>i << 3)); }
// @ts-ignore: decorator
@inline export function st(p: usize, i: i32, v: f64): void { store<f64>(p + (<usize>i << 3), v); }

/**
 * In-place Cholesky A = L·Lᵀ of the k×k SPD matrix at A (row-major, leading dimension k): the lower
 * triangle becomes L (the upper triangle is left as is). Returns false if a pivot is not positive
 * (relative to the diagonal), i.e. the matrix is not numerically positive definite.
 */
export function cholesky(A: usize, k: i32): bool {
  for (let j = 0; j < k; j++) {
    const rj = A + (<usize>(j * k) << 3);
    let dj = load<f64>(rj + (<usize>j << 3));
    const orig = dj;
    for (let p = 0; p < j; p++) { const v = load<f64>(rj + (<usize>p << 3)); dj -= v * v; }
    if (!(dj > orig * 1e-300) || !(dj > 0)) return false;
    const lj = Math.sqrt(dj);
    store<f64>(rj + (<usize>j << 3), lj);
    const inv = 1.0 / lj;
    for (let i = j + 1; i < k; i++) {
      const ri = A + (<usize>(i * k) << 3);
      let s = load<f64>(ri + (<usize>j << 3));
      for (let p = 0; p < j; p++) s -= load<f64>(ri + (<usize>p << 3)) * load<f64>(rj + (<usize>p << 3));
      store<f64>(ri + (<usize>j << 3), s * inv);
    }
  }
  return true;
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
export function nnls(E: usize, mr: i32, nc: i32, b: usize, z: usize, res: usize, scratch: usize): f64 {
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
  for (let outer = 0; outer < maxOuter; outer++) {
    // dual on the active set
    let best = -1;
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
    let entered = true;
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
        break;
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
