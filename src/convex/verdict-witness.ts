// Descent witnesses (verdict.ts: "Descent witnesses"): a direction v and a step t with
// L(θ + t·v) < L(θ), evaluated by the core. The directions come with a reason to descend (a
// first-order rate, a growth rate or convexity along a path, derived in verdict.ts); the evaluation
// is the evidence. For l1-unit every evaluated point is feasible (‖wⱼ‖ ≤ 1): a neuron whose w moves
// is pulled back into the ball (`retract`), and the witness is the chord to that point (step 1).
import type { CoreExports } from "../core/loader.js";
import type { Data } from "../api/data.js";
import type { Network } from "../api/network.js";
import { type PathEvaluator, flatten, unflatten } from "../api/path-eval.js";
import { type SolverOptions, type SolverResult, solveProgram } from "./program.js";
import { type ResolvedSettings, neuronOf } from "./settings.js";
import { subset } from "./signed-patterns.js";
import type { Adjacency } from "./verdict-adjacent.js";
import type { WitnessKind } from "./options.js";

/** A descent witness: L(θ + step·(W, a)) = loss < L(θ), θ the classified `network`. */
export interface DescentWitness {
  /** Direction, the network's shapes. */
  W: number[][];
  a: number[];
  step: number;
  /** L(θ + step·direction), evaluated by the core (for l1-unit a feasible point: every ‖wⱼ‖ ≤ 1). */
  loss: number;
  /**
   * "clarke": minus the least-norm subgradient (a first-order descent direction); "gradient": −∇L
   * (relu′(0) = 0); "adjacent-pattern": neuron `neuron` moved into an adjacent cell where the dual
   * point is infeasible (a concave kink when the network is Clarke-stationary); "growth": zero neuron
   * `neuron` grown in a violated cell (l2); "shrink": neuron `neuron`, which adds nothing to f (aⱼ = 0 or
   * active on no data point), shrunk toward zero — its cost falls, f is unchanged, so L falls exactly
   * (accepted on any visible drop with the data loss unchanged); "region-path": a point on the segment
   * (in u-space) to the optimum of an adjacent activation region.
   */
  kind: WitnessKind;
  neuron?: number;
}

export interface Candidate {
  dir: Float64Array;
  kind: DescentWitness["kind"];
  neuron?: number;
}

/** ‖wⱼ‖ ≤ RETRACT_TO after a retraction: rounding in θ + 1·(θ′ − θ) stays inside the unit ball. */
const RETRACT_TO = 1 - 2 ** -40;

/** Pulls every moved neuron's w (per `moved`) back into ‖w‖ ≤ RETRACT_TO, in place (l1-unit). */
export function retract(theta: Float64Array, moved: boolean[], d: number): void {
  for (let j = 0; j < moved.length; j++) {
    if (!moved[j]) continue;
    let s = 0;
    for (let i = 0; i < d; i++) s += theta[j * (d + 1) + i] ** 2;
    const nw = Math.sqrt(s);
    if (nw > RETRACT_TO) for (let i = 0; i < d; i++) theta[j * (d + 1) + i] *= RETRACT_TO / nw;
  }
}

/** The neurons a flat direction moves in w. */
function movedW(dir: Float64Array, m: number, d: number): boolean[] {
  return Array.from({ length: m }, (_, j) => {
    for (let i = 0; i < d; i++) if (dir[j * (d + 1) + i] !== 0) return true;
    return false;
  });
}

/** L and the data loss at θ + step·dir, as a reader computes that point. */
export function evaluateStep(ev: PathEvaluator, theta: Float64Array, dir: Float64Array, step: number): { loss: number; dataLoss: number } {
  const p = theta.map((v, i) => v + step * dir[i]);
  const r = ev.segment(theta, p, [1]);
  return { loss: r.loss[0], dataLoss: r.dataLoss[0] };
}

/**
 * The lowest L over steps t = base·2⁻ᵏ (k = 0..60) along a direction (unit-normalized): the point
 * θ + t·v, or for l1-unit its retraction (then reported as the chord θ′ − θ with step 1). Returns the
 * reported direction and step, and L and the data loss at θ + step·direction as a reader computes it.
 */
export function searchAlong(ev: PathEvaluator, theta: Float64Array, dir: Float64Array, base: number, l1: boolean, m: number, d: number): { dir: Float64Array; step: number; loss: number; dataLoss: number } | undefined {
  let nd = 0;
  for (let i = 0; i < dir.length; i++) nd += dir[i] * dir[i];
  nd = Math.sqrt(nd);
  if (!(nd > 0) || !(base > 0)) return undefined;
  const unit = dir.map((v) => v / nd);
  const ts = Array.from({ length: 61 }, (_, k) => 2 ** -k);
  let best = -1, bestLoss = Infinity;
  const moved = l1 ? movedW(dir, m, d) : [];
  const pointAt = (t: number) => {
    const p = theta.map((v, i) => v + base * t * unit[i]);
    if (l1) retract(p, moved, d);
    return p;
  };
  if (!l1) {
    const { loss } = ev.segment(theta, pointAt(1), ts);
    for (let k = 0; k < ts.length; k++) if (Number.isFinite(loss[k]) && loss[k] < bestLoss) { best = k; bestLoss = loss[k]; }
  } else {
    for (let k = 0; k < ts.length; k++) {
      const loss = ev.loss(pointAt(ts[k]));
      if (Number.isFinite(loss) && loss < bestLoss) { best = k; bestLoss = loss; }
    }
  }
  if (best < 0) return undefined;
  if (!l1) {
    const step = (base * ts[best]) / nd;
    return { dir, step, ...evaluateStep(ev, theta, dir, step) };
  }
  const chord = pointAt(ts[best]).map((v, i) => v - theta[i]);
  return { dir: chord, step: 1, ...evaluateStep(ev, theta, chord, 1) };
}

