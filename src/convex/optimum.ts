// The convex reformulation from the API: the exact global optimum of L over all widths (the program
// over every realizable signed pattern), the best network inside the activation cone of a given
// network (the program over its own signed patterns), λ_max, and the map from a solution back to a
// network: neuron i gets wᵢ = uᵢ/√‖uᵢ‖, aᵢ = sᵢ√‖uᵢ‖, and its loss L equals the program's value.
import { type CoreExports, getCore } from "../core/loader.js";
import type { Data } from "../api/data.js";
import { InputError } from "../api/errors.js";
import { type Network, toNetwork } from "../api/network.js";
import { type Problem, type ProblemInput, parseProblem } from "../api/problem.js";
import { evaluateNetwork } from "../api/train.js";
import { ConvexSolver, type SolverOptions, type SolverResult, SOLVER_DEFAULTS, solveProgram } from "./program.js";
import { allSignedPatterns, networkSignedPatterns, type SignedPatterns } from "./signed-patterns.js";


/** Options of globalOptimum / coneOptimum. */
export interface OptimumOptions extends SolverOptions {
  /** Neurons with ‖uᵢ‖ below this fraction of the largest are dropped from the network when that does not raise L beyond the tolerance. @default 1e-7 */
  pruneTol?: number;
  /** Refuse to enumerate more activation patterns than this (see enumeratePatterns). @default 1e6 */
  maxPatterns?: number;
  /** The core instance. @default the shared instance */
  core?: CoreExports;
}

/** The solution of the program, as a network. */
export interface ConvexOptimum {
  /** L of `network` (computed by evaluateNetwork): an upper bound on the optimum, equal to it at convergence. */
  value: number;
  /** A certified lower bound on the optimum (the dual value of a feasible dual point). */
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
}

const now = () => (typeof performance !== "undefined" ? performance.now() : Date.now());

/** Data and λ from a Problem, a problem file's object, or Data plus λ. */
export function resolveInput(input: Data | Problem | ProblemInput, lambda?: number): { data: Data; lambda: number } {
  let data: Data, lam: number | undefined = lambda;
  if (input && typeof input === "object" && "X" in input && input.X instanceof Float64Array) data = input as Data;
  else if (input && typeof input === "object" && "data" in input) { data = (input as Problem).data; lam ??= (input as Problem).lambda; }
  else { const p = parseProblem(input); data = p.data; lam ??= p.lambda; }
  if (lam === undefined || !Number.isFinite(lam) || !(lam > 0)) {
    throw new InputError("lambda", `is ${lam}: the convex program needs a weight decay λ > 0`);
  }
  return { data, lambda: lam };
}

function resolveOptions(o: OptimumOptions): Required<Omit<OptimumOptions, "core">> {
  const r = { ...SOLVER_DEFAULTS, pruneTol: 1e-7, maxPatterns: 1e6, ...o };
  if (!(r.tol > 0 && r.tol < 1)) throw new InputError("tol", `is ${r.tol}: give a relative gap in (0, 1), e.g. 1e-9`);
  if (!(Number.isInteger(r.maxIterations) && r.maxIterations >= 1)) throw new InputError("maxIterations", `is ${r.maxIterations}: give a positive integer`);
  if (!(r.pruneTol >= 0 && r.pruneTol < 1)) throw new InputError("pruneTol", `is ${r.pruneTol}: give a number in [0, 1)`);
  delete (r as OptimumOptions).core;
  return r;
}

/** λ_max: for λ ≥ λ_max the zero network is the global optimum. λ_max = max over signed patterns of σ((2/n)y)/2. */
export async function lambdaMax(data: Data, opts: { maxPatterns?: number; core?: CoreExports } = {}): Promise<number> {
  const core = opts.core ?? (await getCore());
  const S = await allSignedPatterns(data, opts.maxPatterns ?? 1e6, core);
  const solver = new ConvexSolver(core, data, 1, S);
  try {
    return solver.price(data.y.map((v) => (2 / data.n) * v), 0).max / 2;
  } finally {
    solver.dispose();
  }
}

