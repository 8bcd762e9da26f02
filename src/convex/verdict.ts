// The one classifier of networks: every verdict the package gives (certify, polish, train --certify,
// the experiments) comes from `classifyNetwork`, and each carries what backs it.
//
//   global                  L(θ) − (certified lower bound on min L) ≤ gapTol·L.
//   spurious-local-minimum  a local-minimum certificate (below) with slack δ ≤ localTol·L, and L(θ)
//                           above the global optimum by more than gapTol·L (a network with lower L
//                           is known).
//   saddle                  first-order stationary — a certified local minimum with its zero neurons
//                           held at zero (`restricted`), or Clarke-stationary (relative least-norm
//                           subgradient ≤ stationarityTol) — and an evaluated point θ + t·v with
//                           L < L(θ): a concave kink, a neuron grown in a cell where the network's own
//                           dual point is infeasible, or a path to the optimum of an adjacent region.
//   not-stationary          neither; an evaluated descent step (first-order: −(least-norm subgradient),
//                           −∇L, a move into an adjacent cell).
//   undetermined            none of these could be established; `reason` and `tried` say what was tried.
//
// THE LOCAL-MINIMUM CERTIFICATE (squared loss, ℓ2 decay). θ = (wⱼ, aⱼ)ⱼ₌₁..ₘ, L(θ) = (1/n)‖f − y‖² +
// λΣⱼ(‖wⱼ‖² + aⱼ²). For a set S of signed patterns (s, D) let P(S) = min over uᵢ ∈ K_D = {u : (2D − I)Xu ≥ 0}
// of F(u) = (1/n)‖Σᵢ sᵢDᵢXuᵢ − y‖² + 2λΣᵢ‖uᵢ‖ (P(∅) = ‖y‖²/n).
//
// Adjacent patterns. For neuron j let Kⱼ = the rows on its hyperplane (xₖ ≠ 0, |xₖ·wⱼ| ≤ kinkTol·‖xₖ‖‖wⱼ‖),
// and Aⱼ = the signed patterns (s, D) with D equal to 1[Xwⱼ > 0] off Kⱼ and on Kⱼ any cell of the
// sub-arrangement {xₖ : k ∈ Kⱼ} (enumerated exactly), with s = sign aⱼ (both signs when aⱼ = 0); when
// wⱼ = 0, every realizable pattern. S_adj = ∪ⱼ Aⱼ (empty patterns left out). The radius
// ρ = min over neurons of |aⱼ| (when aⱼ ≠ 0) and of |xₖ·wⱼ|/‖xₖ‖ over nonzero rows off Kⱼ (when wⱼ ≠ 0).
//
// Claim: for every θ′ with ‖θ′ − θ‖ < ρ, L(θ′) ≥ P(S_adj). Proof: ‖w′ⱼ − wⱼ‖ < ρ keeps the sign of
// xₖ·wⱼ for every nonzero row off Kⱼ (|xₖ·(w′ⱼ − wⱼ)| < ‖xₖ‖ρ ≤ |xₖ·wⱼ|), and |a′ⱼ − aⱼ| < ρ keeps the sign
// of aⱼ ≠ 0. Every point lies in the closure of an open cell of the arrangement; let C be one whose
// closure holds w′ⱼ, D its pattern. Off Kⱼ, D agrees with the strict signs of w′ⱼ, i.e. with 1[Xwⱼ > 0];
// on Kⱼ, D is the sign vector of any point of C on those rows, i.e. a cell of the sub-arrangement. So
// (sign a′ⱼ, D) ∈ Aⱼ when a′ⱼ ≠ 0 (exact zeros on Kⱼ are not needed: rows declared kinks by the
// tolerance only enlarge Aⱼ, which only lowers P(S_adj)). Map neuron j to u′ⱼ = |a′ⱼ|w′ⱼ ∈ K_D (the closed
// cone, the closure of C); its output a′ⱼ·relu(Xw′ⱼ) = sign(a′ⱼ)·D·X·u′ⱼ (rows where xₖ·w′ⱼ = 0 contribute 0
// either way). Neurons with a′ⱼ = 0 or an empty pattern add nothing to f and λ(…) ≥ 0 to L: drop them.
// Sum the u′ⱼ of neurons sharing a signed pattern (K_D is a convex cone; ‖Σu‖ ≤ Σ‖u‖). With
// λ(‖w‖² + a²) ≥ 2λ|a|‖w‖ = 2λ‖u‖ this is a feasible point of P(S_adj) with F ≤ L(θ′). (Many θ′ map to
// one u, and θ′ need not be balanced: only the inequality is used.)
//
// So if B is a certified lower bound on P(S_adj) (the dual value of a feasible dual point), then
// L(θ′) ≥ L(θ) − δ for every ‖θ′ − θ‖ < ρ, with δ = L(θ) − B: θ is a local minimum up to δ, stated
// exactly. B comes from the network's own residual r = (2/n)(y − f), priced on S_adj and scaled into
// the dual feasible set (no solve), or from the solver's certified bound on P(S_adj) (one convex solve).
//
// The test is exact (with Kⱼ the rows exactly on the hyperplane): θ is a local minimum of L at width m
// iff P(S_adj) ≥ L(θ). (⇐ above.) ⇒: a local
// minimum is balanced (the rescaling (eᵗwⱼ, e⁻ᵗaⱼ) changes L at rate 2λ(‖wⱼ‖² − aⱼ²)), has no neuron
// with exactly one of wⱼ, aⱼ zero (shrinking the other lowers L at first order), and every one-sided
// directional derivative is ≥ 0. For a neuron with wⱼ, aⱼ ≠ 0 and an adjacent cell D, moving uⱼ toward
// any v ∈ K_D (wⱼ + t(v − uⱼ)/|aⱼ| stays in the closed cone K_D) changes L at the rate of
// φ(u) = −sⱼ·rᵀDXu + 2λ‖u‖ at uⱼ (L = F + λΣ(‖wⱼ‖ − |aⱼ|)², whose second term is second order at a
// balanced θ); φ is convex, so uⱼ minimizes it on K_D:
// σ_D(r) = max_{v∈K_D,‖v‖≤1} sⱼ·rᵀDXv ≤ 2λ and φ(uⱼ) = 0. A zero neuron grown as (εv, sε) in cell D
// changes L by ε²(2λ − σ_D(r)) + ε⁴‖DXv‖²/n, so with a zero neuron σ_D(r) ≤ 2λ on every pattern. Then r
// is feasible for the dual of P(S_adj), and its dual value rᵀy − (n/4)‖r‖² is L(θ) − Σⱼ φ(uⱼ) = L(θ):
// P(S_adj) ≥ L(θ). Consequences: with a zero neuron (S_adj = every pattern) θ is a local minimum iff
// it is global — otherwise the growth above is a descent path (the `growth` witness); without one, θ
// is a local minimum iff it is first-order stationary in every direction, and the own-residual
// certificate decides it (δ = 0 exactly there). A concave kink (aⱼ·eₖ < 0 for a point on neuron j's
// hyperplane) is a first-order descent direction that Clarke's test (some relu′(0) ∈ [0, 1] makes
// ∇L = 0) does not see: the `adjacent-pattern` witness.
//
// WHICH WIDTH. The question "is θ a local minimum of L" depends on the width m of the parameter space.
// `width: "own"` asks it at the network's own width (neurons below the floor count as zero neurons);
// a number pads with zero neurons to that width (a cone's optimum rebuilt at the cone's width m: one
// neuron per drawn pattern, unused ones at zero); "minimal" asks it for the minimal network of the same
// function (the research's convention): neurons below the floor or contributing nothing removed,
// parallel neurons of one sign merged (balanced). Tolerances are relative (invariant under
// (θ, y, λ) → (√c·θ, c·y, c·λ), which maps L to c²·L).
import { type CoreExports, getCore } from "../core/loader.js";
import type { Data } from "../api/data.js";
import { InputError } from "../api/errors.js";
import { type Network, signedPatternKey, toNetwork } from "../api/network.js";
import type { Problem, ProblemInput } from "../api/problem.js";
import { evaluateNetwork } from "../api/train.js";
import { PathEvaluator, flatten, unflatten } from "../api/path-eval.js";
import { enumeratePatterns } from "../api/patterns.js";
import { ConvexSolver, solveProgram, type SolverOptions, type SolverResult } from "./program.js";
import { certifiedBound, checkNetworkScale, networkDualPoint, networkLoss, type OptimumOptions, rebuildNetwork, resolveInput } from "./optimum.js";
import type { ProgramSettings, ResolvedSettings } from "./settings.js";
import { allSignedPatterns, type SignedPatterns, subset } from "./signed-patterns.js";
import {
  type VerdictLoss, type VerdictRegularizer, clarke, coneMaximizer, kinkRows,
  networkNorm, objective, predict, preActivations, rowNorms,
} from "./verdict-objective.js";

