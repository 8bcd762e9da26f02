// One line of a sweep's results: the run (id, index, rep, seed, config) and its measurements or
// its error. No I/O here (browsers share it).
import type { RunSpec } from "./grid.js";

/** One line of a results file. */
export interface RunRecord {
  id: string;
  index: number;
  rep: number;
  seed: number;
  config: Record<string, unknown>;
  /** The measurements (absent when the run failed). */
  result?: Record<string, unknown>;
  /** Why the run failed (absent when it succeeded). */
  error?: string;
  /** Wall-clock seconds of the run in its worker. */
  seconds: number;
}

/** A record from a run and its outcome. */
export function toRecord(run: RunSpec, outcome: { result?: Record<string, unknown>; error?: string; seconds: number }): RunRecord {
  const r: RunRecord = { id: run.id, index: run.index, rep: run.rep, seed: run.seed, config: run.config, seconds: outcome.seconds };
  if (outcome.error !== undefined) r.error = outcome.error;
  else r.result = outcome.result;
  return r;
}
