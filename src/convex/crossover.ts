// Crossover for the convex program: once the barrier method has named the patterns the optimum uses
// and the faces of their cones it lies on, the optimum solves a small smooth system, solved here by
// Newton to full f64 accuracy. Used when the barrier method stops short (near-interpolation problems,
// where r = (2/n)(y − p) is small and the barrier's p not accurate enough relative to it).
//
// With Bᵢ = sᵢ(DᵢX)ᵀ (d×n), Pᵢ the projector onto the face of Kᵢ holding uᵢ (the complement of the rows
// xₖ with xₖ·uᵢ = 0) and Mᵢ = BᵢᵀPᵢBᵢ: the dual optimum is r = (I + Σμᵢ Mᵢ)⁻¹(2/n)y with μᵢ = ‖uᵢ‖/(nλ)
// chosen so that rᵀMᵢr = 4λ² for every active pattern, and uᵢ = nλμᵢ·PᵢBᵢr/(2λ). Everything here is
// small dense algebra (n×n and m×m, m ≤ n + 1 active patterns) done once per solve, and declined
// (CROSSOVER_MAX_FLOPS) where it would not be small.
// With row scales (X = diag(c)·X̃, scale.ts) it runs in r̃ = C·r, where the system reads
// (C⁻² + Σμᵢ M̃ᵢ)·r̃ = (2/n)·C⁻¹y and r̃ᵀM̃ᵢr̃ = 4λ² (M̃ᵢ of X̃): no cancellation however far apart the rows'
// scales are, which is what recovers the dual point the barrier loses on rows of very large norm.
import type { Data } from "../api/data.js";
import type { SignedPatterns } from "./signed-patterns.js";

/** LU factors of A (k×k row-major, copied) with partial pivoting, or null if singular. */
function luFactor(A: Float64Array, k: number): { LU: Float64Array; piv: Int32Array; k: number } | null {
  const M = A.slice(), piv = new Int32Array(k);
  for (let c = 0; c < k; c++) {
    let p = c;
    for (let r = c + 1; r < k; r++) if (Math.abs(M[r * k + c]) > Math.abs(M[p * k + c])) p = r;
    if (!(Math.abs(M[p * k + c]) > 0)) return null;
    piv[c] = p;
    if (p !== c) for (let j = 0; j < k; j++) [M[c * k + j], M[p * k + j]] = [M[p * k + j], M[c * k + j]];
    const inv = 1 / M[c * k + c];
    for (let r = c + 1; r < k; r++) {
      const f = M[r * k + c] * inv;
      M[r * k + c] = f;
      if (f === 0) continue;
      for (let j = c + 1; j < k; j++) M[r * k + j] -= f * M[c * k + j];
    }
  }
  return { LU: M, piv, k };
}

/** Solves A x = b with A's LU factors. */
function luSolve(F: { LU: Float64Array; piv: Int32Array; k: number }, b: Float64Array): Float64Array {
  const { LU, piv, k } = F, x = b.slice();
  for (let c = 0; c < k; c++) {
    const p = piv[c];
    if (p !== c) [x[c], x[p]] = [x[p], x[c]];
    for (let r = c + 1; r < k; r++) x[r] -= LU[r * k + c] * x[c];
  }
  for (let c = k - 1; c >= 0; c--) {
    let s = x[c];
    for (let j = c + 1; j < k; j++) s -= LU[c * k + j] * x[j];
    x[c] = s / LU[c * k + c];
  }
  return x;
}

/** Solves A x = b (A k×k row-major, copied) by Gaussian elimination with partial pivoting; null if singular. */
function solve(A: Float64Array, b: Float64Array, k: number): Float64Array | null {
  const F = luFactor(A, k);
  return F && luSolve(F, b);
}

/**
 * The most floating-point operations a crossover may take (plain JS, ~1 G/s): beyond it crossover
 * declines (returns null) and the solve reports the gap it reached. It is a rescue for small systems;
 * an n×n system of n = 1000 samples with 100 active patterns would take ~2·10¹⁰ (minutes).
 */
export const CROSSOVER_MAX_FLOPS = 2e9;

/** Operations of a crossover on n samples, m active patterns in d dimensions: 30 Newton steps, each forming and factoring the n×n system and solving it for m + 1 right-hand sides. */
export function crossoverFlops(n: number, m: number, d: number): number {
  return 30 * (m * d * n * n + (n * n * n) / 3 + (m + 1) * n * n + m * m * n);
}

