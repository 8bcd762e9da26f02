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
import type { CoreExports } from "../core/loader.js";
import type { SignedPatterns } from "./signed-patterns.js";
import { Arena, f64View } from "../core/memory.js";
import { safeNorm } from "./scale.js";
import { orthogonalize } from "../core/gram-schmidt.js";

/**
 * Symmetric positive definite solves in the core (assembly/linalg.ts's Cholesky; the system matrices
 * here are SPD): one k×k factor at a time (k ≤ K) in core memory allocated once per crossover.
 */
function spdSolver(core: CoreExports, K: number) {
  const arena = new Arena(core), Ap = arena.alloc(8 * K * K), bp = arena.alloc(8 * K);
  let k = 0;
  return {
    /** Factors the k×k matrix fill() writes into M (row-major, zeroed; only its lower triangle is read): false if not positive definite. */
    factor(size: number, fill: (M: Float64Array) => void): boolean {
      k = size;
      const M = f64View(core, Ap, k * k);
      M.fill(0);
      fill(M);
      return !!core.cholesky(Ap, k);
    },
    /** A⁻¹b for the last factored A. */
    solve(b: ArrayLike<number>): Float64Array {
      const v = f64View(core, bp, k);
      v.set(b);
      core.cholSolve(Ap, k, bp);
      return v.slice();
    },
    free: () => arena.free(),
  };
}

/**
 * The most floating-point operations a crossover may take (counted as plain JS, ~1 G/s: the n×n
 * system is formed in JS, factored and solved by the core's Cholesky, ~35× faster than JS at n = 400
 * — so the count is conservative): beyond it crossover declines (returns null) and the solve reports
 * the gap it reached. It is a rescue for small systems; an n×n system of n = 1000 samples with 100
 * active patterns would take ~2·10¹⁰ (minutes).
 */
export const CROSSOVER_MAX_FLOPS = 2e9;

/** Operations of a crossover on n samples, m active patterns in d dimensions: 30 Newton steps, each forming and factoring the n×n system and solving it for m + 1 right-hand sides. */
export function crossoverFlops(n: number, m: number, d: number): number {
  return 30 * (m * d * n * n + (n * n * n) / 3 + (m + 1) * n * n + m * m * n);
}

/** The regularized normal equations JᵀJ + εI (ε = 1e-12·max diag JᵀJ) and Jᵀf: a least-norm step when J is singular. */
function leastSquaresSystem(J: Float64Array, f: Float64Array, m: number): { N: Float64Array; b: Float64Array } {
  const N = new Float64Array(m * m), b = new Float64Array(m);
  let top = 0;
  for (let a = 0; a < m; a++) {
    for (let c = 0; c < m; c++) { let v = 0; for (let r = 0; r < m; r++) v += J[r * m + a] * J[r * m + c]; N[a * m + c] = v; }
    for (let r = 0; r < m; r++) b[a] += J[r * m + a] * f[r];
    top = Math.max(top, N[a * m + a]);
  }
  for (let a = 0; a < m; a++) N[a * m + a] += 1e-12 * top + 1e-300;
  return { N, b };
}

/** Orthonormal basis (rows) of the complement of span{rows} in R^d, by Gram–Schmidt on e₁..e_d. */
function complementBasis(rows: number[][], d: number): number[][] {
  const basis: number[][] = [];
  const span: number[][] = [];
  for (const r of rows) {
    const v = [...r];
    const nv = orthogonalize(span, v);
    if (nv > 1e-10 * safeNorm(r)) span.push(v.map((x) => x / nv));
  }
  for (let e = 0; e < d && span.length + basis.length < d; e++) {
    const v = Array.from({ length: d }, (_, i) => (i === e ? 1 : 0));
    orthogonalize(span, v);
    const nv = orthogonalize(basis, v);
    if (nv > 1e-8) basis.push(v.map((x) => x / nv));
  }
  return basis;
}

/**
 * The crossover from a barrier solution (U for the patterns `index` of S). Returns the refined dual
 * point r and primal uᵢ (same order as index), or null when the system does not converge or is too large (CROSSOVER_MAX_FLOPS).
 */
