// The settings of the convex functions, as option groups (src/api/schema.ts): one source for the
// types, the defaults, validation (errors name the field) and the command-line flags of `optimum`,
// `certify`, `polish` and `train --certify/--polish` (src/cli/option-flags.ts).
//   solverSettings   the convex solver (tol, maxIterations, …): globalOptimum, coneOptimum and the
//                    solves inside the classifier;
//   objectiveFlags   the objective's flags (--loss, --regularizer, --kappa): train's own fields, with
//                    no default of their own (the problem file's train settings are the default);
//   verdictSettings  the classifier (gapTol, kinkTol, width, solve, …): classifyNetwork, certify,
//                    polish.
//
// And the one calling convention of the convex functions, as train has it: a problem that carries λ
// and the data (a Problem, a problem object { X, y, lambda, train? }, or Data with options.lambda),
// then (a network and) options; the objective (loss, regularizer, κ) comes from the options, else the
// problem's train settings, else squared, l2, 1. The old positional form (problem, λ, …) is accepted
// for one release (normalized by `optionsOf`).
import * as v from "valibot";
import type { Data } from "../api/data.js";
import { InputError } from "../api/errors.js";
import type { Network } from "../api/network.js";
import { type Problem, type ProblemInput, parseProblem } from "../api/problem.js";
import { bool, int, json, num, optionGroup, type OptionsOf, type ResolvedOf, text } from "../api/schema.js";
import { trainOptions } from "../api/train-options.js";
import type { CoreExports } from "../core/loader.js";
import { SOLVER_DEFAULTS, type SolveProgress } from "./program.js";
import { type ConvexLoss, type ConvexRegularizer, type ProgramSettings, type ResolvedSettings, resolveSettings } from "./settings.js";

/** The convex solver's settings (defaults: program.ts's SOLVER_DEFAULTS, the one copy). */
export const solverSettings = optionGroup({
  tol: num("target relative duality gap of the convex solver", SOLVER_DEFAULTS.tol, { above: 0, below: 1, placeholder: "t" }),
  maxIterations: int("most Newton steps of the convex solver", SOLVER_DEFAULTS.maxIterations, { min: 1 }),
  directLimit: int("up to this many signed patterns are solved at once; more by pattern generation", SOLVER_DEFAULTS.directLimit, { min: 1 }),
  pruneTol: num("neurons with ‖uᵢ‖ below this fraction of the largest are dropped from an optimum's network when that does not raise L beyond tol", 1e-7, { min: 0, below: 1, placeholder: "t" }),
  maxPatterns: int("refuse to enumerate more activation patterns than this", 1e6, { min: 1 }),
});

/** The solver's settings (every field optional). */
export type SolverSettings = OptionsOf<typeof solverSettings>;

/**
 * The objective's flags: train's loss, regularizer and κ, without defaults (not given: the problem
 * file's train settings, else squared, l2, 1).
 */
export const objectiveFlags = trainOptions.pick("loss", "regularizer", "kappa").withDefaults({ loss: undefined, regularizer: undefined, kappa: undefined });

/** How --help shows the objective flags' defaults. */
export const OBJECTIVE_FLAG_DEFAULTS = { loss: "the problem's train.loss, else squared", regularizer: "the problem's train.regularizer, else l2", kappa: "the problem's train.kappa, else 1" };

/** A kind of descent witness (see DescentWitness in verdict-witness.ts). */
export type WitnessKind = "clarke" | "gradient" | "adjacent-pattern" | "growth" | "shrink" | "region-path";
/** Every kind of descent witness. */
export const WITNESS_KINDS: readonly [WitnessKind, ...WitnessKind[]] = ["clarke", "gradient", "adjacent-pattern", "growth", "shrink", "region-path"];

/** The classifier's settings. Every tolerance is relative (scale-free). */
export const verdictSettings = optionGroup({
  gapTol: num("verdict global when (L − certified lower bound on min L) ≤ gapTol·L; spurious-local-minimum needs a known network with L lower by more than gapTol·L", 1e-6, { min: 0, placeholder: "t" }),
  localTol: num("the local-minimum certificate passes when its slack δ ≤ localTol·L (default: gapTol)", undefined, { min: 0, placeholder: "t" }),
  stationarityTol: num("Clarke-stationary (a saddle rather than not-stationary when a descent step exists) when ‖least-norm subgradient‖·‖θ‖/L ≤ this", 1e-4, { min: 0, placeholder: "t" }),
  kinkTol: num("xₖ·wⱼ counts as a kink when |xₖ·wⱼ| ≤ kinkTol·‖xₖ‖·‖wⱼ‖ (more kinks: a more conservative certificate)", 1e-7, { min: 0, placeholder: "t" }),
  floor: num("neurons with ‖wⱼ‖² + aⱼ² ≤ floor·max are zero neurons (removed at the minimal width) when that changes L by at most gapTol·L", 1e-8, { min: 0, below: 1, placeholder: "t" }),
  mergeTol: num("at the minimal width, neurons of one sign whose directions differ by at most this are merged", 1e-6, { min: 0, placeholder: "t" }),
  width: text("the width of the question: own (the network's), minimal (merged into its minimal network: the research's convention), or a number (padded with zero neurons)", "own", { placeholder: "own|minimal|M" }),
  witnessTol: num("a descent witness must lower L by more than witnessTol·L (rounding is ~1e-15)", 1e-10, { min: 0, placeholder: "t" }),
  witnesses: json("the kinds of descent witness tried", v.array(v.picklist(WITNESS_KINDS, `must be any of ${WITNESS_KINDS.join(", ")}`), "must be a list of witness kinds")),
  maxAdjacent: int("most adjacent signed patterns the local certificate enumerates", 100000, { min: 1 }),
  solve: bool("solve the global program when the bounds at hand do not settle the verdict", true),
  lowerBound: num("a certified lower bound on min L, e.g. from `relu-landscape optimum` (skips the global solve)", undefined, { placeholder: "x" }),
  globalValue: num("L of a known network near the global optimum: an upper bound on min L (with lowerBound)", undefined, { placeholder: "y" }),
});

