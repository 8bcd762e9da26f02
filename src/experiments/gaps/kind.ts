// The "gaps" run kind: one run is either
//   job { model: k }      network k of width m: trained with seed baseSeed + k; records W, a, its loss;
//   job { pair: [i, j] }  the string between networks i and j of width m (src/api/string.ts), which
//                         trains the two networks it needs (the same as the model runs: same settings,
//                         same seeds) or takes them from this worker's cache.
// So every run stands alone (any shard of the sweep can run on its own machine) and gives the same
// numbers wherever it runs. Config keys: data (GapsDataOptions), lambda, train (the training settings
// but m and seed), string (the string settings), baseSeed, m, job, rep.
import { InputError } from "../../api/errors.js";
import type { Network } from "../../api/network.js";
import type { Problem } from "../../api/problem.js";
import { stringBetween, type StringOptions } from "../../api/string.js";
import { Trainer } from "../../api/train.js";
import type { TrainOptions } from "../../api/train-options.js";
import type { RunKindDefinition } from "../../sweep/run-kinds.js";
import { type GapsDataOptions, gapsProblem } from "./data.js";
import { gapsStringOptions, gapsTrainOptions } from "./options.js";

/** One run's part of the work. */
export type GapsJob = { model: number } | { pair: [number, number] };

export interface GapsRunConfig {
  data: GapsDataOptions;
  lambda: number;
  train: TrainOptions;
  string: StringOptions;
  baseSeed: number;
  m: number;
  job: GapsJob;
}

/** A trained network of the experiment, as a model run records it. */
export interface GapsModel {
  W: number[][];
  a: number[];
  loss: number;
  stopReason: string;
  epochs: number;
  /** Seconds of its training (where it was trained). */
  seconds: number;
}

const KEYS = ["data", "lambda", "train", "string", "baseSeed", "m", "job", "rep"];
const isWhole = (v: unknown, min: number) => typeof v === "number" && Number.isSafeInteger(v) && v >= min;

/** Checks one run's configuration (names the key at fault). */
export function validateGapsConfig(c: Record<string, unknown>): GapsRunConfig {
  for (const k of Object.keys(c)) if (!KEYS.includes(k)) throw new InputError(k, `is not a setting of "gaps" runs: use one of ${KEYS.join(", ")}`);
  if (!isWhole(c.m, 1)) throw new InputError("m", "must be a whole number ≥ 1 (the width)");
  if (!isWhole(c.baseSeed, 0)) throw new InputError("baseSeed", "must be a whole number ≥ 0");
  if (!(typeof c.lambda === "number" && c.lambda >= 0)) throw new InputError("lambda", "must be a number ≥ 0");
  if (typeof c.data !== "object" || c.data === null) throw new InputError("data", "must be an object of data settings (dataset, n, noise, dataSeed, csv, target, bias)");
  gapsTrainOptions.resolve(c.train, "train");
  gapsStringOptions.resolve(c.string, "string");
  const job = c.job as Record<string, unknown> | undefined;
  const pair = job?.pair as unknown[] | undefined;
  const ok = job && typeof job === "object" && Object.keys(job).length === 1 &&
    (isWhole(job.model, 0) || (Array.isArray(pair) && pair.length === 2 && isWhole(pair[0], 0) && isWhole(pair[1], 0) && (pair[0] as number) < (pair[1] as number)));
  if (!ok) throw new InputError("job", 'must be { "model": k } or { "pair": [i, j] } with i < j');
  return c as unknown as GapsRunConfig;
}

// per worker: the data sets, and the networks trained here (a pair run reuses those of earlier runs)
const problems = new Map<string, Promise<{ problem: Problem; description: string }>>();
const models = new Map<string, Promise<GapsModel>>();
/** Networks kept per worker (the oldest is dropped first). */
const MAX_CACHED = 64;

function problemOf(c: GapsRunConfig) {
  const key = JSON.stringify([c.data, c.lambda]);
  let p = problems.get(key);
  if (!p) {
    problems.set(key, (p = gapsProblem(c.data, c.lambda)));
    p.catch(() => problems.delete(key));
  }
  return p;
}

/** Trains network k of width m (seed baseSeed + k). */
export async function trainGapsModel(problem: Problem, train: TrainOptions, m: number, seed: number): Promise<GapsModel> {
  const t = await Trainer.create(problem, { ...train, m, seed });
  try {
    const r = await t.run();
    return { W: r.W, a: r.a, loss: r.loss, stopReason: r.stopReason, epochs: r.epochs, seconds: r.seconds };
  } finally {
    t.dispose();
  }
}

/** Network k of the run's width: from this worker's cache, or trained now. */
function modelOf(c: GapsRunConfig, problem: Problem, k: number): Promise<GapsModel> {
  const seed = c.baseSeed + k;
  const key = JSON.stringify([c.data, c.lambda, c.train, c.m, seed]);
  let p = models.get(key);
  if (!p) {
    p = trainGapsModel(problem, c.train, c.m, seed);
    models.set(key, p);
    p.catch(() => models.delete(key));
    if (models.size > MAX_CACHED) models.delete(models.keys().next().value!);
  }
  return p;
}

/** One run of the gap experiment (see the top of this file). */
export async function gapsRun(config: Record<string, unknown>): Promise<Record<string, unknown>> {
  const c = validateGapsConfig(config);
  const { problem, description } = await problemOf(c);
  if ("model" in c.job) {
    const net = await modelOf(c, problem, c.job.model);
    return { ...net, data: description, samples: problem.data.n, features: problem.data.d };
  }
  const [i, j] = c.job.pair;
  const A: Network = await modelOf(c, problem, i), B: Network = await modelOf(c, problem, j);
  const r = await stringBetween(problem, A, B, c.train, c.string);
  return {
    lossI: r.lossA, lossJ: r.lossB, gap: r.gap, maxLoss: r.maxLoss, threshold: r.threshold,
    success: r.success, stop: r.stop, beads: r.beads, length: r.length, distance: r.distance,
    rawDistance: r.rawDistance, linearBarrier: r.linearBarrier, rawBarrier: r.rawBarrier, epochs: r.epochs, seconds: r.seconds,
    profile: r.profile, beadS: r.beadS, beadLosses: r.beadLosses,
  };
}

/** The run kind of the gap experiment. */
export const gapsKind: RunKindDefinition = { name: "gaps", run: gapsRun, validate: (c) => void validateGapsConfig(c) };
