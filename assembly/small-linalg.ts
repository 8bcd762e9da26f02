// Small dense linear algebra for the arrangement code (dimensions up to a few dozen): dot products,
// Gram–Schmidt with a relative independence test, a unit normal to d−1 rows, a square solve.

// @ts-ignore: decorator
@inline export function dot(a: usize, b: usize, d: i32): f64 {
  let s: f64 = 0;
  for (let i = 0; i < d; i++) s += load<f64>(a + (<usize>i << 3)) * load<f64>(b + (<usize>i << 3));
  return s;
}

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
