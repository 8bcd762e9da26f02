// What the verdicts need from the objective, and the small dense computations on a network they
// share (the forward pass is src/api/network.ts's): the derivative of the data loss eₖ = ∂ℓ/∂fₖ,
// kinks (data points on a neuron's activation hyperplane), the Clarke subdifferential's least-norm
// element (a first-order descent direction when it is not 0), and projections onto an activation cone.
//
// The local analysis (verdict.ts) is written against `Objective`, for every objective `train` has:
// L(θ) = (1/n)Σₖ ℓ(fₖ, yₖ) + R(θ), f = (1/κ)Σⱼ aⱼ·relu(Xwⱼ), ℓ squared or logistic, R = λ(‖W‖² + ‖a‖²)
// ("l2") or λ‖a‖₁ with every ‖wⱼ‖ ≤ 1 ("l1-unit"). The loss enters only through e (and the dual bound
// of its convex program); the regularizer through the dual threshold β (the program's weight on
// Σ‖uᵢ‖: 2λκ for l2, λκ for l1-unit; settings.ts), each neuron's cost Rⱼ and the smooth part of ∇R.
import type { Data } from "../api/data.js";
import { type Network, preActivations, rowNorms } from "../api/network.js";
import { type ConvexLoss, type ConvexRegularizer, type ProgramSettings, resolveSettings } from "./settings.js";
import { dualPointOf } from "./bound.js";

/** The objective L = (1/n)Σ ℓ(fₖ, yₖ) + R(θ), as the verdicts use it. */
export interface Objective {
  readonly lambda: number;
  readonly loss: ConvexLoss;
  readonly regularizer: ConvexRegularizer;
  readonly kappa: number;
  /**
   * The dual threshold β (2λκ for ℓ2, λκ for ℓ1-unit): the program's dual feasible set is
   * σ_D(r) ≤ β; for ℓ2 a neuron (εv, ±ε) grown in pattern D changes L by (ε²/κ)(β − σ_D(r)) at
   * leading order.
   */
  readonly threshold: number;
  /** eₖ = ∂(data loss)/∂fₖ = ℓ′(fₖ, yₖ)/n at the outputs f (κ included). The dual point is r = −e. */
  dataGradient(f: Float64Array, y: Float64Array): Float64Array;
  /** Neuron j's share of R: λ(‖wⱼ‖² + aⱼ²) (l2) or λ|aⱼ| (l1-unit). */
  neuronCost(w: ArrayLike<number>, a: number): number;
}

/** The objective of the given settings (validated and completed by settings.ts: resolveSettings, whose β is the threshold). */
export function objective(s: ProgramSettings): Objective {
  const st = resolveSettings(s);
  const { loss, regularizer, lambda, kappa } = st;
  // e = −r, r the dual point of the outputs (bound.ts: dualPointOf)
  const dataGradient = (f: Float64Array, y: Float64Array): Float64Array => dualPointOf(st, y, f).map((v) => -v);
  const neuronCost = (w: ArrayLike<number>, a: number): number => {
    if (regularizer === "l1-unit") return lambda * Math.abs(a);
    let s2 = a * a;
    for (let i = 0; i < w.length; i++) s2 += w[i] * w[i];
    return lambda * s2;
  };
  return { lambda, loss, regularizer, kappa, threshold: st.beta, dataGradient, neuronCost };
}

/** The data loss (1/n)·Σₖ ℓ(fₖ, yₖ) at outputs f (κ included). */
export function dataLossAt(obj: Pick<Objective, "loss">, f: ArrayLike<number>, y: ArrayLike<number>): number {
  const n = f.length;
  let s = 0;
  for (let k = 0; k < n; k++) {
    if (obj.loss === "logistic") {
      const m = -y[k] * f[k];
      s += m > 0 ? m + Math.log1p(Math.exp(-m)) : Math.log1p(Math.exp(m));
    } else s += (f[k] - y[k]) ** 2;
  }
  return s / n;
}

/**
 * The necessary condition of a local minimum along each neuron's own scale: L is convex in the
 * neuron's scale s (θⱼ → √s·θⱼ for l2, aⱼ → s·aⱼ for l1-unit: f is affine in s, R linear) and stationary
 * at s = 1 at a local minimum, so removing the neuron (s = 0) cannot lower L there: its data rise
 * ΔDⱼ = D(f − fⱼ) − D(f) ≥ Rⱼ (with room ‖fⱼ‖²/n for the squared loss). The test asks ΔDⱼ > ½Rⱼ of every
 * neuron with Rⱼ > 0: the factor ½ leaves room for a network that is a local minimum only up to its
 * certificate's slack (a cone optimum's tiny neuron can miss ΔDⱼ ≥ Rⱼ by 1e-4 of Rⱼ), while a neuron
 * that adds nothing to f (aⱼ = 0, or every xₖ·wⱼ below minus its rounding bound: ΔDⱼ = 0 exactly)
 * fails it for certain. `dead` lists those, `low` the neurons with ΔDⱼ < Rⱼ beyond the rounding margin
 * 1e-12·(D(f) + D(f − fⱼ) + Rⱼ) (shrinking them lowers L: candidates for the `shrink` witness);
 * `weakest` is the neuron with the least ΔDⱼ/Rⱼ.
 */
