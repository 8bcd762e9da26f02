// Exact enumeration of the cells of the central arrangement {w : xₖ·w = 0}, by deletion–restriction
// (output-sensitive; "auto" picks it when the lines method of patterns.ts would meet each cell too
// often): add the nonzero rows one at a time. A cell of the arrangement of the first t rows is cut
// by the new hyperplane H = {x·w = 0} iff it meets H, i.e. iff its sign vector is a cell of the
// restriction of those t rows to H — an arrangement in dimension d−1, enumerated recursively. Cut
// cells split in two (witness: the restriction's witness w_r ± ε·x̂), the others get the sign of x·w
// at their witness. A row parallel to an earlier one (H already present) copies that row's bit.
// When the rows are independent every sign vector is a cell (witness from the dual basis).
// Patterns as in patterns.ts (bit = 1[xₖ·w > 0], zero rows 0).
import { CellList, listNew, listFree, listFind, keyAt, witAt, setBit, getBit, zalloc, grow, rehash } from "./cell-list";
import { dot, norm, gsAdd, dualBasis, dualBasisScratch } from "./linalg";

// @ts-ignore: decorator
@inline function rowPtr(X: usize, i: i32, d: i32): usize { return X + <usize>(i * d) * 8; }

function normalize(w: usize, d: i32): void {
  const nw = norm(w, d);
  if (nw > 0) for (let i = 0; i < d; i++) store<f64>(w + (<usize>i << 3), load<f64>(w + (<usize>i << 3)) / nw);
}

/** Appends an entry with the given key and witness (no hashing: keys are distinct by construction). */
function push(l: CellList, key: usize, w: usize): i32 {
  if (l.count == l.cap) grow(l);
  const i = l.count;
  memory.copy(keyAt(l, i), key, <usize>l.words * 8);
  memory.copy(witAt(l, i), w, <usize>l.dim * 8);
  l.count = i + 1;
  return i;
}

/** Builds the hash index of a list whose keys are distinct. */
function index(l: CellList): void {
  let t = 16;
  while (t < 2 * l.count) t <<= 1;
  rehash(l, t);
}

/** The cells of the rows of X (n×d): keys over n rows, witnesses in R^d (unit). */
export function cellsIncremental(X: usize, n: i32, d: i32, tol: f64): CellList {
  const words = (n + 63) >> 6;
  const out = listNew(words, d, 16);
  const key = zalloc(<usize>words * 8), w = zalloc(<usize>d * 8);
  const nz = zalloc(<usize>n * 4);
  let nnz = 0;
  for (let i = 0; i < n; i++) if (norm(rowPtr(X, i, d), d) > 0) { store<i32>(nz + (<usize>nnz << 2), i); nnz++; }
  const Q = zalloc(<usize>(d * d + d) * 8);
  // independent rows (at most d of them)?
  let indep = nnz <= d;
  for (let t = 0; t < nnz && indep; t++) indep = gsAdd(Q, t, d, rowPtr(X, load<i32>(nz + (<usize>t << 2)), d), tol);
  if (nnz == 0) {
    store<f64>(w, 1.0);
    push(out, key, w);
  } else if (d == 1) {
    for (let sg = 0; sg < 2; sg++) {
      const s: f64 = sg == 0 ? 1.0 : -1.0;
      memory.fill(key, 0, <usize>words * 8);
      for (let t = 0; t < nnz; t++) {
        const i = load<i32>(nz + (<usize>t << 2));
        if (s * load<f64>(rowPtr(X, i, 1)) > 0) setBit(key, i);
      }
      store<f64>(w, s);
      push(out, key, w);
    }
  } else if (indep) {
    independent(out, X, d, nz, nnz, key, w);
  } else {
    incremental(out, X, n, d, nz, nnz, tol, key, w);
  }
  heap.free(Q); heap.free(nz); heap.free(key); heap.free(w);
  index(out);
  return out;
}

/** nnz ≤ d linearly independent rows: every sign vector τ, witness Σ τₜ·bₜ (dual basis xₛ·bₜ = δₛₜ). */
function independent(out: CellList, X: usize, d: i32, nz: usize, k: i32, key: usize, w: usize): void {
  const words = out.words;
  const XZ = zalloc(<usize>(k * d) * 8), B = zalloc(<usize>(k * d) * 8), scratch = zalloc(dualBasisScratch(k));
  for (let a = 0; a < k; a++) memory.copy(XZ + <usize>(a * d) * 8, rowPtr(X, load<i32>(nz + (<usize>a << 2)), d), <usize>d * 8);
  dualBasis(XZ, k, d, B, scratch);
  const total = <u32>1 << <u32>k;
  for (let mask: u32 = 0; mask < total; mask++) {
    memory.fill(key, 0, <usize>words * 8);
    memory.fill(w, 0, <usize>d * 8);
    for (let t = 0; t < k; t++) {
      const on = ((mask >> <u32>t) & 1) != 0;
      if (on) setBit(key, load<i32>(nz + (<usize>t << 2)));
      const sg: f64 = on ? 1.0 : -1.0, bt = rowPtr(B, t, d);
      for (let i = 0; i < d; i++) store<f64>(w + (<usize>i << 3), load<f64>(w + (<usize>i << 3)) + sg * load<f64>(bt + (<usize>i << 3)));
    }
    normalize(w, d);
    push(out, key, w);
  }
  heap.free(XZ); heap.free(B); heap.free(scratch);
}

