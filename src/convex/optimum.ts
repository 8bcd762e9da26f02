// The convex reformulation from the API: the exact global optimum of L over all widths (the program
// over every realizable signed pattern), the best network inside the activation cone of a given
// network (the program over its own signed patterns), λ_max, and the map from a solution back to a
// network (settings.ts: neuronOf), whose loss L equals the program's value.
import { type CoreExports, getCore } from "../core/loader.js";
import type { Data } from "../api/data.js";
import { InputError } from "../api/errors.js";
import { type Network, toNetwork } from "../api/network.js";
import type { Problem, ProblemInput } from "../api/problem.js";
import { evaluateNetwork } from "../api/train.js";
import { certifyDualPoint, PatternPricer, type SolverResult, solveProgram, zeroValue } from "./program.js";
import { allSignedPatterns, type CompletenessCheck, networkSignedPatterns, type SignedPatterns } from "./signed-patterns.js";
import { type ProgramSettings, type ResolvedSettings, neuronOf, resolveSettings, trainOptionsOf } from "./settings.js";
import type { ResolvedOf } from "../api/schema.js";
import {
  type CoreOptions, type ObjectiveOptions, type ProblemArg, type SolverSettings, isNetworkArg, optionsOf, resolveProblem, solverSettings,
} from "./options.js";
import { dualPointOf } from "./bound.js";
import { exponentOf, safeNorm } from "./scale.js";

/**
 * Options of globalOptimum / coneOptimum: the solver's settings (options.ts: solverSettings), the
 * objective (λ overrides the problem's; loss, regularizer and κ default to the problem's train
 * settings) and the core.
 */
export interface OptimumOptions extends SolverSettings, ObjectiveOptions, CoreOptions {}
/** The solution of the program, as a network. */
export interface ConvexOptimum {
  /** L of `network` (computed by evaluateNetwork): an upper bound on the optimum, equal to it at convergence. */
  value: number;
  /** A certified lower bound on the optimum (the dual value of a dual point verified feasible on the data as given). */
  lowerBound: number;
  /** value − lowerBound. */
  gap: number;
  /** gap / |value|. */
  relativeGap: number;
  /** The minimal network (one neuron per pattern the solution uses). */
  network: Network;
  /** Neurons of `network`. */
  neurons: number;
  /** Signed patterns in the program (2 × the non-empty realizable patterns for the global optimum). */
  patterns: number;
  /** Wall-clock seconds. */
  seconds: number;
  /** Newton steps of the barrier method. */
  iterations: number;
  /** Whether relativeGap ≤ tol. */
  converged: boolean;
  /** Why it stopped short, when it did. */
  message?: string;
  /** The dual point r ∈ Rⁿ that certifies lowerBound. */
  dual: number[];
  /** The objective solved (defaults filled in). */
  settings: Required<ProgramSettings>;
  /** The global optimum's run-time check that no pattern is missing (absent for a cone). */
  completeness?: CompletenessCheck;
}

const now = () => (typeof performance !== "undefined" ? performance.now() : Date.now());

/**
 * Data and settings of a problem and options (options.ts: resolveProblem).
 * @deprecated The positional λ (a number or ProgramSettings as the second argument) goes in the
 * options (`resolveProblem(problem, { lambda })`); accepted until the next release.
 */
export function resolveInput(
  input: Data | Problem | ProblemInput, lambda?: number | ProgramSettings,
  opts: Partial<Pick<OptimumOptions, "loss" | "regularizer" | "kappa">> = {},
): { data: Data; lambda: number; settings: ResolvedSettings } {
  const { data, settings } = resolveProblem(input, optionsOf(lambda, opts));
  return { data, lambda: settings.lambda, settings };
}

/** The solver's settings from options (validated by the option group, errors naming the field). */
function resolveOptions(o: OptimumOptions): ResolvedOf<typeof solverSettings> & Pick<OptimumOptions, "onProgress"> {
  const given = Object.fromEntries(Object.keys(solverSettings.entries).map((k) => [k, (o as Record<string, unknown>)[k]]));
  return { ...solverSettings.resolve(given), onProgress: o.onProgress };
}

/**
 * λ_max: for λ ≥ λ_max the zero network is the global optimum. The zero network's dual point is
 * r₀ = −φ'(0)/n ((2/n)y squared, y/(2n) logistic) and it is optimal iff max σᵢ(r₀) ≤ β = cλκ
 * (c = 2 for l2, 1 for l1-unit), so λ_max = max σᵢ(r₀)/(cκ) (σ̄ verified, so this is never below it).
 * λ plays no part: the problem's (or options') loss, regularizer and κ do.
 */
