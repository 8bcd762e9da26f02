// The "gaps" run kind: one run is either
//   job { model: k }      network k of width m: trained with seed baseSeed + k; records W, a, its loss
//                         and (with `global`) its certificate against the global minimum of L: the
//                         certified lower bound, the gap and relative gap, and the classifier's verdict;
//   job { pair: [i, j] }  the level search between networks i and j of width m (src/api/string.ts
//                         stringLevel: the lowest level at which a string from A to B was found, by
//                         bisection on L₀), which trains the two networks it needs (the same as the
//                         model runs: same settings, same seeds) or takes them from this worker's cache.
// So every run stands alone (any shard of the sweep can run on its own machine) and gives the same
// numbers wherever it runs. Config keys: data (GapsDataOptions), lambda, train (the training settings
// but m and seed), string (the level search's settings), global (compare with the global minimum),
// baseSeed, m, job, rep.
//
// The global minimum is solved once per data set and worker and kept (as the cones kind keeps P(all)),
// not as a run of its own: every model run needs its certified lower bound and value at run time (the
// certificate and the verdict are computed from them), a run cannot read another run's record (runs
// in flight in parallel, shards on other machines), and the solve is deterministic, so every worker
// and shard gets the same numbers (test/gaps-cli.test.ts compares sharded and unsharded records).
// Its cost is one solve per worker that certifies a model (about 8 s for moons n = 200 on one core).
import type { Data } from "../../api/data.js";
import { InputError } from "../../api/errors.js";
import type { Network } from "../../api/network.js";
import type { Problem } from "../../api/problem.js";
import { type LevelOptions, type LevelResult, stringLevel } from "../../api/string.js";
import { Trainer } from "../../api/train.js";
import { type TrainOptions, resolveTrainOptions } from "../../api/train-options.js";
import { certify, type Verdict } from "../../convex/certify.js";
import { globalOptimum } from "../../convex/optimum.js";
import type { ProgramSettings } from "../../convex/settings.js";
import { allSignedPatterns, type SignedPatterns } from "../../convex/signed-patterns.js";
import type { RunKindDefinition } from "../../sweep/run-kinds.js";
import { type GapsDataOptions, gapsProblem } from "./data.js";
import { GLOBAL_MAX_PATTERNS, globalOutOfReach } from "./global.js";
import { gapsStringOptions, gapsTrainOptions } from "./options.js";
import { cached } from "../shared/cached.js";

/** One run's part of the work. */
export type GapsJob = { model: number } | { pair: [number, number] };

