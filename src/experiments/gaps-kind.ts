// The "gaps-train" run kind of the sweep engine: one network of the gap sweep (width m, model k), so
// the trainings of `relu-landscape gaps` run on every core and resume. Config keys: data (the
// GapsDataOptions), lambda, train (TrainOptions over GAPS_TRAIN_DEFAULTS), m, k, baseSeed (model k
// trains with seed baseSeed + k, exactly as in-process). Measures: W, a, loss, stopReason, epochs, seconds.
import { InputError } from "../api/errors.js";
import type { Problem } from "../api/problem.js";
import { Trainer } from "../api/train.js";
import type { TrainOptions } from "../api/train-options.js";
import { registerRunKind } from "../sweep/run-kinds.js";
import { type GapsDataOptions, gapsProblem } from "./gaps-data.js";
import { GAPS_TRAIN_DEFAULTS } from "./gaps-defaults.js";

const KEYS = ["data", "lambda", "train", "m", "k", "baseSeed", "rep"];

function validate(c: Record<string, unknown>): void {
  for (const k of Object.keys(c)) if (!KEYS.includes(k)) throw new InputError(k, `is not a setting of "gaps-train" runs: use one of ${KEYS.join(", ")}`);
  for (const k of ["m", "k", "baseSeed"]) if (!(typeof c[k] === "number" && Number.isInteger(c[k]) && (c[k] as number) >= (k === "m" ? 1 : 0))) throw new InputError(k, "must be a whole number");
  if (!(typeof c.lambda === "number" && c.lambda >= 0)) throw new InputError("lambda", "must be a number ≥ 0");
}

// the data set of each worker, loaded once
const problems = new Map<string, Promise<Problem>>();

/** Trains model k of width m (the same network as the in-process sweep). */
export async function trainGapsModel(problem: Problem, train: TrainOptions, m: number, seed: number) {
  const t = await Trainer.create(problem, { ...GAPS_TRAIN_DEFAULTS, ...train, m, seed });
  try {
    const r = await t.run();
    return { W: r.W, a: r.a, loss: r.loss, stopReason: r.stopReason, epochs: r.epochs, seconds: r.seconds };
  } finally {
    t.dispose();
  }
}

registerRunKind(
  "gaps-train",
  async (c) => {
    validate(c);
    const key = JSON.stringify([c.data, c.lambda]);
    let p = problems.get(key);
    if (!p) problems.set(key, (p = gapsProblem(c.data as GapsDataOptions, c.lambda as number).then((r) => r.problem)));
    return trainGapsModel(await p, (c.train ?? {}) as TrainOptions, c.m as number, (c.baseSeed as number) + (c.k as number));
  },
  { validate, measures: ["W", "a", "loss", "stopReason", "epochs", "seconds"] },
);