export async function lambdaMax(problem: ProblemArg, opts: Pick<OptimumOptions, "maxPatterns" | "core" | "loss" | "regularizer" | "kappa"> = {}): Promise<number> {
  const core = opts.core ?? (await getCore());
  const { data, settings } = resolveProblem(problem, { ...opts, lambda: 1 });
  const st = resolveSettings({ ...settings, lambda: 1 });
  const S = await allSignedPatterns(data, solverSettings.resolve({ maxPatterns: opts.maxPatterns }).maxPatterns, core);
  const pricer = new PatternPricer(core, data, S);
  try {
    return pricer.price(dualPointOf(st, data.y, new Float64Array(data.n)), 0, 1).max / st.beta;
  } finally {
    pricer.dispose();
  }
}

/** The network of a solution: one neuron per pattern with ‖uᵢ‖ > cut (settings.ts: neuronOf; the default is l2 with κ = 1). */
export function rebuildNetwork(sol: Pick<SolverResult, "index" | "U">, S: SignedPatterns, d: number, cut = 0, settings: ProgramSettings | number = 1): Network {
  const st = resolveSettings(settings);
  const W: number[][] = [];
  const a: number[] = [];
  sol.index.forEach((i, c) => {
    const u = sol.U.subarray(c * d, (c + 1) * d);
    const norm = Math.hypot(...u);
    if (!(norm > cut)) return;
    const nr = neuronOf(u, S.signs[i], norm, st);
    W.push(nr.w);
    a.push(nr.a);
  });
  return { W, a };
}

/**
 * Refuses a network whose outputs or norm would overflow f64 on these data (naming the neuron): each
 * |aⱼ|·‖wⱼ‖·max‖xₖ‖/κ and aⱼ², ‖wⱼ‖² must stay well inside f64's range.
 */
export function checkNetworkScale(net: Network, data: Data, kappa = 1, field = "network"): void {
  let xmax = 0;
  for (let k = 0; k < data.n; k++) xmax = Math.max(xmax, safeNorm(data.X, k * data.d, (k + 1) * data.d));
  const lx = xmax > 0 ? exponentOf(xmax) : -Infinity;
  net.a.forEach((a, j) => {
    const nw = safeNorm(net.W[j]);
    if (a === 0 || nw === 0) return;
    const la = exponentOf(a), lw = exponentOf(nw);
    if (2 * la > 1000 || 2 * lw > 1000) throw new InputError(`${field}.W[${j}]`, `has |aⱼ| = ${Math.abs(a)}, ‖wⱼ‖ = ${nw}: its ‖θ‖² overflows f64; rescale the network`);
    if (la + lw + lx - Math.log2(kappa) > 1000) throw new InputError(`${field}.W[${j}]`, `gives outputs up to |aⱼ|·‖wⱼ‖·‖x‖ ≈ 2^${Math.round(la + lw + lx)} on these data, beyond f64's range; rescale the network or the data`);
  });
}

/** L of a network (evaluateNetwork; the empty network's L is the zero network's). Refuses overflowing networks. */
export async function networkLoss(net: Network, data: Data, settings: ProgramSettings | number): Promise<number> {
  const st = resolveSettings(settings);
  if (net.a.length === 0) return zeroValue(st, data.y);
  checkNetworkScale(net, data, st.kappa);
  const L = (await evaluateNetwork(net, data, st.lambda, trainOptionsOf(st))).loss;
  if (!Number.isFinite(L)) throw new InputError("network", `has L = ${L} on these data (outputs or norms beyond f64's range): rescale the network or the data`);
  return L;
}

/** Solves the program over S and returns the solution as a network, with its certificate. */
export async function solveForNetwork(data: Data, settings: ResolvedSettings, S: SignedPatterns, o: ReturnType<typeof resolveOptions>, core: CoreExports, t0: number): Promise<ConvexOptimum> {
  const sol = solveProgram(core, data, settings, S, o);
  const { d } = data;
  const norms = sol.index.map((_, c) => Math.hypot(...sol.U.subarray(c * d, (c + 1) * d)));
  const top = Math.max(0, ...norms);
  let network = rebuildNetwork(sol, S, d, 0, settings);
  let value = await networkLoss(network, data, settings);
  if (o.pruneTol > 0 && top > 0) {
    const pruned = rebuildNetwork(sol, S, d, o.pruneTol * top, settings);
    const v = await networkLoss(pruned, data, settings);
    if (v <= value + 0.1 * o.tol * Math.abs(value)) { network = pruned; value = v; }
  }
  const lowerBound = Math.min(sol.lowerBound, value);
  const gap = value - lowerBound;
  const relativeGap = value !== 0 ? gap / Math.abs(value) : gap;
  for (const [name, v] of [["value", value], ["lower bound", lowerBound], ["gap", gap]] as const) {
    if (!Number.isFinite(v)) throw new Error(`the convex program's ${name} is ${v} on these data (n=${data.n}, d=${d}): an f64 overflow the input checks did not catch; please report it`);
  }
  const converged = relativeGap <= o.tol;
  const { beta: _b, ...plain } = settings;
  return {
    value, lowerBound, gap, relativeGap, network, neurons: network.a.length, patterns: S.count,
    seconds: (now() - t0) / 1000, iterations: sol.iterations, converged,
    message: converged ? undefined : sol.message ?? `stopped at relative gap ${relativeGap.toExponential(2)} > ${o.tol}`,
    dual: Array.from(sol.r), settings: plain,
  };
}

