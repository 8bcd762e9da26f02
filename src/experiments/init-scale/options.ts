// Settings of the initialization-scale experiment (Boursier et al., Theorem 2): the research's
// settings as the defaults (but 10⁷ epochs instead of 10⁸), a reduced grid as the quick preset.
import { int, num, nums, optionGroup, type OptionsOf, type ResolvedOf } from "../../api/schema.js";
import { trainOptions } from "../../api/train-options.js";
import type { SweepSpec } from "../../sweep/spec.js";

const training = trainOptions.pick("lr", "maxEpochs", "gradTol").withDefaults({ lr: 0.01, maxEpochs: 1e7, gradTol: 1e-16 }).entries;

export const initScaleOptions = optionGroup({
  n: int("n = d of the research's data (unit vectors near e₁, linear teacher); it needs n ≥ 3", 4, { min: 3 }),
  alphas: nums("initialization scales α (balanced init, W ~ N(0, α²))", Array.from({ length: 10 }, (_, i) => 2 ** -(i + 1)), { above: 0, distinct: true }),
  seeds: int("trainings (initialization seeds) per α", 3, { min: 1, placeholder: "k" }),
  m: int("width: the number of neurons", 100, { min: 1 }),
  lr: training.lr,
  lambda: num("weight decay λ", 1e-5, { above: 0, placeholder: "λ" }),
  maxEpochs: training.maxEpochs,
  gradTol: training.gradTol,
  noise: num("standard deviation of the data's perturbation", 1e-3, { min: 0, placeholder: "σ" }),
  tol: num("a run reaches the global optimum when L − P* ≤ tol·P* after polishing", 1e-6, { above: 0, placeholder: "t" }),
  angle: num("angle (radians) within which neuron directions are merged when counting distinct directions", 0.05, { above: 0, placeholder: "θ" }),
  seed: int("seed of the data's perturbation and of every initialization", 0, { min: 0, placeholder: "s" }),
});

/** Options of `relu-landscape init-scale` (every field optional). */
export type InitScaleOptions = OptionsOf<typeof initScaleOptions>;
export type ResolvedInitScaleOptions = ResolvedOf<typeof initScaleOptions>;

/** The research's settings (but maxEpochs 10⁷ instead of 10⁸). */
export const INIT_SCALE_DEFAULTS = initScaleOptions.defaults as Readonly<ResolvedInitScaleOptions>;

/** --quick: three scales, two seeds, 2·10⁵ epochs (about a second). */
export const INIT_SCALE_QUICK: InitScaleOptions = { alphas: [2 ** -1, 2 ** -4, 2 ** -8], seeds: 2, maxEpochs: 2e5 };

/** Validates options and fills in the defaults. */
export function resolveInitScaleOptions(o: InitScaleOptions = {}): ResolvedInitScaleOptions {
  return initScaleOptions.resolve(o);
}

/** The runs: α × seeds, every run on the same data (its perturbation drawn from `seed`). */
export function initScaleSweep(o: ResolvedInitScaleOptions): SweepSpec & { base: Record<string, unknown> } {
  const { alphas, seeds, seed, ...rest } = o;
  return { name: "init-scale", kind: "init-scale", seed, repetitions: seeds, base: { ...rest, dataSeed: seed }, axes: { alpha: alphas } };
}