export function removalTest(net: Network, data: Data, obj: Objective, f: Float64Array): { ok: boolean; weakest?: { neuron: number; dataRise: number; cost: number }; dead: number[]; low: number[] } {
  const { X, n, d, y } = data;
  const D0 = dataLossAt(obj, f, y);
  let weakest: { neuron: number; dataRise: number; cost: number } | undefined;
  const dead: number[] = [], low: number[] = [];
  let ok = true;
  const U = 2 ** -53;
  for (let j = 0; j < net.a.length; j++) {
    const w = net.W[j], a = net.a[j], cost = obj.neuronCost(w, a);
    if (!(cost > 0)) continue;
    const z = preActivations(data, w);
    let certainlyDead = a === 0;
    if (!certainlyDead) {
      certainlyDead = true;
      for (let k = 0; k < n && certainlyDead; k++) {
        let mag = 0;
        for (let i = 0; i < d; i++) mag += Math.abs(X[k * d + i] * w[i]);
        if (!(z[k] < -2 * (d + 2) * U * mag)) certainlyDead = false;
      }
    }
    let dataRise = 0;
    if (!certainlyDead) {
      const g = Float64Array.from(f);
      for (let k = 0; k < n; k++) if (z[k] > 0) g[k] -= (a * z[k]) / obj.kappa;
      const D1 = dataLossAt(obj, g, y);
      dataRise = D1 - D0;
      if (dataRise < cost - 1e-12 * (D0 + D1 + cost)) low.push(j);
      if (!(dataRise > 0.5 * cost)) ok = false;
    } else {
      dead.push(j);
      ok = false;
    }
    if (!weakest || dataRise / cost < weakest.dataRise / weakest.cost) weakest = { neuron: j, dataRise, cost };
  }
  return { ok, ...(weakest ? { weakest } : {}), dead, low };
}




/**
 * Rows on w's activation hyperplane: xₖ ≠ 0 and |xₖ·w| ≤ tol·‖xₖ‖·‖w‖ (every nonzero row when w = 0).
 * Declaring too many rows kinks only makes the local certificate more conservative (see verdict.ts).
 */
export function kinkRows(z: Float64Array, xn: Float64Array, wNorm: number, tol: number): number[] {
  const out: number[] = [];
  for (let k = 0; k < z.length; k++) if (xn[k] > 0 && Math.abs(z[k]) <= tol * xn[k] * wNorm) out.push(k);
  return out;
}

/**
 * min over β ∈ [0, hiₜ] (per column, or one bound for all) of ‖g + Σₜ βₜ·cₜ‖ by projected coordinate
 * descent; returns the minimizing vector g + Σ βₜcₜ and β. With hi = 1 this is the least-norm element
 * of a box of subgradients; with hi = ∞ the projection of g onto the cone {v : cₜ·v ≥ 0} (by Moreau,
 * g + Σβₜcₜ at the optimum).
 */
export function boundedLeastSquares(g: ArrayLike<number>, cols: ArrayLike<number>[], hi: number | ArrayLike<number>): { v: Float64Array; beta: Float64Array } {
  const v = Float64Array.from(g), q = cols.length;
  const beta = new Float64Array(q);
  if (q === 0) return { v, beta };
  const his = typeof hi === "number" ? Array.from({ length: q }, () => hi) : Array.from(hi);
  const cc = cols.map((c) => { let s = 0; for (let i = 0; i < c.length; i++) s += c[i] * c[i]; return s; });
  for (let sweep = 0; sweep < 5000; sweep++) {
    let moved = 0;
    for (let t = 0; t < q; t++) {
      if (!(cc[t] > 0)) continue;
      const c = cols[t];
      let dot = 0;
      for (let i = 0; i < v.length; i++) dot += v[i] * c[i];
      const nb = Math.min(his[t], Math.max(0, beta[t] - dot / cc[t]));
      const delta = nb - beta[t];
      if (delta !== 0) {
        for (let i = 0; i < v.length; i++) v[i] += delta * c[i];
        beta[t] = nb;
        moved = Math.max(moved, Math.abs(delta) * Math.sqrt(cc[t]));
      }
    }
    let vn = 0;
    for (let i = 0; i < v.length; i++) vn += v[i] * v[i];
    if (moved <= 1e-15 * (Math.sqrt(vn) + 1e-300)) break;
  }
  return { v, beta };
}

/** The Clarke analysis of a network: per-neuron least-norm subgradients and kink counts. */
export interface ClarkeResult {
  /** The least-norm element of the chain-rule superset of the Clarke subdifferential (plus the normal cone of ‖wⱼ‖ ≤ 1 for l1-unit), flat [wⱼ, aⱼ]ⱼ. */
  gradient: Float64Array;
  /** Its norm. */
  norm: number;
  /** Kinks counted (xₖ on an active neuron's hyperplane, aⱼ ≠ 0). */
  kinks: number;
}

/** ‖wⱼ‖ counts as on the unit sphere (the l1-unit constraint active) from 1 − SPHERE_TOL on. */
export const SPHERE_TOL = 1e-9;

