// Certificates for any network: its loss L, a certified lower bound on the global optimum (the
// network's own scaled residual as a dual point, and the global solver's bound), the gap, and a
// verdict — `global` (gap within tolerance), `spurious-local-minimum` (stationary: ∇ₐL = 0 and some
// choice of relu'(0) ∈ [0, 1] at the kinks makes ∇_W L = 0, within tolerance — but not global) or
// `not-stationary`.
import { type CoreExports, getCore } from "../core/loader.js";
import type { Data } from "../api/data.js";
import { InputError } from "../api/errors.js";
import { type Network, toNetwork } from "../api/network.js";
import type { Problem, ProblemInput } from "../api/problem.js";
import { certifiedBound, globalOptimum, networkDualPoint, networkLoss, type OptimumOptions, resolveInput } from "./optimum.js";
import type { ProgramSettings } from "./settings.js";

export type Verdict = "global" | "spurious-local-minimum" | "not-stationary";

/** Tolerances and settings of certify. */
export interface CertifyOptions extends OptimumOptions {
  /** `global` when (L − lowerBound)/|L| ≤ gapTol. @default 1e-6 */
  gapTol?: number;
  /**
   * Stationary when ‖∇L‖ (with the best relu'(0) ∈ [0,1] at kinks) ≤ gradTol. Networks rebuilt from
   * convex solutions (relative gap 1e-9) that are truly stationary measure up to about 5e-6, while
   * non-stationary ones start near 1e-4 (measured on the cones experiment's cone optima): the default
   * sits between. @default 2e-5
   */
  gradTol?: number;
  /** xₖ·wⱼ counts as a kink when |xₖ·wⱼ| ≤ kinkTol·‖xₖ‖·‖wⱼ‖. @default 1e-7 */
  kinkTol?: number;
  /** Also solve the global program for the best lower bound (else only the network's own residual bound). @default true */
  solve?: boolean;
  /** A certified lower bound on the global optimum already known (e.g. globalOptimum(...).lowerBound): used instead of solving. @default none */
  lowerBound?: number;
}

export const CERTIFY_DEFAULTS = { gapTol: 1e-6, gradTol: 2e-5, kinkTol: 1e-7, solve: true } as const;

export interface Certificate {
  /** L of the network (evaluateNetwork). */
  loss: number;
  /** The best certified lower bound on the global optimum. */
  lowerBound: number;
  /** loss − lowerBound (≥ 0 up to rounding). */
  gap: number;
  /** gap / |loss|. */
  relativeGap: number;
  verdict: Verdict;
  /** The lower bound from the network's own residual, scaled into the dual feasible set. */
  residualBound: number;
  /** The global optimum's value, when solved. */
  optimum?: number;
  /** ‖∇L‖ with the best relu'(0) ∈ [0, 1] at the kinks (the stationarity measure). */
  stationarity: number;
  /** Kinks (xₖ·wⱼ ≈ 0 on active neurons) the stationarity test could choose relu'(0) at. */
  kinks: number;
}

function resolveCertifyOptions(o: CertifyOptions) {
  const r = { ...CERTIFY_DEFAULTS, ...o };
  for (const k of ["gapTol", "gradTol", "kinkTol"] as const) {
    if (!(r[k] >= 0 && Number.isFinite(r[k]))) throw new InputError(k, `is ${r[k]}: give a tolerance ≥ 0`);
  }
  return r;
}

/** Predictions f(xₖ) of a network on data (for its residual). */
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

/** min over β ∈ [0,1]^q of ‖g + Σ βₖcₖ‖ (projected coordinate descent; q is the number of kinks). */
function boxLeastSquares(g: number[], cols: number[][]): number {
  const q = cols.length;
  const v = [...g];
  if (q === 0) return Math.hypot(...v);
  const beta = new Array<number>(q).fill(0);
  const cc = cols.map((c) => c.reduce((s, x) => s + x * x, 0));
  for (let sweep = 0; sweep < 2000; sweep++) {
    let moved = 0;
    for (let t = 0; t < q; t++) {
      if (!(cc[t] > 0)) continue;
      const c = cols[t];
      let dot = 0;
      for (let i = 0; i < v.length; i++) dot += v[i] * c[i];
      const nb = Math.min(1, Math.max(0, beta[t] - dot / cc[t]));
      const delta = nb - beta[t];
      if (delta !== 0) {
        for (let i = 0; i < v.length; i++) v[i] += delta * c[i];
        beta[t] = nb;
        moved = Math.max(moved, Math.abs(delta));
      }
    }
    if (moved < 1e-15) break;
  }
  return Math.hypot(...v);
}