export type Verdict = "global" | "spurious-local-minimum" | "saddle" | "not-stationary" | "undetermined";

/** The width at which the question "local minimum?" is asked (see the file's comment). */
export type VerdictWidth = "own" | "minimal" | number;

/** Settings of the classifier. Every tolerance is relative (scale-free). */
export interface VerdictOptions extends OptimumOptions {
  /** `global` when (L − lower bound)/|L| ≤ gapTol; `spurious-local-minimum` needs L − (a known network's L) > gapTol·|L|. @default 1e-6 */
  gapTol?: number;
  /** The local-minimum certificate passes when its slack δ ≤ localTol·|L|. @default gapTol */
  localTol?: number;
  /**
   * Clarke-stationary (a `saddle` rather than `not-stationary` when a descent step exists) when the
   * least-norm subgradient g (relu′(0) ∈ [0, 1] at kinks) has ‖g‖·‖θ‖/L ≤ stationarityTol: the relative
   * decrease per relative step. Networks rebuilt from convex solutions (relative gap 1e-9) measure
   * ≤ 1e-5 (see README). @default 1e-4
   */
  stationarityTol?: number;
  /** xₖ·wⱼ counts as a kink when |xₖ·wⱼ| ≤ kinkTol·‖xₖ‖·‖wⱼ‖ (more kinks: a more conservative certificate). @default 1e-7 */
  kinkTol?: number;
  /** Neurons with ‖wⱼ‖² + aⱼ² ≤ floor·maxᵢ(‖wᵢ‖² + aᵢ²) are zero neurons (removed at the minimal width). @default 1e-8 */
  floor?: number;
  /** At the minimal width, neurons of one sign with ‖wᵢ/‖wᵢ‖ − wⱼ/‖wⱼ‖‖ ≤ mergeTol are merged. @default 1e-6 */
  mergeTol?: number;
  /** The width of the question: "own" (the network's), a number (padded with zero neurons), "minimal". @default "own" */
  width?: VerdictWidth;
  /** A descent witness must lower L by more than witnessTol·|L| (rounding is ~1e-15). @default 1e-10 */
  witnessTol?: number;
  /** The kinds of descent witness tried (see DescentWitness.kind). @default all */
  witnesses?: DescentWitness["kind"][];
  /** Most adjacent signed patterns the local certificate enumerates. @default 100000 */
  maxAdjacent?: number;
  /** Solve the global program when the bounds at hand do not settle the verdict. @default true */
  solve?: boolean;
  /** A certified lower bound on the global optimum (e.g. globalOptimum(...).lowerBound). @default none */
  lowerBound?: number;
  /** L of a known network near the global optimum (an upper bound on it, e.g. globalOptimum(...).value). @default none */
  globalValue?: number;
  /** Every realizable signed pattern of the data (signedPatternsOf(enumeratePatterns(data))), to skip the enumeration. @default enumerated */
  allPatterns?: SignedPatterns;
  /** The loss being certified. @default "squared" */
  loss?: VerdictLoss;
  /** The regularizer being certified. @default "l2" */
  regularizer?: VerdictRegularizer;
}

