// Exact enumeration of activation patterns: the cells of the central hyperplane arrangement
// {w : xₖ·w = 0} of the rows of X (n×d). A cell is an open cone where every nonzero row has a fixed
// sign; its pattern is D(w) = 1[Xw > 0]. Rows with xₖ = 0 give xₖ·w = 0 for every w: their bit is
// always 0 and they take no part in the arrangement.
//
// Method (exact up to the zero test |xₖ·v| ≤ tol·‖xₖ‖·‖v‖):
//   1. drop zero rows; if the rows span only r < d dimensions, project onto their span (cells are
//      cylinders over the cells there) and recurse;
//   2. if the rows are linearly independent (count = rank): every sign vector is a cell, witness X⁻¹τ;
//   3. if d = 1: two cells, w = +1 and w = −1;
//   4. else (rank d, so every cell is a pointed cone and has an extreme ray): for every line
//      ℓ = ∩_{k∈S} Hₖ (S a linearly independent (d−1)-subset), with Z the rows vanishing on ℓ and
//      v a unit vector on ℓ: the cells whose closure holds ±v are exactly σv + ε·(cells of the
//      arrangement of the rows Z, recursively), σ = ±1, ε small. Every cell is found from each of its
//      extreme rays; a hash of the bit-packed pattern removes repeats. Lines with |Z| > d−1 (degenerate
//      data) are visited once (hash of Z).
// Witness: σv + εu with ε = ½·min over the other rows of |xₖ·v|/|xₖ·u| (u the sub-cell's witness),
// normalized, so every nonzero row keeps a strict sign.
import { CellList, listNew, listFree, listAdd, keyAt, witAt, setBit, getBit, zalloc } from "./cell-list";
import { dot, norm, gsAdd, unitNormal, luFactor, luSolve, dualBasis } from "./linalg";
import { realizable } from "./lp";

// @ts-ignore: decorator
@inline function flipBit(key: usize, i: i32): void {
  const p = key + (<usize>(i >> 6) << 3);
  store<u64>(p, load<u64>(p) ^ (<u64>1 << <u64>(i & 63)));
}

// @ts-ignore: decorator
@inline function rowPtr(X: usize, i: i32, d: i32): usize { return X + <usize>(i * d) * 8; }

function normalizeInto(w: usize, d: i32): void {
  const nw = norm(w, d);
  if (nw > 0) {
    const inv = 1.0 / nw;
    for (let i = 0; i < d; i++) store<f64>(w + (<usize>i << 3), load<f64>(w + (<usize>i << 3)) * inv);
  }
}

/** The cells of the arrangement of the rows of X (n×d): keys over n rows, witnesses in R^d. */
export function cells(X: usize, n: i32, d: i32, tol: f64): CellList {
  const words = (n + 63) >> 6;
  const out = listNew(words, d, 16);
  const key = zalloc(<usize>words * 8);
  // nonzero rows
  const nz = zalloc(<usize>n * 4);
  let nnz = 0;
  for (let i = 0; i < n; i++) {
    const ni = norm(rowPtr(X, i, d), d);
    if (ni > 0) {
      store<i32>(nz + (<usize>nnz << 2), i);
      nnz++;
    }
  }
  if (nnz == 0) {
    const i = listAdd(out, key);
    store<f64>(witAt(out, i), 1.0);
    heap.free(key); heap.free(nz);
    return out;
  }
  // rank and an orthonormal basis of the row space
  const Q = zalloc(<usize>(d * d + d) * 8);
  let r = 0;
  for (let t = 0; t < nnz && r < d; t++) {
    if (gsAdd(Q, r, d, rowPtr(X, load<i32>(nz + (<usize>t << 2)), d), tol)) r++;
  }
  if (r < d) {
    const Y = zalloc(<usize>(n * r) * 8);
    for (let t = 0; t < nnz; t++) {
      const i = load<i32>(nz + (<usize>t << 2));
      for (let k = 0; k < r; k++) store<f64>(Y + <usize>(i * r + k) * 8, dot(rowPtr(Q, k, d), rowPtr(X, i, d), d));
    }
    const sub = cells(Y, n, r, tol);
    for (let c = 0; c < sub.count; c++) {
      const j = listAdd(out, keyAt(sub, c));
      if (j < 0) continue;
      const w = witAt(out, j), u = witAt(sub, c);
      for (let k = 0; k < r; k++) {
        const uk = load<f64>(u + (<usize>k << 3));
        for (let i = 0; i < d; i++) store<f64>(w + (<usize>i << 3), load<f64>(w + (<usize>i << 3)) + uk * load<f64>(Q + <usize>(k * d + i) * 8));
      }
      normalizeInto(w, d);
    }
    listFree(sub);
    heap.free(Y); heap.free(Q); heap.free(key); heap.free(nz);
    return out;
  }
  if (nnz == d) {
    independentCells(out, X, d, nz, key, words);
  } else if (d == 1) {
    for (let s = 0; s < 2; s++) {
      memory.fill(key, 0, <usize>words * 8);
      const sg: f64 = s == 0 ? 1.0 : -1.0;
      for (let t = 0; t < nnz; t++) {
        const i = load<i32>(nz + (<usize>t << 2));
        if (sg * load<f64>(rowPtr(X, i, 1)) > 0) setBit(key, i);
      }
      const j = listAdd(out, key);
      if (j >= 0) store<f64>(witAt(out, j), sg);
    }
  } else {
    lineCells(out, X, n, d, nz, nnz, tol);
  }
  heap.free(Q); heap.free(key); heap.free(nz);
  return out;
}

