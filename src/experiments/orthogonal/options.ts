// Settings of the orthogonal-data experiment — the package's own illustration of Boursier et al.,
// Theorem 3 (the research's Theorem-3 figure is `cones --data orthogonal`) — and its one sweep: a
// `task` axis (training | cones) × the grid points (n, d = n + extraDims, m = f·2ⁿ), repeated
// `trainings` times.
import { defaultsOf, int, ints, num, nums, optionGroup, type OptionsOf, type ResolvedOf } from "../../api/schema.js";
import { trainOptions } from "../../api/train-options.js";
import type { SweepSpec } from "../../sweep/spec.js";

const training = /* @__PURE__ */ (() => trainOptions.pick("maxEpochs").withDefaults({ maxEpochs: 1e5 }).entries)();

export const orthogonalOptions = /* @__PURE__ */ (() => optionGroup({
  ns: ints("samples n (the width threshold is 2ⁿ)", [3, 4, 5, 6, 7], { min: 1, distinct: true }),
  extraDims: int("input dimension d = n + extraDims (orthogonal data needs d ≥ n; with d ≥ n every one of the 2ⁿ patterns is realizable, so d only adds directions the data does not see)", 4, { min: 0, placeholder: "k" }),
  widthFactors: nums("widths as multiples of 2ⁿ: m = f·2ⁿ (rounded, at least 1; duplicates dropped)", [1 / 8, 1 / 4, 1 / 2, 1, 2, 4, 8], { above: 0, distinct: true }),
  trainings: int("trainings per width", 20, { min: 1, placeholder: "k" }),
  cones: int("random cones of m signed patterns per width, for the cone-level fraction", 20, { min: 1, placeholder: "k" }),
  alpha: num("initialization scale α (balanced init; large)", 1, { above: 0, placeholder: "α" }),
  lr: num("initial learning rate; a step that raises L is undone and the rate halved (large widths need it)", 0.05, { above: 0 }),
  lambda: num("weight decay λ", 0.01, { above: 0, placeholder: "λ" }),
  maxEpochs: training.maxEpochs,
  tol: num("global: certified relative gap (L − lower bound on min L)/L ≤ tol (a training, a cone)", 1e-6, { above: 0, placeholder: "t" }),
  seed: int("seed of the data and of every initialization and cone", 0, { min: 0, placeholder: "s" }),
}))();

/** Options of `relu-landscape orthogonal` (every field optional). */
export type OrthogonalExperimentOptions = OptionsOf<typeof orthogonalOptions>;
export type ResolvedOrthogonalOptions = ResolvedOf<typeof orthogonalOptions>;

/** The default grid. */
export const ORTHOGONAL_DEFAULTS = /* @__PURE__ */ defaultsOf(orthogonalOptions);

/** --quick: n = 3, 4, 5 at m = 2ⁿ/4, 2ⁿ, 4·2ⁿ; 4 trainings and 8 cones each, 2·10⁴ epochs (well under a minute). */
export const ORTHOGONAL_QUICK: OrthogonalExperimentOptions = { ns: [3, 4, 5], widthFactors: [0.25, 1, 4], trainings: 4, cones: 8, maxEpochs: 2e4 };

/** Validates options and fills in the defaults. */
export function resolveOrthogonalOptions(o: OrthogonalExperimentOptions = {}): ResolvedOrthogonalOptions {
  return orthogonalOptions.resolve(o);
}

/** The tasks of the experiment's runs (the `task` axis). */
export const ORTHOGONAL_TASKS = ["training", "cones"] as const;
export type OrthogonalTask = (typeof ORTHOGONAL_TASKS)[number];

/** The grid points: for each n, d = n + extraDims and the widths m = round(f·2ⁿ) (at least 1, distinct, ascending). */
export function orthogonalPoints(o: Pick<ResolvedOrthogonalOptions, "ns" | "extraDims" | "widthFactors">): { n: number; d: number; m: number }[] {
  const out: { n: number; d: number; m: number }[] = [];
  for (const n of o.ns) {
    const ms = [...new Set(o.widthFactors.map((f) => Math.max(1, Math.round(f * 2 ** n))))].sort((a, b) => a - b);
    for (const m of ms) out.push({ n, d: n + o.extraDims, m });
  }
  return out;
}

/**
 * The runs: task × grid point, `trainings` repetitions each. A training run is one training; the cones
 * of a grid point are shared out over its repetitions (cone c in repetition c mod trainings), so every
 * run of the sweep is one unit of work and, for each n, the data set (n, d, dataset 0 of `seed`) is the
 * same in both tasks and at every width.
 */
export function orthogonalSweep(o: ResolvedOrthogonalOptions): SweepSpec {
  return {
    name: "orthogonal",
    kind: "orthogonal",
    seed: o.seed,
    repetitions: o.trainings,
    base: {
      lambda: o.lambda, tol: o.tol, seed0: o.seed, dataset: 0,
      alpha: o.alpha, lr: o.lr, maxEpochs: o.maxEpochs, trainings: o.trainings, cones: o.cones,
    },
    axes: { task: [...ORTHOGONAL_TASKS], point: orthogonalPoints(o) },
  };
}