export const VERDICT_DEFAULTS = {
  gapTol: 1e-6, stationarityTol: 1e-4, kinkTol: 1e-7, floor: 1e-8, mergeTol: 1e-6, witnessTol: 1e-10, maxAdjacent: 100000,
} as const;

/** The local-minimum certificate: L(θ′) ≥ L(θ) − slack for every ‖θ′ − θ‖ < radius. */
export interface LocalCertificate {
  /** δ = L(θ) − bound (may be slightly negative from rounding). */
  slack: number;
  /** δ / |L|. */
  relativeSlack: number;
  /** ρ: the certificate holds on the open ball of this radius around `network` (Infinity: everywhere). */
  radius: number;
  /** The certified lower bound B on P(S_adj). */
  bound: number;
  /** |S_adj|: signed patterns adjacent to the network's neurons. */
  patterns: number;
  /**
   * "residual": the network's own dual point; "solve": the solver's bound on P(S_adj); "global": the
   * global lower bound (a zero neuron makes S_adj every pattern).
   */
  method: "residual" | "solve" | "global";
  /** Whether δ ≤ localTol·|L|. */
  passed: boolean;
}

/** A descent witness: L(θ + step·(W, a)) = loss < L(θ), θ the classified `network`. */
export interface DescentWitness {
  /** Direction, the network's shapes. */
  W: number[][];
  a: number[];
  step: number;
  /** L(θ + step·direction), evaluated by the core. */
  loss: number;
  /**
   * "clarke": minus the least-norm subgradient (a first-order descent direction); "gradient": −∇L
   * (relu′(0) = 0); "adjacent-pattern": neuron `neuron` moved into an adjacent cell where the dual
   * point is infeasible (a concave kink when the network is Clarke-stationary); "growth": zero neuron
   * `neuron` grown in a violated cell; "region-path": a point on the segment (in u-space) to the
   * optimum of an adjacent activation region.
   */
  kind: "clarke" | "gradient" | "adjacent-pattern" | "growth" | "region-path";
  neuron?: number;
}

/** What the classifier established. */
export interface VerdictResult {
  verdict: Verdict;
  /** One line: what backs the verdict. */
  reason: string;
  /** The width m of the question. */
  width: number;
  /** The network classified (after pruning, padding or merging; the witness and certificate refer to it). */
  network: Network;
  /** L of `network`. */
  loss: number;
  /** L of the network as given. */
  inputLoss: number;
  /** Neurons set to zero (own / padded width) or removed (minimal) for being below the floor. */
  pruned: number;
  /** Neurons removed by merging parallel neurons (minimal width). */
  merged: number;
  /** Zero neurons added (numeric width). */
  padded: number;
  /** The best certified lower bound on the global optimum. */
  lowerBound: number;
  /** L of a known network near the global optimum (an upper bound on it), when known. */
  upperBound?: number;
  /** loss − lowerBound, and relative to |loss|. */
  gap: number;
  relativeGap: number;
  /** The lower bound from the network's own residual, scaled into the dual feasible set. */
  residualBound: number;
  /** The global optimum's value, when solved here. */
  optimum?: number;
  /** The local-minimum certificate, when computed. */
  local?: LocalCertificate;
  /**
   * With zero neurons: the certificate with them held at zero (over the other neurons' adjacent
   * patterns). Passed means θ is first-order stationary — a local minimum of the nonzero neurons — and
   * only growing a zero neuron (a second-order move) can lower L.
   */
  restricted?: LocalCertificate;
  /** A descent witness (for `saddle` and `not-stationary`). */
  descent?: DescentWitness;
  /**
   * The Clarke analysis: the least-norm subgradient's norm ‖g‖ (relu′(0) ∈ [0, 1] at the kinks), its
   * relative value ‖g‖·‖θ‖/L (scale-free), and the kinks counted.
   */
  stationarity: { norm: number; relative: number; kinks: number };
  /** What was tried, in order. */
  tried: string[];
}

type Resolved = Required<Omit<VerdictOptions, "core" | "lowerBound" | "globalValue" | "allPatterns" | "width" | "localTol" | "loss" | "regularizer" | "witnesses">> & {
  witnesses: Set<DescentWitness["kind"]>;
  localTol: number; width: VerdictWidth; lowerBound?: number; globalValue?: number;
};

function resolveVerdictOptions(o: VerdictOptions): Resolved {
  const r = {
    ...VERDICT_DEFAULTS, solve: true, tol: 1e-9, maxIterations: 2000, directLimit: 64, pruneTol: 1e-7, maxPatterns: 1e6,
    ...Object.fromEntries(Object.entries(o).filter(([k, v]) => v !== undefined && k !== "witnesses")),
  } as unknown as Resolved;
  r.localTol = o.localTol ?? r.gapTol;
  const kinds = ["clarke", "gradient", "adjacent-pattern", "growth", "region-path"] as const;
  for (const k of o.witnesses ?? []) if (!(kinds as readonly string[]).includes(k)) throw new InputError("witnesses", `has ${String(k)}: give any of ${kinds.join(", ")}`);
  r.witnesses = new Set(o.witnesses ?? kinds);
  r.width = o.width ?? "own";
  for (const k of ["gapTol", "localTol", "stationarityTol", "kinkTol", "floor", "mergeTol", "witnessTol"] as const) {
    if (!(r[k] >= 0 && Number.isFinite(r[k]))) throw new InputError(k, `is ${r[k]}: give a tolerance ≥ 0`);
  }
  if (!(r.floor < 1)) throw new InputError("floor", `is ${r.floor}: give a fraction < 1 of the largest neuron`);
  if (!(Number.isInteger(r.maxAdjacent) && r.maxAdjacent >= 1)) throw new InputError("maxAdjacent", `is ${r.maxAdjacent}: give a positive whole number`);
  const w = r.width;
  if (!(w === "own" || w === "minimal" || (typeof w === "number" && Number.isInteger(w) && w >= 0))) {
    throw new InputError("width", `is ${String(w)}: give "own", "minimal" or a whole number of neurons`);
  }
  for (const k of ["lowerBound", "globalValue"] as const) {
    if (o[k] !== undefined && !Number.isFinite(o[k])) throw new InputError(k, `is ${o[k]}: give a finite number`);
  }
  return r;
}