/** The network of a solution: one neuron per pattern with ‖uᵢ‖ > cut, wᵢ = uᵢ/√‖uᵢ‖, aᵢ = sᵢ√‖uᵢ‖. */
export function rebuildNetwork(sol: Pick<SolverResult, "index" | "U">, S: SignedPatterns, d: number, cut = 0): Network {
  const W: number[][] = [];
  const a: number[] = [];
  sol.index.forEach((i, c) => {
    const u = sol.U.subarray(c * d, (c + 1) * d);
    const norm = Math.hypot(...u);
    if (!(norm > cut)) return;
    const s = Math.sqrt(norm);
    W.push(Array.from(u, (v) => v / s));
    a.push(S.signs[i] * s);
  });
  return { W, a };
}

/** L of a network (evaluateNetwork; the empty network's L is (1/n)‖y‖²). */
export async function networkLoss(net: Network, data: Data, lambda: number): Promise<number> {
  if (net.a.length === 0) return data.y.reduce((s, v) => s + v * v, 0) / data.n;
  return (await evaluateNetwork(net, data, lambda)).loss;
}

/** Solves the program over S and returns the solution as a network, with its certificate. */
export async function solveForNetwork(data: Data, lambda: number, S: SignedPatterns, o: Required<Omit<OptimumOptions, "core">>, core: CoreExports, t0: number): Promise<ConvexOptimum> {
  const sol = solveProgram(core, data, lambda, S, o);
  const { d } = data;
  const norms = sol.index.map((_, c) => Math.hypot(...sol.U.subarray(c * d, (c + 1) * d)));
  const top = Math.max(0, ...norms);
  let network = rebuildNetwork(sol, S, d, 0);
  let value = await networkLoss(network, data, lambda);
  if (o.pruneTol > 0 && top > 0) {
    const pruned = rebuildNetwork(sol, S, d, o.pruneTol * top);
    const v = await networkLoss(pruned, data, lambda);
    if (v <= value + 0.1 * o.tol * Math.abs(value)) { network = pruned; value = v; }
  }
  const lowerBound = Math.min(sol.lowerBound, value);
  const gap = value - lowerBound;
  const relativeGap = value !== 0 ? gap / Math.abs(value) : gap;
  const converged = relativeGap <= o.tol;
  return {
    value, lowerBound, gap, relativeGap, network, neurons: network.a.length, patterns: S.count,
    seconds: (now() - t0) / 1000, iterations: sol.iterations, converged,
    message: converged ? undefined : sol.message ?? `stopped at relative gap ${relativeGap.toExponential(2)} > ${o.tol}`,
    dual: Array.from(sol.r),
  };
}

/**
 * The global minimum of L = (1/n)‖f(X) − y‖² + λ(‖W‖² + ‖a‖²) over networks of every width: the
 * convex program over every realizable signed activation pattern, solved to a certified gap.
 */
export async function globalOptimum(input: Data | Problem | ProblemInput, lambda?: number, opts: OptimumOptions = {}): Promise<ConvexOptimum> {
  const t0 = now();
  const { data, lambda: lam } = resolveInput(input, lambda);
  const o = resolveOptions(opts);
  const core = opts.core ?? (await getCore());
  const S = await allSignedPatterns(data, o.maxPatterns, core);
  return solveForNetwork(data, lam, S, o, core, t0);
}

/**
 * The best network inside the activation cone of `network`: the program over the signed patterns
 * (sign(aⱼ), 1[Xwⱼ > 0]) of its neurons (neurons with aⱼ = 0 or an empty pattern contribute none).
 * The cone holds a global minimum exactly when this value equals the global optimum.
 */
export async function coneOptimum(input: Data | Problem | ProblemInput, lambda: number | undefined, network: Network, opts: OptimumOptions = {}): Promise<ConvexOptimum> {
  const t0 = now();
  const { data, lambda: lam } = resolveInput(input, lambda);
  const o = resolveOptions(opts);
  const core = opts.core ?? (await getCore());
  const net = toNetwork(network, data.d);
  return solveForNetwork(data, lam, networkSignedPatterns(data, net), o, core, t0);
}
