// The "train" run kind: one training run on teacher data (or a problem file), as `relu-landscape train`.
// Config keys: the data as src/data/problem-source.ts has them — `problem` (a path to a problem file,
// Node only, or an inline problem object), `csv` + `target` (+ `standardize`), or teacher data `n`
// (20), `d` (5), `dataSeed` (default: the repetition index `rep`, so a repetition uses the same data
// at every grid point), `teacherWidth` (10) — plus `lambda` (0.01, overrides the file), `bias`
// (false), and every TrainOptions setting (m, lr, alpha, maxEpochs, ...).
// The training seed is `seed` if given, else the run's derived seed.
// Measures: loss, dataLoss, normSq, gradNormSq, epochs, stopReason, seconds, patterns (by default);
// W, a, trace, and the certificate's verdict, gap, relativeGap, lowerBound, globalValue when listed
// in `measure`.
import { InputError } from "../api/errors.js";
import { type Problem, parseProblem } from "../api/problem.js";
import { Trainer } from "../api/train.js";
import { resolveTrainOptions, trainOptions, type TrainOptions } from "../api/train-options.js";
import { loadProblemSource, problemSource, type ProblemSourceOptions } from "../data/problem-source.js";
import { type ConvexOptimum, globalOptimum } from "../convex/optimum.js";
import type { ObjectiveOptions } from "../convex/options.js";
import { certify } from "../convex/certify.js";
import { canonicalJson } from "./hash.js";
import type { RunContext, RunKindDefinition } from "./run-kinds.js";

const problemKeys = () => [...problemSource.fields.map((f) => f.key), "rep"];
const trainKeys = () => trainOptions.fields.map((f) => f.key);
const EXTRA_MEASURES = ["W", "a", "trace"];

function splitConfig(config: Record<string, unknown>): { train: TrainOptions; rest: Record<string, unknown> } {
  const train: Record<string, unknown> = {};
  const rest: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(config)) {
    if (trainKeys().includes(k)) train[k] = v;
    else if (problemKeys().includes(k)) rest[k] = v;
    else throw new InputError(k, `is not a setting of "train" runs: use one of ${[...problemKeys(), ...trainKeys()].join(", ")}`);
  }
  return { train: train as TrainOptions, rest };
}

/** The data settings of a run: an inline problem object, or a problemSource (generated data's seed defaults to `rep`). */
function sourceOf(rest: Record<string, unknown>): { inline?: Record<string, unknown>; source: ProblemSourceOptions } {
  const { rep, problem, ...others } = rest;
  if (problem !== undefined && typeof problem === "object" && problem !== null && !Array.isArray(problem)) {
    return { inline: problem as Record<string, unknown>, source: others as ProblemSourceOptions };
  }
  const generated = problem === undefined && others.csv === undefined;
  const source = { ...others, problem } as ProblemSourceOptions;
  if (generated) source.dataSeed ??= (rep as number | undefined) ?? 0;
  return { source };
}

/** Checks a "train" configuration without running it. */
export function validateTrainConfig(config: Record<string, unknown>): void {
  const { train, rest } = splitConfig(config);
  resolveTrainOptions({ ...train, seed: train.seed ?? 0 }, "");
  const { inline, source } = sourceOf(rest);
  if (inline && (source.n !== undefined || source.d !== undefined || source.csv !== undefined)) throw new InputError("problem", "comes with its own data: remove n, d and csv");
  if (!inline && rest.problem !== undefined && typeof rest.problem !== "string") throw new InputError("problem", "must be a path to a problem file or a problem object");
  problemSource.resolve(inline ? { lambda: source.lambda, bias: source.bias } : source, "");
}

// per-worker caches: the same data serves many grid points
const cache = new Map<string, Promise<Problem>>();
async function loadProblem(rest: Record<string, unknown>): Promise<Problem> {
  const { inline, source } = sourceOf(rest);
  const key = canonicalJson({ inline, ...source, lambda: undefined });
  let p = cache.get(key);
  if (!p) {
    p = inline ? Promise.resolve().then(() => parseProblem({ ...inline, ...(source.bias !== undefined ? { bias: source.bias } : {}) })) : loadProblemSource({ ...source, lambda: undefined });
    if (cache.size > 32) cache.delete(cache.keys().next().value as string);
    cache.set(key, p);
    p.catch(() => cache.delete(key));
  }
  const problem = await p;
  return { ...problem, lambda: source.lambda ?? problem.lambda };
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
    if (CERTIFICATE_MEASURES.some((k) => ctx.measure?.includes(k))) {
      // the trained network against the global optimum of the run's own objective (solved once per data
      // set, λ and objective in this worker)
      const t = trainer.options;
      const objective = { lambda: problem.lambda, loss: t.loss, regularizer: t.regularizer, kappa: t.kappa };
      const g = await optimumOf(problem, rest, objective);
      const c = await certify(problem.data, { W: r.W, a: r.a }, { ...objective, lowerBound: g.lowerBound, globalValue: g.value });
      Object.assign(out, { verdict: c.verdict, gap: c.gap, relativeGap: c.relativeGap, lowerBound: c.lowerBound, globalValue: g.value });
    }
    return out;
  } finally {
    trainer.dispose();
  }
}

/**
 * Measures of the trained network's certificate (src/convex/certify.ts; computed when listed in
 * `measure`): its witnessed verdict, the gap to the certified lower bound on the global optimum, and
 * that optimum's value. The global program is solved once per data set and λ in each worker.
 */
export const CERTIFICATE_MEASURES = ["verdict", "gap", "relativeGap", "lowerBound", "globalValue"];

const optima = new Map<string, Promise<ConvexOptimum>>();
function optimumOf(problem: Problem, rest: Record<string, unknown>, objective: ObjectiveOptions): Promise<ConvexOptimum> {
  const { inline, source } = sourceOf(rest);
  const key = canonicalJson({ inline, ...source, ...objective });
  let p = optima.get(key);
  if (!p) {
    p = globalOptimum(problem.data, objective);
    if (optima.size > 8) optima.delete(optima.keys().next().value as string);
    optima.set(key, p);
    p.catch(() => optima.delete(key));
  }
  return p;
}

/** What a "train" run can record. */
export const TRAIN_MEASURES = /* @__PURE__ */ ["loss", "dataLoss", "normSq", "gradNormSq", "epochs", "stopReason", "seconds", "patterns"].concat(EXTRA_MEASURES, CERTIFICATE_MEASURES);

/** The "train" run kind (registered by the composition roots: the CLI, the Node entry, the workers). */
export const trainKind: RunKindDefinition = { name: "train", run: trainRun, validate: validateTrainConfig, measures: TRAIN_MEASURES };
