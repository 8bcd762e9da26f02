// One training run of the scaled model for the phase diagram (Luo, Xu, Ma, Zhang, JMLR 2021):
//   f(x) = (1/κ)·Σⱼ aⱼ·relu(wⱼ·x),  κ = m^{γ_κ},  aⱼ ~ N(0, β₁²),  wⱼ ~ N(0, β₂²·I),
//   β₁ = m^{−γ₁}, β₂ = m^{−γ₂},  λ = m^{−γ_λ} (or 0),
// trained by full-batch GD with the halve-on-rise schedule from lr₀ = 1/(trace of the Gauss–Newton
// Hessian at init + 2λ), recording RD(t) = ‖W(t) − W(0)‖_F / ‖W(0)‖_F (input weights, bias column
// included). RD is sampled at every epoch up to 32, then at log-spaced epochs (×1.25) and at least
// every `checkEvery` epochs: sup RD is the maximum over those samples (a lower bound on the true sup,
// which for these monotone-in-practice curves is within the change over one check interval).
import type { Data } from "../../api/data.js";
import { Trainer } from "../../api/train.js";
import type { CoreExports } from "../../core/loader.js";
import { Rng } from "../../core/rng.js";

/** Exponents of one grid point (Luo et al.'s γ = γ₁ + γ₂ + γ_κ, γ′ = γ₁ − γ₂). */
export interface PhaseExponents {
  gamma1: number;
  gamma2: number;
  gammaKappa: number;
  /** λ = m^{−γ_λ}; null for no weight decay. */
  gammaLambda: number | null;
}

export interface PhaseRunOptions {
  /** Stop when the data loss is below this (no decay). @default 1e-4 */
  lossTarget?: number;
  /** Maximum GD epochs. @default 20000 */
  maxEpochs?: number;
  /** Stop (stalled or, with decay, converged) when L improves by less than this relative amount over 1000 epochs. @default 1e-7 */
  plateauTol?: number;
  /** RD is sampled at least every this many epochs. @default 100 */
  checkEvery?: number;
}

export interface PhaseRunResult {
  m: number;
  kappa: number;
  beta1: number;
  beta2: number;
  lambda: number;
  supRD: number;
  finalRD: number;
  /** ‖θ(0)‖ and ‖θ(T)‖ (all parameters). */
  initNorm: number;
  finalNorm: number;
  epochs: number;
  dataLoss: number;
  loss: number;
  /** No decay: the data loss reached the target; with decay: L reached a plateau (not the epoch cap). */
  converged: boolean;
  /** How the run ended: target (no decay), plateau (decay: converged; no decay: stalled above the target), maxEpochs, diverged. */
  stop: "target" | "plateau" | "maxEpochs" | "diverged";
  lr0: number;
  lrEnd: number;
  seconds: number;
}

/** Draws the scaled initialization: W (m rows of d, row by row) then a, from one Rng(seed). */
export function scaledInit(core: CoreExports, m: number, d: number, beta1: number, beta2: number, seed: number): { W: number[][]; a: number[] } {
  const rng = new Rng(core, seed);
  const w = rng.normal(m * d, beta2), a = rng.normal(m, beta1);
  rng.dispose();
  const W: number[][] = [];
  for (let j = 0; j < m; j++) W.push(Array.from(w.subarray(j * d, (j + 1) * d)));
  return { W, a: Array.from(a) };
}

/** Trace of the Gauss–Newton Hessian (2/n)·Σₖ ‖∇_θ f(xₖ)‖² at a network. */
export function gaussNewtonTrace(data: Data, W: number[][], a: number[], kappa: number): number {
  const { X, n, d } = data;
  let s = 0;
  for (let k = 0; k < n; k++) {
    let xx = 0;
    for (let i = 0; i < d; i++) xx += X[k * d + i] ** 2;
    for (let j = 0; j < a.length; j++) {
      let z = 0;
      for (let i = 0; i < d; i++) z += W[j][i] * X[k * d + i];
      if (z > 0) s += z * z + a[j] * a[j] * xx;
    }
  }
  return (2 * s) / (n * kappa * kappa);
}

