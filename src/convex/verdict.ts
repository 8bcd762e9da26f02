// The one classifier of networks: every verdict the package gives (certify, polish, train --certify,
// the experiments) comes from `classifyNetwork`, and each carries what backs it. For every objective
// `train` has: L(θ) = (1/n)Σₖ ℓ(fₖ, yₖ) + R(θ), f = (1/κ)Σⱼ aⱼ·relu(Xwⱼ), ℓ squared or logistic,
// R = Σⱼ Rⱼ with Rⱼ = λ(‖wⱼ‖² + aⱼ²) ("l2") or Rⱼ = λ|aⱼ| on the feasible set ‖wⱼ‖ ≤ 1 ("l1-unit").
// θ has the width m of the question (WHICH WIDTH below); every θ′ below has width m and, for l1-unit,
// is feasible.
//
// WHAT EACH VERDICT PROVES
//   global                  L(θ) − B ≤ gapTol·L(θ), B a certified lower bound on min L over all widths
//                           (a dual point verified feasible on the data as given, bound.ts).
//   spurious-local-minimum  (i) L(θ′) ≥ L(θ) − δ for every θ′ with ‖θ′ − θ‖ < ρ (`local`: slack δ, radius
//                           ρ), δ ≤ localTol·L(θ); (ii) every neuron pays for itself: removing neuron j
//                           raises the data loss by more than half its cost, ΔDⱼ > ½Rⱼ (ΔDⱼ = D(f − fⱼ) −
//                           D(f); verdict-objective.ts: removalTest); and (iii) a network whose L is lower
//                           than L(θ) by more than gapTol·L(θ) is known: evaluated here (the global
//                           solve's network, the given optimum's network) or given as globalValue. A lower
//                           bound below L(θ) alone never gives this verdict: without (iii) it is
//                           `undetermined`, saying so.
//                           (i) is local minimality up to δ, stated exactly: nothing in the ball is lower
//                           than L(θ) − δ (δ ≤ 0: a local minimum). (i) alone cannot tell a local minimum
//                           from a network that only decays: neurons that add nothing to f (all dead, as
//                           in the limit θ → 0 of a saddle) give δ = ΣRⱼ, below localTol·L when the
//                           neurons are small. (ii) tells them apart: L is convex in a neuron's scale s
//                           (θⱼ → √s·θⱼ for l2, aⱼ → s·aⱼ for l1-unit) and stationary at s = 1 at a local
//                           minimum, so there ΔDⱼ ≥ Rⱼ (removing it raises L by ‖fⱼ‖²/n for the squared
//                           loss); a neuron adding nothing to f has ΔDⱼ = 0 exactly and fails, and one with
//                           ΔDⱼ < Rⱼ lowers L when shrunk (the `shrink` witness). The factor ½ leaves room
//                           for networks that are local minima up to δ (a tiny neuron of a cone optimum
//                           misses ΔDⱼ ≥ Rⱼ by 1e-4 of Rⱼ). ρ may be tiny (about 1e-9 at a cone optimum next
//                           to a kink): the statement is then about that ball only (see the README).
//   saddle                  first-order stationary — a certified local minimum with its zero neurons held
//                           at zero (`restricted`, l2), or Clarke-stationary (relative least-norm
//                           subgradient ≤ stationarityTol) — and an evaluated point θ + t·v with
//                           L < L(θ) (a witness below).
//   not-stationary          neither; an evaluated descent step.
//   undetermined            none of these could be established; `reason` and `tried` say what was tried.
//
// THE LOCAL-MINIMUM CERTIFICATE. For a set S of signed patterns (s, D) the convex program is
// P(S) = min over uᵢ ∈ K_D = {u : (2D − I)Xu ≥ 0} of F(u) = (1/n)Σₖ ℓ(pₖ, yₖ) + βΣᵢ‖uᵢ‖, p = Σᵢ sᵢDᵢXuᵢ,
// with β = 2λκ (l2) or λκ (l1-unit) (settings.ts; P(∅) = the zero network's L).
//
// The map θ → u. Neuron j goes to uⱼ = |aⱼ|wⱼ/κ with sign sⱼ = sign aⱼ: its output (1/κ)aⱼ·relu(Xwⱼ) =
// sⱼ·relu(Xuⱼ), and Rⱼ ≥ β‖uⱼ‖ — l2: λ(‖w‖² + a²) ≥ 2λ|a|‖w‖ = 2λκ‖u‖, equal iff |a| = ‖w‖ (balanced);
// l1-unit: ‖w‖ ≤ 1 gives λ|a| ≥ λ|a|‖w‖ = λκ‖u‖, equal iff ‖w‖ = 1 or a = 0. So L(θ) ≥ F(u(θ)).
//
// Adjacent patterns. For neuron j let Kⱼ = the rows on its hyperplane (xₖ ≠ 0, |xₖ·wⱼ| ≤ kinkTol·‖xₖ‖‖wⱼ‖),
// and Aⱼ = the signed patterns (s, D) with D equal to 1[Xwⱼ > 0] off Kⱼ and on Kⱼ any cell of the
// sub-arrangement {xₖ : k ∈ Kⱼ} (enumerated exactly), with s = sign aⱼ (both signs when aⱼ = 0); when
// wⱼ = 0, every realizable pattern (l2; for l1-unit see below). S_adj = ∪ⱼ Aⱼ (empty patterns left
// out). The radius ρ = min over neurons of |aⱼ| (when aⱼ ≠ 0) and of |xₖ·wⱼ|/‖xₖ‖ over nonzero rows off
// Kⱼ (when wⱼ ≠ 0).
//
// Claim: for every θ′ with ‖θ′ − θ‖ < ρ, L(θ′) ≥ P(S_adj). Proof: ‖w′ⱼ − wⱼ‖ < ρ keeps the sign of
// xₖ·wⱼ for every nonzero row off Kⱼ (|xₖ·(w′ⱼ − wⱼ)| < ‖xₖ‖ρ ≤ |xₖ·wⱼ|), and |a′ⱼ − aⱼ| < ρ keeps the sign
// of aⱼ ≠ 0. Every point lies in the closure of an open cell of the arrangement; let C be one whose
// closure holds w′ⱼ, D its pattern. Off Kⱼ, D agrees with the strict signs of w′ⱼ, i.e. with 1[Xwⱼ > 0];
// on Kⱼ, D is the sign vector of any point of C on those rows, i.e. a cell of the sub-arrangement. So
// (sign a′ⱼ, D) ∈ Aⱼ when a′ⱼ ≠ 0 (rows declared kinks by the tolerance only enlarge Aⱼ, which only lowers
// P(S_adj)). Map neuron j to u′ⱼ = |a′ⱼ|w′ⱼ/κ ∈ K_D (the closed cone); its output is sign(a′ⱼ)·D·X·u′ⱼ (rows
// with xₖ·w′ⱼ = 0 contribute 0 either way). Neurons with a′ⱼ = 0 or an empty pattern add nothing to f and
// R′ⱼ ≥ 0 to L: drop them. Sum the u′ⱼ of neurons sharing a signed pattern (K_D is a convex cone,
// ‖Σu‖ ≤ Σ‖u‖). With R′ⱼ ≥ β‖u′ⱼ‖ this is a feasible point of P(S_adj) with F ≤ L(θ′).
//
// ℓ1-unit, zero neurons. For l1-unit a neuron near w = 0 is cheap in f but not in R: ‖w′ⱼ‖ < ρ gives
// R′ⱼ = λ|a′ⱼ| ≥ (λκ/ρ)‖u′ⱼ‖ = (β/ρ)‖u′ⱼ‖. The Fenchel bound of bound.ts, neuron by neuron (no merging):
// L(θ′) ≥ g(r) + Σⱼ(βⱼ‖u′ⱼ‖ − sⱼ·rᵀDⱼXu′ⱼ) ≥ g(r) whenever σ_D(r) ≤ βⱼ on each neuron's patterns, with
// βⱼ = β/ρ for neurons with wⱼ = 0 (every pattern) and β for the others (S_adj). So the dual point is
// scaled to σ ≤ β on S_adj and ρ·σ ≤ β on every pattern, and ρ is lowered to β/(c·σ_all) when that
// second constraint would bind (c the scale S_adj alone allows). Growing a neuron from w = 0 is no
// descent for l1-unit (its cost is first order in |a|, its output second order), and networks with
// zero neurons can be local minima. For l2 a zero neuron's cost 2λ|a|‖w‖ is second order as well:
// S_adj is every pattern there.
//
// So if B is a certified lower bound on P(S_adj) (or the weighted program), L(θ′) ≥ L(θ) − δ for every
// ‖θ′ − θ‖ < ρ with δ = L(θ) − B. B comes from the network's own dual point r = −e,
// eₖ = ∂(data loss)/∂fₖ = ℓ′(fₖ, yₖ)/n, priced on S_adj with rounding bounds and scaled into the dual
// feasible set (no solve), or from the solver's dual point of P(S_adj) (one convex solve).
//
// The converse (Kⱼ the rows exactly on the hyperplane). l2, any loss and κ: θ is a local minimum of L
// at width m iff P(S_adj) ≥ L(θ). ⇒: a local minimum is balanced (the rescaling (eᵗwⱼ, e⁻ᵗaⱼ) changes L at
// rate 2λ(‖wⱼ‖² − aⱼ²)), has no neuron with exactly one of wⱼ, aⱼ zero (shrinking the other lowers L at
// first order), and every one-sided directional derivative is ≥ 0. For a neuron with wⱼ, aⱼ ≠ 0 and an
// adjacent cell D, moving uⱼ toward any v ∈ K_D changes L at the rate of φ(u) = −sⱼ·rᵀDXu + β‖u‖ at uⱼ
// (L = F + λΣ(‖wⱼ‖ − |aⱼ|)², whose second term is second order at a balanced θ); φ is convex, so uⱼ
// minimizes it on K_D: σ_D(r) = max_{v∈K_D,‖v‖≤1} sⱼ·rᵀDXv ≤ β and φ(uⱼ) = 0. A zero neuron grown as
// (εv, sε) in cell D changes L by (ε²/κ)(β − σ_D(r)) + O(ε⁴), so with a zero neuron σ_D(r) ≤ β on every
// pattern. Then r is feasible for the dual of P(S_adj), and its dual value is g(r) = (1/n)Σℓ(f) + rᵀf =
// L(θ) − Σⱼφ(uⱼ) = L(θ) (Fenchel's equality at r = −ℓ′(f)/n): P(S_adj) ≥ L(θ). Consequences: with a zero
// neuron (S_adj = every pattern) θ is a local minimum iff it is global — otherwise the growth above is a
// descent path (the `growth` witness); without one, θ is a local minimum iff it is first-order
// stationary in every direction, and the own-residual certificate decides it (δ = 0 exactly there).
// l1-unit: a local minimum has ‖wⱼ‖ = 1 wherever aⱼ ≠ 0 (else w up and a down by the same factor keeps f
// and lowers λ|a|); near such a neuron u ↦ (u/‖u‖, sκ‖u‖) is continuous with L = F on its image, so as for
// l2 σ_D(r) ≤ β on its adjacent cells and φ(uⱼ) = 0; zero neurons need σ ≤ β/ρ for some ρ > 0 (σ is
// finite). So a local minimum with no neuron having aⱼ = 0 ≠ wⱼ (such a neuron need only be unprofitable
// near wⱼ, while Aⱼ holds its whole cells) has own-residual bound L(θ) for some ρ > 0.
// A concave kink (aⱼ·eₖ < 0 for a point on neuron j's hyperplane) is a first-order descent direction that
// Clarke's test (some relu′(0) ∈ [0, 1] makes ∇L = 0) does not see: the `adjacent-pattern` witness.
//
// DESCENT WITNESSES, and why each descends (verdict-witness.ts evaluates them; for l1-unit every
// evaluated point is pulled back into ‖wⱼ‖ ≤ 1, which changes L at second order along a tangent move):
//   clarke            −g, g the least-norm element of the Clarke set (plus the normal cone of ‖w‖ ≤ 1 and
//                     λ[−1, 1] at aⱼ = 0 for l1-unit): L′(θ; −g) ≤ −‖g‖² (verdict-objective.ts: clarke).
//   gradient          −∇L with relu′(0) = 0 (l1-unit: projected onto the feasible directions).
//   adjacent-pattern  wⱼ moved by the unit maximizer v of sⱼ·rᵀDXv over K_D, D an adjacent cell with
//                     σ_D(r) > β: the rate is (|aⱼ|/κ)(β·(ŵⱼ·v) − σ_D(r)) < 0 at a stationary θ (l2:
//                     balanced; l1-unit: ‖wⱼ‖ = 1, where sⱼ·rᵀDXwⱼ = β and the pull-back removes v's
//                     radial part).
//   growth            (l2) a zero neuron grown as (εv, ±ε): (ε²/κ)(β − σ_D(r)) < 0.
//   shrink            a neuron with Rⱼ > 0 adding nothing to f (aⱼ = 0, or active on no data point):
//                     l2 θⱼ → (1 − t)θⱼ, l1-unit aⱼ → (1 − t)aⱼ. f is unchanged and R falls: exact, so it
//                     is accepted on any visible drop of L with the data loss unchanged.
//   region-path       u(t) = (1 − t)u(θ) + t·u* toward the optimum of an adjacent region (verdict-witness.ts):
//                     θ(t) maps u(t) back and L(θ(t)) = F(u(t)) + const is convex in t, so one evaluated
//                     point below L(θ) means descent for every smaller t. θ(0) is θ normalized (balanced;
//                     l1-unit: ‖wⱼ‖ = 1), which the neuron rescalings reach from θ while L falls
//                     strictly (or θ(0) = θ): descent starts at θ either way.
// Every witness must lower L by more than witnessTol·L when evaluated (shrink: see above).
//
// WHICH WIDTH. The question "is θ a local minimum of L" depends on the width m of the parameter space.
// `width: "own"` asks it at the network's own width (neurons below the floor count as zero neurons when
// that changes L by at most gapTol·L); a number pads with zero neurons to that width (a cone's optimum
// rebuilt at the cone's width m: one neuron per drawn pattern, unused ones at zero); "minimal" asks it
// for the minimal network of the same function (the research's convention): neurons below the floor or
// contributing nothing removed, parallel neurons of one sign merged (balanced; on the sphere for
// l1-unit). Tolerances are relative: verdicts do not change under (θ, y, λ) → (√c·θ, c·y, c·λ) (l2,
// squared loss; L → c²L), (w, a, y, λ) → (w, c·a, c·y, c·λ) (l1-unit, squared), and (θ, κ, λ) →
// (√c·θ, c·κ, λ/c) (l2; l1-unit: (w, c·a, c·κ, λ/c)), which leave L unchanged.
import { type CoreExports, getCore } from "../core/loader.js";
import type { Data } from "../api/data.js";
import { InputError } from "../api/errors.js";
import { type Network, predict, toNetwork } from "../api/network.js";
import { PathEvaluator, flatten } from "../api/path-eval.js";
import { type SolverOptions, type SolverResult, solveProgram } from "./program.js";
import { certifiedBound, checkNetworkScale, networkLoss, type OptimumOptions, rebuildNetwork, resolveOptions } from "./optimum.js";
import type { ProgramSettings, ResolvedSettings } from "./settings.js";
import { allSignedPatterns, type SignedPatterns } from "./signed-patterns.js";
import {
  type ProblemArg, type ResolvedVerdictSettings, type VerdictSettings, type VerdictWidth, isNetworkArg, optionsOf, resolveProblem,
  resolveVerdictSettings,
} from "./options.js";
import { clarke, coneMaximizer, networkNorm, objective, removalTest, smoothGradient, SPHERE_TOL } from "./verdict-objective.js";
import { VERDICT_DEFAULTS, minimalNetwork, networkAtWidth, pruneToZero } from "./verdict-width.js";
import { type Adjacency, adjacentPatterns, boundOf, priceAll, verifiedSigma } from "./verdict-adjacent.js";
import { type Candidate, type DescentWitness, evaluateStep, regionPath, searchAlong, toWitness } from "./verdict-witness.js";

