// Settings of the initialization-scale experiment (Boursier et al., Theorem 2).
import { InputError } from "../api/errors.js";

/** Options of `relu-landscape init-scale`. */
export interface InitScaleOptions {
  /** n = d of the research's data (unit vectors near e₁, linear teacher). @default 4 */
  n?: number;
  /** Initialization scales α (balanced init, W ~ N(0, α²)). @default [2^-1, 2^-2, …, 2^-10] */
  alphas?: number[];
  /** Trainings (initialization seeds) per α. @default 3 */
  seeds?: number;
  /** Width. @default 100 */
  m?: number;
  /** Learning rate of full-batch GD. @default 0.01 */
  lr?: number;
  /** Weight decay λ. @default 1e-5 */
  lambda?: number;
  /** Epoch limit (the research ran 1e8; GD also stops when ‖∇L‖² < gradTol). @default 10000000 */
  maxEpochs?: number;
  /** Gradient tolerance (‖∇L‖²). @default 1e-16 */
  gradTol?: number;
  /** Standard deviation of the data's perturbation. @default 0.001 */
  noise?: number;
  /** Relative tolerance of "global": (L − P*) ≤ tol·P* after polishing. @default 1e-6 */
  tol?: number;
  /** Angle (radians) within which neuron directions are merged. @default 0.05 */
  angle?: number;
  /** Seed of the data perturbation and of every initialization. @default 0 */
  seed?: number;
}

export const INIT_SCALE_DEFAULTS: Required<InitScaleOptions> = {
  n: 4,
  alphas: Array.from({ length: 10 }, (_, i) => 2 ** -(i + 1)),
  seeds: 3,
  m: 100,
  lr: 0.01,
  lambda: 1e-5,
  maxEpochs: 1e7,
  gradTol: 1e-16,
  noise: 1e-3,
  tol: 1e-6,
  angle: 0.05,
  seed: 0,
};

/** --quick: three scales, two seeds, 2·10⁵ epochs. */
export const INIT_SCALE_QUICK: Partial<InitScaleOptions> = { alphas: [2 ** -1, 2 ** -4, 2 ** -8], seeds: 2, maxEpochs: 2e5 };

export function resolveInitScaleOptions(o: InitScaleOptions = {}): Required<InitScaleOptions> {
  const r = { ...INIT_SCALE_DEFAULTS, ...Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) } as Required<InitScaleOptions>;
  if (!Number.isInteger(r.n) || r.n < 3) throw new InputError("n", `is ${r.n}: the research's data needs n = d ≥ 3`);
  if (!Array.isArray(r.alphas) || r.alphas.length === 0 || r.alphas.some((a) => !(a > 0))) throw new InputError("alphas", "give a non-empty list of positive scales");
  for (const k of ["seeds", "m"] as const) if (!Number.isInteger(r[k]) || r[k] < 1) throw new InputError(k, `is ${r[k]}: give a positive integer`);
  for (const k of ["lr", "lambda", "tol", "angle"] as const) if (!(r[k] > 0)) throw new InputError(k, `is ${r[k]}: give a positive number`);
  if (!(r.maxEpochs >= 1)) throw new InputError("maxEpochs", `is ${r.maxEpochs}: give at least 1`);
  if (!(r.noise >= 0)) throw new InputError("noise", `is ${r.noise}: give a standard deviation ≥ 0`);
  return r;
}