function incremental(out: CellList, X: usize, n: i32, d: i32, nz: usize, nnz: i32, tol: f64, key: usize, w: usize): void {
  const words = out.words;
  const dm = d - 1;
  const xh = zalloc(<usize>d * 8), Q = zalloc(<usize>(d * d + d) * 8), e = zalloc(<usize>d * 8);
  const Y = zalloc(<usize>(nnz * (dm > 0 ? dm : 1)) * 8), wr = zalloc(<usize>d * 8);
  // the first row: two cells ±x̂
  const r0 = load<i32>(nz);
  memory.copy(xh, rowPtr(X, r0, d), <usize>d * 8);
  normalize(xh, d);
  setBit(key, 0); // keys hold bit s for the s-th nonzero row until the end
  push(out, key, xh);
  memory.fill(key, 0, <usize>words * 8);
  for (let i = 0; i < d; i++) store<f64>(w + (<usize>i << 3), -load<f64>(xh + (<usize>i << 3)));
  push(out, key, w);
  for (let t = 1; t < nnz; t++) {
    const r = load<i32>(nz + (<usize>t << 2));
    const x = rowPtr(X, r, d);
    memory.copy(xh, x, <usize>d * 8);
    normalize(xh, d);
    // parallel to an earlier row? then no cell is cut: copy its bit (flipped if antiparallel)
    let par = -1, flip = false; // position of the parallel row
    for (let s = 0; s < t; s++) {
      const xs = rowPtr(X, load<i32>(nz + (<usize>s << 2)), d);
      memory.copy(Q, xs, <usize>d * 8);
      normalize(Q, d);
      if (!gsAdd(Q, 1, d, x, tol)) { par = s; flip = dot(xs, x, d) < 0; break; }
    }
    if (par >= 0) {
      for (let c = 0; c < out.count; c++) {
        const k = keyAt(out, c);
        if (getBit(k, par) != flip) setBit(k, t);
      }
      continue;
    }
    // orthonormal basis of x⊥: Q row 0 = x̂, rows 1..d−1 completed from the coordinate axes
    memory.copy(Q, xh, <usize>d * 8);
    let q = 1;
    for (let j = 0; j < d && q < d; j++) {
      memory.fill(e, 0, <usize>d * 8);
      store<f64>(e + (<usize>j << 3), 1.0);
      if (gsAdd(Q, q, d, e, 1e-8)) q++;
    }
    for (let s = 0; s < t; s++) {
      const xs = rowPtr(X, load<i32>(nz + (<usize>s << 2)), d);
      for (let j = 0; j < dm; j++) store<f64>(Y + <usize>(s * dm + j) * 8, dot(rowPtr(Q, j + 1, d), xs, d));
    }
    const R = cellsIncremental(Y, t, dm, tol);
    const count = out.count;
    for (let c = 0; c < count; c++) {
      const k = keyAt(out, c);
      const j = listFind(R, k); // bits 0..t−1 only so far: the restriction's key
      if (j < 0) {
        if (dot(x, witAt(out, c), d) > 0) setBit(k, t);
        continue;
      }
      // cut: lift the restriction's witness to H and step off it by ±ε·x̂
      memory.fill(wr, 0, <usize>d * 8);
      const u = witAt(R, j);
      for (let a = 0; a < dm; a++) {
        const ua = load<f64>(u + (<usize>a << 3)), Qa = rowPtr(Q, a + 1, d);
        for (let i = 0; i < d; i++) store<f64>(wr + (<usize>i << 3), load<f64>(wr + (<usize>i << 3)) + ua * load<f64>(Qa + (<usize>i << 3)));
      }
      normalize(wr, d);
      let eps: f64 = 0.5;
      for (let s = 0; s < t; s++) {
        const xs = rowPtr(X, load<i32>(nz + (<usize>s << 2)), d);
        const ratio = 0.5 * Math.abs(dot(xs, wr, d)) / Math.abs(dot(xs, xh, d));
        if (ratio < eps) eps = ratio;
      }
      for (let i = 0; i < d; i++) store<f64>(w + (<usize>i << 3), load<f64>(wr + (<usize>i << 3)) - eps * load<f64>(xh + (<usize>i << 3)));
      normalize(w, d);
      memory.copy(key, k, <usize>words * 8);
      const wc = witAt(out, c);
      for (let i = 0; i < d; i++) store<f64>(wc + (<usize>i << 3), load<f64>(wr + (<usize>i << 3)) + eps * load<f64>(xh + (<usize>i << 3)));
      normalize(wc, d);
      setBit(k, t);
      push(out, key, w); // may move the list's memory: k and wc are not used after this
    }
    listFree(R);
  }
  if (nnz < n) {
    // positions → row indices (zero rows keep bit 0)
    for (let c = 0; c < out.count; c++) {
      const k = keyAt(out, c);
      memory.copy(key, k, <usize>words * 8);
      memory.fill(k, 0, <usize>words * 8);
      for (let s = 0; s < nnz; s++) if (getBit(key, s)) setBit(k, load<i32>(nz + (<usize>s << 2)));
    }
  }
  heap.free(xh); heap.free(Q); heap.free(e); heap.free(Y); heap.free(wr);
}

/** Export: enumerates by deletion–restriction. Returns a handle like patternsEnumerate. */
export function patternsEnumerateIncremental(X: usize, n: i32, d: i32, tol: f64): usize {
  return changetype<usize>(cellsIncremental(X, n, d, tol));
}