// ---------------------------------------------------------------------------------------------
// Widths: pruning, padding, the minimal network

const mass = (w: number[], a: number) => w.reduce((s, v) => s + v * v, a * a);

/** Neurons with ‖w‖² + a² ≤ floor·max (and > 0): below the network's scale. */
function belowFloor(net: Network, floor: number): boolean[] {
  const ms = net.a.map((a, j) => mass(net.W[j], a));
  const top = Math.max(0, ...ms);
  return ms.map((v) => v > 0 && v <= floor * top);
}

/** The network with neurons below the floor set to exact zeros (the width unchanged). */
export function pruneToZero(net: Network, floor: number = VERDICT_DEFAULTS.floor): { network: Network; pruned: number } {
  const low = belowFloor(net, floor);
  return {
    network: { W: net.W.map((w, j) => (low[j] ? w.map(() => 0) : [...w])), a: net.a.map((v, j) => (low[j] ? 0 : v)) },
    pruned: low.filter(Boolean).length,
  };
}

/**
 * The minimal network of the same function (up to neurons below the floor): neurons below the floor,
 * with aⱼ = 0 or wⱼ = 0, or active on no data point removed; neurons of one sign whose directions agree
 * within mergeTol merged into one balanced neuron (u = Σ|aⱼ|wⱼ, w = u/√‖u‖, a = ±√‖u‖).
 */
export function minimalNetwork(net: Network, data: Data, opts: { floor?: number; mergeTol?: number } = {}): { network: Network; pruned: number; merged: number } {
  const floor = opts.floor ?? VERDICT_DEFAULTS.floor, mergeTol = opts.mergeTol ?? VERDICT_DEFAULTS.mergeTol;
  const low = belowFloor(net, floor);
  let pruned = 0;
  const groups: { s: number; dir: number[]; u: number[]; members: number[] }[] = [];
  for (let j = 0; j < net.a.length; j++) {
    const w = net.W[j], a = net.a[j];
    const wn = Math.hypot(...w);
    if (low[j] || a === 0 || wn === 0 || !preActivations(data, w).some((z) => z > 0)) {
      pruned++;
      continue;
    }
    const s = Math.sign(a), dir = w.map((v) => v / wn);
    const g = groups.find((q) => q.s === s && Math.hypot(...q.dir.map((v, i) => v - dir[i])) <= mergeTol);
    const u = w.map((v) => Math.abs(a) * v);
    if (g) {
      g.u = g.u.map((v, i) => v + u[i]);
      g.members.push(j);
    } else groups.push({ s, dir, u, members: [j] });
  }
  const network: Network = { W: [], a: [] };
  let merged = 0;
  for (const g of groups) {
    if (g.members.length === 1) {
      // a neuron that joins no other is kept as it is
      network.W.push([...net.W[g.members[0]]]);
      network.a.push(net.a[g.members[0]]);
      continue;
    }
    merged += g.members.length - 1;
    const un = Math.hypot(...g.u), sq = Math.sqrt(un);
    network.W.push(g.u.map((v) => v / sq));
    network.a.push(g.s * sq);
  }
  return { network, pruned, merged };
}

/** The network at the width of the question. */
export function networkAtWidth(net: Network, data: Data, width: VerdictWidth, opts: { floor?: number; mergeTol?: number } = {}): { network: Network; pruned: number; merged: number; padded: number } {
  if (width === "minimal") return { ...minimalNetwork(net, data, opts), padded: 0 };
  const { network, pruned } = pruneToZero(net, opts.floor);
  if (width === "own") return { network, pruned, merged: 0, padded: 0 };
  if (width < net.a.length) throw new InputError("width", `is ${width} but the network has ${net.a.length} neurons: give a width ≥ ${net.a.length} (or "own", "minimal")`);
  const padded = width - net.a.length;
  for (let k = 0; k < padded; k++) {
    network.W.push(new Array(data.d).fill(0));
    network.a.push(0);
  }
  return { network, pruned, merged: 0, padded };
}

// ---------------------------------------------------------------------------------------------
// Adjacent patterns

interface Adjacency {
  S: SignedPatterns;
  /** For each neuron, the indices into S of its adjacent signed patterns. */
  ofNeuron: number[][];
  /** Neurons each pattern of S is adjacent to. */
  neurons: number[][];
  radius: number;
  /** Some neuron has w = 0 (then every pattern is adjacent). */
  freeNeuron: boolean;
}

const patternKey = (S: SignedPatterns, n: number, i: number) => signedPatternKey(S.signs[i], S.bits.subarray(i * n, (i + 1) * n));