/**
 * The stationarity measure of a network: ‖∇L‖ where relu'(0) may be chosen in [0, 1] at every kink
 * (|xₖ·wⱼ| ≤ kinkTol·‖xₖ‖·‖wⱼ‖), minimized per neuron by a small box-constrained least squares.
 */
export function stationarity(net: Network, data: Data, lambda: number, kinkTol: number): { norm: number; kinks: number } {
  const { X, n, d } = data;
  const f = predict(net, data);
  const e = Array.from(f, (v, k) => (2 / n) * (v - data.y[k]));
  const xn = Array.from({ length: n }, (_, k) => Math.hypot(...X.subarray(k * d, (k + 1) * d)));
  let sq = 0, kinks = 0;
  for (let j = 0; j < net.a.length; j++) {
    const w = net.W[j], a = net.a[j];
    const wn = Math.hypot(...w);
    let ga = 2 * lambda * a;
    const gw = w.map((v) => 2 * lambda * v);
    const cols: number[][] = [];
    for (let k = 0; k < n; k++) {
      let z = 0;
      for (let i = 0; i < d; i++) z += X[k * d + i] * w[i];
      if (z > 0) ga += e[k] * z;
      if (Math.abs(z) <= kinkTol * xn[k] * wn && a !== 0 && xn[k] > 0) {
        cols.push(Array.from({ length: d }, (_, i) => a * e[k] * X[k * d + i]));
      } else if (z > 0) {
        for (let i = 0; i < d; i++) gw[i] += a * e[k] * X[k * d + i];
      }
    }
    kinks += cols.length;
    const r = boxLeastSquares(gw, cols);
    sq += ga * ga + r * r;
  }
  return { norm: Math.sqrt(sq), kinks };
}

/** Certifies a network: loss, certified lower bound on the global optimum, gap and verdict. */
export async function certify(input: Data | Problem | ProblemInput, lambda: number | ProgramSettings | undefined, network: Network, opts: CertifyOptions = {}): Promise<Certificate> {
  const { data, lambda: lam, settings } = resolveInput(input, lambda, opts);
  const o = resolveCertifyOptions(opts);
  const core: CoreExports = opts.core ?? (await getCore());
  const net = toNetwork(network, data.d);
  const loss = await networkLoss(net, data, settings);
  // the network's own residual, scaled into the dual feasible set (verified: certifiedBound)
  const r = networkDualPoint(data, settings, predict(net, data));
  const residualBound = (await certifiedBound(data, settings, r, { maxPatterns: o.maxPatterns, core })).bound;
  let lowerBound = Math.min(residualBound, loss);
  let optimum: number | undefined;
  const rel = (lb: number) => (loss !== 0 ? (loss - lb) / Math.abs(loss) : loss - lb);
  if (o.lowerBound !== undefined) {
    if (!Number.isFinite(o.lowerBound)) throw new InputError("lowerBound", `is ${o.lowerBound}: give a finite certified lower bound`);
    lowerBound = Math.max(lowerBound, Math.min(o.lowerBound, loss));
  }
  if (o.solve && o.lowerBound === undefined && rel(lowerBound) > o.gapTol) {
    const g = await globalOptimum(data, settings, { ...opts, core });
    optimum = g.value;
    lowerBound = Math.max(lowerBound, Math.min(g.lowerBound, loss));
  }
  const st = stationarity(net, data, lam, o.kinkTol);
  const relativeGap = rel(lowerBound);
  const verdict: Verdict = relativeGap <= o.gapTol ? "global" : st.norm <= o.gradTol ? "spurious-local-minimum" : "not-stationary";
  return { loss, lowerBound, gap: loss - lowerBound, relativeGap, verdict, residualBound, optimum, stationarity: st.norm, kinks: st.kinks };
}
