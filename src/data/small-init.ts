// The research's small-initialization data (Boursier et al., Theorem 2): n = d unit vectors
//   x̂₁ = e₁, x̂₂ = (8/9, −4/9, 1/9, 0, …), x̂₃ = (8/9, 4/9, 1/9, 0, …), x̂ᵢ = (8/9)e₁ + (√17/9)eᵢ (i ≥ 4),
// each perturbed by Gaussian noise of standard deviation `noise` per coordinate and renormalized;
// labels from the linear teacher β = (4/5, 0, 3/5, 0, …): yₖ = β·xₖ.
// Draw order: the noise, row by row.
import type { Data } from "../api/data.js";
import { InputError } from "../api/errors.js";
import { type CoreExports, getCore } from "../core/loader.js";
import { Rng } from "../core/rng.js";
import { jsonArrays } from "../api/json-arrays.js";

export interface SmallInitOptions {
  /** n = d, at least 3. @default 4 */
  n?: number;
  /** Standard deviation of the per-coordinate perturbation. @default 1e-3 */
  noise?: number;
  /** Seed of the perturbation. @default 0 */
  seed?: number;
}

/** The unperturbed vectors x̂ᵢ (row-major n×n). */
export function smallInitBase(n: number): Float64Array {
  const X = new Float64Array(n * n);
  X[0] = 1;
  X[n] = 8 / 9; X[n + 1] = -4 / 9; X[n + 2] = 1 / 9;
  X[2 * n] = 8 / 9; X[2 * n + 1] = 4 / 9; X[2 * n + 2] = 1 / 9;
  for (let i = 3; i < n; i++) {
    X[i * n] = 8 / 9;
    X[i * n + i] = Math.sqrt(17) / 9;
  }
  return X;
}

/** The linear teacher β = (4/5, 0, 3/5, 0, …). */
export function smallInitTeacher(n: number): Float64Array {
  const b = new Float64Array(n);
  b[0] = 4 / 5;
  b[2] = 3 / 5;
  return b;
}

export async function smallInitData(opts: SmallInitOptions = {}, core?: CoreExports): Promise<Data> {
  const n = opts.n ?? 4, noise = opts.noise ?? 1e-3;
  if (!Number.isInteger(n) || n < 3) throw new InputError("n", `is ${n}: the small-initialization data needs n = d ≥ 3`);
  const X = smallInitBase(n);
  const rng = new Rng(core ?? (await getCore()), opts.seed ?? 0);
  try {
    const e = rng.normal(n * n, noise);
    for (let i = 0; i < n * n; i++) X[i] += e[i];
  } finally {
    rng.dispose();
  }
  for (let i = 0; i < n; i++) {
    let s = 0;
    for (let k = 0; k < n; k++) s += X[i * n + k] ** 2;
    s = Math.sqrt(s);
    for (let k = 0; k < n; k++) X[i * n + k] /= s;
  }
  const beta = smallInitTeacher(n);
  const y = new Float64Array(n);
  for (let i = 0; i < n; i++) for (let k = 0; k < n; k++) y[i] += beta[k] * X[i * n + k];
  return jsonArrays({ X, y, n, d: n });
}
