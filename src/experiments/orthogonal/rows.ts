// The row types of the orthogonal experiment (its report and figures share them).
import type { ConeRow } from "../cones/kind.js";

export interface OrthogonalSummaryRow {
  m: number;
  trainings: number;
  /** Fraction of trainings that reach the global minimum (certified); NaN (null in files) without trainings. */
  fracGlobal: number;
  /** Fraction of random cones of m signed patterns that hold a global minimum; NaN (null in files) without cones. */
  coneFracGlobal: number;
  /** Cones solved at this width. */
  cones: number;
}

/** One training: its width, repetition and seed, and what the run measured. */
export interface OrthogonalTrainingRow {
  m: number;
  rep: number;
  seed: number;
  loss: number;
  epochs: number;
  stopReason: string;
  polishedLoss: number;
  globalValue: number;
  gap: number;
  verdict: string;
}

/** One random cone: its width, the repetition that solved it, and the cones experiment's row. */
export type OrthogonalConeRow = { m: number; rep: number } & ConeRow;
