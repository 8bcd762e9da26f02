// A 1-D regression problem for pictures: xₖ uniform on [−1, 1], yₖ = 1.8·xₖ/(1 + 3xₖ²) + 0.4·xₖ²
// plus Gaussian noise of standard deviation `noise` — a bumpy curve a few ReLU kinks can fit. The
// target uses only + − × ÷ (correctly rounded everywhere), not Math.sin, whose last bit differs
// between JavaScript engines: the same seed gives bit-identical data in Node and every browser.
// Draw order: the n inputs, then the n noise values.
import type { Data } from "../api/data.js";
import { InputError } from "../api/errors.js";
import { type CoreExports, getCore } from "../core/loader.js";
import { Rng } from "../core/rng.js";
import { jsonArrays } from "../api/json-arrays.js";

export interface Regression1dOptions {
  /** Samples. @default 24 */
  n?: number;
  /** Standard deviation of the label noise. @default 0.05 */
  noise?: number;
  /** Seed of the data. @default 0 */
  seed?: number;
}

/** The noiseless target curve. */
export const regression1dTarget = (x: number): number => (1.8 * x) / (1 + 3 * x * x) + 0.4 * x * x;

/** 1-D regression data (d = 1; use the problem's `bias` option for kinks away from 0). */
export async function regression1dData(opts: Regression1dOptions = {}, core?: CoreExports): Promise<Data> {
  const n = opts.n ?? 24, noise = opts.noise ?? 0.05;
  if (!Number.isInteger(n) || n < 1) throw new InputError("n", `is ${n}: give a positive whole number of samples`);
  if (!(noise >= 0) || !Number.isFinite(noise)) throw new InputError("noise", `is ${noise}: give a finite standard deviation ≥ 0`);
  const rng = new Rng(core ?? (await getCore()), opts.seed ?? 0);
  try {
    const X = rng.uniform(n, -1, 1);
    const e = rng.normal(n, noise);
    const y = new Float64Array(n);
    for (let k = 0; k < n; k++) y[k] = regression1dTarget(X[k]) + e[k];
    return jsonArrays({ X, y, n, d: 1 });
  } finally {
    rng.dispose();
  }
}