/** S_adj, per-neuron adjacency and the radius (see the file's comment), or how many patterns exceeded `max`. */
async function adjacentPatterns(data: Data, net: Network, all: SignedPatterns, kinkTol: number, max: number, core: CoreExports): Promise<Adjacency | { tooMany: number }> {
  const { X, n, d } = data;
  const xn = rowNorms(data);
  const m = net.a.length;
  const isFree = (j: number) => net.W[j].every((v) => v === 0);
  const freeNeuron = net.a.some((_, j) => isFree(j));
  // with a neuron at w = 0 every realizable pattern is adjacent: S_adj is `all`
  const keys = new Map<string, number>();
  const bitsOut: number[] = [], signsOut: number[] = [];
  const neurons: number[][] = [];
  if (freeNeuron) {
    if (all.count > max) return { tooMany: all.count };
    for (let i = 0; i < all.count; i++) { keys.set(patternKey(all, n, i), i); neurons.push([]); }
  }
  const ofNeuron: number[][] = [];
  let radius = Infinity;
  const add = (s: number, bits: ArrayLike<number>, j: number): boolean => {
    let any = false;
    for (let k = 0; k < n; k++) if (bits[k]) { any = true; break; }
    if (!any) return true;
    const key = signedPatternKey(s, bits);
    let i = keys.get(key);
    if (i === undefined) {
      if (freeNeuron) return true; // not realizable as a cell (a kink row that is not one): `all` has every cell
      if (signsOut.length >= max) return false;
      i = signsOut.length;
      keys.set(key, i);
      signsOut.push(s);
      for (let k = 0; k < n; k++) bitsOut.push(bits[k] ? 1 : 0);
      neurons.push([]);
    }
    if (neurons[i][neurons[i].length - 1] !== j) neurons[i].push(j);
    if (ofNeuron[j][ofNeuron[j].length - 1] !== i) ofNeuron[j].push(i);
    return true;
  };
  const bySign = new Map<number, number[]>();
  for (let j = 0; j < m; j++) {
    ofNeuron.push([]);
    const w = net.W[j], a = net.a[j];
    const signs = a > 0 ? [1] : a < 0 ? [-1] : [1, -1];
    if (a !== 0) radius = Math.min(radius, Math.abs(a));
    if (isFree(j)) {
      const key = a > 0 ? 1 : a < 0 ? -1 : 0;
      if (!bySign.has(key)) bySign.set(key, [...Array(all.count).keys()].filter((i) => signs.includes(all.signs[i])));
      ofNeuron[j] = bySign.get(key)!;
      continue;
    }
    const wn = Math.hypot(...w);
    const z = preActivations(data, w);
    const K = kinkRows(z, xn, wn, kinkTol);
    const onK = new Set(K);
    for (let k = 0; k < n; k++) if (xn[k] > 0 && !onK.has(k)) radius = Math.min(radius, Math.abs(z[k]) / xn[k]);
    const base: number[] = Array.from(z, (v) => (v > 0 ? 1 : 0));
    const cells: number[][] = [];
    if (K.length === 0) cells.push([]);
    else {
      const sub = new Float64Array(K.length * d);
      K.forEach((k, r) => sub.set(X.subarray(k * d, (k + 1) * d), r * d));
      const set = await enumeratePatterns({ X: sub, y: new Float64Array(K.length), n: K.length, d }, { core, maxPatterns: Math.max(max, 2) });
      for (let c = 0; c < set.count; c++) cells.push(Array.from(set.patterns.subarray(c * K.length, (c + 1) * K.length)));
    }
    for (const cell of cells) {
      const bits = [...base];
      K.forEach((k, r) => (bits[k] = cell[r]));
      for (const s of signs) if (!add(s, bits, j)) return { tooMany: signsOut.length + 1 };
    }
  }
  const S = freeNeuron ? all : { count: signsOut.length, bits: Uint8Array.from(bitsOut), signs: Float64Array.from(signsOut) };
  return { S, ofNeuron, neurons, radius, freeNeuron };
}

/** σ of every pattern of S at r (exact above 0.999·threshold) and the max; nothing to price for an empty S. */
function priceAll(core: CoreExports, data: Data, program: ResolvedSettings, S: SignedPatterns, r: Float64Array, threshold: number): { sigma: Float64Array; max: number } {
  if (S.count === 0) return { sigma: new Float64Array(0), max: 0 };
  const solver = new ConvexSolver(core, data, program, S);
  try {
    return solver.price(r, 0.999 * threshold);
  } finally {
    solver.dispose();
  }
}

// ---------------------------------------------------------------------------------------------
// Descent witnesses

interface Candidate {
  dir: Float64Array;
  kind: DescentWitness["kind"];
  neuron?: number;
}

/** The lowest L on a geometric grid of steps t = base·2⁻ᵏ along a unit direction (k = 0..60). */
function lineSearch(ev: PathEvaluator, theta: Float64Array, dir: Float64Array, base: number): { step: number; loss: number } | undefined {
  let nd = 0;
  for (let i = 0; i < dir.length; i++) nd += dir[i] * dir[i];
  nd = Math.sqrt(nd);
  if (!(nd > 0) || !(base > 0)) return undefined;
  const unit = dir.map((v) => v / nd);
  const far = theta.map((v, i) => v + base * unit[i]);
  const ts = Array.from({ length: 61 }, (_, k) => 2 ** -k);
  const { loss } = ev.segment(theta, far, ts);
  let best = -1;
  for (let k = 0; k < ts.length; k++) if (Number.isFinite(loss[k]) && (best < 0 || loss[k] < loss[best])) best = k;
  if (best < 0) return undefined;
  // the reported point is θ + step·dir exactly as a reader computes it
  const step = (base * ts[best]) / nd;
  return { step, loss: ev.loss(theta.map((v, i) => v + step * dir[i])) };
}

function toWitness(dir: Float64Array, m: number, d: number, step: number, loss: number, c: Candidate): DescentWitness {
  const { W, a } = unflatten(dir, m, d);
  return { W, a, step, loss, kind: c.kind, ...(c.neuron !== undefined ? { neuron: c.neuron } : {}) };
}

/**
 * Along the region path: each neuron j assigned one adjacent signed pattern Dⱼ (the one carrying the
 * most mass in the optimum of P(S_adj); free neurons take the heaviest patterns nobody has), S_R their
 * patterns, u*(R) the optimum of P(S_R); uⱼ(t) = (1 − t)·|aⱼ|wⱼ + t·u*_{Dⱼ}/cⱼ (cⱼ neurons share Dⱼ)
 * stays in the cones and F decreases along it by convexity; θ(t) is the balanced network of u(t).
 */
