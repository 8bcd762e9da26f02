// The step the initialization-scale and orthogonal experiments share: train a network with GD, then
// polish it to the exact best network of its activation cone and certify it against the global
// optimum, so the verdict does not depend on GD's chatter around ReLU kinks.
import type { Data } from "../../api/data.js";
import { Trainer, type TrainResult } from "../../api/train.js";
import type { TrainOptions } from "../../api/train-options.js";
import { polish, type PolishResult } from "../../convex/polish.js";
import { CERTIFY_DEFAULTS } from "../../convex/certify.js";

/** Stationarity tolerance of the experiments' verdicts: certify's default (see CertifyOptions.gradTol). */
export const EXPERIMENT_STAT_TOL = CERTIFY_DEFAULTS.gradTol;

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