/** d linearly independent rows (indices nz) in R^d: all 2^d sign vectors, witness X⁻¹τ. */
function independentCells(out: CellList, X: usize, d: i32, nz: usize, key: usize, words: i32): void {
  const A = zalloc(<usize>(d * d) * 8), piv = zalloc(<usize>d * 4), tau = zalloc(<usize>d * 8), w = zalloc(<usize>d * 8);
  for (let t = 0; t < d; t++) memory.copy(rowPtr(A, t, d), rowPtr(X, load<i32>(nz + (<usize>t << 2)), d), <usize>d * 8);
  luFactor(A, d, piv);
  const total = <u32>1 << <u32>d;
  for (let mask: u32 = 0; mask < total; mask++) {
    memory.fill(key, 0, <usize>words * 8);
    for (let t = 0; t < d; t++) {
      const on = ((mask >> <u32>t) & 1) != 0;
      store<f64>(tau + (<usize>t << 3), on ? 1.0 : -1.0);
      if (on) setBit(key, load<i32>(nz + (<usize>t << 2)));
    }
    const j = listAdd(out, key);
    if (j < 0) continue;
    luSolve(A, d, piv, tau, w);
    normalizeInto(w, d);
    memory.copy(witAt(out, j), w, <usize>d * 8);
  }
  heap.free(A); heap.free(piv); heap.free(tau); heap.free(w);
}