export function toWitness(dir: Float64Array, m: number, d: number, step: number, loss: number, c: Pick<Candidate, "kind" | "neuron">): DescentWitness {
  const { W, a } = unflatten(dir, m, d);
  return { W, a, step, loss, kind: c.kind, ...(c.neuron !== undefined ? { neuron: c.neuron } : {}) };
}

/**
 * Along the region path: each neuron j assigned one adjacent signed pattern Dⱼ (the one carrying the
 * most mass in the optimum of P(S_adj); zero neurons take the heaviest patterns nobody has), S_R their
 * patterns, u*(R) the optimum of P(S_R); uⱼ(t) = (1 − t)·uⱼ(θ) + t·u*_{Dⱼ}/cⱼ (cⱼ neurons share Dⱼ,
 * uⱼ(θ) = |aⱼ|wⱼ/κ) stays in the cones and F decreases along it by convexity; θ(t) maps u(t) back
 * (settings.ts: neuronOf), so θ(0) is θ normalized (each neuron balanced, or for l1-unit its w on the
 * sphere), which the neuron rescalings reach from θ without raising L (strictly lowering it unless
 * θ is normalized already). For l1-unit neurons with aⱼ = 0 stay as they are (L does not see their w,
 * and moving it is no local move) and zero neurons stay at zero (growing one is no descent there).
 */
export function regionPath(
  data: Data, program: ResolvedSettings, net: Network, adj: Adjacency, sol: Pick<SolverResult, "index" | "U">, core: CoreExports,
  solverOpts: SolverOptions, ev: PathEvaluator, L0: number, minDrop: number,
): { dir: Float64Array; loss: number } | undefined {
  const { n, d } = data, m = net.a.length, l1 = program.regularizer === "l1-unit";
  const weight = new Float64Array(adj.S.count);
  sol.index.forEach((i, c) => (weight[i] = Math.hypot(...sol.U.subarray(c * d, (c + 1) * d))));
  const choice = new Array<number>(m).fill(-1);
  const taken = new Set<number>();
  const isZero = (j: number) => net.a[j] === 0 && net.W[j].every((v) => v === 0);
  const moves = net.a.map((a) => !l1 || a !== 0);
  for (let j = 0; j < m; j++) {
    if (isZero(j) || !moves[j] || adj.ofNeuron[j].length === 0) continue;
    let best = adj.ofNeuron[j][0];
    for (const i of adj.ofNeuron[j]) if (weight[i] > weight[best]) best = i;
    choice[j] = best;
    taken.add(best);
  }
  const free = [...Array(adj.S.count).keys()].filter((i) => weight[i] > 0 && !taken.has(i)).sort((p, q) => weight[q] - weight[p]);
  for (let j = 0; j < m; j++) {
    if (!isZero(j) || !moves[j] || free.length === 0) continue;
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
  const movedNeurons = choice.map((i, j) => moves[j] && (i >= 0 || !isZero(j)));
  let best: { dir: Float64Array; loss: number } | undefined;
  for (let k = 0; k <= 40; k++) {
    const t = 2 ** -k;
    const th = Float64Array.from(theta0);
    for (let j = 0; j < m; j++) {
      if (!movedNeurons[j]) continue;
      const i = choice[j];
      const u0 = net.W[j].map((v) => (Math.abs(net.a[j]) * v) / program.kappa);
      const u1 = i >= 0 ? uEnd.get(i) ?? new Float64Array(d) : new Float64Array(d);
      const c = i >= 0 ? count.get(i)! : 1;
      const u = u0.map((v, q) => (1 - t) * v + (t * u1[q]) / c);
      const un = Math.hypot(...u);
      const s = i >= 0 ? adj.S.signs[i] : Math.sign(net.a[j]) || 1;
      const nr = un > 0 ? neuronOf(u, s, un, program) : { w: new Array<number>(d).fill(0), a: 0 };
      for (let q = 0; q < d; q++) th[j * (d + 1) + q] = nr.w[q];
      th[j * (d + 1) + d] = nr.a;
    }
    if (l1) retract(th, movedNeurons, d);
    const dir = th.map((v, q) => v - theta0[q]);
    const loss = evaluateStep(ev, theta0, dir, 1).loss;
    if (Number.isFinite(loss) && (!best || loss < best.loss)) best = { dir, loss };
  }
  return best && best.loss < L0 - minDrop ? best : undefined;
}