function regionPath(
  data: Data, program: ResolvedSettings, net: Network, adj: Adjacency, sol: Pick<SolverResult, "index" | "U">, core: CoreExports,
  solverOpts: SolverOptions, ev: PathEvaluator, L0: number, minDrop: number,
): { dir: Float64Array; loss: number } | undefined {
  const { n, d } = data, m = net.a.length;
  const weight = new Float64Array(adj.S.count);
  sol.index.forEach((i, c) => (weight[i] = Math.hypot(...sol.U.subarray(c * d, (c + 1) * d))));
  const choice = new Array<number>(m).fill(-1);
  const taken = new Set<number>();
  const isZero = (j: number) => net.a[j] === 0 && net.W[j].every((v) => v === 0);
  for (let j = 0; j < m; j++) {
    if (isZero(j) || adj.ofNeuron[j].length === 0) continue;
    let best = adj.ofNeuron[j][0];
    for (const i of adj.ofNeuron[j]) if (weight[i] > weight[best]) best = i;
    choice[j] = best;
    taken.add(best);
  }
  const free = [...Array(adj.S.count).keys()].filter((i) => weight[i] > 0 && !taken.has(i)).sort((p, q) => weight[q] - weight[p]);
  for (let j = 0; j < m; j++) {
    if (!isZero(j) || free.length === 0) continue;
    const i = free.shift()!;
    if (adj.ofNeuron[j].includes(i)) choice[j] = i;
  }
  const distinct = [...new Set(choice.filter((i) => i >= 0))];
  if (distinct.length === 0) return undefined;
  const SR = subset(adj.S, n, distinct);
  const solR = solveProgram(core, data, program, SR, solverOpts);
  if (!(solR.primal < L0 - minDrop)) return undefined;
  const uEnd = new Map<number, Float64Array>();
  solR.index.forEach((c, r) => uEnd.set(distinct[c], solR.U.slice(r * d, (r + 1) * d)));
  const count = new Map<number, number>();
  for (const i of choice) if (i >= 0) count.set(i, (count.get(i) ?? 0) + 1);
  const theta0 = flatten(net);
  let best: { dir: Float64Array; loss: number } | undefined;
  for (let k = 0; k <= 40; k++) {
    const t = 2 ** -k;
    const th = new Float64Array(m * (d + 1));
    for (let j = 0; j < m; j++) {
      const i = choice[j];
      const u0 = net.W[j].map((v) => Math.abs(net.a[j]) * v);
      const u1 = i >= 0 ? uEnd.get(i) ?? new Float64Array(d) : new Float64Array(d);
      const c = i >= 0 ? count.get(i)! : 1;
      const u = u0.map((v, q) => (1 - t) * v + (t * u1[q]) / c);
      const un = Math.hypot(...u), sq = Math.sqrt(un);
      const s = i >= 0 ? adj.S.signs[i] : Math.sign(net.a[j]) || 1;
      for (let q = 0; q < d; q++) th[j * (d + 1) + q] = sq > 0 ? u[q] / sq : 0;
      th[j * (d + 1) + d] = s * sq;
    }
    const dir = th.map((v, q) => v - theta0[q]);
    const loss = ev.loss(theta0.map((v, q) => v + dir[q]));
    if (Number.isFinite(loss) && (!best || loss < best.loss)) best = { dir, loss };
  }
  return best && best.loss < L0 - minDrop ? best : undefined;
}

// ---------------------------------------------------------------------------------------------
// The classifier

const rel = (L: number, x: number) => (L !== 0 ? x / Math.abs(L) : x);

/**
 * Classifies a network of L (see the file's comment for what each verdict proves), at the width
 * `opts.width`. One classifier for the whole package: certify, polish and the experiments call it.
 */
