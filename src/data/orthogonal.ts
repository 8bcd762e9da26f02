// Orthogonal data (the research's Theorem 3 setting): the first n rows of a Haar-random d×d
// orthogonal matrix (d ≥ n), labels from the same random ReLU teacher of width 10 as teacher data.
// Haar sampling: QR (modified Gram–Schmidt) of a Gaussian matrix with the signs of R's diagonal
// fixed positive. Draw order: the d×d Gaussian matrix row by row, then W* (10×d), then a* (10).
import type { Data } from "../api/data.js";
import { InputError } from "../api/errors.js";
import { type CoreExports, getCore } from "../core/loader.js";
import { Rng } from "../core/rng.js";
import { teacherLabels } from "./teacher.js";
import { jsonArrays } from "../api/json-arrays.js";

export interface OrthogonalOptions {
  /** Samples (orthonormal rows). Must be ≤ d. @default 4 */
  n?: number;
  /** Input dimension. @default 8 */
  d?: number;
  /** Teacher width. @default 10 */
  teacherWidth?: number;
  /** Seed of the data. @default 0 */
  seed?: number;
}

/** Rows of a Haar-random orthogonal matrix: Gram–Schmidt on the rows of a Gaussian d×d matrix. */
export function haarRows(G: Float64Array, d: number, n: number): Float64Array {
  const Q = new Float64Array(n * d);
  for (let i = 0; i < n; i++) {
    const v = G.slice(i * d, (i + 1) * d);
    for (let pass = 0; pass < 2; pass++) {
      for (let j = 0; j < i; j++) {
        let dot = 0;
        for (let k = 0; k < d; k++) dot += v[k] * Q[j * d + k];
        for (let k = 0; k < d; k++) v[k] -= dot * Q[j * d + k];
      }
    }
    let norm = 0;
    for (let k = 0; k < d; k++) norm += v[k] * v[k];
    norm = Math.sqrt(norm);
    for (let k = 0; k < d; k++) Q[i * d + k] = v[k] / norm;
  }
  return Q;
}

export async function orthogonalData(opts: OrthogonalOptions = {}, core?: CoreExports): Promise<Data> {
  const n = opts.n ?? 4, d = opts.d ?? 8, width = opts.teacherWidth ?? 10;
  if (n > d) throw new InputError("n", `is ${n} but orthogonal data needs n ≤ d = ${d}: use a larger d`);
  const rng = new Rng(core ?? (await getCore()), opts.seed ?? 0);
  try {
    const X = haarRows(rng.normal(d * d), d, n);
    const Wt = rng.normal(width * d);
    const at = rng.normal(width);
    return jsonArrays({ X, y: teacherLabels(X, n, d, Wt, at), n, d });
  } finally {
    rng.dispose();
  }
}
