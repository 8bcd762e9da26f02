// The convex reformulation from the API: the exact global optimum of L over all widths (the program
// over every realizable signed pattern), the best network inside the activation cone of a given
// network (the program over its own signed patterns), λ_max, and the map from a solution back to a
// network (settings.ts: neuronOf), whose loss L equals the program's value.
import { type CoreExports, getCore } from "../core/loader.js";
import type { Data } from "../api/data.js";
import { InputError } from "../api/errors.js";
import { type Network, toNetwork } from "../api/network.js";
import { evaluateNetwork } from "../api/train.js";
import { certifyDualPoint, PatternPricer, type Pricing, type SolverResult, solveProgram, solveStreamed, streamedSource, type StreamedSource, zeroValue } from "./program.js";
import { allSignedPatterns, type CompletenessCheck, networkSignedPatterns, PatternPool, type SignedPatterns, storedPatternsTooLarge } from "./signed-patterns.js";
import { checkEnumerationSize, patternCountFormula } from "../api/patterns.js";
import { samplePatterns } from "../api/pattern-samplers.js";
import { type ProgramSettings, type ResolvedSettings, neuronOf, resolveSettings, trainOptionsOf } from "./settings.js";
import type { ResolvedOf } from "../api/schema.js";
import {
  type CoreOptions, type ObjectiveOptions, type ProblemArg, type SolverSettings, isNetworkArg, optionsOf, resolveProblem, solverSettings,
} from "./options.js";
import { dualPointOf } from "./bound.js";
import { exponentOf, safeNorm } from "./scale.js";
import { basicSolution } from "./reduce.js";

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
  /**
   * The global optimum: a minimal optimal network, a basic solution of the program (src/convex/reduce.ts)
   * — its neurons' outputs on the data linearly independent (at most n neurons, parallel ones merged),
   * so none can be removed or merged at the same value. A cone's optimum (coneOptimum): one neuron per
   * signed pattern its solution uses (what polish spreads over the input's neurons).
   */
  network: Network;
  /** Neurons of `network`. */
  neurons: number;
  /**
   * The width of a minimal optimal network (a basic solution: neurons with linearly independent outputs
   * on the data, none removable at the same value); `neurons` of the global optimum.
   */
  minimalWidth: number;
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

/** The solver's settings from options (validated by the option group, errors naming the field). */
export function resolveOptions(o: OptimumOptions): ResolvedOf<typeof solverSettings> & Pick<OptimumOptions, "onProgress"> {
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
  const pricer = await allPatternsPricer(data, solverSettings.resolve({ maxPatterns: opts.maxPatterns }).maxPatterns, core);
  try {
    return pricer.price(dualPointOf(st, data.y, new Float64Array(data.n)), 0, 1).max / st.beta;
  } finally {
    pricer.dispose();
  }
}

/**
 * Why a certified global optimum is out of reach for n samples in d dimensions (the columns the
 * networks see) with at most maxPatterns cells, decided from n and d alone, or undefined when it is
 * within reach: more cells than maxPatterns (Cover's count), an enumeration beyond WASM memory, or
 * (d ≠ 3: three columns are streamed, nothing stored) stored signed patterns beyond their limit.
 * globalOptimum refuses these up front with this reason; callers that plan runs ask it first.
 */
export function globalOutOfReach(n: number, d: number, maxPatterns: number): string | undefined {
  const cover = patternCountFormula(n, d);
  if (cover > maxPatterns) {
    return `X (n=${n}, d=${d}) may have up to ${cover.toExponential(3)} activation patterns (Cover's count), more than maxPatterns = ${maxPatterns.toExponential(3)}: a certified global optimum prices every one of them, out of reach here — sampledOptimum gives the best network over sampled patterns (not certified), or raise maxPatterns`;
  }
  try {
    checkEnumerationSize(n, d, maxPatterns);
  } catch (e) {
    if (e instanceof InputError) return e.message.slice(e.field.length + 2);
    throw e;
  }
  return d === 3 ? undefined : storedPatternsTooLarge(n, d);
}