/** Rank-d case, d ≥ 2: cells around every line of the arrangement. */
function lineCells(out: CellList, X: usize, n: i32, d: i32, nz: usize, nnz: i32, tol: f64): void {
  const words = out.words;
  const k = d - 1;
  const comb = zalloc(<usize>k * 4);
  for (let t = 0; t < k; t++) store<i32>(comb + (<usize>t << 2), t);
  const Q = zalloc(<usize>(d * d) * 8), v = zalloc(<usize>d * 8), scratch = zalloc(<usize>d * 8);
  const s = zalloc(<usize>nnz * 8), inZ = zalloc(<usize>nnz), zi = zalloc(<usize>nnz * 4);
  const XZ = zalloc(<usize>(nnz * d) * 8);
  const YZ = zalloc(<usize>(nnz * d) * 8);
  const base = zalloc(<usize>words * 8), key = zalloc(<usize>words * 8);
  const zwords = (nnz + 63) >> 6;
  const zkey = zalloc(<usize>zwords * 8);
  const zseen = listNew(zwords, 0, 16);
  const w = zalloc(<usize>d * 8);
  const lw = zalloc(<usize>(k * k + k * d + 3 * k + d) * 8 + <usize>k * 4);
  while (true) {
    // S = comb: independent?
    let ok = true;
    for (let t = 0; t < k; t++) {
      const i = load<i32>(nz + (<usize>load<i32>(comb + (<usize>t << 2)) << 2));
      if (!gsAdd(Q, t, d, rowPtr(X, i, d), tol)) { ok = false; break; }
    }
    if (ok) {
      unitNormal(Q, d, v, scratch);
      let zc = 0;
      memory.fill(zkey, 0, <usize>zwords * 8);
      for (let t = 0; t < nnz; t++) {
        const x = rowPtr(X, load<i32>(nz + (<usize>t << 2)), d);
        const st = dot(x, v, d);
        store<f64>(s + (<usize>t << 3), st);
        const z = Math.abs(st) <= tol * norm(x, d);
        store<u8>(inZ + <usize>t, z ? 1 : 0);
        if (z) {
          store<i32>(zi + (<usize>zc << 2), t);
          memory.copy(rowPtr(XZ, zc, d), x, <usize>d * 8);
          setBit(zkey, t);
          zc++;
        }
      }
      // a degenerate line (more than d−1 rows on it) is visited once
      if (zc == k || listAdd(zseen, zkey) >= 0) {
        if (zc == k) {
          generalLine(out, X, d, nz, nnz, inZ, zi, s, v, XZ, k, base, key, lw);
        } else {
          // the rows on the line, in coordinates of the orthonormal basis Q of v⊥ (dimension d−1)
          for (let t = 0; t < zc; t++) {
            for (let q = 0; q < k; q++) store<f64>(YZ + <usize>(t * k + q) * 8, dot(rowPtr(Q, q, d), rowPtr(XZ, t, d), d));
          }
          const sub = cells(YZ, zc, k, tol);
          for (let sg = 0; sg < 2; sg++) {
            const sigma: f64 = sg == 0 ? 1.0 : -1.0;
            baseKey(base, words, nz, nnz, inZ, s, sigma);
            for (let c = 0; c < sub.count; c++) {
              memory.copy(key, base, <usize>words * 8);
              const sk = keyAt(sub, c);
              for (let t = 0; t < zc; t++) {
                if (getBit(sk, t)) setBit(key, load<i32>(nz + (<usize>load<i32>(zi + (<usize>t << 2)) << 2)));
              }
              const j = listAdd(out, key);
              if (j < 0) continue;
              const us = witAt(sub, c);
              memory.fill(w, 0, <usize>d * 8);
              for (let q = 0; q < k; q++) {
                const uq = load<f64>(us + (<usize>q << 3)), Qq = rowPtr(Q, q, d);
                for (let i = 0; i < d; i++) store<f64>(w + (<usize>i << 3), load<f64>(w + (<usize>i << 3)) + uq * load<f64>(Qq + (<usize>i << 3)));
              }
              normalizeInto(w, d);
              lineWitness(witAt(out, j), X, d, nz, nnz, inZ, s, sigma, v, w);
            }
          }
          listFree(sub);
        }
      }
    }
    // next combination
    let t = k - 1;
    while (t >= 0 && load<i32>(comb + (<usize>t << 2)) == nnz - k + t) t--;
    if (t < 0) break;
    store<i32>(comb + (<usize>t << 2), load<i32>(comb + (<usize>t << 2)) + 1);
    for (let q = t + 1; q < k; q++) store<i32>(comb + (<usize>q << 2), load<i32>(comb + (<usize>(q - 1) << 2)) + 1);
  }
  listFree(zseen);
  heap.free(comb); heap.free(Q); heap.free(v); heap.free(scratch); heap.free(s); heap.free(inZ); heap.free(zi);
  heap.free(XZ); heap.free(YZ); heap.free(base); heap.free(key); heap.free(zkey); heap.free(w); heap.free(lw);
}

/** The bits of the rows off the line: 1 where σ·(xₖ·v) > 0. */
function baseKey(base: usize, words: i32, nz: usize, nnz: i32, inZ: usize, s: usize, sigma: f64): void {
  memory.fill(base, 0, <usize>words * 8);
  for (let t = 0; t < nnz; t++) {
    if (load<u8>(inZ + <usize>t) == 0 && sigma * load<f64>(s + (<usize>t << 3)) > 0) setBit(base, load<i32>(nz + (<usize>t << 2)));
  }
}

/** Witness σv + εu (u unit) with ε = ½·min(1, min over rows off the line of |xₖ·v|/|xₖ·u|), normalized. */
function lineWitness(wj: usize, X: usize, d: i32, nz: usize, nnz: i32, inZ: usize, s: usize, sigma: f64, v: usize, u: usize): void {
  let eps: f64 = 0.5;
  for (let t = 0; t < nnz; t++) {
    if (load<u8>(inZ + <usize>t) != 0) continue;
    const xu = Math.abs(dot(rowPtr(X, load<i32>(nz + (<usize>t << 2)), d), u, d));
    const e = 0.5 * Math.abs(load<f64>(s + (<usize>t << 3))) / xu;
    if (e < eps) eps = e;
  }
  for (let i = 0; i < d; i++) store<f64>(wj + (<usize>i << 3), sigma * load<f64>(v + (<usize>i << 3)) + eps * load<f64>(u + (<usize>i << 3)));
  normalizeInto(wj, d);
}