export interface GapsRunConfig {
  data: GapsDataOptions;
  lambda: number;
  train: TrainOptions;
  string: LevelOptions;
  /** Compare every network with the global minimum (the sweep sets false where it is out of reach). */
  global: boolean;
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

/**
 * A model run's comparison with the global minimum of L (null fields: not compared, `globalNote`
 * says why). The certified gap L − lowerBound bounds L − min L from above; L − globalValue from below.
 */
export interface GapsGlobal {
  /** L of the convex program's network: an upper bound on min L (equal to it up to the solve's gap). */
  globalValue: number | null;
  /** The program's certified lower bound on min L. */
  globalLowerBound: number | null;
  /** certify's certified lower bound on min L for this network (the best of its own dual point and globalLowerBound, at most L). */
  lowerBound: number | null;
  /** L − lowerBound, and relative to L. */
  globalGap: number | null;
  globalRelativeGap: number | null;
  /** The classifier's verdict (certify), and what backs it. */
  verdict: Verdict | null;
  verdictReason: string | null;
  /** Why there is no comparison. */
  globalNote: string | null;
}

const KEYS = ["data", "lambda", "train", "string", "global", "baseSeed", "m", "job", "rep"];
const isWhole = (v: unknown, min: number) => typeof v === "number" && Number.isSafeInteger(v) && v >= min;

/** Checks one run's configuration (names the key at fault). */
export function validateGapsConfig(c: Record<string, unknown>): GapsRunConfig {
  for (const k of Object.keys(c)) if (!KEYS.includes(k)) throw new InputError(k, `is not a setting of "gaps" runs: use one of ${KEYS.join(", ")}`);
  if (!isWhole(c.m, 1)) throw new InputError("m", "must be a whole number ≥ 1 (the width)");
  if (!isWhole(c.baseSeed, 0)) throw new InputError("baseSeed", "must be a whole number ≥ 0");
  if (!(typeof c.lambda === "number" && c.lambda >= 0)) throw new InputError("lambda", "must be a number ≥ 0");
  if (typeof c.global !== "boolean") throw new InputError("global", "must be true or false (compare with the global minimum)");
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

// per worker: the data sets, the global minima, and the networks trained here (a pair run reuses those of earlier runs)
const problems = new Map<string, Promise<{ problem: Problem; description: string }>>();
const optima = new Map<string, Promise<GlobalInfo>>();
const models = new Map<string, Promise<GapsModel>>();
/** Networks kept per worker (the oldest is dropped first). */
const MAX_CACHED = 64;

function problemOf(c: GapsRunConfig) {
  return cached(problems, JSON.stringify([c.data, c.lambda]), () => gapsProblem(c.data, c.lambda));
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
  const had = models.has(key);
  const p = cached(models, key, () => trainGapsModel(problem, c.train, c.m, seed));
  if (!had && models.size > MAX_CACHED) models.delete(models.keys().next().value!);
  return p;
}

/** The global minimum of one objective on one data set, and every signed pattern (for certify). */
interface GlobalInfo {
  value: number;
  lowerBound: number;
  all: SignedPatterns;
}

/** The objective the networks are trained on, as the convex program states it. */
export function programSettings(lambda: number, train: TrainOptions): ProgramSettings {
  const o = resolveTrainOptions(train);
  return { lambda, loss: o.loss, regularizer: o.regularizer, kappa: o.kappa };
}

/** The global minimum of the run's objective on its data: solved once per worker and kept. */
function globalOf(data: Data, settings: ProgramSettings, key: string): Promise<GlobalInfo> {
  return cached(optima, JSON.stringify([key, settings]), async () => {
    const opt = await globalOptimum(data, settings, { maxPatterns: GLOBAL_MAX_PATTERNS });
    const all = await allSignedPatterns(data, GLOBAL_MAX_PATTERNS);
    return { value: opt.value, lowerBound: opt.lowerBound, all };
  });
}

const noGlobal = (note: string): GapsGlobal => ({
  globalValue: null, globalLowerBound: null, lowerBound: null, globalGap: null, globalRelativeGap: null, verdict: null, verdictReason: null, globalNote: note,
});

/** A trained network against the global minimum: certify with the program's bound and value (no solve of its own). */
async function compareWithGlobal(c: GapsRunConfig, problem: Problem, net: Network): Promise<GapsGlobal> {
  if (!c.global) return noGlobal("not compared (global: false)");
  const { n, d } = problem.data;
  const why = globalOutOfReach(n, d, c.lambda);
  if (why) return noGlobal(`out of reach: ${why}`);
  const settings = programSettings(c.lambda, c.train);
  const g = await globalOf(problem.data, settings, JSON.stringify(c.data));
  const cert = await certify(problem.data, settings, net, { lowerBound: g.lowerBound, globalValue: g.value, allPatterns: g.all, solve: false });
  return {
    globalValue: g.value, globalLowerBound: g.lowerBound, lowerBound: cert.lowerBound, globalGap: cert.gap, globalRelativeGap: cert.relativeGap,
    verdict: cert.verdict, verdictReason: cert.reason, globalNote: null,
  };
}

/** The first L₀ the level search tries (as stringLevel computes it). */
const firstThreshold = (o: LevelOptions, top: number) => o.threshold ?? (1 + (o.thresholdRel ?? 0.01)) * top;

/**
 * The single-L₀ string of the old measure, read off the level search: its first round is the string
 * method at the first L₀ from the straight segment (when the straight segment rises above it), else
 * the straight segment itself meets that L₀. null when no round ran at that L₀ (maxRounds 0).
 */
function singleThreshold(r: LevelResult, o: LevelOptions): { threshold: number; thresholdGap: number | null; thresholdSuccess: boolean | null } {
  const L0 = firstThreshold(o, r.endpointLoss);
  if (r.straightLevel <= L0) return { threshold: L0, thresholdGap: r.straightLevel - r.endpointLoss, thresholdSuccess: true };
  const first = r.rounds[0];
  if (!first || first.threshold !== L0) return { threshold: L0, thresholdGap: null, thresholdSuccess: null };
  return { threshold: L0, thresholdGap: first.maxLoss - r.endpointLoss, thresholdSuccess: first.success };
}

/** The scalars of one join's level search (prefix "aligned" for the join to B's aligned copy). */
function levelFields(r: LevelResult, o: LevelOptions) {
  const low = r.rounds.filter((q) => !q.success && q.threshold === r.bracket[0]).at(-1);
  return {
    endpointLoss: r.endpointLoss, level: r.level, gap: r.gap, relativeGap: r.relativeGap,
    bracketLow: r.bracket[0], resolution: r.resolution, resolved: r.resolved, rounds: r.rounds.length,
    lowStop: low?.stop ?? null,
    ...singleThreshold(r, o),
    straightGap: r.straightLevel - r.endpointLoss, beads: r.beads, length: r.length, distance: r.distance, epochs: r.epochs,
  };
}

/** One run of the gap experiment (see the top of this file). */
export async function gapsRun(config: Record<string, unknown>): Promise<Record<string, unknown>> {
  const c = validateGapsConfig(config);
  const { problem, description } = await problemOf(c);
  if ("model" in c.job) {
    const net = await modelOf(c, problem, c.job.model);
    return { ...net, data: description, samples: problem.data.n, features: problem.data.d, ...(await compareWithGlobal(c, problem, net)) };
  }
  const [i, j] = c.job.pair;
  const A: Network = await modelOf(c, problem, i), B: Network = await modelOf(c, problem, j);
  const t0 = performance.now();
  const { direct, aligned } = await stringLevel(problem, A, B, c.train, c.string);
  const al = aligned && levelFields(aligned, c.string);
  return {
    lossI: direct.beadLosses[0], lossJ: direct.beadLosses[direct.beadLosses.length - 1],
    ...levelFields(direct, c.string),
    ...(al && Object.fromEntries(Object.entries(al).map(([k, v]) => [`aligned${k[0].toUpperCase()}${k.slice(1)}`, v]))),
    seconds: (performance.now() - t0) / 1000,
    levels: direct.rounds, profile: direct.profile, beadS: direct.beadS, beadLosses: direct.beadLosses,
  };
}

/** The run kind of the gap experiment. */
export const gapsKind: RunKindDefinition = { name: "gaps", run: gapsRun, validate: (c) => void validateGapsConfig(c) };
