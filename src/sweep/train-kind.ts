// The "train" run kind: one training run on teacher data (or a problem file), as `relu-landscape train`.
// Config keys: the problem — `problem` (a path to a problem file, Node only, or an inline problem
// object) or teacher data `n` (20), `d` (5), `dataSeed` (default: the repetition index `rep`, so a
// repetition uses the same data at every grid point), `teacherWidth` (10) — plus `lambda` (0.01,
// overrides the file), `bias` (false), and every TrainOptions setting (m, lr, alpha, maxEpochs, ...).
// The training seed is `seed` if given, else the run's derived seed.
// Measures: loss, dataLoss, normSq, gradNormSq, epochs, stopReason, seconds, patterns (by default);
// W, a, trace when listed in `measure`.
import { InputError } from "../api/errors.js";
import { type Problem, parseProblem } from "../api/problem.js";
import { Trainer } from "../api/train.js";
import { resolveTrainOptions, TRAIN_DEFAULTS, type TrainOptions } from "../api/train-options.js";
import { teacherData } from "../data/teacher.js";
import { readJsonFile } from "../data/user-file.js";
import { canonicalJson } from "./hash.js";
import { registerRunKind, type RunContext } from "./run-kinds.js";

const PROBLEM_KEYS = ["problem", "n", "d", "dataSeed", "teacherWidth", "lambda", "bias", "rep"];
const TRAIN_KEYS = Object.keys(TRAIN_DEFAULTS);
const EXTRA_MEASURES = ["W", "a", "trace"];

function splitConfig(config: Record<string, unknown>): { train: TrainOptions; rest: Record<string, unknown> } {
  const train: Record<string, unknown> = {};
  const rest: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(config)) {
    if (TRAIN_KEYS.includes(k)) train[k] = v;
    else if (PROBLEM_KEYS.includes(k)) rest[k] = v;
    else throw new InputError(k, `is not a setting of "train" runs: use one of ${[...PROBLEM_KEYS, ...TRAIN_KEYS].join(", ")}`);
  }
  return { train: train as TrainOptions, rest };
}

const isInt = (v: unknown, min: number) => typeof v === "number" && Number.isInteger(v) && v >= min;

/** Checks a "train" configuration without running it. */
export function validateTrainConfig(config: Record<string, unknown>): void {
  const { train, rest } = splitConfig(config);
  resolveTrainOptions({ ...train, seed: train.seed ?? 0 }, "");
  for (const [k, min] of [["n", 1], ["d", 1], ["dataSeed", 0], ["teacherWidth", 1]] as const) {
    if (rest[k] !== undefined && !isInt(rest[k], min)) throw new InputError(k, `must be an integer ≥ ${min}`);
  }
  if (rest.lambda !== undefined && !(typeof rest.lambda === "number" && rest.lambda >= 0 && Number.isFinite(rest.lambda))) throw new InputError("lambda", "must be a number ≥ 0");
  if (rest.bias !== undefined && typeof rest.bias !== "boolean") throw new InputError("bias", "must be true or false");
  if (rest.problem !== undefined && typeof rest.problem !== "string" && (typeof rest.problem !== "object" || rest.problem === null)) {
    throw new InputError("problem", "must be a path to a problem file or a problem object");
  }
  if (rest.problem !== undefined && (rest.n !== undefined || rest.d !== undefined)) throw new InputError("problem", "comes with its own data: remove n and d");
}

// per-worker caches: the same data serves many grid points
const cache = new Map<string, Promise<Problem>>();
async function loadProblem(rest: Record<string, unknown>): Promise<Problem> {
  const key = canonicalJson({ ...rest, rep: undefined, dataSeed: rest.dataSeed ?? rest.rep ?? 0 });
  let p = cache.get(key);
  if (!p) {
    p = makeProblem(rest);
    if (cache.size > 32) cache.delete(cache.keys().next().value as string);
    cache.set(key, p);
    p.catch(() => cache.delete(key));
  }
  const problem = await p;
  return { ...problem, lambda: (rest.lambda as number | undefined) ?? problem.lambda };
}

async function makeProblem(rest: Record<string, unknown>): Promise<Problem> {
  if (rest.problem !== undefined) {
    let raw: unknown = rest.problem;
    if (typeof raw === "string") {
      const fsName = "node:fs";
      const fs = (await import(/* @vite-ignore */ fsName)) as typeof import("node:fs");
      raw = readJsonFile(fs, raw, "problem"); // a regular file within the size limit; errors never quote the file
    }
    const obj = { ...(raw as Record<string, unknown>) };
    if (rest.bias !== undefined) obj.bias = rest.bias;
    return parseProblem(obj);
  }
  const n = (rest.n as number) ?? 20, d = (rest.d as number) ?? 5;
  const data = await teacherData({ n, d, seed: (rest.dataSeed as number) ?? (rest.rep as number) ?? 0, teacherWidth: rest.teacherWidth as number | undefined });
  const X = Array.from({ length: n }, (_, k) => Array.from(data.X.subarray(k * d, (k + 1) * d)));
  return parseProblem({ X, y: Array.from(data.y), lambda: 0.01, bias: rest.bias === true });
}

/** Runs one "train" configuration. */
export async function trainRun(config: Record<string, unknown>, ctx: RunContext): Promise<Record<string, unknown>> {
  const { train, rest } = splitConfig(config);
  const problem = await loadProblem(rest);
  const trainer = await Trainer.create(problem, { ...train, seed: train.seed ?? ctx.seed });
  try {
    trainer.advance(Infinity);
    const r = trainer.result();
    const out: Record<string, unknown> = {
      loss: r.loss,
      dataLoss: r.dataLoss,
      normSq: r.normSq,
      gradNormSq: r.gradNormSq,
      epochs: r.epochs,
      stopReason: r.stopReason,
      seconds: r.seconds,
      patterns: r.trace.at(-1)?.patterns ?? 0,
    };
    for (const k of EXTRA_MEASURES) if (ctx.measure?.includes(k)) out[k] = k === "trace" ? r.trace : r[k as "W" | "a"];
    return out;
  } finally {
    trainer.dispose();
  }
}

/** What a "train" run can record. */
export const TRAIN_MEASURES = ["loss", "dataLoss", "normSq", "gradNormSq", "epochs", "stopReason", "seconds", "patterns", ...EXTRA_MEASURES];

registerRunKind("train", trainRun, { validate: validateTrainConfig, measures: TRAIN_MEASURES });
