// The step the initialization-scale and orthogonal experiments share: train a network with GD, then
// polish it to the exact best network of its activation cone and certify it against the global
// optimum, so the verdict does not depend on GD's chatter around ReLU kinks.
import type { Data } from "../api/data.js";
import { Trainer, type TrainResult } from "../api/train.js";
import type { TrainOptions } from "../api/train-options.js";
import { polish, type PolishResult } from "../api/convex.js";

/**
 * Stationarity tolerance (on ‖∇L‖, with the best relu'(0) ∈ [0, 1] at kinks) for networks rebuilt
 * from convex solutions. The solver stops at a relative duality gap of 1e-9, which leaves ‖∇L‖ of
 * truly stationary rebuilt networks up to about 5e-6 in our runs (cones n = 4, 6; d = 8, 10), while the
 * non-stationary ones start near 1e-4: 2e-5 separates the two clusters. (certify's own default,
 * 1e-6, cuts through the first cluster and would call many spurious minima "not stationary".)
 */
export const EXPERIMENT_STAT_TOL = 2e-5;

export interface TrainPolishResult {
  trained: TrainResult;
  polished: PolishResult;
  /** L of the polished network − P*. */
  gap: number;
  /** `global` when gap ≤ tol·P*, else the polished network's certificate verdict. */
  verdict: string;
}

export async function trainAndPolish(
  data: Data,
  lambda: number,
  train: TrainOptions,
  optimum: { value: number; lowerBound: number },
  tol: number,
  statTol = EXPERIMENT_STAT_TOL,
): Promise<TrainPolishResult> {
  const t = await Trainer.create({ data, lambda, bias: false, train: {} }, { traceGrowth: 4, ...train });
  let trained: TrainResult;
  try {
    t.advance();
    trained = t.result();
  } finally {
    t.dispose();
  }
  const polished = await polish(data, lambda, { W: trained.W, a: trained.a }, { lowerBound: optimum.lowerBound, gradTol: statTol });
  const gap = polished.loss - optimum.value;
  return { trained, polished, gap, verdict: gap <= tol * Math.abs(optimum.value) ? "global" : polished.verdict };
}
