// Two interleaving half circles, the construction of scikit-learn's make_moons: n_out = ⌊n/2⌋ outer
// points (cos t, sin t), t = linspace(0, π, n_out), then n − n_out inner points (1 − cos t,
// 1 − sin t − 0.5); the rows are shuffled (one permutation), then every coordinate gets N(0, noise²)
// noise. Labels: outer −1, inner +1 (scikit-learn's 0 and 1), for the squared and logistic losses.
// Draw order (part of the reproducibility contract): the permutation (if shuffled), then the 2n noise
// values row by row.
import type { Data } from "../api/data.js";
import { InputError } from "../api/errors.js";
import { type CoreExports, getCore } from "../core/loader.js";
import { Rng } from "../core/rng.js";
import { jsonArrays } from "../api/json-arrays.js";

export interface MoonsOptions {
  /** Samples (outer ⌊n/2⌋, inner the rest). @default 200 */
  n?: number;
  /** Standard deviation of the Gaussian noise added to every coordinate. @default 0.1 */
  noise?: number;
  /** Shuffle the rows (otherwise outer points first, in order of t). @default true */
  shuffle?: boolean;
  /** Seed of the data. @default 0 */
  seed?: number;
}

/** linspace(0, π, count) as numpy computes it (the last point exactly π). */
function linspacePi(count: number): number[] {
  if (count === 1) return [0];
  const step = Math.PI / (count - 1);
  return Array.from({ length: count }, (_, i) => (i === count - 1 ? Math.PI : i * step));
}

/** The two-moons data set (d = 2; use the problem's `bias` for an offset). */
export async function moonsData(opts: MoonsOptions = {}, core?: CoreExports): Promise<Data> {
  const n = opts.n ?? 200, noise = opts.noise ?? 0.1, shuffle = opts.shuffle ?? true;
  if (!Number.isInteger(n) || n < 2) throw new InputError("n", `is ${n}: give a whole number of samples ≥ 2`);
  if (!(noise >= 0) || !Number.isFinite(noise)) throw new InputError("noise", `is ${noise}: give a finite standard deviation ≥ 0`);
  const nOut = Math.floor(n / 2), nIn = n - nOut;
  const X0 = new Float64Array(2 * n), y0 = new Float64Array(n);
  const rng = new Rng(core ?? (await getCore()), opts.seed ?? 0);
  // cos and sin from the core, not Math: engines differ in the last bit, the core does not
  const out = rng.cosSin(linspacePi(nOut)), inn = rng.cosSin(linspacePi(nIn));
  for (let i = 0; i < nOut; i++) {
    X0[2 * i] = out[2 * i];
    X0[2 * i + 1] = out[2 * i + 1];
    y0[i] = -1;
  }
  for (let i = 0; i < nIn; i++) {
    const k = nOut + i;
    X0[2 * k] = 1 - inn[2 * i];
    X0[2 * k + 1] = 1 - inn[2 * i + 1] - 0.5;
    y0[k] = 1;
  }
  try {
    const X = new Float64Array(2 * n), y = new Float64Array(n);
    const perm = shuffle ? rng.permutation(n) : Int32Array.from({ length: n }, (_, i) => i);
    for (let k = 0; k < n; k++) {
      X[2 * k] = X0[2 * perm[k]];
      X[2 * k + 1] = X0[2 * perm[k] + 1];
      y[k] = y0[perm[k]];
    }
    if (noise > 0) {
      const e = rng.normal(2 * n, noise);
      for (let i = 0; i < 2 * n; i++) X[i] += e[i];
    }
    return jsonArrays({ X, y, n, d: 2 });
  } finally {
    rng.dispose();
  }
}
