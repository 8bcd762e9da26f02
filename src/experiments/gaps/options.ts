// Settings of the energy-gap experiment: the data set, the widths and networks, the string method,
// the permutation tests, and the training settings with the gap defaults (the setting of Freeman &
// Bruna and Baturin: logistic loss, λ‖a‖₁ with every ‖wⱼ‖ ≤ 1, GD with a step that trains every width
// of the default sweep). `m` is the widths and `seed` the experiment's: neither is a training flag.
import { InputError } from "../../api/errors.js";
import { defaultsOf, bool, choice, int, ints, num, optionGroup, text, type OptionsOf, type ResolvedOf } from "../../api/schema.js";
import { type TrainOptions, trainOptions } from "../../api/train-options.js";
import { MAX_RUNS } from "../../sweep/spec.js";
import type { GapsDataOptions } from "./data.js";

/** The training defaults of the gap experiments. */
export const GAPS_TRAIN_DEFAULTS: TrainOptions = {
  loss: "logistic",
  regularizer: "l1-unit",
  lr: 0.5,
  alpha: 0.1,
  maxEpochs: 20000,
  gradTol: 0,
};

/** The training settings of every network (and every bead) of the experiment. */
export const gapsTrainOptions = /* @__PURE__ */ (() => trainOptions.withDefaults(GAPS_TRAIN_DEFAULTS).omit("m", "seed"))();

/**
 * The settings of the level search (src/api/string.ts stringLevel), as the experiment passes them on:
 * for each pair, L₀ is bisected down to an absolute resolution and the lowest level at which a string
 * was found is reported (the gap from it does not depend on where the search starts).
 */
const stringEntries = {
  thresholdRel: num("the first L₀ tried, (1 + r)·max(L_A, L_B), when the straight segment rises above it; it orders the search, it does not bound the gap (the single-L₀ gap of the old measure is reported beside)", 0.01, { min: 0, placeholder: "r" }),
  threshold: num("absolute first L₀ (overrides --threshold-rel)", undefined, { placeholder: "L0" }),
  resolutionRel: num("stop bisecting L₀ when the bracket is at most r·max(L_A, L_B) (the absolute resolution is in every row)", 1e-3, { above: 0, placeholder: "r" }),
  resolution: num("absolute resolution of the bisection (overrides --resolution-rel)", undefined, { above: 0, placeholder: "ε" }),
  maxRounds: int("most L₀ tried per join (one string refinement each)", 12, { min: 0, placeholder: "k" }),
  maxBeads: int("most beads per string (each a network stored in the string)", 16, { min: 0, max: 1024, placeholder: "b" }),
  beadEpochs: int("epoch budget of each bead's training (per round)", 5000, { min: 1, placeholder: "k" }),
  points: int("loss evaluations per segment (the max along a string is over these; each pair's record keeps its profile)", 33, { min: 2, max: 4097, placeholder: "p" }),
  align: bool("also join A to B with B's neurons aligned to A's (the same function, another point), reported apart in the aligned* columns", false),
};

/** The comparison with the global minimum (the convex program). */
/**
 * The most networks per width: K networks make K(K+1)/2 runs a width (K models, K(K−1)/2 pairs), at
 * most the MAX_RUNS a sweep may have — refused up front, before the runs are listed.
 */
export const GAPS_MAX_MODELS = Math.floor((Math.sqrt(8 * MAX_RUNS + 1) - 1) / 2);

const globalEntries = {
  global: bool("certify every network against the global minimum of L (the convex program over every activation pattern, solved once per data set and worker); skipped, with a note, where the program is out of reach", true),
};

const dataEntries = {
  dataset: choice("data set (labels ±1 for the logistic loss); default moons, or csv when a CSV file is given", ["moons", "wdbc", "csv"], undefined),
  csv: text("CSV file with a header row (implies --dataset csv)", undefined, { placeholder: "file" }),
  target: text("target column of the CSV (numeric, or two labels → ±1)", undefined, { placeholder: "column" }),
  n: int("moons: samples", 200, { min: 2 }),
  noise: num("moons: noise standard deviation", 0.1, { min: 0, placeholder: "σ" }),
  dataSeed: int("moons: seed of the data", 0, { min: 0, placeholder: "s" }),
  bias: bool("append the constant-1 feature (the bias)", true),
};

