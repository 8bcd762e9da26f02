// The assignment problem: a permutation p minimizing Σᵢ cost[i][p(i)] (square n×n cost matrix),
// by the Hungarian method with potentials (Kuhn–Munkres, O(n³)).

/** `cost` is row-major n×n. Returns p with p[row] = assigned column. */
export function hungarian(cost: Float64Array, n: number): Int32Array {
  const INF = Infinity;
  // 1-based potentials u (rows), v (columns); way/match over columns 0..n (column 0 is virtual)
  const u = new Float64Array(n + 1), v = new Float64Array(n + 1);
  const match = new Int32Array(n + 1), way = new Int32Array(n + 1);
  const minv = new Float64Array(n + 1), used = new Uint8Array(n + 1);
  for (let i = 1; i <= n; i++) {
    match[0] = i;
    let j0 = 0;
    minv.fill(INF);
    used.fill(0);
    do {
      used[j0] = 1;
      const i0 = match[j0];
      let delta = INF, j1 = 0;
      for (let j = 1; j <= n; j++) {
        if (used[j]) continue;
        const cur = cost[(i0 - 1) * n + (j - 1)] - u[i0] - v[j];
        if (cur < minv[j]) {
          minv[j] = cur;
          way[j] = j0;
        }
        if (minv[j] < delta) {
          delta = minv[j];
          j1 = j;
        }
      }
      for (let j = 0; j <= n; j++) {
        if (used[j]) {
          u[match[j]] += delta;
          v[j] -= delta;
        } else minv[j] -= delta;
      }
      j0 = j1;
    } while (match[j0] !== 0);
    do {
      const j1 = way[j0];
      match[j0] = match[j1];
      j0 = j1;
    } while (j0);
  }
  const p = new Int32Array(n);
  for (let j = 1; j <= n; j++) p[match[j] - 1] = j - 1;
  return p;
}
