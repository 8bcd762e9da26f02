// Closed-form global optima of the scaled two-layer ReLU model in one dimension, no bias:
//   f(x) = (1/κ)·Σⱼ aⱼ·relu(wⱼ·x) = (1/κ)·(A·relu(x) + B·relu(−x)),
//   A = Σⱼ aⱼ·relu(wⱼ),  B = Σⱼ aⱼ·relu(−wⱼ)   (neurons with wⱼ > 0 feed A, wⱼ < 0 feed B),
//   L(θ) = (1/n)·Σₖ (f(xₖ) − yₖ)² + λ·(‖W‖² + ‖a‖²).
// Each side of 0 is a separate 1-D problem. With P = Σ_{side} x², Q = Σ_{side} |x|·y (x > 0 for A, x < 0
// for B; points at x = 0 always have f = 0):
//   λ = 0: A* = κ·Q/P (least squares on that side).
//   λ > 0: for fixed A the penalty is minimized by balanced neurons (λ(w² + a²) ≥ 2λ|a·w|, equality iff
//          |aⱼ| = |wⱼ| with every aⱼwⱼ of the sign of A), so the side reduces to
//          min_A (1/n)·Σ (A·|x|/κ − y)² + 2λ|A|, whose solution is the soft threshold
//          A* = (κ/P)·sign(Q)·max(|Q| − n·λ·κ, 0)   (collapse of the side iff |Q| ≤ n·λ·κ).
//   (In terms of the slope s = A/κ the penalty is 2λκ|s|: κ multiplies the effective regularization.)
import type { Data } from "./data.js";
import { InputError } from "./errors.js";
import type { Network } from "./network.js";

/** One side (x > 0 → A, x < 0 → B) of the 1-D problem. */
export interface Side1d {
  /** Samples on this side. */
  points: number;
  /** P = Σ x² over the side. */
  sxx: number;
  /** Q = Σ |x|·y over the side. */
  sxy: number;
  /** The optimal coefficient (A* or B*): the network's Σ aⱼ·relu(±wⱼ) on this side. */
  coef: number;
  /** The optimal slope coef/κ of f on this side (f = slope·|x|). */
  slope: number;
  /** No data on this side: with λ = 0 any coefficient is optimal (coef = 0 is the minimum-norm choice). */
  free: boolean;
  /** λ > 0 and |Q| ≤ n·λ·κ: the side's optimal coefficient is 0. */
  collapsed: boolean;
  /** The collapse threshold n·λ·κ that |Q| is compared with (0 when λ = 0). */
  threshold: number;
}

/** The global optimum of the 1-D scaled model over all widths. */
export interface Optimum1d {
  kappa: number;
  lambda: number;
  n: number;
  /** Σ aⱼ·relu(wⱼ) at an optimum. */
  A: number;
  /** Σ aⱼ·relu(−wⱼ) at an optimum. */
  B: number;
  pos: Side1d;
  neg: Side1d;
  /** (1/n)·Σ (f − y)² at the optimum. */
  dataLoss: number;
  /** The optimal L: dataLoss + 2λ(|A| + |B|) (with λ = 0, the data loss). */
  loss: number;
  /** Minimum of ‖θ‖² = ‖W‖² + ‖a‖² over the optimal set: 2(|A| + |B|) (with λ > 0 every optimum has it). */
  normSq: number;
  /** λ > 0 and both sides collapsed: the zero network is the only optimum. */
  collapsed: boolean;
  /** Number of sides whose optimal coefficient is non-zero (the minimum width reaching the optimum). */
  minWidth: number;
  /** A sentence describing the optimal set. */
  description: string;
}

function checkData(data: Data): void {
  if (data.d !== 1) throw new InputError("X", `has d = ${data.d} columns (bias included); the 1-D closed form needs d = 1 and no bias`);
}

function side(data: Data, sign: 1 | -1, lambda: number, kappa: number): Side1d {
  let points = 0, sxx = 0, sxy = 0;
  for (let k = 0; k < data.n; k++) {
    const x = data.X[k] * sign;
    if (x > 0) {
      points++;
      sxx += x * x;
      sxy += x * data.y[k];
    }
  }
  // Σx² and Σ|x|·y are reported and used: beyond f64's range the closed form cannot be evaluated
  if (!Number.isFinite(sxx)) throw new InputError("X", `has Σx² = ${sxx} on the side x ${sign > 0 ? ">" : "<"} 0 (|x| up to ${maxAbs(data.X)}): beyond f64's range, rescale the inputs`);
  if (!Number.isFinite(sxy)) throw new InputError("y", `gives Σ|x|·y = ${sxy} on the side x ${sign > 0 ? ">" : "<"} 0: beyond f64's range, rescale the inputs or targets`);
  const threshold = data.n * lambda * kappa;
  const free = points === 0;
  let coef = 0;
  if (!free) {
    const shrunk = Math.max(Math.abs(sxy) - threshold, 0);
    coef = shrunk > 0 ? (kappa / sxx) * Math.sign(sxy) * shrunk : 0;
  }
  const collapsed = lambda > 0 && Math.abs(sxy) <= threshold;
  return { points, sxx, sxy, coef, slope: coef / kappa, free, collapsed, threshold };
}