export async function classifyNetwork(input: Data | Problem | ProblemInput, lambda: number | ProgramSettings | undefined, network: Network, opts: VerdictOptions = {}): Promise<VerdictResult> {
  const { data, lambda: lam, settings: program } = resolveInput(input, lambda, opts);
  const o = resolveVerdictOptions(opts);
  const core = opts.core ?? (await getCore());
  const obj = objective({ lambda: lam, loss: program.loss, regularizer: program.regularizer, kappa: program.kappa });
  const given = toNetwork(network, data.d);
  const at = networkAtWidth(given, data, o.width, o);
  const net = at.network, m = net.a.length, { n, d, y } = data;
  const settings = { loss: obj.loss, regularizer: obj.regularizer, kappa: program.kappa };
  // the objective as train has it (κ included); the empty network's L is the zero network's;
  // networks whose norms or outputs overflow are refused, naming the field
  checkNetworkScale(given, data, program.kappa);
  const lossOf = (nw: Network) => networkLoss(nw, data, program);
  const L = await lossOf(net);
  const inputLoss = given.a.length === net.a.length && at.pruned === 0 && at.merged === 0 ? L : await lossOf(given);
  const f = predict(net, data);
  const e = obj.dataGradient(f, y);
  const r = e.map((v) => -v);
  const cl = clarke(net, data, obj, e, o.kinkTol);
  const thetaNorm = networkNorm(net);
  const stationarity = { norm: cl.norm, relative: L > 0 ? (cl.norm * thetaNorm) / L : cl.norm === 0 ? 0 : Infinity, kinks: cl.kinks };
  const tried: string[] = [];
  const base = {
    width: m, network: net, loss: L, inputLoss, pruned: at.pruned, merged: at.merged, padded: at.padded, stationarity, tried,
  };

  // --- global: certified lower bound (own residual, given bound, or a global solve) -------------
  const all = opts.allPatterns ?? (await allSignedPatterns(data, o.maxPatterns, core));
  const priced = priceAll(core, data, program, all, r, obj.threshold);
  // the network's own residual as a dual point (every objective): a lower bound verified on the data as given
  const residualBound = (await certifiedBound(data, program, networkDualPoint(data, program, f), { S: all, core })).bound;
  let lowerBound = Math.min(residualBound, L);
  if (o.lowerBound !== undefined) lowerBound = Math.max(lowerBound, Math.min(o.lowerBound, L));
  let upperBound = o.globalValue;
  let optimum: number | undefined;
  let globalSol: SolverResult | undefined;
  const solverOpts: SolverOptions = { tol: o.tol, maxIterations: o.maxIterations, directLimit: o.directLimit };
  const solveGlobal = async () => {
    globalSol = solveProgram(core, data, program, all, solverOpts);
    const g = rebuildNetwork(globalSol, all, d, 0, program);
    optimum = await lossOf(g);
    upperBound = Math.min(upperBound ?? Infinity, optimum);
    lowerBound = Math.max(lowerBound, Math.min(globalSol.lowerBound, L));
  };
  tried.push("global bound");
  if (o.solve && o.lowerBound === undefined && rel(L, L - lowerBound) > o.gapTol) await solveGlobal();
  const globalPart = () => ({ lowerBound, gap: L - lowerBound, relativeGap: rel(L, L - lowerBound), residualBound, upperBound, optimum });
  if (rel(L, L - lowerBound) <= o.gapTol) {
    return { ...base, ...globalPart(), verdict: "global", reason: `certified: L − (lower bound on min L) = ${(L - lowerBound).toExponential(2)} ≤ gapTol·L` };
  }
  if (obj.unsupported) {
    // the global bound holds for every objective; the local certificate and the witnesses are not built yet
    return { ...base, ...globalPart(), verdict: "undetermined", reason: `not certified global (relative gap ${rel(L, L - lowerBound).toExponential(2)}); ${obj.unsupported}` };
  }

  // --- the local-minimum certificate ------------------------------------------------------------
  tried.push("local certificate");
  const adj = await adjacentPatterns(data, net, all, o.kinkTol, o.maxAdjacent, core);
  let local: LocalCertificate | undefined, restricted: LocalCertificate | undefined;
  let adjSol: Pick<SolverResult, "index" | "U" | "primal"> | undefined;
  let adjPriced: { sigma: Float64Array; max: number } | undefined;
  const mk = (a: Adjacency, bound: number, method: LocalCertificate["method"]): LocalCertificate => ({
    slack: L - bound, relativeSlack: rel(L, L - bound), radius: a.radius, bound, patterns: a.S.count, method,
    passed: rel(L, L - bound) <= o.localTol,
  });
  /** The certificate over adjacency `a`: the own residual's bound, then (unless it is already tight) P(S_adj) solved. */
  const certificateOver = async (a: Adjacency): Promise<{ cert: LocalCertificate; sol?: SolverResult }> => {
    const own = Math.min(a.S.count === 0 ? L : (await certifiedBound(data, program, r, { S: a.S, core })).bound, L);
    let cert = mk(a, own, "residual");
    if (cert.relativeSlack <= 0.01 * o.localTol || a.S.count === 0) return { cert };
    const sol = solveProgram(core, data, program, a.S, solverOpts);
    if (sol.lowerBound > own) cert = mk(a, Math.min(sol.lowerBound, L), "solve");
    return { cert, sol };
  };
  if ("tooMany" in adj) {
    tried.push(`local certificate skipped: more than ${o.maxAdjacent} adjacent signed patterns`);
  } else if (adj.freeNeuron) {
    // a zero neuron makes every pattern adjacent: P(S_adj) is the global optimum, its bound the global one
    adjPriced = priced;
    local = mk(adj, lowerBound, lowerBound > Math.min(residualBound, L) ? "global" : "residual");
    if (globalSol) adjSol = globalSol;
    // with the zero neurons held at zero: is θ first-order stationary (a local minimum of the others)?
    const nz = net.a.map((_, j) => !(net.a[j] === 0 && net.W[j].every((v) => v === 0)));
    if (nz.some(Boolean)) {
      tried.push("local certificate with the zero neurons held at zero");
      const part: Network = { W: net.W.filter((_, j) => nz[j]), a: net.a.filter((_, j) => nz[j]) };
      const pa = await adjacentPatterns(data, part, all, o.kinkTol, o.maxAdjacent, core);
      if (!("tooMany" in pa)) restricted = (await certificateOver(pa)).cert;
    }
  } else {
    adjPriced = priceAll(core, data, program, adj.S, r, obj.threshold);
    const c = await certificateOver(adj);
    local = c.cert;
    if (c.sol) adjSol = c.sol;
  }
  if (local?.passed) {
    if (upperBound === undefined && o.solve) await solveGlobal();
    const above = upperBound !== undefined ? L - upperBound : NaN;
    const where = `L(θ′) ≥ L(θ) − ${local.slack.toExponential(2)} for ‖θ′ − θ‖ < ${local.radius.toPrecision(3)} (${local.patterns} adjacent signed patterns, ${local.method} bound)`;
    if (above > o.gapTol * Math.abs(L)) {
      return { ...base, ...globalPart(), local, verdict: "spurious-local-minimum", reason: `local minimum: ${where}; L − (a known network's L) = ${above.toExponential(2)}` };
    }
    return {
      ...base, ...globalPart(), local, verdict: "undetermined",
      reason: upperBound === undefined
        ? `local minimum (${where}), but whether it is global is not known: no global value (solve: false and no globalValue)`
        : `local minimum (${where}), within gapTol of the best known network but not certified global (the global solve stopped short)`,
    };
  }

  // --- descent witnesses ------------------------------------------------------------------------
  let descent: DescentWitness | undefined;
  if (m > 0) {
    const ev = await PathEvaluator.create(data, m, { lambda: lam, ...settings }, core);
    try {
      const theta = flatten(net);
      const L0 = ev.loss(theta);
      const minDrop = o.witnessTol * Math.abs(L0);
      const stepBase = Math.sqrt(L0 / lam) || thetaNorm || 1;
      const cands: Candidate[] = [];
      if (cl.norm > 0) cands.push({ dir: cl.gradient.map((v) => -v), kind: "clarke" });
      // −∇L with relu′(0) = 0
      const grad = new Float64Array(m * (d + 1));
      for (let j = 0; j < m; j++) {
        const w = net.W[j], a = net.a[j], z = preActivations(data, w);
        for (let i = 0; i < d; i++) grad[j * (d + 1) + i] = 2 * lam * w[i];
        grad[j * (d + 1) + d] = 2 * lam * a;
        for (let k = 0; k < n; k++) {
          if (!(z[k] > 0)) continue;
          grad[j * (d + 1) + d] += e[k] * z[k];
          for (let i = 0; i < d; i++) grad[j * (d + 1) + i] += a * e[k] * data.X[k * d + i];
        }
      }
      cands.push({ dir: grad.map((v) => -v), kind: "gradient" });
      const violated = (S: SignedPatterns, sigma: Float64Array) =>
        [...Array(S.count).keys()].filter((i) => sigma[i] > obj.threshold).sort((p, q) => sigma[q] - sigma[p]);
      const gOf = (S: SignedPatterns, i: number) => {
        const g = new Float64Array(d);
        for (let k = 0; k < n; k++) if (S.bits[i * n + k]) for (let q = 0; q < d; q++) g[q] += S.signs[i] * r[k] * data.X[k * d + q];
        return g;
      };
      if (!("tooMany" in adj) && adjPriced) {
        // neurons moved into an adjacent cell where the dual point is infeasible
        let added = 0;
        for (const i of violated(adj.S, adjPriced.sigma)) {
          if (added >= 16) break;
          const js = adj.neurons[i].filter((j) => net.a[j] !== 0 && !net.W[j].every((x) => x === 0));
          if (js.length === 0) continue;
          const { v } = coneMaximizer(data, adj.S.bits.subarray(i * n, (i + 1) * n), gOf(adj.S, i));
          for (const j of js.slice(0, 16 - added)) {
            const dir = new Float64Array(m * (d + 1));
            dir.set(v, j * (d + 1));
            cands.push({ dir, kind: "adjacent-pattern", neuron: j });
            added++;
          }
        }
      }
      const zero = net.a.findIndex((a, j) => a === 0 && net.W[j].every((v) => v === 0));
      if (zero >= 0) {
        // a zero neuron grown in the most violated cells
        for (const i of violated(all, priced.sigma).slice(0, 8)) {
          const { v } = coneMaximizer(data, all.bits.subarray(i * n, (i + 1) * n), gOf(all, i));
          const dir = new Float64Array(m * (d + 1));
          dir.set(v, zero * (d + 1));
          dir[zero * (d + 1) + d] = all.signs[i];
          cands.push({ dir, kind: "growth", neuron: zero });
        }
      }
      const use = cands.filter((c) => o.witnesses.has(c.kind));
      if (use.length > 0) tried.push(`descent directions (${use.length}: ${[...new Set(use.map((c) => c.kind))].join(", ")})`);
      for (const c of use) {
        const ls = lineSearch(ev, theta, c.dir, stepBase);
        if (ls && ls.loss < L0 - minDrop && (!descent || ls.loss < descent.loss)) descent = toWitness(c.dir, m, d, ls.step, ls.loss, c);
      }
      if (!descent && !("tooMany" in adj) && o.witnesses.has("region-path")) {
        tried.push("region path to the optimum of an adjacent region");
        if (!adjSol && adj.S.count > 0) {
          if (adj.freeNeuron) {
            if (!globalSol && o.solve) await solveGlobal();
            if (globalSol) adjSol = globalSol;
          } else adjSol = solveProgram(core, data, program, adj.S, solverOpts);
        }
        if (adjSol && adjSol.primal < L0 - minDrop) {
          const sol: Pick<SolverResult, "index" | "U"> = adjSol; // indices into S_adj (= `all` when a neuron is free)
          const p = regionPath(data, program, net, adj, sol, core, solverOpts, ev, L0, minDrop);
          if (p) descent = toWitness(p.dir, m, d, 1, p.loss, { dir: p.dir, kind: "region-path" });
        }
      }
    } finally {
      ev.dispose();
    }
  }
  const certs = { ...(local ? { local } : {}), ...(restricted ? { restricted } : {}) };
  const held = restricted?.passed
    ? `a local minimum with its zero neurons held at zero (L(θ′) ≥ L(θ) − ${restricted.slack.toExponential(2)} for ‖θ′ − θ‖ < ${restricted.radius.toPrecision(3)} among such θ′)`
    : undefined;
  if (descent) {
    const clarkeStationary = stationarity.relative <= o.stationarityTol;
    const drop = `L(θ + ${descent.step.toExponential(2)}·v) = L − ${(L - descent.loss).toExponential(2)} (${descent.kind}${descent.neuron !== undefined ? `, neuron ${descent.neuron}` : ""})`;
    return {
      ...base, ...globalPart(), ...certs, descent,
      verdict: held || clarkeStationary ? "saddle" : "not-stationary",
      reason: held
        ? `first-order stationary: ${held}; not a local minimum: ${drop}`
        : clarkeStationary
          ? `Clarke-stationary (relative ‖∂L‖ = ${stationarity.relative.toExponential(2)}), not a local minimum: ${drop}`
          : `not stationary (relative ‖∂L‖ = ${stationarity.relative.toExponential(2)}): ${drop}`,
    };
  }
  return {
    ...base, ...globalPart(), ...certs, verdict: "undetermined",
    reason: `no certificate and no descent witness: ${held ?? (local ? `local slack ${local.relativeSlack.toExponential(2)} > localTol` : "no local certificate")}; no step lowered L by more than witnessTol·L`,
  };
}

/** Both questions at once: at the width m (own or padded) and at the minimal width (the research's convention). */
export async function classifyBothWidths(input: Data | Problem | ProblemInput, lambda: number | ProgramSettings | undefined, network: Network, width: "own" | number, opts: VerdictOptions = {}): Promise<{ atWidth: VerdictResult; minimal: VerdictResult }> {
  const atWidth = await classifyNetwork(input, lambda, network, { ...opts, width });
  const keep = { lowerBound: atWidth.lowerBound, ...(atWidth.upperBound !== undefined ? { globalValue: atWidth.upperBound } : {}) };
  const minimal = await classifyNetwork(input, lambda, network, { ...opts, ...keep, width: "minimal" });
  return { atWidth, minimal };
}