export const gapsOptions = /* @__PURE__ */ (() => optionGroup(
  {
    ...dataEntries,
    lambda: num("regularization λ", 1e-3, { min: 0, placeholder: "λ" }),
    widths: ints("widths m", [4, 8, 16, 32, 64, 128, 256], { min: 1, distinct: true }),
    models: int("networks per width K (all K(K−1)/2 pairs are joined); model k trains with seed + k", 6, { min: 2, max: GAPS_MAX_MODELS, placeholder: "K" }),
    ...stringEntries,
    ...globalEntries,
    permutations: int("random splits per permutation test", 9999, { min: 1, placeholder: "R" }),
    seed: int("seed of the experiment: model k trains with seed + k; the permutation tests use seed", 0, { min: 0, max: 2 ** 53 - 1, placeholder: "s" }),
    ...gapsTrainOptions.entries,
  },
  (o) => {
    const dataset = datasetOf(o);
    if (o.csv !== undefined && dataset !== "csv") throw new InputError("csv", `is given with the ${dataset} data set: use --dataset csv, or leave out the CSV file`);
    if (dataset === "csv") {
      if (o.csv === undefined) throw new InputError("csv", "is missing: give the CSV file (--csv FILE) and its target column (--target COLUMN)");
      if (o.target === undefined) throw new InputError("target", "is missing: name the target column of the CSV");
    }
  },
))();

/** Options of `relu-landscape gaps` (every field optional). */
export type GapsOptions = OptionsOf<typeof gapsOptions>;
export type ResolvedGapsOptions = ResolvedOf<typeof gapsOptions>;

/** The defaults (the research's sweep). */
export const GAPS_DEFAULTS = /* @__PURE__ */ defaultsOf(gapsOptions);

/** The reduced sweep of --quick (about ten seconds). */
export const GAPS_QUICK: GapsOptions = { n: 100, widths: [4, 16, 64], models: 3, maxEpochs: 5000, beadEpochs: 1000, permutations: 999 };

/** Validates options and fills in the defaults. */
export function resolveGapsOptions(o: GapsOptions = {}): ResolvedGapsOptions {
  return gapsOptions.resolve(o);
}

/** The data set: as given, else csv when a CSV file is given, else moons. */
export function datasetOf(o: Pick<ResolvedGapsOptions, "dataset" | "csv">): "moons" | "wdbc" | "csv" {
  return o.dataset ?? (o.csv !== undefined ? "csv" : "moons");
}

/** The data settings of the runs (only those of the chosen data set). */
export function gapsDataOf(o: ResolvedGapsOptions): GapsDataOptions {
  const dataset = datasetOf(o);
  if (dataset === "moons") return { dataset, n: o.n, noise: o.noise, dataSeed: o.dataSeed, bias: o.bias };
  if (dataset === "csv") return { dataset, csv: o.csv, target: o.target, bias: o.bias };
  return { dataset, bias: o.bias };
}

/** The string settings of the runs. */
export function gapsStringOf(o: ResolvedGapsOptions): Record<string, unknown> {
  return Object.fromEntries(Object.keys(stringEntries).filter((k) => o[k as keyof ResolvedGapsOptions] !== undefined).map((k) => [k, o[k as keyof ResolvedGapsOptions]]));
}

/** The training settings of the runs (`m` and `seed` are set per network). */
export function gapsTrainOf(o: ResolvedGapsOptions): Record<string, unknown> {
  return Object.fromEntries(gapsTrainOptions.fields.map((f) => [f.key, o[f.key as keyof ResolvedGapsOptions]]));
}

/** The string settings as a group (to check a run's configuration). */
export const gapsStringOptions = /* @__PURE__ */ (() => optionGroup(stringEntries))();
