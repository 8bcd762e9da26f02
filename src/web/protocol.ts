// Messages between the lab page and its workers (the training worker, the certifier workers; the
// experiments run on the package's sweep workers, src/sweep/worker-loop.ts).
import type { StopReason, TrainState } from "../api/train.js";
import type { LabSettings } from "./settings.js";
import type { CertificateInfo, OptimumInfo } from "./certifier.js";

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

/** The certificate of the network of one epoch: its certified gap to the global optimum, its verdict and what backs it. */
export interface Certificate extends CertificateInfo {
  type: "certificate";
  session: number;
  epoch: number;
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

export type ToWorker =
  | { type: "init"; session: number; settings: LabSettings }
  | { type: "run"; session: number }
  | { type: "pause"; session: number }
  | { type: "step"; session: number; epochs: number }
  | { type: "bench"; settings: LabSettings; minMs: number }
  | { type: "certInit"; session: number; settings: LabSettings }
  | { type: "certify"; session: number; epoch: number; W: Float64Array; a: Float64Array; m: number; d: number };

export type FromWorker =
  | Tick
  | DataMsg
  | Certificate
  | OptimumMsg
  | { type: "error"; session?: number; message: string }
  | { type: "benchDone"; stepsPerSecond: number };
