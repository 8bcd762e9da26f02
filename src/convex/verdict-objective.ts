// What the verdicts need from the objective, and the small dense computations on a network they
// share: predictions, the derivative of the data loss eₖ = ∂ℓ/∂fₖ, kinks (data points on a neuron's
// activation hyperplane), the Clarke subdifferential's least-norm element (a first-order descent
// direction when it is not 0), and projections onto an activation cone.
//
// The local analysis (verdict.ts) is written against `Objective`: the loss enters only through e
// (and the dual bound of its convex program), the regularizer through the threshold a neuron's dual
// value σ is compared with (2λ for λ(‖w‖² + a²) ≥ 2λ|a|‖w‖; λ for λ|a| with ‖w‖ ≤ 1). The squared
// loss with ℓ2 decay is certified today; other settings report why they are not (`unsupported`).
import type { Data } from "../api/data.js";
import type { Network } from "../api/network.js";

/** The training loss (as in TrainOptions and the convex program's settings). */
export type VerdictLoss = "squared" | "logistic";
/** The regularizer: λ(‖W‖² + ‖a‖²), or λ‖a‖₁ with every ‖wⱼ‖ ≤ 1. */
export type VerdictRegularizer = "l2" | "l1-unit";

/** The objective's settings (the same fields as the convex program's settings). */
export interface ObjectiveSettings {
  lambda: number;
  /** @default "squared" */
  loss?: VerdictLoss;
  /** @default "l2" */
  regularizer?: VerdictRegularizer;
  /** Output scaling κ: f = (1/κ)Σ aⱼ relu(wⱼ·x). @default 1 */
  kappa?: number;
}

/** The objective L = (1/n)Σ ℓ(fₖ, yₖ) + R(θ), as the verdicts use it. */
export interface Objective {
  readonly lambda: number;
  readonly loss: VerdictLoss;
  readonly regularizer: VerdictRegularizer;
  /**
   * The dual threshold: a neuron (εu, ±ε) grown in pattern D changes L by ε²(threshold − σ_D(r)) at
   * leading order, and the program's dual feasible set is σ_D(r) ≤ threshold. 2λ for ℓ2, λ for ℓ1-unit.
   */
  readonly threshold: number;
  /** eₖ = ∂(data loss)/∂fₖ = ℓ′(fₖ, yₖ)/n. The dual point is r = −e. */
  dataGradient(f: Float64Array, y: Float64Array): Float64Array;
  /** Why local certificates are not available for this objective (undefined when they are). */
  readonly unsupported?: string;
}

/** The objective of the given settings. */
export function objective(s: ObjectiveSettings): Objective {
  const loss = s.loss ?? "squared", regularizer = s.regularizer ?? "l2", lambda = s.lambda;
  const dataGradient = (f: Float64Array, y: Float64Array): Float64Array => {
    const n = f.length, e = new Float64Array(n);
    for (let k = 0; k < n; k++) {
      e[k] = loss === "logistic" ? -y[k] / (1 + Math.exp(y[k] * f[k])) / n : (2 / n) * (f[k] - y[k]);
    }
    return e;
  };
  const kappa = s.kappa ?? 1;
  const unsupported = loss === "squared" && regularizer === "l2" && kappa === 1
    ? undefined
    : `local certificates are implemented for the squared loss with ℓ2 decay and κ = 1; ${loss} loss with ${regularizer} regularizer${kappa !== 1 ? ` and κ = ${kappa}` : ""} is not certified yet`;
  return { lambda, loss, regularizer, threshold: regularizer === "l1-unit" ? lambda : 2 * lambda, dataGradient, unsupported };
}

/** Predictions f(xₖ) = Σⱼ aⱼ·relu(wⱼ·xₖ). */
export function predict(net: Network, data: Data): Float64Array {
  const { X, n, d } = data;
  const f = new Float64Array(n);
  for (let j = 0; j < net.a.length; j++) {
    const w = net.W[j];
    for (let k = 0; k < n; k++) {
      let z = 0;
      for (let i = 0; i < d; i++) z += X[k * d + i] * w[i];
      if (z > 0) f[k] += net.a[j] * z;
    }
  }
  return f;
}

