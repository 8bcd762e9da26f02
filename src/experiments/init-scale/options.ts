// Settings of the initialization-scale experiment (Boursier et al., Theorem 2): the research's
// settings as the defaults (but 10⁷ epochs instead of 10⁸), a reduced grid as the quick preset.
import { defaultsOf, bool, int, num, nums, optionGroup, type OptionsOf, type ResolvedOf } from "../../api/schema.js";
import { trainOptions } from "../../api/train-options.js";
import type { SweepSpec } from "../../sweep/spec.js";

const training = /* @__PURE__ */ (() => trainOptions.pick("lr", "maxEpochs", "gradTol").withDefaults({ lr: 0.01, maxEpochs: 1e7, gradTol: 1e-16 }).entries)();

export const initScaleOptions = /* @__PURE__ */ (() => optionGroup({
  n: int("n = d of the research's data (unit vectors near e₁, linear teacher); it needs n ≥ 3", 4, { min: 3 }),
  alphas: nums("initialization scales α (balanced init, W ~ N(0, α²))", Array.from({ length: 10 }, (_, i) => 2 ** -(i + 1)), { above: 0, distinct: true }),
  seeds: int("trainings (initialization seeds) per α", 3, { min: 1, placeholder: "k" }),
  m: int("width: the number of neurons", 100, { min: 1 }),
  lr: training.lr,
  lambda: num("weight decay λ", 1e-5, { above: 0, placeholder: "λ" }),
  maxEpochs: training.maxEpochs,
  gradTol: training.gradTol,
  noise: num("standard deviation of the data's perturbation", 1e-3, { min: 0, placeholder: "σ" }),
  tol: num("a network is global when its certified relative gap (L − lower bound on min L)/L ≤ tol (the trained and the polished one)", 1e-6, { above: 0, placeholder: "t" }),
  angle: num("angle (radians) within which neuron directions are merged when counting distinct directions", 0.05, { above: 0, placeholder: "θ" }),
  seed: int("seed of the data's perturbation and of every initialization", 0, { min: 0, placeholder: "s" }),
  redraw: bool("draw the data's perturbation anew for every run (its seed derived from the run's), as the research did; default: one perturbation from `seed` for all runs", false),
}))();

/** Options of `relu-landscape init-scale` (every field optional). */
export type InitScaleOptions = OptionsOf<typeof initScaleOptions>;
export type ResolvedInitScaleOptions = ResolvedOf<typeof initScaleOptions>;

/** The research's settings (but maxEpochs 10⁷ instead of 10⁸). */
export const INIT_SCALE_DEFAULTS = /* @__PURE__ */ defaultsOf(initScaleOptions);

/** --paper: the research's grid and 10⁸ epochs (about 2.5 min per run on one core), the perturbation redrawn per run. */
export const INIT_SCALE_PAPER: InitScaleOptions = /* @__PURE__ */ (() => ({
  n: 4, alphas: Array.from({ length: 10 }, (_, i) => 2 ** -(i + 1)), m: 100, lr: 0.01, lambda: 1e-5, noise: 1e-3, maxEpochs: 1e8, redraw: true,
}))();

/** --quick: three scales, two seeds, 2·10⁵ epochs (about a second). */
export const INIT_SCALE_QUICK: InitScaleOptions = { alphas: [2 ** -1, 2 ** -4, 2 ** -8], seeds: 2, maxEpochs: 2e5 };

/** Validates options and fills in the defaults. */
export function resolveInitScaleOptions(o: InitScaleOptions = {}): ResolvedInitScaleOptions {
  return initScaleOptions.resolve(o);
}

/**
 * The runs: α × seeds, every run on the same data (its perturbation drawn from `seed`), or with
 * `redraw` each on its own (`redraw` enters the runs' configuration only when true, so the runs of
 * the default keep their ids).
 */
export function initScaleSweep(o: ResolvedInitScaleOptions): SweepSpec & { base: Record<string, unknown> } {
  const { alphas, seeds, seed, redraw, ...rest } = o;
  return { name: "init-scale", kind: "init-scale", seed, repetitions: seeds, base: { ...rest, dataSeed: seed, ...(redraw ? { redraw: true } : {}) }, axes: { alpha: alphas } };
}
