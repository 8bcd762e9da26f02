// The training settings: one option group (src/api/schema.ts) from which the TrainOptions type, the
// defaults, validation, the CLI's training flags and the lab's controls all derive. The problem
// file's "train" object, sweep configurations and CLI flags all end up in resolveTrainOptions.
import { defaultsOf, choice, int, num, optionGroup, type OptionsOf, type ResolvedOf } from "./schema.js";
import { InputError } from "./errors.js";

/** The training settings (every field optional; `--help` and TRAIN_DEFAULTS list the defaults). */
export const trainOptions = optionGroup(
  {
    method: choice("full-batch gradient descent, or minibatch SGD", ["gd", "sgd"], "gd"),
    m: int("width: the number of neurons (ignored when the problem gives an explicit init)", 100, { min: 1 }),
    lr: num("learning rate (step size)", 0.01, { above: 0 }),
    maxEpochs: int("most epochs (GD: steps; SGD: passes over the data); 1e8 and more are fine", 100_000, { min: 0, placeholder: "k" }),
    batchSize: int("SGD minibatch size B (the last batch of an epoch may be smaller)", 32, { min: 1, placeholder: "B" }),
    gradTol: num("stop when ‖∇L‖² < gradTol (full data)", 1e-16, { min: 0, placeholder: "t" }),
    lossTol: num("stop when L improves by less than this relative amount over lossWindow epochs; 0: off", 0, { min: 0, placeholder: "t" }),
    lossWindow: int("window (epochs) of the lossTol plateau rule", 1000, { min: 1, placeholder: "k" }),
    seed: int("seed of the initialization and of SGD's permutations", 0, { min: 0, max: 2 ** 53 - 1, placeholder: "s" }),
    alpha: num("initialization scale α", 1, { min: 0, placeholder: "α" }),
    initScheme: choice("gaussian: every entry of W and a ~ N(0, α²); balanced: W ~ N(0, α²), aⱼ = ±‖wⱼ‖", ["gaussian", "balanced"], "gaussian"),
    lrSchedule: choice(
      "constant; step: lr ×= lrFactor every lrEvery epochs; halve-on-rise: an epoch that raises L is undone and lr halved",
      ["constant", "step", "halve-on-rise"],
      "constant",
    ),
    lrFactor: num("factor of the step schedule", 0.5, { above: 0, placeholder: "f" }),
    lrEvery: int("period (epochs) of the step schedule", 1000, { min: 1, placeholder: "k" }),
    precision: choice("f64 is exact to rounding; f32 is about twice as fast and approximate (≈1e-6 relative per step)", ["f64", "f32"], "f64"),
    kappa: num("output scaling κ: f(x) = (1/κ)·Σ aⱼ relu(wⱼ·x)", 1, { above: 0, placeholder: "κ" }),
    loss: choice("squared: (f − y)²; logistic: log(1 + e^(−y·f)) with labels ±1", ["squared", "logistic"], "squared"),
    regularizer: choice("l2: λ(‖W‖² + ‖a‖²); l1-unit: λ‖a‖₁ with every ‖wⱼ‖ ≤ 1 (a proximal step)", ["l2", "l1-unit"], "l2"),
    traceGrowth: num("trace epochs grow geometrically by this factor (0, 1, 2, … then ×growth)", 1.5, { above: 1, placeholder: "g", noFlag: true }),
  },
);

/** Settings of one training run. Every field is optional; TRAIN_DEFAULTS lists the defaults. */
export type TrainOptions = OptionsOf<typeof trainOptions>;
/** Training settings with every default filled in. */
export type ResolvedTrainOptions = ResolvedOf<typeof trainOptions>;
/** How the learning rate changes during training. */
export type LrSchedule = ResolvedTrainOptions["lrSchedule"];

/** The defaults of every training setting. */
export const TRAIN_DEFAULTS = /* @__PURE__ */ defaultsOf(trainOptions);

/** Validates options (unknown keys, types, ranges) and fills in the defaults. `field` prefixes errors. */
export function resolveTrainOptions(options: TrainOptions | undefined, field = "train"): ResolvedTrainOptions {
  return trainOptions.resolve(options ?? {}, field);
}

/** Checks that the labels suit the loss (the logistic loss needs labels ±1). */
export function checkLabels(y: ArrayLike<number>, loss: ResolvedTrainOptions["loss"], field = "y"): void {
  if (loss !== "logistic") return;
  for (let k = 0; k < y.length; k++) {
    if (y[k] !== 1 && y[k] !== -1) throw new InputError(`${field}[${k}]`, `is ${y[k]}: the logistic loss needs labels +1 or −1 (use the squared loss for real-valued targets)`);
  }
}