/** ‖xₖ‖ for every row. */
export function rowNorms(data: Data): Float64Array {
  const { X, n, d } = data;
  const out = new Float64Array(n);
  for (let k = 0; k < n; k++) {
    let s = 0;
    for (let i = 0; i < d; i++) s += X[k * d + i] ** 2;
    out[k] = Math.sqrt(s);
  }
  return out;
}

/** zₖ = xₖ·w for every row. */
export function preActivations(data: Data, w: ArrayLike<number>): Float64Array {
  const { X, n, d } = data;
  const z = new Float64Array(n);
  for (let k = 0; k < n; k++) {
    let s = 0;
    for (let i = 0; i < d; i++) s += X[k * d + i] * w[i];
    z[k] = s;
  }
  return z;
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
 * min over β ∈ [0, hi]^q of ‖g + Σₖ βₖ·cₖ‖ by projected coordinate descent; returns the minimizing
 * vector g + Σ βₖcₖ and β. With hi = 1 this is the least-norm element of a box of subgradients; with
 * hi = ∞ the projection of g onto the cone {v : cₖ·v ≥ 0} (by Moreau, g + Σβₖcₖ at the optimum).
 */
export function boundedLeastSquares(g: ArrayLike<number>, cols: ArrayLike<number>[], hi: number): { v: Float64Array; beta: Float64Array } {
  const v = Float64Array.from(g), q = cols.length;
  const beta = new Float64Array(q);
  if (q === 0) return { v, beta };
  const cc = cols.map((c) => { let s = 0; for (let i = 0; i < c.length; i++) s += c[i] * c[i]; return s; });
  for (let sweep = 0; sweep < 5000; sweep++) {
    let moved = 0;
    for (let t = 0; t < q; t++) {
      if (!(cc[t] > 0)) continue;
      const c = cols[t];
      let dot = 0;
      for (let i = 0; i < v.length; i++) dot += v[i] * c[i];
      const nb = Math.min(hi, Math.max(0, beta[t] - dot / cc[t]));
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
  /** The least-norm element of the chain-rule superset of the Clarke subdifferential, flat [wⱼ, aⱼ]ⱼ. */
  gradient: Float64Array;
  /** Its norm. */
  norm: number;
  /** Kinks counted (xₖ on an active neuron's hyperplane, aⱼ ≠ 0). */
  kinks: number;
}

/**
 * The least-norm element g of {∇L with relu′(0) = βⱼₖ ∈ [0, 1] at every kink}, a convex set that
 * contains the Clarke subdifferential ∂L(θ) (ℓ2 decay). If g ≠ 0, −g is a first-order descent
 * direction: L′(θ; −g) ≤ max over that set of ⟨ξ, −g⟩ ≤ −‖g‖² (the least-norm element of a convex set
 * has ⟨ξ, g⟩ ≥ ‖g‖² for every ξ in it).
 */
export function clarke(net: Network, data: Data, obj: Objective, e: Float64Array, kinkTol: number): ClarkeResult {
  const { X, n, d } = data;
  const xn = rowNorms(data);
  const m = net.a.length, g = new Float64Array(m * (d + 1));
  let kinks = 0;
  const reg = obj.regularizer === "l1-unit" ? 0 : 2 * obj.lambda;
  for (let j = 0; j < m; j++) {
    const w = net.W[j], a = net.a[j];
    const z = preActivations(data, w);
    const wn = Math.hypot(...w);
    let ga = reg * a;
    const gw = w.map((v) => reg * v);
    const cols: number[][] = [];
    const kinkSet = new Set(kinkRows(z, xn, wn, kinkTol));
    for (let k = 0; k < n; k++) {
      if (z[k] > 0) ga += e[k] * z[k];
      if (kinkSet.has(k)) {
        if (a !== 0) cols.push(Array.from({ length: d }, (_, i) => a * e[k] * X[k * d + i]));
      } else if (z[k] > 0) {
        for (let i = 0; i < d; i++) gw[i] += a * e[k] * X[k * d + i];
      }
    }
    kinks += cols.length;
    const { v } = boundedLeastSquares(gw, cols, 1);
    g.set(v, j * (d + 1));
    g[j * (d + 1) + d] = ga;
  }
  let s = 0;
  for (let i = 0; i < g.length; i++) s += g[i] * g[i];
  return { gradient: g, norm: Math.sqrt(s), kinks };
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