/** The width at which "local minimum?" is asked: the network's own, its minimal network's, or M neurons. */
export type VerdictWidth = "own" | "minimal" | number;

/** The classifier's settings as a caller gives them (every field optional). */
export type VerdictSettings = Omit<OptionsOf<typeof verdictSettings>, "width" | "witnesses"> & {
  /** "own" (the network's width), "minimal" (its minimal network), or a number (padded with zero neurons). @default "own" */
  width?: VerdictWidth;
  /** The kinds of descent witness tried. @default all */
  witnesses?: WitnessKind[];
};

/** The classifier's settings with defaults filled in. */
export type ResolvedVerdictSettings = Omit<ResolvedOf<typeof verdictSettings>, "width" | "localTol" | "witnesses"> & {
  width: VerdictWidth;
  localTol: number;
  witnesses: Set<WitnessKind>;
};

/** Validates the classifier's settings (errors name the field) and fills in the defaults. */
export function resolveVerdictSettings(o: Record<string, unknown>): ResolvedVerdictSettings {
  const given = Object.fromEntries(Object.keys(verdictSettings.entries).filter((k) => o[k] !== undefined).map((k) => [k, o[k]]));
  if (typeof given.width === "number") given.width = String(given.width);
  const r = verdictSettings.resolve(given);
  const w = r.width;
  if (!(w === "own" || w === "minimal" || /^\d+$/.test(w))) throw new InputError("width", `is ${JSON.stringify(o.width)}: give "own", "minimal" or a whole number of neurons`);
  return { ...r, width: w === "own" || w === "minimal" ? w : Number(w), localTol: r.localTol ?? r.gapTol, witnesses: new Set(r.witnesses ?? WITNESS_KINDS) };
}

/** The objective, as options: λ and the objective of `train`. */
export interface ObjectiveOptions {
  /** Weight decay λ > 0. @default the problem's lambda (required with Data) */
  lambda?: number;
  /** The data loss, as `train`'s. @default the problem's train.loss, else "squared" */
  loss?: ConvexLoss;
  /** The regularizer, as `train`'s. @default the problem's train.regularizer, else "l2" */
  regularizer?: ConvexRegularizer;
  /** Output scaling κ, as `train`'s. @default the problem's train.kappa, else 1 */
  kappa?: number;
}

/** What every convex function takes besides its settings. */
export interface CoreOptions {
  /** The core instance. @default the shared instance */
  core?: CoreExports;
  /** Called after every round of the solver's pattern generation (and once at the start). @default none */
  onProgress?: (p: SolveProgress) => void;
}

/**
 * A problem as the convex functions take it (as `train` does): a Problem (parseProblem), a problem
 * object { X, y, lambda?, bias?, train? }, or Data (then λ goes in options.lambda).
 */
export type ProblemArg = Data | Problem | ProblemInput;

/** The data and the resolved objective of a problem and options (options first, then the problem's). */
export function resolveProblem(input: ProblemArg, o: ObjectiveOptions = {}): { data: Data; problem?: Problem; settings: ResolvedSettings } {
  let data: Data, problem: Problem | undefined;
  if (input && typeof input === "object" && "X" in input && input.X instanceof Float64Array) data = input as Data;
  else if (input && typeof input === "object" && "data" in input) { problem = input as Problem; data = problem.data; }
  else { problem = parseProblem(input); data = problem.data; }
  const lambda = o.lambda ?? problem?.lambda;
  if (lambda === undefined) throw new InputError("lambda", "is missing: give it in the problem or as options.lambda (Data carries no λ)");
  const settings = resolveSettings({
    lambda,
    loss: o.loss ?? problem?.train.loss,
    regularizer: o.regularizer ?? problem?.train.regularizer,
    kappa: o.kappa ?? problem?.train.kappa,
  });
  return { data, problem, settings };
}

/** Whether a value is a network ({ W, a }) rather than λ or settings: tells the new calling convention from the old. */
export function isNetworkArg(x: unknown): x is Network {
  return typeof x === "object" && x !== null && "W" in x && "a" in x;
}

/**
 * The options of a call in either convention: (problem, options) or the deprecated (problem, λ,
 * options) where λ is a number, ProgramSettings or undefined (then the problem's).
 */
export function optionsOf<O extends object>(lambda: number | ProgramSettings | O | undefined, opts: O | undefined): O & ObjectiveOptions {
  if (typeof lambda === "number") return { ...(opts ?? ({} as O)), lambda };
  if (lambda === undefined || lambda === null) return { ...(opts ?? ({} as O)) };
  // settings given positionally: options given beside them win (as before), λ is the settings'
  return { ...(lambda as O), ...(opts ?? {}) } as O & ObjectiveOptions;
}