/**
 * A line with exactly d−1 (independent) rows on it: all 2^(d−1) sign choices of those rows, on both
 * sides ±v. Witnesses only for new patterns, from the dual basis bₜ (xᵤ·bₜ = δᵤₜ): u = Σ τₜ·bₜ.
 */
function generalLine(out: CellList, X: usize, d: i32, nz: usize, nnz: i32, inZ: usize, zi: usize, s: usize, v: usize,
  XZ: usize, k: i32, base: usize, key: usize, lw: usize): void {
  const words = out.words;
  const B = lw, u = B + <usize>(k * d) * 8, scratch = u + <usize>d * 8;
  dualBasis(XZ, k, d, B, scratch);
  const total = <u32>1 << <u32>k;
  for (let sg = 0; sg < 2; sg++) {
    const sigma: f64 = sg == 0 ? 1.0 : -1.0;
    baseKey(base, words, nz, nnz, inZ, s, sigma);
    // Gray-code order: consecutive masks differ in one row's bit, flipped in place
    memory.copy(key, base, <usize>words * 8);
    for (let g: u32 = 0; g < total; g++) {
      const mask = g ^ (g >> 1);
      if (g > 0) flipBit(key, load<i32>(nz + (<usize>load<i32>(zi + (<usize>ctz(g) << 2)) << 2)));
      const j = listAdd(out, key);
      if (j < 0) continue;
      memory.fill(u, 0, <usize>d * 8);
      for (let t = 0; t < k; t++) {
        const sgn: f64 = ((mask >> <u32>t) & 1) != 0 ? 1.0 : -1.0;
        const bt = rowPtr(B, t, d);
        for (let i = 0; i < d; i++) store<f64>(u + (<usize>i << 3), load<f64>(u + (<usize>i << 3)) + sgn * load<f64>(bt + (<usize>i << 3)));
      }
      normalizeInto(u, d);
      lineWitness(witAt(out, j), X, d, nz, nnz, inZ, s, sigma, v, u);
    }
  }
}

// ---- exports -------------------------------------------------------------------------------------

/** Enumerates the cells of X (n×d f64 at X). Returns a handle (free with patternsFree). */
export function patternsEnumerate(X: usize, n: i32, d: i32, tol: f64): usize {
  return changetype<usize>(cells(X, n, d, tol));
}

export function patternsCount(h: usize): i32 {
  return changetype<CellList>(h).count;
}

/** Writes the patterns (count×n bytes 0/1) and witnesses (count×d f64; none when outWits is 0) of a handle. */
export function patternsUnpack(h: usize, outBits: usize, outWits: usize, n: i32): void {
  const l = changetype<CellList>(h);
  for (let c = 0; c < l.count; c++) {
    const k = keyAt(l, c);
    for (let i = 0; i < n; i++) store<u8>(outBits + <usize>(c * n + i), getBit(k, i) ? 1 : 0);
  }
  if (outWits != 0) memory.copy(outWits, l.wits, <usize>l.count * <usize>l.dim * 8);
}

/**
 * Checks every witness of a handle against X (each nonzero row strictly on its pattern's side) and
 * replaces a failing one by the LP's (lp.ts). Returns the number of patterns still without a valid
 * witness (0 unless X is degenerate to within about tol, where rounding decides).
 */
export function patternsRepair(h: usize, X: usize, n: i32, d: i32): i32 {
  const l = changetype<CellList>(h);
  const bits = zalloc(<usize>n), w = zalloc(<usize>d * 8);
  let failed = 0;
  for (let c = 0; c < l.count; c++) {
    const k = keyAt(l, c), wc = witAt(l, c);
    if (witnessOk(X, n, d, k, wc)) continue;
    for (let i = 0; i < n; i++) store<u8>(bits + <usize>i, getBit(k, i) ? 1 : 0);
    if (realizable(X, n, d, bits, w) && witnessOk(X, n, d, k, w)) memory.copy(wc, w, <usize>d * 8);
    else failed++;
  }
  heap.free(bits); heap.free(w);
  return failed;
}

function witnessOk(X: usize, n: i32, d: i32, key: usize, w: usize): bool {
  for (let i = 0; i < n; i++) {
    const x = rowPtr(X, i, d);
    if (norm(x, d) == 0) continue;
    const z = dot(x, w, d);
    if (getBit(key, i) ? !(z > 0) : !(z < 0)) return false;
  }
  return true;
}

export function patternsFree(h: usize): void {
  listFree(changetype<CellList>(h));
}