/** argmin ‖J·x − f‖² + ε‖x‖² (ε = 1e-12·max diag JᵀJ): a step when J is singular. */
function leastSquaresStep(J: Float64Array, f: Float64Array, m: number): Float64Array | null {
  const N = new Float64Array(m * m), b = new Float64Array(m);
  let top = 0;
  for (let a = 0; a < m; a++) {
    for (let c = 0; c < m; c++) { let v = 0; for (let r = 0; r < m; r++) v += J[r * m + a] * J[r * m + c]; N[a * m + c] = v; }
    for (let r = 0; r < m; r++) b[a] += J[r * m + a] * f[r];
    top = Math.max(top, N[a * m + a]);
  }
  for (let a = 0; a < m; a++) N[a * m + a] += 1e-12 * top + 1e-300;
  return solve(N, b, m);
}

/** Orthonormal basis (rows) of the complement of span{rows} in R^d, by Gram–Schmidt on e₁..e_d. */
function complementBasis(rows: number[][], d: number): number[][] {
  const basis: number[][] = [];
  const span: number[][] = [];
  const reduce = (v: number[], against: number[][]) => {
    for (const q of against) {
      const c = v.reduce((s, x, i) => s + x * q[i], 0);
      for (let i = 0; i < d; i++) v[i] -= c * q[i];
    }
    return Math.hypot(...v);
  };
  for (const r of rows) {
    const v = [...r];
    const nv = reduce(v, span);
    if (nv > 1e-10 * Math.hypot(...r)) span.push(v.map((x) => x / nv));
  }
  for (let e = 0; e < d && span.length + basis.length < d; e++) {
    const v = Array.from({ length: d }, (_, i) => (i === e ? 1 : 0));
    reduce(v, span);
    const nv = reduce(v, basis);
    if (nv > 1e-8) basis.push(v.map((x) => x / nv));
  }
  return basis;
}

/**
 * The crossover from a barrier solution (U for the patterns `index` of S). Returns the refined dual
 * point r and primal uᵢ (same order as index), or null when the system does not converge or is too large (CROSSOVER_MAX_FLOPS).
 */