export { VERDICT_DEFAULTS, minimalNetwork, networkAtWidth, pruneToZero };
export type { DescentWitness, VerdictWidth };

export type Verdict = "global" | "spurious-local-minimum" | "saddle" | "not-stationary" | "undetermined";

/**
 * A solved global optimum to reuse instead of solving again: a ConvexOptimum (globalOptimum's result)
 * or the JSON `relu-landscape optimum --out` writes. It must match the problem (n, d, λ, loss,
 * regularizer, κ: checked, errors name the field); its network's L is evaluated on the data (an upper
 * bound on min L, and it must equal `value`) and its dual point re-verified (the lower bound).
 */
export interface KnownOptimum {
  /** L of `network`. */
  value: number;
  /** A certified lower bound on min L. */
  lowerBound: number;
  /** The optimal network (re-evaluated). */
  network?: { W: number[][]; a: number[] };
  /** The dual point certifying lowerBound (re-verified on the data). */
  dual?: ArrayLike<number>;
  /** The problem it was solved for (the file's fields, or ConvexOptimum's `settings`). */
  n?: number;
  d?: number;
  lambda?: number;
  loss?: string;
  regularizer?: string;
  kappa?: number;
  settings?: Partial<ProgramSettings>;
  /** Present in a cone's optimum (optimum --cone-of), which is refused: its value is not the global one. */
  coneOf?: string;
}

