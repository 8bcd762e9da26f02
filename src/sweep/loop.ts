// Runs a list of sweep runs through a pool and hands each finished run's record to the caller as it
// finishes, with progress (done, failures, rate, ETA). No I/O here: Node and browsers share it.
import type { RunSpec } from "./grid.js";
import type { SweepPool } from "./pool.js";
import { type RunRecord, toRecord } from "./record.js";

/** Progress of a sweep. */
export interface SweepProgress {
  /** Runs of this sweep (or shard). */
  total: number;
  /** Runs finished before this invocation (resumed). */
  skipped: number;
  /** Runs finished by this invocation (including failures). */
  done: number;
  /** Runs of this invocation that failed. */
  failed: number;
  /** Runs per second in this invocation. */
  rate: number;
  /** Seconds left at the current rate (Infinity before the first run finishes). */
  etaSeconds: number;
  /** The record that just finished. */
  last?: RunRecord;
}

export interface LoopOptions {
  kind: string;
  measure?: string[];
  /** Runs already finished (counted as skipped). @default 0 */
  skipped?: number;
  /** Called with each record as its run finishes (before progress). */
  onRecord: (record: RunRecord) => void;
  onProgress?: (p: SweepProgress) => void;
  /** Stops handing out runs; runs in flight finish and are recorded. */
  signal?: AbortSignal;
}

const now = () => (typeof performance !== "undefined" ? performance.now() : Date.now());

/** Runs `runs` through `pool` (all of them queued at once; the pool keeps its workers busy). */
export async function runAll(pool: SweepPool, runs: RunSpec[], o: LoopOptions): Promise<SweepProgress> {
  const skipped = o.skipped ?? 0;
  const total = runs.length + skipped;
  const t0 = now();
  let done = 0, failed = 0;
  const progress = (last?: RunRecord): SweepProgress => {
    const secs = (now() - t0) / 1000;
    const rate = done / Math.max(secs, 1e-9);
    return { total, skipped, done, failed, rate, etaSeconds: done ? (runs.length - done) / rate : Infinity, last };
  };
  o.onProgress?.(progress());
  // feed the pool a window of runs at a time so an abort stops quickly and memory stays flat
  const window = Math.max(8, pool.size * 4);
  let next = 0;
  await new Promise<void>((resolve) => {
    let inFlight = 0;
    const feed = () => {
      while (inFlight < window && next < runs.length && !o.signal?.aborted) {
        const run = runs[next++];
        inFlight++;
        pool.run({ id: run.id, kind: o.kind, seed: run.seed, config: run.config, measure: o.measure }).then((outcome) => {
          inFlight--;
          const rec = toRecord(run, outcome);
          done++;
          if (rec.error !== undefined) failed++;
          o.onRecord(rec);
          o.onProgress?.(progress(rec));
          feed();
        });
      }
      if (inFlight === 0) resolve();
    };
    feed();
  });
  return progress();
}
