// Messages between the lab page and its workers (one training worker, a pool for experiment grids).
import type { StopReason, TrainState } from "../api/train.js";
import type { LabSettings } from "./settings.js";
import type { OptimumInfo } from "./certifier.js";

/** What the page sees of a training run after each slice of epochs. */
export interface Tick extends Omit<TrainState, "lr"> {
  type: "tick";
  session: number;
  stopReason: StopReason | null;
  running: boolean;
  /** Epochs per second over the last slices (0 when paused). */
  rate: number;
  /** m×d row-major input weights (bias last when the problem has one). */
  W: Float64Array;
  a: Float64Array;
  m: number;
  d: number;
  /** The run's trace points (log-spaced epochs) recorded since the previous tick. */
  trace: { epoch: number; loss: number; dataLoss: number }[];
}

/** The certified gap to the global optimum of the network of one epoch. */
export interface Certificate {
  type: "certificate";
  session: number;
  epoch: number;
  /** L of the network. */
  loss: number;
  /** Certified lower bound on the global minimum of L. */
  lowerBound: number;
  /** loss − lowerBound. */
  gap: number;
  verdict: string;
}

/** The global optimum of a session's problem (value and bound null when not solved live). */
export interface OptimumMsg extends OptimumInfo {
  type: "optimum";
  session: number;
}

/** The data of a session, sent once. */
export interface DataMsg {
  type: "data";
  session: number;
  /** Raw inputs (no bias column), row-major n×dIn. */
  X: Float64Array;
  y: Float64Array;
  n: number;
  dIn: number;
  bias: boolean;
  /** For dIn > 2: the principal plane drawn (2×dIn). */
  basis: Float64Array | null;
}

/** What a training job of an experiment grid reports. */
export interface JobResult {
  loss: number;
  dataLoss: number;
  normSq: number;
  gradNormSq: number;
  patterns: number;
  epochs: number;
  stopReason: string;
  seconds: number;
  /** Certified lower bound on the global minimum (when solved). */
  optimum?: number;
  /** L − that bound, and the certificate's verdict (when solved). */
  gap?: number;
  verdict?: string;
}

export type ToWorker =
  | { type: "init"; session: number; settings: LabSettings }
  | { type: "run"; session: number }
  | { type: "pause"; session: number }
  | { type: "step"; session: number; epochs: number }
  | { type: "job"; job: number; settings: LabSettings; kind: string; params?: Record<string, number> }
  | { type: "bench"; settings: LabSettings; minMs: number }
  | { type: "certInit"; session: number; settings: LabSettings }
  | { type: "certify"; session: number; epoch: number; W: Float64Array; a: Float64Array; m: number; d: number };

export type FromWorker =
  | Tick
  | DataMsg
  | Certificate
  | OptimumMsg
  | { type: "error"; session?: number; job?: number; message: string }
  | { type: "jobDone"; job: number; result: Record<string, unknown> }
  | { type: "benchDone"; stepsPerSecond: number };