/** Settings of the classifier: its own (options.ts: verdictSettings), the solver's and the objective. */
export interface VerdictOptions extends OptimumOptions, VerdictSettings {
  /** Every realizable signed pattern of the data (signedPatternsOf(enumeratePatterns(data))), to skip the enumeration. @default enumerated */
  allPatterns?: SignedPatterns;
  /** A solved global optimum to reuse (instead of lowerBound/globalValue; skips the global solve). @default none */
  optimum?: KnownOptimum;
}

/** The local-minimum certificate: L(θ′) ≥ L(θ) − slack for every ‖θ′ − θ‖ < radius. */
export interface LocalCertificate {
  /** δ = L(θ) − bound (may be slightly negative from rounding). */
  slack: number;
  /** δ / |L|. */
  relativeSlack: number;
  /** ρ: the certificate holds on the open ball of this radius around `network` (Infinity: everywhere, a network of width 0). */
  radius: number;
  /** The certified lower bound B on P(S_adj) (the weighted program for l1-unit with zero neurons). */
  bound: number;
  /** |S_adj|: signed patterns adjacent to the network's neurons. */
  patterns: number;
  /**
   * "residual": the network's own dual point; "solve": the solver's bound on P(S_adj); "global": the
   * global lower bound (a zero neuron makes S_adj every pattern, l2).
   */
  method: "residual" | "solve" | "global";
  /**
   * The neuron with the least ΔDⱼ/Rⱼ: `dataRise` ΔDⱼ (the data loss's rise without it) and its cost Rⱼ;
   * a local minimum has dataRise ≥ cost for every neuron (absent: no neuron with Rⱼ > 0).
   */
  weakestNeuron?: { neuron: number; dataRise: number; cost: number };
  /** Whether δ ≤ localTol·|L| and every neuron's dataRise > ½·cost (see the file's comment). */
  passed: boolean;
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
  /**
   * Where upperBound comes from: the global solve's network or the given optimum's network (both
   * evaluated here), or a number taken as given: globalValue, or the value of a given optimum that
   * carries no network ("optimum value").
   */
  upperBoundFrom?: "global solve" | "optimum" | "optimum value" | "globalValue";
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
   * With zero neurons (l2): the certificate with them held at zero (over the other neurons' adjacent
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

/** A known upper bound on min L: its value and its source. */
interface Upper {
  value: number;
  from: NonNullable<VerdictResult["upperBoundFrom"]>;
}

/** How a reason names the source of the upper bound. */
const UPPER_FROM: Record<NonNullable<VerdictResult["upperBoundFrom"]>, string> = {
  "global solve": "the global solve's network",
  optimum: "the given optimum's network",
  "optimum value": "the given optimum's value (no network given to evaluate)",
  globalValue: "the given globalValue",
};

const rel = (L: number, x: number) => (L !== 0 ? x / Math.abs(L) : x);

/**
 * Checks that a known optimum belongs to the problem and objective (n, d, λ, loss, regularizer, κ; not
 * a cone's optimum), naming the field (`optimum.lambda`) on a mismatch. Cheap: call it up front.
 */
export function checkKnownOptimum(opt: KnownOptimum, data: Data, st: Pick<ResolvedSettings, "lambda" | "loss" | "regularizer" | "kappa">): void {
  const f = (k: string) => `optimum.${k}`;
  if (!opt || typeof opt !== "object") throw new InputError("optimum", "must be a global optimum: globalOptimum's result or the JSON `relu-landscape optimum --out` writes");
  if (opt.coneOf !== undefined) throw new InputError(f("coneOf"), `is set: this is the best network of a cone (optimum --cone-of ${opt.coneOf}), not the global optimum; give a file written by optimum without --cone-of`);
  for (const k of ["value", "lowerBound"] as const) {
    if (typeof opt[k] !== "number" || !Number.isFinite(opt[k])) throw new InputError(f(k), `is ${String(opt[k])}: give the optimum's finite ${k}`);
  }
  const n = opt.n ?? opt.dual?.length, d = opt.d ?? opt.network?.W?.[0]?.length;
  if (n !== undefined && n !== data.n) throw new InputError(f("n"), `is ${n} but the problem has n = ${data.n}: the optimum was solved for another problem`);
  if (d !== undefined && d !== data.d) throw new InputError(f("d"), `is ${d} but the problem has d = ${data.d} (bias included): the optimum was solved for another problem`);
  const s = opt.settings ?? {};
  const lambda = opt.lambda ?? s.lambda;
  if (typeof lambda !== "number") throw new InputError(f("lambda"), "is missing: an optimum says the λ it was solved for");
  if (Math.abs(lambda - st.lambda) > 1e-12 * st.lambda) throw new InputError(f("lambda"), `is ${lambda} but the problem's λ is ${st.lambda}: solve the optimum for this λ`);
  const loss = opt.loss ?? s.loss ?? "squared", regularizer = opt.regularizer ?? s.regularizer ?? "l2", kappa = opt.kappa ?? s.kappa ?? 1;
  if (loss !== st.loss) throw new InputError(f("loss"), `is ${loss} but the objective's loss is ${st.loss}: solve the optimum for this objective`);
  if (regularizer !== st.regularizer) throw new InputError(f("regularizer"), `is ${regularizer} but the objective's regularizer is ${st.regularizer}: solve the optimum for this objective`);
  if (typeof kappa !== "number" || Math.abs(kappa - st.kappa) > 1e-12 * st.kappa) throw new InputError(f("kappa"), `is ${kappa} but the objective's κ is ${st.kappa}: solve the optimum for this objective`);
  if (opt.dual !== undefined && opt.dual.length !== data.n) throw new InputError(f("dual"), `has ${opt.dual.length} entries; the problem has n = ${data.n}`);
}

/**
 * The lower and upper bounds a known optimum gives on these data, after checking that it belongs to
 * them. The upper bound is its network's L evaluated here; without a network, its `value` taken as
 * given (as a globalValue is, and labelled so).
 */
async function useOptimum(opt: KnownOptimum, data: Data, st: ResolvedSettings, all: SignedPatterns, core: CoreExports): Promise<{ lowerBound: number; upper: Upper }> {
  checkKnownOptimum(opt, data, st);
  let upper: Upper = { value: opt.value, from: "optimum value" }, lowerBound = opt.lowerBound;
  if (opt.network) {
    // its L on these data: an upper bound on min L, and equal to the file's value unless the data differ
    const net = toNetwork(opt.network, data.d, "optimum.network");
    const L = await networkLoss(net, data, st);
    if (!(Math.abs(L - opt.value) <= 1e-9 * Math.abs(opt.value) + 1e-300)) {
      throw new InputError("optimum.value", `is ${opt.value} but its network has L = ${L} on these data: the optimum was solved for other data`);
    }
    upper = { value: L, from: "optimum" };
  }
  // its dual point priced on these data: the lower bound re-verified (a given bound without one is taken as given)
  if (opt.dual) lowerBound = (await certifiedBound(data, st, opt.dual, { S: all, core })).bound;
  return { lowerBound, upper };
}

/**
 * Refuses given bounds that contradict what is evaluated or certified here (naming the field): a lower
 * bound on min L above this network's L or above the known network's L would make any network
 * `global`, and a given value below the certified residual bound is no network's L (it would make a
 * local minimum `spurious`). Rounding room: 1e-9 relative.
 */
function checkGivenBounds(givenLower: number | undefined, upper: Upper | undefined, L: number, residualBound: number, fromOptimum: boolean): void {
  const above = (x: number, y: number) => x > y + 1e-9 * Math.abs(y);
  if (givenLower !== undefined) {
    const field = fromOptimum ? "optimum.lowerBound" : "lowerBound";
    if (above(givenLower, L)) throw new InputError(field, `is ${givenLower} but the network classified has L = ${L}: a lower bound on min L is at most every network's L`);
    if (upper && above(givenLower, upper.value)) throw new InputError(field, `is ${givenLower} but ${UPPER_FROM[upper.from]} has L = ${upper.value}: a lower bound on min L is at most every network's L`);
  }
  if (upper && (upper.from === "globalValue" || upper.from === "optimum value") && above(residualBound, upper.value)) {
    const field = upper.from === "globalValue" ? "globalValue" : "optimum.value";
    throw new InputError(field, `is ${upper.value} but min L ≥ ${residualBound} (certified here by the network's own residual): no network has that L`);
  }
}

/** The l1-unit regularizer needs every ‖wⱼ‖ ≤ 1 (to rounding). */
function checkFeasible(net: Network, st: ResolvedSettings, field = "network"): void {
  if (st.regularizer !== "l1-unit") return;
  net.W.forEach((w, j) => {
    const wn = Math.hypot(...w);
    if (wn > 1 + SPHERE_TOL) throw new InputError(`${field}.W[${j}]`, `has ‖wⱼ‖ = ${wn} > 1: the l1-unit regularizer needs every ‖wⱼ‖ ≤ 1 (train with --regularizer l1-unit keeps it)`);
  });
}

/**
 * Classifies a network of L (see the file's comment for what each verdict proves), at the width
 * `opts.width`. One classifier for the whole package: certify, polish and the experiments call it.
 * The problem carries λ and the data (or Data with options.lambda); the objective comes from the
 * options, else the problem's train settings (as in `train`).
 */
export async function classifyNetwork(problem: ProblemArg, network: Network, opts?: VerdictOptions): Promise<VerdictResult>;
/** @deprecated Give λ in the problem or in the options: `classifyNetwork(problem, network, { lambda, ...options })`. The positional λ is accepted until the next release. */
export async function classifyNetwork(problem: ProblemArg, lambda: number | ProgramSettings | undefined, network: Network, opts?: VerdictOptions): Promise<VerdictResult>;
export async function classifyNetwork(input: ProblemArg, x: Network | number | ProgramSettings | undefined, y?: Network | VerdictOptions, z?: VerdictOptions): Promise<VerdictResult> {
  const [network, opts] = isNetworkArg(x) ? [x, (y ?? {}) as VerdictOptions] : [y as Network, optionsOf<VerdictOptions>(x, z)];
  return classify(input, network, opts);
}

/** `carried`: the known network of an earlier classification of the same problem (classifyBothWidths), with its source. */
async function classify(input: ProblemArg, network: Network, opts: VerdictOptions, carried?: Upper): Promise<VerdictResult> {
  const { data, settings: program } = resolveProblem(input, opts);
  const o: ResolvedVerdictSettings = resolveVerdictSettings(opts as Record<string, unknown>);
  const so = resolveOptions(opts);
  if (opts.optimum !== undefined && (o.lowerBound !== undefined || o.globalValue !== undefined)) {
    throw new InputError("optimum", "comes instead of lowerBound and globalValue: give one or the other");
  }
  const core = opts.core ?? (await getCore());
  const obj = objective(program);
  const l1 = program.regularizer === "l1-unit";
  const lam = program.lambda;
  const given = toNetwork(network, data.d);
  // networks whose norms or outputs overflow are refused, naming the field; l1-unit needs ‖wⱼ‖ ≤ 1
  checkNetworkScale(given, data, program.kappa);
  checkFeasible(given, program);
  const lossOf = (nw: Network) => networkLoss(nw, data, program);
  const inputLoss = await lossOf(given);
  const tried: string[] = [];
  // neurons below the floor are zero neurons, unless that changes L by more than gapTol·L (a neuron of
  // tiny weights can carry a large output on data of large norm)
  let at = networkAtWidth(given, data, o.width, { floor: o.floor, mergeTol: o.mergeTol, regularizer: program.regularizer });
  if (at.pruned > 0) {
    const kept = networkAtWidth(given, data, o.width, { floor: 0, mergeTol: o.mergeTol, regularizer: program.regularizer });
    const [Lp, Lk] = [await lossOf(at.network), await lossOf(kept.network)];
    if (Math.abs(Lp - Lk) > o.gapTol * Math.abs(Lk)) {
      tried.push(`${at.pruned} neurons below the floor kept: setting them to zero changes L by ${(Lp - Lk).toExponential(2)}`);
      at = kept;
    }
  }
  const net = at.network, m = net.a.length, { n, d, y } = data;
  const L = given.a.length === m && at.pruned === 0 && at.merged === 0 ? inputLoss : await lossOf(net);
  const f = predict(net, data, program.kappa);
  const e = obj.dataGradient(f, y);
  const r = e.map((v) => -v);
  const cl = clarke(net, data, obj, e, o.kinkTol);
  const thetaNorm = networkNorm(net);
  const stationarity = { norm: cl.norm, relative: L > 0 ? (cl.norm * thetaNorm) / L : cl.norm === 0 ? 0 : Infinity, kinks: cl.kinks };
  const base = { width: m, network: net, loss: L, inputLoss, pruned: at.pruned, merged: at.merged, padded: at.padded, stationarity, tried };

  // --- global: certified lower bound (own residual, given bound or optimum, or a global solve) -----
  const all = opts.allPatterns ?? (await allSignedPatterns(data, so.maxPatterns, core));
  const priced = priceAll(core, data, program, all, r, obj.threshold);
  // the network's own residual as a dual point (every objective): a lower bound verified on the data as given
  const residualBound = (await certifiedBound(data, program, r, { S: all, core })).bound;
  let lowerBound = Math.min(residualBound, L);
  let upper: Upper | undefined;
  let givenLower = o.lowerBound;
  if (o.globalValue !== undefined) upper = { value: o.globalValue, from: "globalValue" };
  if (carried && (!upper || carried.value < upper.value)) upper = carried;
  if (opts.optimum !== undefined) {
    const k = await useOptimum(opts.optimum, data, program, all, core);
    givenLower = k.lowerBound;
    upper = k.upper;
    tried.push("the given optimum (checked against the problem, its network evaluated, its dual point re-verified)");
  }
  checkGivenBounds(givenLower, upper, L, residualBound, opts.optimum !== undefined);
  if (givenLower !== undefined) lowerBound = Math.max(lowerBound, Math.min(givenLower, L));
  let optimum: number | undefined;
  let globalSol: SolverResult | undefined;
  const solverOpts: SolverOptions = { tol: so.tol, maxIterations: so.maxIterations, directLimit: so.directLimit };
  const solveGlobal = async () => {
    tried.push("global solve");
    globalSol = solveProgram(core, data, program, all, solverOpts);
    // the upper bound is a network's L, evaluated here: never the solver's own number
    optimum = await lossOf(rebuildNetwork(globalSol, all, d, 0, program));
    if (!upper || optimum < upper.value) upper = { value: optimum, from: "global solve" };
    lowerBound = Math.max(lowerBound, Math.min(globalSol.lowerBound, L));
  };
  tried.push("global bound");
  if (o.solve && givenLower === undefined && rel(L, L - lowerBound) > o.gapTol) await solveGlobal();
  const globalPart = () => ({
    lowerBound, gap: L - lowerBound, relativeGap: rel(L, L - lowerBound), residualBound,
    ...(upper ? { upperBound: upper.value, upperBoundFrom: upper.from } : {}), optimum,
  });
  /** The global verdict, when the lower bound at hand certifies it (checked again after every later global solve). */
  const certifiedGlobal = (extra: Partial<VerdictResult> = {}): VerdictResult | undefined => rel(L, L - lowerBound) <= o.gapTol
    ? { ...base, ...globalPart(), ...extra, verdict: "global", reason: `certified: L − (lower bound on min L) = ${(L - lowerBound).toExponential(2)} ≤ gapTol·L` }
    : undefined;
  const atOnce = certifiedGlobal();
  if (atOnce) return atOnce;

  // --- the local-minimum certificate ------------------------------------------------------------
  tried.push("local certificate");
  const removal = removalTest(net, data, obj, f);
  const adj = await adjacentPatterns(data, net, all, o.kinkTol, o.maxAdjacent, core, l1);
  let local: LocalCertificate | undefined, restricted: LocalCertificate | undefined;
  let adjSol: Pick<SolverResult, "index" | "U" | "primal"> | undefined;
  let adjPriced: { sigma: Float64Array; max: number } | undefined;
  const mk = (a: Adjacency, bound: number, radius: number, method: LocalCertificate["method"]): LocalCertificate => {
    const slack = L - bound;
    return {
      slack, relativeSlack: rel(L, slack), radius, bound, patterns: a.S.count, method,
      ...(removal.weakest ? { weakestNeuron: removal.weakest } : {}), passed: rel(L, slack) <= o.localTol && removal.ok,
    };
  };
  /** The bound of a dual point over adjacency `a`: σ ≤ β on S_adj, and for l1-unit zero neurons ρ·σ ≤ β on every pattern (the radius lowered to make that hold). */
  const boundAt = async (a: Adjacency, rd: ArrayLike<number>): Promise<{ bound: number; radius: number }> => {
    if (a.zeroW.length === 0 && a.S.count > 0) return { bound: (await certifiedBound(data, program, rd, { S: a.S, core })).bound, radius: a.radius };
    if (a.zeroW.length === 0) {
      // no adjacent pattern: P(∅) is the zero network's L, bounded by the dual point with no constraint
      const { rr } = await verifiedSigma(data, program, rd, [], core);
      return { bound: boundOf(data, program, rr, 0).bound, radius: a.radius };
    }
    const { rr, sigma } = await verifiedSigma(data, program, rd, [a.S, all], core);
    const c0 = boundOf(data, program, rr, sigma[0]).scale;
    const rhoStar = c0 * sigma[1] > 0 ? (program.beta / (c0 * sigma[1])) * (1 - 1e-9) : Infinity;
    const radius = Math.min(a.radius, rhoStar);
    const eff = Math.max(sigma[0], Number.isFinite(radius) ? radius * sigma[1] * (1 + 2 ** -50) : 0);
    return { bound: boundOf(data, program, rr, eff).bound, radius };
  };
  /** The certificate over adjacency `a`: the own residual's bound, then (unless it is already tight) the solver's dual point of P(S_adj). */
  const certificateOver = async (a: Adjacency): Promise<{ cert: LocalCertificate; sol?: SolverResult }> => {
    const own = await boundAt(a, r);
    let cert = mk(a, Math.min(own.bound, L), own.radius, "residual");
    if (cert.relativeSlack <= 0.01 * o.localTol || a.S.count === 0) return { cert };
    const sol = solveProgram(core, data, program, a.S, solverOpts);
    const bySolve = a.zeroW.length === 0 ? { bound: sol.lowerBound, radius: a.radius } : await boundAt(a, sol.r);
    if (bySolve.bound > own.bound) cert = mk(a, Math.min(bySolve.bound, L), bySolve.radius, "solve");
    return { cert, sol };
  };
  if ("tooMany" in adj) {
    tried.push(`local certificate skipped: ${adj.tooMany} > maxAdjacent = ${o.maxAdjacent} adjacent signed patterns (counted, or Cover's bound for one neuron's kink rows)`);
  } else if (adj.freeNeuron) {
    // l2 with a zero neuron: every pattern is adjacent, P(S_adj) is the global optimum, its bound the global one
    adjPriced = priced;
    local = mk(adj, lowerBound, adj.radius, lowerBound > Math.min(residualBound, L) ? "global" : "residual");
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
    if (upper === undefined && o.solve) {
      await solveGlobal();
      const g = certifiedGlobal({ local });
      if (g) return g;
    }
    const where = `L(θ′) ≥ L(θ) − ${local.slack.toExponential(2)} for ‖θ′ − θ‖ < ${local.radius.toPrecision(3)} (${local.patterns} adjacent signed patterns, ${local.method} bound)`;
    const from = upper ? UPPER_FROM[upper.from] : "";
    if (upper && L - upper.value > o.gapTol * Math.abs(L)) {
      return {
        ...base, ...globalPart(), local, verdict: "spurious-local-minimum",
        reason: `local minimum${m === 0 ? " (width 0: the empty network is the only point of its parameter space)" : ""}: ${where}; not global: ${from} has L lower by ${(L - upper.value).toExponential(2)}`,
      };
    }
    return {
      ...base, ...globalPart(), local, verdict: "undetermined",
      reason: upper === undefined
        ? `local minimum (${where}), but no network with lower L is known (solve: false and no globalValue or optimum), and the lower bound on min L is ${rel(L, L - lowerBound).toExponential(2)}·L below: global or spurious is not established`
        : `local minimum (${where}), but the best known network (${from}) has L = ${upper.value.toPrecision(10)}, not lower than L by more than gapTol·L, and the lower bound on min L is ${rel(L, L - lowerBound).toExponential(2)}·L below (not certified${globalSol && !globalSol.converged ? ": the global solve stopped short" : ""}): global or spurious is not established`,
    };
  }

  // --- descent witnesses ------------------------------------------------------------------------
  let descent: DescentWitness | undefined;
  if (m > 0) {
    const ev = await PathEvaluator.create(data, m, { lambda: lam, loss: program.loss, regularizer: program.regularizer, kappa: program.kappa }, core);
    try {
      const theta = flatten(net);
      const at0 = evaluateStep(ev, theta, new Float64Array(theta.length), 0);
      const L0 = at0.loss;
      const minDrop = o.witnessTol * Math.abs(L0);
      const stepBase = (l1 ? Math.max(1, L0 / lam) : Math.sqrt(L0 / lam)) || thetaNorm || 1;
      const cands: Candidate[] = [];
      if (cl.norm > 0) cands.push({ dir: cl.gradient.map((v) => -v), kind: "clarke" });
      cands.push({ dir: smoothGradient(net, data, obj, e).map((v) => -v), kind: "gradient" });
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
      if (zero >= 0 && !l1) {
        // a zero neuron grown in the most violated cells (l2: its cost is second order)
        for (const i of violated(all, priced.sigma).slice(0, 8)) {
          const { v } = coneMaximizer(data, all.bits.subarray(i * n, (i + 1) * n), gOf(all, i));
          const dir = new Float64Array(m * (d + 1));
          dir.set(v, zero * (d + 1));
          dir[zero * (d + 1) + d] = all.signs[i];
          cands.push({ dir, kind: "growth", neuron: zero });
        }
      }
      for (const j of [...removal.dead, ...removal.low]) {
        // a neuron whose removal lowers L shrunk (L is convex in its scale); a dead one: f does not change
        const dir = new Float64Array(m * (d + 1));
        if (!l1) for (let q = 0; q < d; q++) dir[j * (d + 1) + q] = -net.W[j][q];
        dir[j * (d + 1) + d] = -net.a[j];
        cands.push({ dir, kind: "shrink", neuron: j });
      }
      const use = cands.filter((c) => o.witnesses.has(c.kind));
      if (use.length > 0) tried.push(`descent directions (${use.length}: ${[...new Set(use.map((c) => c.kind))].join(", ")})`);
      for (const c of use) {
        let nd = 0;
        for (let i = 0; i < c.dir.length; i++) nd += c.dir[i] ** 2;
        const found = searchAlong(ev, theta, c.dir, c.kind === "shrink" ? Math.sqrt(nd) : stepBase, l1, m, d);
        if (!found) continue;
        const exact = c.kind === "shrink" && removal.dead.includes(c.neuron!);
        const ok = exact ? found.loss < L0 && found.dataLoss === at0.dataLoss : found.loss < L0 - minDrop;
        if (ok && (!descent || found.loss < descent.loss)) descent = toWitness(found.dir, m, d, found.step, found.loss, c);
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
          if (p) descent = toWitness(p.dir, m, d, 1, p.loss, { kind: "region-path" });
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
  // the region path may have solved the global program: its bound may certify θ global
  const late = certifiedGlobal(certs);
  if (late) return late;
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
  const w = removal.weakest;
  const why = local
    ? local.relativeSlack > o.localTol
      ? `local slack ${local.relativeSlack.toExponential(2)}·L > localTol·L`
      : `neuron ${w!.neuron} does not pay for itself (its removal raises the data loss by ${w!.dataRise.toExponential(2)}, not more than ½ of its cost ${w!.cost.toExponential(2)}${w!.dataRise < w!.cost ? ": shrinking it lowers L, by less than witnessTol·L or rounding" : ""})`
    : "no local certificate";
  return {
    ...base, ...globalPart(), ...certs, verdict: "undetermined",
    reason: `no certificate and no descent witness: ${held ?? why}; no step lowered L by more than witnessTol·L`,
  };
}

/**
 * Both questions at once: at the width `opts.width` ("own", the default, or a number) and at the
 * minimal width (the research's convention). The second reuses the first's bounds (no second solve).
 */
export async function classifyBothWidths(problem: ProblemArg, network: Network, opts?: VerdictOptions & { width?: "own" | number }): Promise<{ atWidth: VerdictResult; minimal: VerdictResult }>;
/** @deprecated Give λ in the problem or the options and the width in the options: `classifyBothWidths(problem, network, { lambda, width, ...options })`. Accepted until the next release. */
export async function classifyBothWidths(problem: ProblemArg, lambda: number | ProgramSettings | undefined, network: Network, width: "own" | number, opts?: VerdictOptions): Promise<{ atWidth: VerdictResult; minimal: VerdictResult }>;
export async function classifyBothWidths(input: ProblemArg, x: Network | number | ProgramSettings | undefined, y?: Network | VerdictOptions, w?: "own" | number, z?: VerdictOptions): Promise<{ atWidth: VerdictResult; minimal: VerdictResult }> {
  const [network, opts] = isNetworkArg(x) ? [x, (y ?? {}) as VerdictOptions] : [y as Network, { ...optionsOf<VerdictOptions>(x, z), width: w }];
  if (opts.width === "minimal") throw new InputError("width", "is minimal: give own or a number (the minimal width is the second question)");
  const atWidth = await classify(input, network, { ...opts, width: opts.width ?? "own" });
  const { optimum: _o, globalValue: _g, ...rest } = opts;
  void _o, _g;
  const carried = atWidth.upperBound !== undefined ? { value: atWidth.upperBound, from: atWidth.upperBoundFrom! } : undefined;
  const minimal = await classify(input, network, { ...rest, lowerBound: atWidth.lowerBound, width: "minimal" }, carried);
  return { atWidth, minimal };
}
