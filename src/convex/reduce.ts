// A basic optimal solution: the fewest neurons the program's solution needs (issue: the solver may
// spread the optimum over many parallel or redundant patterns; a minimal optimal network has at most
// n neurons).
//
// Derivation. Write each neuron of a solution as a weight wᵢ = ‖uᵢ‖ > 0 times an atom: its output
// vector on the data per unit norm, aᵢ = sᵢDᵢX·ûᵢ ∈ Rⁿ (ûᵢ = uᵢ/‖uᵢ‖). Then p = Σ wᵢaᵢ and the objective
// is (1/n)Σℓ(pₖ, yₖ) + β·Σwᵢ. Keeping the directions, any w′ ≥ 0 with Σ w′ᵢaᵢ = p has the same loss term;
// its regularizer changes by β·Σ(w′ᵢ − wᵢ). If the atoms are linearly dependent, some z ≠ 0 has Σzᵢaᵢ = 0;
// moving w along ±z (the sign with Σ(±z) ≤ 0, so the regularizer does not grow) until a weight reaches
// 0 (the ratio test) removes a neuron at no cost. At the optimum every active atom is tight in the dual
// (sᵢ·rᵀDᵢXûᵢ = β), so rᵀp = β·Σwᵢ and Σzᵢ = rᵀ(Σzᵢaᵢ)/β = 0: the objective is exactly unchanged either
// way. Repeating until the atoms are independent leaves a basic solution (a vertex of {w ≥ 0 : Aw = p}):
// at most rank(A) ≤ n neurons, none of which can be removed (each is needed to produce p), and parallel
// neurons (equal atoms) merged into one. Numerically an atom counts as dependent when its distance to
// the span of the others is below `tol`·‖aᵢ‖; the caller checks the reduced network's L against the
// solution's (it must not rise beyond the certified tolerance) and keeps the solution otherwise.
import type { Data } from "../api/data.js";
import type { SignedPatterns } from "./signed-patterns.js";
import { orthogonalize } from "../core/gram-schmidt.js";

/** A solution as weights on atoms (one per neuron with uᵢ ≠ 0). */
export interface BasicSolution {
  /** Indices (into the solution's index/U) of the neurons kept. */
  keep: number[];
  /** Their new weights: uᵢ is scaled to wᵢ·ûᵢ. */
  weights: number[];
}

/**
 * Reduces a solution (uᵢ for the patterns `index` of S, rows of U, d columns) to a basic one with the
 * same outputs on the data and a regularizer no larger (see above).
 */
export function basicSolution(data: Data, S: Pick<SignedPatterns, "bits" | "signs">, index: number[], U: Float64Array, tol = 1e-9): BasicSolution {
  const { X, n, d } = data;
  const w: number[] = [], atoms: Float64Array[] = [], who: number[] = [];
  index.forEach((i, c) => {
    let nu = 0;
    for (let j = 0; j < d; j++) nu += U[c * d + j] ** 2;
    nu = Math.sqrt(nu);
    if (!(nu > 0)) return;
    const a = new Float64Array(n), s = S.signs[i];
    for (let k = 0; k < n; k++) {
      if (!S.bits[i * n + k]) continue;
      let z = 0;
      for (let j = 0; j < d; j++) z += X[k * d + j] * U[c * d + j];
      a[k] = (s * z) / nu;
    }
    w.push(nu); atoms.push(a); who.push(c);
  });
  const m = w.length;
  // columns by decreasing weight: the large neurons form the basis, the small ones are eliminated first
  const order = [...Array(m).keys()].sort((p, q) => w[q] - w[p]);
  const alive = new Array<boolean>(m).fill(true);
  let basis: number[] = [];
  let Q: Float64Array[] = [], R: number[][] = []; // A_basis = Q·R, Q orthonormal columns (n each), R upper triangular
  const norm = (v: Float64Array) => Math.sqrt(v.reduce((s, x) => s + x * x, 0));
  /** Projects a onto the basis: coefficients c (Qᵀa, twice) and the residual. */
  const project = (a: Float64Array): { c: number[]; res: Float64Array; rn: number } => {
    const res = a.slice(), c = new Array<number>(Q.length).fill(0);
    const rn = orthogonalize(Q, res, c);
    return { c, res, rn };
  };
  const add = (j: number, c: number[], res: Float64Array, rn: number) => {
    Q.push(res.map((v) => v / rn));
    R.forEach((row, t) => row.push(c[t]));
    R.push([...new Array<number>(basis.length).fill(0), rn]);
    basis.push(j);
  };
  const rebuild = () => {
    const old = basis.filter((j) => alive[j]);
    basis = []; Q = []; R = [];
    for (const j of old) {
      const { c, res, rn } = project(atoms[j]);
      if (rn > tol * norm(atoms[j])) add(j, c, res, rn);
      else queue.unshift(j); // dependent after all (rounding): handled as any other column
    }
  };
  const queue = [...order];
  let guard = 0;
  while (queue.length > 0 && guard++ < 20 * m + 100) {
    const j = queue.shift()!;
    if (!alive[j]) continue;
    const a = atoms[j], an = norm(a);
    if (!(an > 0)) { alive[j] = false; continue; } // an atom that is 0 on the data: the neuron does nothing
    const { c, res, rn } = project(a);
    if (rn > tol * an) { add(j, c, res, rn); continue; }
    // a = Σ_b coef_b·a_b over the basis: R·coef = c (back substitution)
    const b = basis.length, coef = new Array<number>(b).fill(0);
    for (let t = b - 1; t >= 0; t--) {
      let s = c[t];
      for (let u = t + 1; u < b; u++) s -= R[t][u] * coef[u];
      coef[t] = s / R[t][t];
    }
    // z: +coef on the basis, −1 on j (Σzₖaₖ = 0); move along dir = ±z with Σdir ≤ 0
    const zsum = coef.reduce((s, v) => s + v, 0) - 1, zabs = coef.reduce((s, v) => s + Math.abs(v), 0) + 1;
    // a tie (the exact optimum): eliminate j (dir = z lowers wⱼ)
    const sgn = Math.abs(zsum) <= 1e-12 * zabs || zsum < 0 ? 1 : -1;
    let tmin = Infinity, arg = -1;
    if (sgn < 0) { /* dir_j = +1: j grows */ } else { tmin = w[j]; arg = j; }
    coef.forEach((v, t) => {
      const dv = sgn * v;
      if (dv < 0) { const r = w[basis[t]] / -dv; if (r < tmin) { tmin = r; arg = basis[t]; } }
    });
    if (arg < 0 || !Number.isFinite(tmin)) continue; // no weight can reach 0 this way (not expected): keep j as it is
    w[j] -= sgn * tmin;
    coef.forEach((v, t) => (w[basis[t]] += sgn * v * tmin));
    w[arg] = 0;
    alive[arg] = false;
    if (arg !== j) {
      // a basis column went: refactor the basis, then look at j again
      rebuild();
      queue.unshift(j);
    }
  }
  const keep: number[] = [], weights: number[] = [];
  for (let t = 0; t < m; t++) if (alive[t] && w[t] > 0) { keep.push(who[t]); weights.push(w[t]); }
  return { keep, weights };
}