export function crossover(
  core: CoreExports, data: Data, lambda: number, S: SignedPatterns, index: number[], U: Float64Array, faceTol = 1e-7, rowScale?: Float64Array, activeTol = 1e-6,
): { r: Float64Array; U: Float64Array } | null {
  const { X, y, n, d } = data;
  const cs = (k: number) => (rowScale ? rowScale[k] : 1);
  const norms = index.map((_, c) => safeNorm(U, c * d, (c + 1) * d));
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
  // the face of each active pattern's cone holding uᵢ: an orthonormal basis Qᵢ (rows) of the complement
  // of its tight rows; Cᵢ = (PᵢBᵢ) as q×n in that basis: Mᵢ = CᵢᵀCᵢ
  const xNorm = Array.from({ length: n }, (_, k) => safeNorm(X, k * d, (k + 1) * d));
  const Q = act.map((c) => {
    const tight: number[][] = [];
    for (let k = 0; k < n; k++) {
      let z = 0;
      for (let j = 0; j < d; j++) z += X[k * d + j] * U[c * d + j];
      if (Math.abs(z) <= faceTol * xNorm[k] * norms[c]) tight.push(Array.from(X.subarray(k * d, (k + 1) * d)));
    }
    return complementBasis(tight, d);
  });
  const C: Float64Array[][] = act.map((c, a) => {
    const i = index[c], s = S.signs[i];
    return Q[a].map((q) => Float64Array.from({ length: n }, (_, k) => {
      if (!S.bits[i * n + k]) return 0;
      let z = 0;
      for (let j = 0; j < d; j++) z += q[j] * X[k * d + j];
      return s * z;
    }));
  });
  const dotN = (p: ArrayLike<number>, q: ArrayLike<number>) => { let v = 0; for (let k = 0; k < n; k++) v += p[k] * q[k]; return v; };
  const Mr = (a: number, r: Float64Array) => { // Mₐ r
    const out = new Float64Array(n);
    for (const row of C[a]) {
      const c = dotN(row, r);
      for (let k = 0; k < n; k++) out[k] += c * row[k];
    }
    return out;
  };
  const ru = Float64Array.from(y, (v, k) => (2 / n) * (rowScale ? v / cs(k) : v));
  const mu = act.map((c) => norms[c] / (n * lambda));
  let r: Float64Array = ru;
  const spd = spdSolver(core, Math.max(n, m));
  try {
    for (let it = 0; it < 30; it++) {
      // A = C⁻² + Σμₐ Mₐ (SPD), its lower triangle
      const okA = spd.factor(n, (A) => {
        for (let k = 0; k < n; k++) A[k * n + k] = rowScale ? 1 / (cs(k) * cs(k)) : 1;
        act.forEach((_, a) => {
          for (const row of C[a]) {
            for (let k = 0; k < n; k++) {
              const v = mu[a] * row[k];
              if (v === 0) continue;
              for (let l = 0; l <= k; l++) A[k * n + l] += v * row[l];
            }
          }
        });
      });
      if (!okA) return null;
      r = spd.solve(ru);
      const Mrs = act.map((_, a) => Mr(a, r));
      const f = Float64Array.from(act, (_, a) => dotN(Mrs[a], r) - 4 * lambda * lambda);
      const fmax = f.reduce((x, v) => Math.max(x, Math.abs(v)), 0);
      if (fmax <= 1e-15 * 4 * lambda * lambda) break;
      // J_ab = −2 (Mₐr)ᵀ A⁻¹ (M_b r): symmetric, −J positive semidefinite
      const AinvM = Mrs.map((v) => spd.solve(v));
      const J = new Float64Array(m * m);
      for (let a = 0; a < m; a++) for (let b = 0; b <= a; b++) J[a * m + b] = J[b * m + a] = -2 * dotN(Mrs[a], AinvM[b]);
      // Newton, (−J)·step = −f; when the active patterns are redundant (J singular: several μ give the
      // same r), the least-norm step of the regularized normal equations (Levenberg–Marquardt)
      let step: Float64Array;
      if (spd.factor(m, (M) => { for (let t = 0; t < m * m; t++) M[t] = -J[t]; })) step = spd.solve(f.map((v) => -v));
      else {
        const { N, b } = leastSquaresSystem(J, f, m);
        if (!spd.factor(m, (M) => M.set(N))) return null;
        step = spd.solve(b);
      }
      let ok = false;
      for (let t = 1; t > 1e-4; t /= 2) {
        const next = mu.map((v, a) => v - t * step[a]);
        if (next.every((v) => v >= 0)) { next.forEach((v, a) => (mu[a] = v)); ok = true; break; }
      }
      // a pattern leaving the optimum (its μ would turn negative): projected step, μ ≥ 0
      if (!ok) mu.forEach((v, a) => (mu[a] = Math.max(0, v - step[a])));
    }
  } finally {
    spd.free();
  }
  const out = new Float64Array(index.length * d);
  act.forEach((c, a) => {
    // uᵢ = nλμᵢ·PᵢBᵢr/(2λ): in face coordinates, (Cᵢ r) along the face basis
    const coef = (n * lambda * mu[a]) / (2 * lambda);
    Q[a].forEach((q, t) => {
      const c2 = dotN(C[a][t], r);
      for (let j = 0; j < d; j++) out[c * d + j] += coef * c2 * q[j];
    });
  });
  return { r: rowScale ? r.map((v, k) => v / cs(k)) : r, U: out };
}
