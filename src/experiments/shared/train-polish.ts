// The step the initialization-scale and orthogonal experiments share: train a network with GD, classify
// it as GD left it (the package's one classifier, at its own width m: the headline), then polish it to
// the exact best network of its activation cone, spread over the trained network's neurons (width m),
// classify that — at width m and as its minimal network (the research's convention) — and measure how
// far GD stopped from it (parameter distance after matching neurons).
import type { Data } from "../../api/data.js";
import type { Network } from "../../api/network.js";
import { alignNetwork } from "../../api/paths.js";
import { Trainer, type TrainResult } from "../../api/train.js";
import type { TrainOptions } from "../../api/train-options.js";
import { polish, type PolishResult } from "../../convex/polish.js";
import type { SignedPatterns } from "../../convex/signed-patterns.js";
import { type Verdict, type VerdictResult, classifyNetwork } from "../../convex/verdict.js";

/** The global optimum of the data, known before the runs (so that no run solves it again). */
export interface KnownOptimum {
  /** L of the optimal network (an upper bound on min L). */
  value: number;
  /** A certified lower bound on min L. */
  lowerBound: number;
  /** Every realizable signed pattern of the data. @default enumerated by the classifier */
  allPatterns?: SignedPatterns;
}

export interface TrainPolishResult {
  trained: TrainResult;
  /** The trained network's verdict at its own width (as GD left it; `global` ⇔ certified relative gap ≤ tol). */
  trainedVerdict: VerdictResult;
  /** The best network of the trained network's cone, with its verdict at the trained width (its `certificate`). */
  polished: PolishResult;
  /** The polished network's verdict at the minimal width (its minimal network: the research's convention). */
  polishedMinimal: VerdictResult;
  /** L of the polished network − P* (P* = the optimum's value). */
  gap: number;
  /** ‖θ_trained − θ_polished‖ over the neurons matched one to one (src/api/paths.ts alignNetwork), θ_polished at width m. */
  distance: number;
  /** distance / ‖θ_trained‖. */
  relativeDistance: number;
}

const norm = (net: Network) => Math.sqrt(net.W.reduce((s, w, j) => s + w.reduce((t, v) => t + v * v, 0) + net.a[j] ** 2, 0));

/** ‖A − B′‖ with B′ = B's neurons permuted to match A's (the same width). */
export function matchedDistance(A: Network, B: Network): number {
  const b = alignNetwork(A, B);
  return norm({ W: A.W.map((w, j) => w.map((v, i) => v - b.W[j][i])), a: A.a.map((v, j) => v - b.a[j]) });
}

/**
 * Trains, classifies the trained network (width "own"), polishes it (its cone's optimum spread over its
 * neurons) and classifies that; both verdicts with `gapTol: tol` and the optimum known.
 */
export async function trainAndPolish(data: Data, lambda: number, train: TrainOptions, optimum: KnownOptimum, tol: number): Promise<TrainPolishResult> {
  const t = await Trainer.create({ data, lambda, bias: false, train: {} }, { traceGrowth: 4, ...train });
  let trained: TrainResult;
  try {
    t.advance();
    trained = t.result();
  } finally {
    t.dispose();
  }
  const known = {
    lowerBound: optimum.lowerBound, globalValue: optimum.value, gapTol: tol,
    ...(optimum.allPatterns ? { allPatterns: optimum.allPatterns } : {}),
  };
  const net: Network = { W: trained.W, a: trained.a };
  const trainedVerdict = await classifyNetwork(data, net, { lambda, ...known, width: "own" });
  const polished = await polish(data, net, { lambda, ...known });
  const at = polished.certificate.network;
  const polishedMinimal = await classifyNetwork(data, polished.network, { lambda, ...known, width: "minimal" });
  const distance = at.a.length === net.a.length ? matchedDistance(net, at) : NaN;
  const nn = norm(net);
  return { trained, trainedVerdict, polished, polishedMinimal, gap: polished.loss - optimum.value, distance, relativeDistance: nn > 0 ? distance / nn : NaN };
}

/** The verdict columns of a row that trains and polishes (verdictColumns). */
export interface VerdictColumns {
  /** The trained network's verdict at its width m (as GD left it), certified relative gap (L − lower bound)/L, descent witness. */
  verdictTrained: Verdict;
  relativeGapTrained: number;
  descentLossTrained: number | null;
  descentKindTrained: string | null;
  /** L of the polished network (its cone's optimum). */
  polishedLoss: number;
  /** L − P* of the polished network. */
  gap: number;
  /** The polished network's verdict (at width m), certified relative gap, descent witness. */
  verdict: Verdict;
  relativeGap: number;
  descentLoss: number | null;
  descentKind: string | null;
  /** The polished network's verdict at the minimal width (its minimal network: the research's convention). */
  verdictMinimal: Verdict;
  /** ‖θ_trained − θ_polished‖/‖θ_trained‖, neurons matched. */
  relativeDistance: number;
}

/**
 * The verdict columns of a run's row: the trained network as GD left it (width m), then the polished
 * network (width m, and `verdictMinimal` at its minimal width); witnesses as the loss after the descent
 * step (null unless saddle or not-stationary) and its kind.
 */
export function verdictColumns(r: TrainPolishResult): VerdictColumns {
  return {
    ...suffixed(verdictFields(r.trainedVerdict), "Trained"),
    polishedLoss: r.polished.loss,
    gap: r.gap,
    ...verdictFields(r.polished.certificate),
    verdictMinimal: r.polishedMinimal.verdict,
    relativeDistance: r.relativeDistance,
  };
}

/** A verdict's columns: the verdict, its certified relative gap, its descent witness (loss after the step, kind; null when none). */
function verdictFields(v: Pick<VerdictResult, "verdict" | "relativeGap" | "descent">) {
  return { verdict: v.verdict, relativeGap: v.relativeGap, descentLoss: v.descent?.loss ?? null, descentKind: v.descent?.kind ?? null };
}

/** The columns with `suffix` appended to every name. */
function suffixed<T extends object, S extends string>(o: T, suffix: S): { [K in keyof T as `${K & string}${S}`]: T[K] } {
  return Object.fromEntries(Object.entries(o).map(([k, v]) => [`${k}${suffix}`, v])) as never;
}