/**
 * The global minimum of L = (1/n)Σ ℓ(f(xₖ), yₖ) + R(W, a) over networks of every width (the squared
 * or logistic loss, weight decay or ℓ1-unit, κ: settings.ts): the convex program over every
 * realizable signed activation pattern, solved to a certified gap. The problem carries λ and the
 * data (or Data with options.lambda); the objective comes from the options, else the problem's train
 * settings: `globalOptimum({ X, y, lambda: 0.01 })`, `globalOptimum(data, { lambda: 0.01, loss: "logistic" })`.
 */
export async function globalOptimum(problem: ProblemArg, opts?: OptimumOptions): Promise<ConvexOptimum>;
/** @deprecated Give λ in the problem or in the options: `globalOptimum(problem, { lambda, ...options })`. The positional λ is accepted until the next release. */
export async function globalOptimum(problem: ProblemArg, lambda: number | ProgramSettings | undefined, opts?: OptimumOptions): Promise<ConvexOptimum>;
export async function globalOptimum(input: ProblemArg, a?: number | ProgramSettings | OptimumOptions, b?: OptimumOptions): Promise<ConvexOptimum> {
  const t0 = now();
  const opts = optionsOf<OptimumOptions>(a, b);
  const { data, settings } = resolveProblem(input, opts);
  const o = resolveOptions(opts);
  const core = opts.core ?? (await getCore());
  const S = await allSignedPatterns(data, o.maxPatterns, core);
  return { ...(await solveForNetwork(data, settings, S, o, core, t0)), completeness: S.completeness };
}

/**
 * The best network inside the activation cone of `network`: the program over the signed patterns
 * (sign(aⱼ), 1[Xwⱼ > 0]) of its neurons (neurons with aⱼ = 0 or an empty pattern contribute none).
 * The cone holds a global minimum exactly when this value equals the global optimum.
 */
export async function coneOptimum(problem: ProblemArg, network: Network, opts?: OptimumOptions): Promise<ConvexOptimum>;
/** @deprecated Give λ in the problem or in the options: `coneOptimum(problem, network, { lambda, ...options })`. The positional λ is accepted until the next release. */
export async function coneOptimum(problem: ProblemArg, lambda: number | ProgramSettings | undefined, network: Network, opts?: OptimumOptions): Promise<ConvexOptimum>;
export async function coneOptimum(input: ProblemArg, a: Network | number | ProgramSettings | undefined, b?: Network | OptimumOptions, c?: OptimumOptions): Promise<ConvexOptimum> {
  const t0 = now();
  const [network, opts] = isNetworkArg(a) ? [a, (b ?? {}) as OptimumOptions] : [b as Network, optionsOf<OptimumOptions>(a, c)];
  const { data, settings } = resolveProblem(input, opts);
  const o = resolveOptions(opts);
  const core = opts.core ?? (await getCore());
  const net = toNetwork(network, data.d);
  checkNetworkScale(net, data, settings.kappa);
  return solveForNetwork(data, settings, networkSignedPatterns(data, net), o, core, t0);
}

/** Options of certifiedBound. */
export interface CertifiedBoundOptions {
  /** The signed patterns to bound over. @default every realizable signed pattern (allSignedPatterns) */
  S?: SignedPatterns;
  /** @default 1e6 */
  maxPatterns?: number;
  core?: CoreExports;
}

/**
 * A certified lower bound on the program from any dual point r ∈ Rⁿ (on the data as given): r moved
 * into the conjugate's domain, σᵢ(r) priced with rounding bounds over every pattern of S, r scaled
 * into the feasible set (bound.ts). Valid at any data scale; `dual` is the scaled point.
 */
export async function certifiedBound(data: Data, settings: ProgramSettings | number, r: ArrayLike<number>, opts: CertifiedBoundOptions = {}): Promise<{ bound: number; dual: Float64Array; scale: number; sigmaMax: number }> {
  const st = resolveSettings(settings);
  const core = opts.core ?? (await getCore());
  const S = opts.S ?? (await allSignedPatterns(data, opts.maxPatterns ?? 1e6, core));
  const pricer = new PatternPricer(core, data, S);
  try {
    return certifyDualPoint(pricer, st, r);
  } finally {
    pricer.dispose();
  }
}

/** The dual point of a network's outputs f (r = −φ'(f)/n; f = (1/κ)Σ aⱼ relu(wⱼ·x)). */
export function networkDualPoint(data: Data, settings: ProgramSettings | number, f: ArrayLike<number>): Float64Array {
  const st = resolveSettings(settings);
  return dualPointOf(st, data.y, Float64Array.from(f, (v) => v / st.kappa));
}
