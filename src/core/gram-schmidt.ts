// Gram–Schmidt, the one TypeScript copy (the core's is assembly/linalg.ts's gsAdd): the row space of
// wide data (api/patterns.ts), the basic solution (convex/reduce.ts) and the crossover's face bases
// (convex/crossover.ts).

/**
 * Orthogonalizes v in place against the orthonormal vectors Q (each of v's length) by classical
 * Gram–Schmidt, twice (CGS2: orthogonal to rounding); adds the coefficients Qᵀv to c when given.
 * Returns ‖v‖ after.
 */
export function orthogonalize(Q: ArrayLike<number>[], v: Float64Array | number[], c?: number[]): number {
  const len = v.length;
  for (let pass = 0; pass < 2; pass++) {
    for (let t = 0; t < Q.length; t++) {
      const q = Q[t];
      let s = 0;
      for (let k = 0; k < len; k++) s += q[k] * v[k];
      if (c) c[t] += s;
      for (let k = 0; k < len; k++) v[k] -= s * q[k];
    }
  }
  let nv = 0;
  for (let k = 0; k < len; k++) nv += v[k] * v[k];
  return Math.sqrt(nv);
}