/** (1/n)·Σ (f(xₖ) − yₖ)² computed here (Trainer.state() also counts activation patterns: slow at large m). */
function dataLossOf(data: Data, W: number[][], a: number[], kappa: number): number {
  const { X, y, n, d } = data;
  let s = 0;
  for (let k = 0; k < n; k++) {
    let f = 0;
    for (let j = 0; j < a.length; j++) {
      let z = 0;
      for (let i = 0; i < d; i++) z += W[j][i] * X[k * d + i];
      if (z > 0) f += a[j] * z;
    }
    s += (f / kappa - y[k]) ** 2;
  }
  return s / n;
}

function frob(W: number[][]): number {
  let s = 0;
  for (const w of W) for (const v of w) s += v * v;
  return s;
}

/**
 * m^g as exp(g·ln m): JavaScript's `**` (Math.pow) differs by an ulp between V8 versions (Node and
 * Chromium disagree on about 10% of non-integer powers), while exp and log agree — the same numbers
 * in Node and the browser need this.
 */
export const powOf = (m: number, g: number): number => (g === 0 ? 1 : Math.exp(g * Math.log(m)));

/** Trains one width m at one grid point and returns sup_t RD(t) and the run's summary. */
export async function phaseRun(core: CoreExports, data: Data, ex: PhaseExponents, m: number, seed: number, options: PhaseRunOptions = {}): Promise<PhaseRunResult> {
  const lossTarget = options.lossTarget ?? 1e-4, maxEpochs = options.maxEpochs ?? 20_000;
  const plateauTol = options.plateauTol ?? 1e-7, checkEvery = options.checkEvery ?? 100;
  const kappa = powOf(m, ex.gammaKappa), beta1 = powOf(m, -ex.gamma1), beta2 = powOf(m, -ex.gamma2);
  const lambda = ex.gammaLambda === null ? 0 : powOf(m, -ex.gammaLambda);
  const init = scaledInit(core, m, data.d, beta1, beta2, seed);
  const lr0 = 1 / (gaussNewtonTrace(data, init.W, init.a, kappa) + 2 * lambda);
  const X = Array.from({ length: data.n }, (_, k) => Array.from(data.X.subarray(k * data.d, (k + 1) * data.d)));
  const decay = lambda > 0;
  const t = await Trainer.create(
    { X, y: Array.from(data.y), lambda, init },
    { kappa, lr: Math.min(lr0, 1e12), lrSchedule: "halve-on-rise", maxEpochs, gradTol: 0, lossTol: plateauTol, lossWindow: 1000 },
    core,
  );
  const t0 = performance.now();
  const W0 = init.W;
  const w0 = Math.sqrt(frob(W0));
  const rd = (W: number[][]) => {
    let s = 0;
    for (let j = 0; j < m; j++) for (let i = 0; i < data.d; i++) s += (W[j][i] - W0[j][i]) ** 2;
    return Math.sqrt(s) / w0;
  };
  let supRD = 0, finalRD = 0, converged = false;
  let how: PhaseRunResult["stop"] = "maxEpochs";
  let next = 1;
  try {
    for (;;) {
      const stop = t.advance(next - t.epoch);
      const p = t.params();
      finalRD = rd(p.W);
      supRD = Math.max(supRD, finalRD);
      if (!decay && dataLossOf(data, p.W, p.a, kappa) <= lossTarget) {
        converged = true;
        how = "target";
        break;
      }
      if (stop) {
        how = stop === "plateau" || stop === "gradTol" ? "plateau" : stop === "diverged" ? "diverged" : "maxEpochs";
        converged = decay && how === "plateau";
        break;
      }
      const e = t.epoch;
      next = e < 32 ? e + 1 : Math.min(Math.max(e + 1, Math.ceil(e * 1.25)), e + checkEvery);
    }
    const s = t.state(), p = t.params();
    return {
      m, kappa, beta1, beta2, lambda, supRD, finalRD,
      initNorm: Math.sqrt(frob(W0) + init.a.reduce((u, v) => u + v * v, 0)),
      finalNorm: Math.sqrt(frob(p.W) + p.a.reduce((u, v) => u + v * v, 0)),
      epochs: s.epoch, dataLoss: s.dataLoss, loss: s.loss, converged, stop: how, lr0, lrEnd: s.lr,
      seconds: (performance.now() - t0) / 1000,
    };
  } finally {
    t.dispose();
  }
}