/** d/daⱼ of λ|aⱼ| plus the data part t: λ·sign(a) + t, or at a = 0 the least-norm element of t + λ[−1, 1]. */
function l1Part(t: number, a: number, lambda: number): number {
  if (a !== 0) return t + lambda * Math.sign(a);
  return Math.sign(t) * Math.max(0, Math.abs(t) - lambda);
}

/**
 * The least-norm element g of {∇L with relu′(0) = βⱼₖ ∈ [0, 1] at every kink} (a convex set that
 * contains the Clarke subdifferential ∂L(θ)); for l1-unit, plus the normal cone {μwⱼ : μ ≥ 0} of
 * ‖wⱼ‖ ≤ 1 where the constraint is active, and λ·[−1, 1] for |aⱼ| at aⱼ = 0. If g ≠ 0, −g is a
 * (feasible: −g·wⱼ ≤ 0 on the sphere) first-order descent direction: L′(θ; −g) ≤ max over the set of
 * ⟨ξ, −g⟩ ≤ −‖g‖² (the least-norm element g = ξ* + μ*w of a convex set has ⟨ξ + μ*w, g⟩ ≥ ‖g‖² for
 * every ξ, and μ*⟨w, g⟩ = 0). 0 means first-order stationary (Clarke).
 */
export function clarke(net: Network, data: Data, obj: Objective, e: Float64Array, kinkTol: number): ClarkeResult {
  const { X, n, d } = data;
  const xn = rowNorms(data);
  const m = net.a.length, g = new Float64Array(m * (d + 1));
  let kinks = 0;
  const l1 = obj.regularizer === "l1-unit", reg = l1 ? 0 : 2 * obj.lambda, ik = 1 / obj.kappa;
  for (let j = 0; j < m; j++) {
    const w = net.W[j], a = net.a[j];
    const z = preActivations(data, w);
    const wn = Math.hypot(...w);
    let ta = 0;
    const gw = w.map((v) => reg * v);
    const cols: number[][] = [];
    const kinkSet = new Set(kinkRows(z, xn, wn, kinkTol));
    for (let k = 0; k < n; k++) {
      if (z[k] > 0) ta += ik * e[k] * z[k];
      if (kinkSet.has(k)) {
        if (a !== 0) cols.push(Array.from({ length: d }, (_, i) => ik * a * e[k] * X[k * d + i]));
      } else if (z[k] > 0) {
        for (let i = 0; i < d; i++) gw[i] += ik * a * e[k] * X[k * d + i];
      }
    }
    kinks += cols.length;
    const his = cols.map(() => 1);
    if (l1 && wn >= 1 - SPHERE_TOL) { cols.push([...w]); his.push(Infinity); }
    const { v } = boundedLeastSquares(gw, cols, his);
    g.set(v, j * (d + 1));
    g[j * (d + 1) + d] = l1 ? l1Part(ta, a, obj.lambda) : ta + reg * a;
  }
  let s = 0;
  for (let i = 0; i < g.length; i++) s += g[i] * g[i];
  return { gradient: g, norm: Math.sqrt(s), kinks };
}

/**
 * ∇L with relu′(0) = 0, flat [wⱼ, aⱼ]ⱼ; for l1-unit at aⱼ = 0 the least-norm element of the |a|
 * subdifferential, and on the sphere ‖wⱼ‖ = 1 the outward part of −∇_w removed (−result is feasible):
 * `clarke` with no row counted as a kink (kinkTol = −∞).
 */
export function smoothGradient(net: Network, data: Data, obj: Objective, e: Float64Array): Float64Array {
  return clarke(net, data, obj, e, -Infinity).gradient;
}

/**
 * The unit maximizer v of ⟨gv, v⟩ over the activation cone K_D = {v : (2Dₖ − 1)·xₖ·v ≥ 0} (rows xₖ ≠ 0),
 * and the maximum σ = ‖P_K(gv)‖ (0 and a zero vector when gv points out of the cone).
 */
export function coneMaximizer(data: Data, bits: ArrayLike<number>, gv: ArrayLike<number>): { v: Float64Array; sigma: number } {
  const { X, n, d } = data;
  const cols: number[][] = [];
  for (let k = 0; k < n; k++) {
    const row = Array.from(X.subarray(k * d, (k + 1) * d));
    if (!row.some((x) => x !== 0)) continue;
    const s = bits[k] ? 1 : -1;
    cols.push(row.map((x) => s * x));
  }
  const { v } = boundedLeastSquares(gv, cols, Infinity);
  const norm = Math.hypot(...v);
  if (!(norm > 0)) return { v: new Float64Array(d), sigma: 0 };
  for (let i = 0; i < d; i++) v[i] /= norm;
  let sigma = 0;
  for (let i = 0; i < d; i++) sigma += gv[i] * v[i];
  return { v, sigma };
}

/** ‖θ‖ of a network. */
export function networkNorm(net: Network): number {
  let s = 0;
  for (const w of net.W) for (const v of w) s += v * v;
  for (const v of net.a) s += v * v;
  return Math.sqrt(s);
}