export function crossover(
  data: Data, lambda: number, S: SignedPatterns, index: number[], U: Float64Array, faceTol = 1e-7, rowScale?: Float64Array, activeTol = 1e-6,
): { r: Float64Array; U: Float64Array } | null {
  const { X, y, n, d } = data;
  const cs = (k: number) => (rowScale ? rowScale[k] : 1);
  const norms = index.map((_, c) => Math.hypot(...U.subarray(c * d, (c + 1) * d)));
  const top = Math.max(0, ...norms);
  if (!(top > 0)) return null;
  // active: patterns that carry weight (‖uᵢ‖ > activeTol·max); with row scales, whose outputs do
  // (|cₖ·x̃ₖ·uᵢ| > activeTol·max): a neuron fitting a row of large norm has a tiny ‖uᵢ‖. activeTol = 0
  // cuts at the widest gap instead (inactive patterns sit orders of magnitude below the active ones)
  let outs: number[] = [];
  if (rowScale) {
    outs = index.map((i, c) => {
      let mx = 0;
      for (let k = 0; k < n; k++) {
        if (!S.bits[i * n + k]) continue;
        let z = 0;
        for (let j = 0; j < d; j++) z += X[k * d + j] * U[c * d + j];
        mx = Math.max(mx, Math.abs(cs(k) * z));
      }
      return mx;
    });
  }
  const weight = rowScale ? outs : norms;
  const topW = Math.max(0, ...weight);
  // activeTol 0: cut at the widest gap (in log scale) below 1e-3 of the largest
  let cut = activeTol * topW;
  if (activeTol === 0) {
    const w = weight.filter((v) => v > 0).sort((p, q) => q - p);
    let widest = 0;
    cut = 0;
    for (let k = 1; k < w.length; k++) {
      const g = Math.log(w[k - 1] / w[k]);
      if (w[k] < 1e-3 * topW && g > widest) { widest = g; cut = w[k]; }
    }
  }
  const act = index.map((_, c) => c).filter((c) => weight[c] > cut);
  const m = act.length;
  if (crossoverFlops(n, m, d) > CROSSOVER_MAX_FLOPS) return null;
  // Cᵢ = (PᵢBᵢ) as q×n with orthonormal rows of the face: Mᵢ = CᵢᵀCᵢ
  const C: number[][][] = act.map((c) => {
    const i = index[c], u = U.subarray(c * d, (c + 1) * d), s = S.signs[i];
    const tight: number[][] = [];
    for (let k = 0; k < n; k++) {
      const x = Array.from(X.subarray(k * d, (k + 1) * d));
      const z = x.reduce((a, v, j) => a + v * u[j], 0);
      if (Math.abs(z) <= faceTol * Math.hypot(...x) * norms[c]) tight.push(x);
    }
    const Q = complementBasis(tight, d);
    return Q.map((q) => Array.from({ length: n }, (_, k) => (S.bits[i * n + k] ? s * q.reduce((a, v, j) => a + v * X[k * d + j], 0) : 0)));
  });
  const Mr = (a: number, r: Float64Array) => { // Mₐ r
    const out = new Float64Array(n);
    for (const row of C[a]) {
      const c = row.reduce((s, v, k) => s + v * r[k], 0);
      for (let k = 0; k < n; k++) out[k] += c * row[k];
    }
    return out;
  };
  const ru = Float64Array.from(y, (v, k) => (2 / n) * (rowScale ? v / cs(k) : v));
  const mu = act.map((c) => norms[c] / (n * lambda));
  let r: Float64Array = ru;
  for (let it = 0; it < 30; it++) {
    const A = new Float64Array(n * n);
    for (let k = 0; k < n; k++) A[k * n + k] = rowScale ? 1 / (cs(k) * cs(k)) : 1;
    act.forEach((_, a) => { for (const row of C[a]) for (let k = 0; k < n; k++) for (let l = 0; l < n; l++) A[k * n + l] += mu[a] * row[k] * row[l]; });
    const F = luFactor(A, n);
    if (!F) return null;
    r = luSolve(F, ru);
    const Mrs = act.map((_, a) => Mr(a, r));
    const f = Float64Array.from(act, (_, a) => Mrs[a].reduce((s, v, k) => s + v * r[k], 0) - 4 * lambda * lambda);
    const fmax = Math.max(...f.map(Math.abs));
    if (fmax <= 1e-15 * 4 * lambda * lambda) break;
    // J_ab = −2 (Mₐr)ᵀ A⁻¹ (M_b r)
    const AinvM = Mrs.map((v) => luSolve(F, v));
    const J = new Float64Array(m * m);
    for (let a = 0; a < m; a++) for (let b = 0; b < m; b++) J[a * m + b] = -2 * Mrs[a].reduce((s, v, k) => s + v * AinvM[b][k], 0);
    // Newton; when the active patterns are redundant (J singular: several μ give the same r), the
    // least-norm step of the regularized normal equations (Levenberg–Marquardt)
    const step = solve(J, f, m) ?? leastSquaresStep(J, f, m);
    if (!step) return null;
    let ok = false;
    for (let t = 1; t > 1e-4; t /= 2) {
      const next = mu.map((v, a) => v - t * step[a]);
      if (next.every((v) => v >= 0)) { next.forEach((v, a) => (mu[a] = v)); ok = true; break; }
    }
    // a pattern leaving the optimum (its μ would turn negative): projected step, μ ≥ 0
    if (!ok) mu.forEach((v, a) => (mu[a] = Math.max(0, v - step[a])));
  }
  const out = new Float64Array(index.length * d);
  act.forEach((c, a) => {
    // uᵢ = nλμᵢ·PᵢBᵢr/(2λ): in face coordinates, (Cᵢ r) along the face basis
    const u = U.subarray(c * d, (c + 1) * d);
    const tight: number[][] = [];
    for (let k = 0; k < n; k++) {
      const x = Array.from(X.subarray(k * d, (k + 1) * d));
      if (Math.abs(x.reduce((q, v, j) => q + v * u[j], 0)) <= faceTol * Math.hypot(...x) * norms[c]) tight.push(x);
    }
    const Q = complementBasis(tight, d);
    const coef = (n * lambda * mu[a]) / (2 * lambda);
    Q.forEach((q, t) => {
      const c2 = C[a][t].reduce((acc, v, k) => acc + v * r[k], 0);
      for (let j = 0; j < d; j++) out[c * d + j] += coef * c2 * q[j];
    });
  });
  return { r: rowScale ? r.map((v, k) => v / cs(k)) : r, U: out };
}
