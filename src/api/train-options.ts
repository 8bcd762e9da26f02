// The training settings: one documented interface, one validator. The problem file's "train" object
// and CLI flags both end up here.
import { z } from "zod";
import { InputError } from "./errors.js";
import { zodToInputError } from "./zod-errors.js";

/** How the learning rate changes during training. */
export type LrSchedule = "constant" | "step" | "halve-on-rise";

/** Settings of one training run. Every field is optional; defaults are listed with each. */
export interface TrainOptions {
  /** Full-batch gradient descent or minibatch SGD. @default "gd" */
  method?: "gd" | "sgd";
  /** Width: number of neurons m (ignored when the problem gives an explicit init). @default 100 */
  m?: number;
  /** Learning rate (step size). Must be > 0. @default 0.01 */
  lr?: number;
  /** Maximum number of epochs (GD: steps; SGD: passes over the data). 1e8 and more are fine. @default 100000 */
  maxEpochs?: number;
  /** SGD minibatch size B (the last batch of an epoch may be smaller). @default 32 */
  batchSize?: number;
  /** Stop when ‖∇L‖² < gradTol (full data). @default 1e-16 */
  gradTol?: number;
  /** Stop when L has not improved by this relative amount over `lossWindow` epochs; 0 turns it off. @default 0 */
  lossTol?: number;
  /** Window (epochs) of the `lossTol` plateau rule. @default 1000 */
  lossWindow?: number;
  /** Seed of the generator (initialization, SGD permutations). Integer in [0, 2^53). @default 0 */
  seed?: number;
  /** Initialization scale α. @default 1 */
  alpha?: number;
  /**
   * `gaussian`: every entry of W and a ~ N(0, α²); `balanced`: W ~ N(0, α²), aⱼ = ±‖wⱼ‖ with a
   * random sign. Ignored when the problem gives an explicit init. @default "gaussian"
   */
  initScheme?: "gaussian" | "balanced";
  /** `constant`; `step`: lr ×= lrFactor every lrEvery epochs; `halve-on-rise`: a step that raises L is undone and lr halved. @default "constant" */
  lrSchedule?: LrSchedule;
  /** Factor of the `step` schedule. @default 0.5 */
  lrFactor?: number;
  /** Period (epochs) of the `step` schedule. @default 1000 */
  lrEvery?: number;
  /** `f64` is exact to rounding; `f32` is about twice as fast and approximate (≈1e-6 relative). @default "f64" */
  precision?: "f64" | "f32";
  /** Output scaling κ: f(x) = (1/κ)·Σ aⱼ relu(wⱼ·x). @default 1 */
  kappa?: number;
  /** `squared`: (f − y)²; `logistic`: log(1 + e^{−y·f}) with labels ±1. @default "squared" */
  loss?: "squared" | "logistic";
  /** `l2`: λ(‖W‖² + ‖a‖²); `l1-unit`: λ‖a‖₁ with every ‖wⱼ‖ ≤ 1 (projected). @default "l2" */
  regularizer?: "l2" | "l1-unit";
  /** Trace epochs grow geometrically by this factor (0, 1, 2, … then ×growth). Must be > 1. @default 1.5 */
  traceGrowth?: number;
}

export const trainOptionsSchema = z
  .object({
    method: z.enum(["gd", "sgd"]),
    m: z.number().int().positive(),
    lr: z.number().positive().finite(),
    maxEpochs: z.number().nonnegative(),
    batchSize: z.number().int().positive(),
    gradTol: z.number().nonnegative(),
    lossTol: z.number().nonnegative(),
    lossWindow: z.number().int().positive(),
    seed: z.number().int().nonnegative().max(2 ** 53 - 1),
    alpha: z.number().nonnegative().finite(),
    initScheme: z.enum(["gaussian", "balanced"]),
    lrSchedule: z.enum(["constant", "step", "halve-on-rise"]),
    lrFactor: z.number().positive().finite(),
    lrEvery: z.number().int().positive(),
    precision: z.enum(["f64", "f32"]),
    kappa: z.number().positive().finite(),
    loss: z.enum(["squared", "logistic"]),
    regularizer: z.enum(["l2", "l1-unit"]),
    traceGrowth: z.number().gt(1),
  })
  .partial()
  .strict();

/** The defaults of every training setting. */
export const TRAIN_DEFAULTS: Required<TrainOptions> = {
  method: "gd",
  m: 100,
  lr: 0.01,
  maxEpochs: 100_000,
  batchSize: 32,
  gradTol: 1e-16,
  lossTol: 0,
  lossWindow: 1000,
  seed: 0,
  alpha: 1,
  initScheme: "gaussian",
  lrSchedule: "constant",
  lrFactor: 0.5,
  lrEvery: 1000,
  precision: "f64",
  kappa: 1,
  loss: "squared",
  regularizer: "l2",
  traceGrowth: 1.5,
};

/** Validates options (unknown keys, types, ranges) and fills in the defaults. `field` prefixes errors. */
export function resolveTrainOptions(options: TrainOptions | undefined, field = "train"): Required<TrainOptions> {
  const parsed = trainOptionsSchema.safeParse(options ?? {});
  if (!parsed.success) throw zodToInputError(parsed.error, field);
  const o = { ...TRAIN_DEFAULTS };
  for (const [k, v] of Object.entries(parsed.data)) if (v !== undefined) (o as Record<string, unknown>)[k] = v;
  if (o.method === "sgd" && !(o.batchSize >= 1)) throw new InputError(`${field}.batchSize`, "must be ≥ 1 for SGD");
  return o;
}