function maxAbs(v: ArrayLike<number>): number {
  let m = 0;
  for (let i = 0; i < v.length; i++) m = Math.max(m, Math.abs(v[i]));
  return m;
}

/** The 1-D network function f(x) = (1/κ)(A relu(x) + B relu(−x)). */
export function f1d(A: number, B: number, kappa: number, x: number): number {
  return (A * Math.max(x, 0) + B * Math.max(-x, 0)) / kappa;
}

/** A and B of a network (d = 1): A = Σ aⱼ relu(wⱼ), B = Σ aⱼ relu(−wⱼ). */
export function sidesOf(net: Network): { A: number; B: number } {
  let A = 0, B = 0;
  for (let j = 0; j < net.a.length; j++) {
    const w = net.W[j][0];
    if (w > 0) A += net.a[j] * w;
    else if (w < 0) B -= net.a[j] * w;
  }
  return { A, B };
}

/** The closed-form global optimum (over all widths) of the 1-D scaled model with weight decay λ ≥ 0. */
export function optimum1d(data: Data, lambda: number, kappa = 1): Optimum1d {
  checkData(data);
  if (!(kappa > 0) || !Number.isFinite(kappa)) throw new InputError("train.kappa", "must be a finite number > 0");
  if (!(lambda >= 0) || !Number.isFinite(lambda)) throw new InputError("lambda", "must be a finite number ≥ 0");
  const pos = side(data, 1, lambda, kappa), neg = side(data, -1, lambda, kappa);
  const A = pos.coef, B = neg.coef;
  let sq = 0;
  for (let k = 0; k < data.n; k++) {
    const e = f1d(A, B, kappa, data.X[k]) - data.y[k];
    sq += e * e;
  }
  const dataLoss = sq / data.n;
  const normSq = 2 * (Math.abs(A) + Math.abs(B));
  const loss = dataLoss + lambda * normSq;
  const minWidth = (A !== 0 ? 1 : 0) + (B !== 0 ? 1 : 0);
  const collapsed = lambda > 0 && A === 0 && B === 0;
  for (const [name, v] of [["the optimal data loss", dataLoss], ["the optimal L", loss], ["A*", A], ["B*", B]] as const) {
    if (!Number.isFinite(v)) throw new InputError("y", `gives ${name} = ${v}: beyond f64's range, rescale the inputs or targets`);
  }
  return { kappa, lambda, n: data.n, A, B, pos, neg, dataLoss, loss, normSq, collapsed, minWidth, description: describe(lambda, kappa, pos, neg, collapsed) };
}

function describe(lambda: number, kappa: number, pos: Side1d, neg: Side1d, collapsed: boolean): string {
  if (lambda === 0) {
    const eqs = [pos, neg].filter((s) => !s.free).length;
    const parts = [
      pos.free ? "A = Σ aⱼ relu(wⱼ) is free (no data with x > 0)" : `Σ aⱼ relu(wⱼ) = ${pos.coef}`,
      neg.free ? "B = Σ aⱼ relu(−wⱼ) is free (no data with x < 0)" : `Σ aⱼ relu(−wⱼ) = ${neg.coef}`,
    ];
    return `λ = 0: every θ with ${parts.join(" and ")}; a set of dimension 2m − ${eqs} (κ = ${kappa}), unbounded; its minimum norm ‖θ‖² is 2(|A|+|B|).`;
  }
  if (collapsed) return `λ > 0 and |Σ x·y| ≤ n·λ·κ on both sides: the zero network is the only global optimum.`;
  const sideText = (s: Side1d, name: string, wsign: string) =>
    s.coef === 0
      ? `no neuron with ${wsign}`
      : `neurons with ${wsign} have aⱼ = ${s.coef > 0 ? "+" : "−"}|wⱼ| and Σ wⱼ² = |${name}| = ${Math.abs(s.coef)}`;
  const k = (pos.coef !== 0 ? 1 : 0) + (neg.coef !== 0 ? 1 : 0);
  return `λ > 0: balanced optima: ${sideText(pos, "A", "wⱼ > 0")}; ${sideText(neg, "B", "wⱼ < 0")}; every other neuron is zero. Dimension m − ${k} for width m ≥ ${k}; ‖θ‖² = 2(|A|+|B|).`;
}

/** Dimension of the optimal set among width-m networks (−1 when width m cannot reach the optimum). */
export function optimalSetDimension(opt: Optimum1d, m: number): number {
  if (m < opt.minWidth) return -1;
  if (opt.lambda === 0) return 2 * m - (opt.pos.free ? 0 : 1) - (opt.neg.free ? 0 : 1);
  if (opt.collapsed) return 0;
  return m - opt.minWidth;
}