/**
 * Every realizable signed pattern of data, as the solver takes them: streamed over the arrangement's
 * cells when the sweep can run (X with three columns in general position: no pattern stored), else
 * enumerated and stored; with the completeness check either way. Refuses more than maxPatterns cells.
 */
export async function allPatterns(data: Data, maxPatterns: number, core: CoreExports): Promise<{ stream?: StreamedSource; S?: SignedPatterns; completeness: CompletenessCheck }> {
  const why = globalOutOfReach(data.n, data.d, maxPatterns);
  if (why) throw new InputError("maxPatterns", why);
  if (data.d === 3) {
    const stream = streamedSource(core, data);
    // general position with Cover's count of cells, every one visited by each pass (cell-stream.ts)
    if (stream) return { stream, completeness: { count: stream.stream.cells, formula: stream.stream.cells, check: "cover" } };
  }
  const S = await allSignedPatterns(data, maxPatterns, core);
  return { S, completeness: S.completeness };
}

/** A pricer over every realizable signed pattern (streamed or stored, see allPatterns). */
async function allPatternsPricer(data: Data, maxPatterns: number, core: CoreExports): Promise<Pricing & { dispose(): void }> {
  const all = await allPatterns(data, maxPatterns, core);
  return all.stream ?? new PatternPricer(core, data, all.S!);
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
export async function solveForNetwork(data: Data, settings: ResolvedSettings, program: SignedPatterns | StreamedSource, o: ReturnType<typeof resolveOptions>, core: CoreExports, t0: number, minimal = true): Promise<ConvexOptimum> {
  const streamed = "stream" in program;
  const sol = streamed ? solveStreamed(core, data, settings, program, o) : solveProgram(core, data, settings, program, o);
  const S = sol.patterns ?? (program as SignedPatterns);
  const count = program.count;
  const { d } = data;
  type Built = { network: Network; value: number; solution: Pick<SolverResult, "index" | "U"> };
  const rebuilt = rebuildNetwork(sol, S, d, 0, settings);
  const full: Built = { network: rebuilt, value: await networkLoss(rebuilt, data, settings), solution: sol };
  /** A smaller network of a solution, when its L is within a tenth of the tolerance of base's. */
  const smaller = async (cand: Pick<SolverResult, "index" | "U">, base: Built, cut = 0): Promise<Built | undefined> => {
    const net = rebuildNetwork(cand, S, d, cut, settings);
    if (net.a.length >= base.network.a.length) return undefined;
    const v = await networkLoss(net, data, settings);
    return v <= base.value + 0.1 * o.tol * Math.abs(base.value) ? { network: net, value: v, solution: cand } : undefined;
  };
  /** Neurons below pruneTol of the largest dropped, when that keeps the value. */
  const pruned = async (base: Built): Promise<Built> => {
    const { solution } = base;
    const top = Math.max(0, ...solution.index.map((_, c) => Math.hypot(...solution.U.subarray(c * d, (c + 1) * d))));
    return (o.pruneTol > 0 && top > 0 ? await smaller(solution, base, o.pruneTol * top) : undefined) ?? base;
  };
  // a basic solution: the same outputs with linearly independent neurons (reduce.ts)
  const basic = basicSolution(data, S, sol.index, sol.U);
  const U = new Float64Array(basic.keep.length * d);
  basic.keep.forEach((c, q) => {
    const row = sol.U.subarray(c * d, (c + 1) * d), nu = Math.hypot(...row);
    for (let j = 0; j < d; j++) U[q * d + j] = (row[j] / nu) * basic.weights[q];
  });
  const reduced = await pruned((await smaller({ index: basic.keep.map((c) => sol.index[c]), U }, full)) ?? full);
  const minimalWidth = reduced.network.a.length;
  let { network, value } = minimal ? reduced : await pruned(full);
  const lowerBound = Math.min(sol.lowerBound, value);
  const gap = value - lowerBound;
  const relativeGap = value !== 0 ? gap / Math.abs(value) : gap;
  for (const [name, v] of [["value", value], ["lower bound", lowerBound], ["gap", gap]] as const) {
    if (!Number.isFinite(v)) throw new Error(`the convex program's ${name} is ${v} on these data (n=${data.n}, d=${d}): an f64 overflow the input checks did not catch; please report it`);
  }
  const converged = relativeGap <= o.tol;
  const { beta: _b, ...plain } = settings;
  return {
    value, lowerBound, gap, relativeGap, network, neurons: network.a.length, minimalWidth, patterns: count,
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
  const all = await allPatterns(data, o.maxPatterns, core);
  try {
    return { ...(await solveForNetwork(data, settings, all.stream ?? all.S!, o, core, t0)), completeness: all.completeness };
  } finally {
    all.stream?.dispose();
  }
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
  return solveForNetwork(data, settings, networkSignedPatterns(data, net), o, core, t0, false);
}

/** Options of certifiedBound. */
export interface CertifiedBoundOptions {
  /** The signed patterns to bound over. @default every realizable signed pattern (allSignedPatterns) */
  S?: SignedPatterns;
  /** Refuse to enumerate more activation patterns than this (when S is not given). @default 1e6 */
  maxPatterns?: number;
  /** The core instance. @default the shared instance */
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
  const pricer = opts.S ? new PatternPricer(core, data, opts.S) : await allPatternsPricer(data, opts.maxPatterns ?? 1e6, core);
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

/** Options of sampledOptimum. */
export interface SampledOptimumOptions extends OptimumOptions {
  /** Activation patterns drawn, each with both signs: the patterns of w ~ N(0, I). @default 2000 */
  samples?: number;
  /** Seed of the draw. @default 1 */
  seed?: number;
}

/** The best network over sampled activation patterns: an upper bound on min L, not a certified optimum. */
export interface SampledOptimum extends ConvexOptimum {
  /** Always false: `lowerBound` bounds the program over the sampled patterns only, not min L over all networks. */
  certified: false;
  label: "not certified";
  /** Distinct non-empty signed patterns sampled (the program's variables). */
  sampled: number;
  /** Cover's count 2·Σ_{k<d} C(n−1, k): the patterns a certified optimum would price. */
  cells: number;
}

/**
 * Where every pattern cannot be priced (e.g. WDBC, d = 30: about 10⁴⁹ cells), the program over sampled
 * signed patterns (the patterns of w ~ N(0, I), both signs), solved to the tolerance: its network's L
 * is an upper bound on min L over all networks, its `lowerBound` holds over the sampled patterns only —
 * labelled "not certified". The network is the sampled program's minimal one.
 */
export async function sampledOptimum(input: ProblemArg, opts: SampledOptimumOptions = {}): Promise<SampledOptimum> {
  const t0 = now();
  const { data, settings } = resolveProblem(input, opts);
  const { samples = 2000, seed = 1, ...rest } = opts;
  if (!(Number.isInteger(samples) && samples >= 1)) throw new InputError("samples", `is ${samples}: give a whole number of patterns ≥ 1`);
  const o = resolveOptions(rest);
  const core = opts.core ?? (await getCore());
  const draw = await samplePatterns(data, samples, { sampler: "gaussian", seed, core });
  const pool = new PatternPool(data.n);
  for (let c = 0; c < draw.m; c++) {
    const bits = draw.patterns.subarray(c * data.n, (c + 1) * data.n);
    if (!bits.some((v) => v !== 0)) continue;
    pool.add(bits, 1);
    pool.add(bits, -1);
  }
  const S = pool.snapshot();
  const r = await solveForNetwork(data, settings, S, o, core, t0);
  const cells = patternCountFormula(data.n, data.d);
  return {
    ...r, certified: false, label: "not certified", sampled: S.count, cells,
    message: `not certified: the lower bound holds over the ${S.count} sampled signed patterns only (up to ${cells.toExponential(2)} cells exist)${r.message ? `; ${r.message}` : ""}`,
  };
}
