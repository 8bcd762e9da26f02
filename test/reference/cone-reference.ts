// Plain TypeScript references for the convex program's certificates, independent of the package's
// NNLS: the norm of the projection of v onto the polyhedral cone {u : gₖ·u ≥ 0} by Dykstra's
// alternating projections onto the half-spaces (each closed form), and the dual objective.

/** ‖Π_K(v)‖ for K = {u : G u ≥ 0} (rows of G), by Dykstra's algorithm. */
export function coneProjectionNorm(v: number[], G: number[][], sweeps = 20000): number {
  const d = v.length;
  let x = [...v];
  const inc = G.map(() => new Array<number>(d).fill(0));
  for (let s = 0; s < sweeps; s++) {
    let change = 0;
    for (let k = 0; k < G.length; k++) {
      const g = G[k];
      const y = x.map((xi, i) => xi + inc[k][i]);
      const gg = g.reduce((a, b) => a + b * b, 0);
      if (gg === 0) continue;
      const gy = g.reduce((a, b, i) => a + b * y[i], 0);
      const p = gy >= 0 ? y : y.map((yi, i) => yi - (gy / gg) * g[i]);
      for (let i = 0; i < d; i++) {
        inc[k][i] = y[i] - p[i];
        change = Math.max(change, Math.abs(p[i] - x[i]));
      }
      x = p;
    }
    if (change < 1e-15) break;
  }
  return Math.hypot(...x);
}

/** max over u ∈ K(D), ‖u‖ ≤ 1 of s·rᵀDXu (X as rows, D = bits). */
export function dualConstraint(X: number[][], bits: number[], s: number, r: number[]): number {
  const d = X[0].length;
  const v = new Array<number>(d).fill(0);
  X.forEach((x, k) => { if (bits[k]) for (let i = 0; i < d; i++) v[i] += s * r[k] * x[i]; });
  const G = X.map((x, k) => x.map((xi) => (bits[k] ? xi : -xi)));
  return coneProjectionNorm(v, G);
}

/** The dual objective rᵀy − (n/4)‖r‖². */
export function dualValue(r: number[], y: number[]): number {
  const n = y.length;
  return r.reduce((s, v, k) => s + v * y[k], 0) - (n / 4) * r.reduce((s, v) => s + v * v, 0);
}

/**
 * ‖Π_K(v)‖ for K = {u : G u ≥ 0} exactly (up to rounding), by enumerating active sets: Π_K(v) is the
 * projection of v onto the subspace {u : gₖ·u = 0, k ∈ A} for some A, namely the feasible candidate
 * nearest to v. 2^rows subsets: for small examples only (an oracle where Dykstra converges slowly,
 * e.g. when v lies almost in the polar cone).
 */
export function coneProjectionNormExact(v: number[], G: number[][]): number {
  const d = v.length, rows = G.filter((g) => g.some((x) => x !== 0));
  let best = Infinity, bestNorm = 0;
  for (let mask = 0; mask < 1 << rows.length; mask++) {
    // orthonormal basis of span{gₖ : k ∈ A} (Gram–Schmidt), u = v minus its component there
    const basis: number[][] = [];
    for (let k = 0; k < rows.length; k++) {
      if (!((mask >> k) & 1)) continue;
      const q = [...rows[k]];
      for (const b of basis) { const c = b.reduce((s, x, i) => s + x * q[i], 0); for (let i = 0; i < d; i++) q[i] -= c * b[i]; }
      const nq = Math.hypot(...q);
      if (nq > 1e-12 * Math.hypot(...rows[k])) basis.push(q.map((x) => x / nq));
    }
    const u = [...v];
    for (const b of basis) { const c = b.reduce((s, x, i) => s + x * u[i], 0); for (let i = 0; i < d; i++) u[i] -= c * b[i]; }
    const nu = Math.hypot(...u);
    if (!rows.every((g) => g.reduce((s, x, i) => s + x * u[i], 0) >= -1e-12 * Math.hypot(...g) * (nu + Math.hypot(...v)))) continue;
    const dist = Math.hypot(...u.map((x, i) => x - v[i]));
    if (dist < best) { best = dist; bestNorm = nu; }
  }
  return bestNorm;
}

/** dualConstraint by the exact active-set enumeration. */
export function dualConstraintExact(X: number[][], bits: number[], s: number, r: number[]): number {
  const d = X[0].length;
  const v = new Array<number>(d).fill(0);
  X.forEach((x, k) => { if (bits[k]) for (let i = 0; i < d; i++) v[i] += s * r[k] * x[i]; });
  return coneProjectionNormExact(v, X.map((x, k) => x.map((xi) => (bits[k] ? xi : -xi))));
}
