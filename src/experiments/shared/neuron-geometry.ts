// Geometry of a trained network's neurons, for the initialization-scale experiment: distinct neuron
// directions (merged within an angle), the effective rank of W, and principal directions.
import type { Network } from "../../api/network.js";

/** Eigen-decomposition of a symmetric d×d matrix (cyclic Jacobi). Eigenvalues descending, vectors as rows. */
export function symmetricEigen(A: number[][]): { values: number[]; vectors: number[][] } {
  const d = A.length;
  const a = A.map((r) => [...r]);
  const v: number[][] = Array.from({ length: d }, (_, i) => Array.from({ length: d }, (_, j) => (i === j ? 1 : 0)));
  for (let sweep = 0; sweep < 100; sweep++) {
    let off = 0;
    for (let p = 0; p < d; p++) for (let q = p + 1; q < d; q++) off += a[p][q] ** 2;
    if (off < 1e-30) break;
    for (let p = 0; p < d; p++) {
      for (let q = p + 1; q < d; q++) {
        if (Math.abs(a[p][q]) < 1e-300) continue;
        const theta = (a[q][q] - a[p][p]) / (2 * a[p][q]);
        const t = Math.sign(theta || 1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
        const c = 1 / Math.sqrt(t * t + 1), s = t * c;
        for (let k = 0; k < d; k++) {
          const akp = a[k][p], akq = a[k][q];
          a[k][p] = c * akp - s * akq;
          a[k][q] = s * akp + c * akq;
        }
        for (let k = 0; k < d; k++) {
          const apk = a[p][k], aqk = a[q][k];
          a[p][k] = c * apk - s * aqk;
          a[q][k] = s * apk + c * aqk;
        }
        for (let k = 0; k < d; k++) {
          const vpk = v[p][k], vqk = v[q][k];
          v[p][k] = c * vpk - s * vqk;
          v[q][k] = s * vpk + c * vqk;
        }
      }
    }
  }
  const order = a.map((_, i) => i).sort((i, j) => a[j][j] - a[i][i]);
  return { values: order.map((i) => a[i][i]), vectors: order.map((i) => v[i]) };
}

/** Gram matrix WᵀW (d×d) of the rows `rows`. */
function gram(rows: number[][], d: number): number[][] {
  const G = Array.from({ length: d }, () => new Array<number>(d).fill(0));
  for (const w of rows) for (let i = 0; i < d; i++) for (let j = 0; j < d; j++) G[i][j] += w[i] * w[j];
  return G;
}

/**
 * Effective rank of W: exp of the entropy of its normalized singular values (Roy & Vetterli), 1 for
 * a rank-one W, d for singular values all equal; 0 for W = 0.
 */
export function effectiveRank(W: number[][]): number {
  if (W.length === 0) return 0;
  const s = symmetricEigen(gram(W, W[0].length)).values.map((l) => Math.sqrt(Math.max(0, l)));
  const total = s.reduce((a, b) => a + b, 0);
  if (total === 0) return 0;
  let h = 0;
  for (const x of s) if (x > 0) h -= (x / total) * Math.log(x / total);
  return Math.exp(h);
}

/**
 * Distinct directions among the neurons with sign `sign` of aⱼ whose contribution |aⱼ|·‖wⱼ‖ is at
 * least `minShare` of the largest: greedy merging of unit directions within `angle` radians.
 */
export function distinctDirections(net: Network, sign: 1 | -1, angle = 0.05, minShare = 1e-3): number {
  const size = net.a.map((a, j) => Math.abs(a) * Math.hypot(...net.W[j]));
  const biggest = Math.max(0, ...size);
  if (biggest === 0) return 0;
  const reps: number[][] = [];
  const cos = Math.cos(angle);
  net.W.forEach((w, j) => {
    if (Math.sign(net.a[j]) !== sign || size[j] < minShare * biggest) return;
    const norm = Math.hypot(...w);
    const u = w.map((v) => v / norm);
    if (!reps.some((r) => r.reduce((s, v, k) => s + v * u[k], 0) >= cos)) reps.push(u);
  });
  return reps.length;
}

/** The top-k principal directions (unit rows) of the rows of W. */
export function principalDirections(W: number[][], k = 2): number[][] {
  return symmetricEigen(gram(W, W[0].length)).vectors.slice(0, k);
}
