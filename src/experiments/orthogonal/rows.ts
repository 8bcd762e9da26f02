// The row types of the orthogonal experiment (its report and figures share them).
import type { Verdict } from "../../convex/verdict.js";
import type { ConeRow } from "../cones/kind.js";

/** Per grid point (n, d, m): the trainings' verdicts and the random cones'. */
export interface OrthogonalSummaryRow {
  n: number;
  d: number;
  m: number;
  /** m/2ⁿ: the width relative to Theorem 3's threshold. */
  mOver2n: number;
  trainings: number;
  /** Fraction of trainings whose polished network is certified global; NaN (null in files) without trainings. */
  fracGlobal: number;
  /** The polished networks' other verdicts (at the trained width). */
  fracSpurious: number;
  fracSaddle: number;
  fracNotStationary: number;
  fracUndetermined: number;
  /** Fraction of polished networks certified spurious local minima at the minimal width. */
  fracSpuriousMinimal: number;
  /** The trained networks' verdicts as GD left them (at their width m). */
  fracGlobalTrained: number;
  fracSpuriousTrained: number;
  fracSaddleTrained: number;
  fracNotStationaryTrained: number;
  fracUndeterminedTrained: number;
  /** Fraction of random cones of m signed patterns that hold a global minimum; NaN (null in files) without cones. */
  coneFracGlobal: number;
  /** Fraction of cones whose optimum is a certified spurious local minimum at the minimal width, and that the research's label calls spurious. */
  coneFracSpurious: number;
  coneFracResearchSpurious: number;
  /** Cones solved at this grid point. */
  cones: number;
}

/** One training: its grid point, repetition and seed, and what the run measured. */
export interface OrthogonalTrainingRow {
  n: number;
  d: number;
  m: number;
  rep: number;
  seed: number;
  loss: number;
  epochs: number;
  stopReason: string;
  /** The trained network's verdict at its width m (as GD left it), certified relative gap, descent witness. */
  verdictTrained: Verdict;
  relativeGapTrained: number;
  descentLossTrained: number | null;
  descentKindTrained: string | null;
  polishedLoss: number;
  globalValue: number;
  /** L − P* of the polished network. */
  gap: number;
  /** The polished network's verdict (at width m), certified relative gap, descent witness. */
  verdict: Verdict;
  relativeGap: number;
  descentLoss: number | null;
  descentKind: string | null;
  /** The polished network's verdict at the minimal width (the research's convention). */
  verdictMinimal: Verdict;
  /** ‖θ_trained − θ_polished‖/‖θ_trained‖, neurons matched. */
  relativeDistance: number;
}

/** One random cone: its grid point, the repetition that solved it, and the cones experiment's row. */
export type OrthogonalConeRow = { n: number; d: number; m: number; rep: number } & ConeRow;
