// The row types of the orthogonal experiment (its report and figures share them).
import type { ConeRow } from "../cones/kind.js";
import type { VerdictColumns } from "../shared/train-polish.js";

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
export interface OrthogonalTrainingRow extends VerdictColumns {
  n: number;
  d: number;
  m: number;
  rep: number;
  seed: number;
  loss: number;
  epochs: number;
  stopReason: string;
  /** P*, the global optimum of the run's data. */
  globalValue: number;
}

/** One random cone: its grid point, the repetition that solved it, and the cones experiment's row. */
export type OrthogonalConeRow = { n: number; d: number; m: number; rep: number } & ConeRow;
