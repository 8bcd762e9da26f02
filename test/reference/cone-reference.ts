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
