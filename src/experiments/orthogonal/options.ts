// Settings of the orthogonal-data experiment (Boursier et al., Theorem 3), and its one sweep: a
// `task` axis (training | cones) × the widths, repeated `trainings` times.
import { InputError } from "../../api/errors.js";
import { int, ints, num, optionGroup, type OptionsOf, type ResolvedOf } from "../../api/schema.js";
import { trainOptions } from "../../api/train-options.js";
import type { SweepSpec } from "../../sweep/spec.js";

const training = trainOptions.pick("maxEpochs").withDefaults({ maxEpochs: 1e5 }).entries;

export const orthogonalOptions = optionGroup(
  {
    n: int("samples n (the width threshold is 2ⁿ)", 4, { min: 1 }),
    d: int("input dimension d ≥ n", 8, { min: 1 }),
    widths: ints("widths m", [2, 4, 8, 16, 32, 64, 128], { min: 1, distinct: true }),
    trainings: int("trainings per width", 20, { min: 1, placeholder: "k" }),
    cones: int("random cones of m signed patterns per width, for the cone-level fraction", 20, { min: 1, placeholder: "k" }),
    alpha: num("initialization scale α (balanced init; large)", 1, { above: 0, placeholder: "α" }),
    lr: num("initial learning rate; a step that raises L is undone and the rate halved (large widths need it)", 0.05, { above: 0 }),
    lambda: num("weight decay λ", 0.01, { above: 0, placeholder: "λ" }),
    maxEpochs: training.maxEpochs,
    tol: num("global: L − P* ≤ tol·P* after polishing (a training), P(S) − P(all) ≤ tol·P(all) (a cone)", 1e-6, { above: 0, placeholder: "t" }),
    seed: int("seed of the data and of every initialization and cone", 0, { min: 0, placeholder: "s" }),
  },
  (o) => {
    if (o.d < o.n) throw new InputError("d", `must be ≥ n = ${o.n}: orthogonal data has n ≤ d orthonormal rows (got ${o.d})`);
  },
);

/** Options of `relu-landscape orthogonal` (every field optional). */
export type OrthogonalExperimentOptions = OptionsOf<typeof orthogonalOptions>;
export type ResolvedOrthogonalOptions = ResolvedOf<typeof orthogonalOptions>;

/** The research's grid. */
export const ORTHOGONAL_DEFAULTS = orthogonalOptions.defaults as Readonly<ResolvedOrthogonalOptions>;

/** --quick: three widths, 6 trainings and 10 cones each, 2·10⁴ epochs (about a second). */
export const ORTHOGONAL_QUICK: OrthogonalExperimentOptions = { widths: [4, 16, 64], trainings: 6, cones: 10, maxEpochs: 2e4 };

/** Validates options and fills in the defaults. */
export function resolveOrthogonalOptions(o: OrthogonalExperimentOptions = {}): ResolvedOrthogonalOptions {
  return orthogonalOptions.resolve(o);
}

/** The tasks of the experiment's runs (the `task` axis). */
export const ORTHOGONAL_TASKS = ["training", "cones"] as const;
export type OrthogonalTask = (typeof ORTHOGONAL_TASKS)[number];

/**
 * The runs: task × width, `trainings` repetitions each. A training run is one training; the cones
 * of a width are shared out over its repetitions (cone c in repetition c mod trainings), so every
 * run of the sweep is one unit of work and the data set (n, d, dataset 0 of `seed`) is the same in
 * both tasks.
 */
export function orthogonalSweep(o: ResolvedOrthogonalOptions): SweepSpec {
  return {
    name: "orthogonal",
    kind: "orthogonal",
    seed: o.seed,
    repetitions: o.trainings,
    base: {
      n: o.n, d: o.d, lambda: o.lambda, tol: o.tol, seed0: o.seed, dataset: 0,
      alpha: o.alpha, lr: o.lr, maxEpochs: o.maxEpochs, trainings: o.trainings, cones: o.cones,
    },
    axes: { task: [...ORTHOGONAL_TASKS], m: o.widths },
  };
}
