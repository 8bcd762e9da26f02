// Teacher data, as in the research this package serves: X ~ N(0, I_d) (n rows), labels from a random
// ReLU teacher of width 10, y = Σᵢ a*ᵢ relu(w*ᵢ·x) with w*ᵢ ~ N(0, I_d), a*ᵢ ~ N(0, 1).
// Draw order (part of the reproducibility contract): X row by row, then W* row by row, then a*.
import type { Data } from "../api/data.js";
import { type CoreExports, getCore } from "../core/loader.js";
import { Rng } from "../core/rng.js";
import { jsonArrays } from "../api/json-arrays.js";

export interface TeacherOptions {
  /** Samples. @default 20 */
  n?: number;
  /** Input dimension. @default 5 */
  d?: number;
  /** Teacher width. @default 10 */
  teacherWidth?: number;
  /** Seed of the data (independent of the training seed). @default 0 */
  seed?: number;
}

/** Labels of a ReLU teacher (W* row-major width×d, a*) on X. */
export function teacherLabels(X: Float64Array, n: number, d: number, Wt: Float64Array, at: Float64Array): Float64Array {
  const y = new Float64Array(n);
  for (let k = 0; k < n; k++) {
    let f = 0;
    for (let i = 0; i < at.length; i++) {
      let z = 0;
      for (let j = 0; j < d; j++) z += Wt[i * d + j] * X[k * d + j];
      if (z > 0) f += at[i] * z;
    }
    y[k] = f;
  }
  return y;
}

/** Teacher data from the package's seeded generator. */
export async function teacherData(opts: TeacherOptions = {}, core?: CoreExports): Promise<Data> {
  const n = opts.n ?? 20, d = opts.d ?? 5, width = opts.teacherWidth ?? 10;
  const rng = new Rng(core ?? (await getCore()), opts.seed ?? 0);
  try {
    const X = rng.normal(n * d);
    const Wt = rng.normal(width * d);
    const at = rng.normal(width);
    return jsonArrays({ X, y: teacherLabels(X, n, d, Wt, at), n, d });
  } finally {
    rng.dispose();
  }
}
