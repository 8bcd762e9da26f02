// Training flags shared by `train` and the commands that train: each maps to one TrainOptions field.
import type { Command } from "commander";
import type { TrainOptions } from "../api/train-options.js";
import { InputError } from "../api/errors.js";
import { num } from "./problem-options.js";

export function addTrainFlags(cmd: Command): Command {
  return cmd
    .option("--method <gd|sgd>", "full-batch gradient descent or minibatch SGD")
    .option("--m <m>", "width (number of neurons)")
    .option("--lr <lr>", "learning rate")
    .option("--max-epochs <k>", "maximum epochs (1e8 is fine)")
    .option("--batch-size <B>", "SGD minibatch size")
    .option("--grad-tol <t>", "stop when ‖∇L‖² < t")
    .option("--loss-tol <t>", "stop when L improves by less than this relative amount over --loss-window epochs")
    .option("--loss-window <k>", "plateau window in epochs")
    .option("--seed <s>", "seed of the initialization and SGD")
    .option("--alpha <α>", "initialization scale")
    .option("--init-scheme <gaussian|balanced>", "initialization scheme")
    .option("--lr-schedule <constant|step|halve-on-rise>", "learning-rate schedule")
    .option("--lr-factor <f>", "factor of the step schedule")
    .option("--lr-every <k>", "period of the step schedule (epochs)")
    .option("--precision <f64|f32>", "f64 (exact) or f32 (approximate, faster)")
    .option("--kappa <κ>", "output scaling κ: f = (1/κ)Σ a relu(w·x)")
    .option("--loss <squared|logistic>", "data loss")
    .option("--regularizer <l2|l1-unit>", "λ(‖W‖²+‖a‖²), or λ‖a‖₁ with ‖wⱼ‖ ≤ 1");
}

const enums: Record<string, readonly string[]> = {
  method: ["gd", "sgd"],
  initScheme: ["gaussian", "balanced"],
  lrSchedule: ["constant", "step", "halve-on-rise"],
  precision: ["f64", "f32"],
  loss: ["squared", "logistic"],
  regularizer: ["l2", "l1-unit"],
};
const kebab = (s: string) => s.replace(/[A-Z]/g, (c) => "-" + c.toLowerCase());

/** The TrainOptions given by flags (only those present). */
export function trainFlags(f: Record<string, string | undefined>): TrainOptions {
  const o: Record<string, unknown> = {};
  for (const [key, values] of Object.entries(enums)) {
    const v = f[key];
    if (v === undefined) continue;
    if (!values.includes(v)) throw new InputError(`--${kebab(key)}`, `got "${v}": use one of ${values.join(", ")}`);
    o[key] = v;
  }
  const ints = ["m", "batchSize", "lossWindow", "seed", "lrEvery"];
  const nums = ["lr", "maxEpochs", "gradTol", "lossTol", "alpha", "lrFactor", "kappa"];
  for (const k of ints) if (f[k] !== undefined) o[k] = num(f[k], kebab(k), { int: true, min: k === "seed" ? 0 : 1 });
  for (const k of nums) if (f[k] !== undefined) o[k] = num(f[k], kebab(k), { min: 0 });
  if (o.lr !== undefined && !((o.lr as number) > 0)) throw new InputError("--lr", "must be > 0");
  return o as TrainOptions;
}
