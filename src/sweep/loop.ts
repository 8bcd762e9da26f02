// Runs a list (or a generator) of sweep runs through a pool and hands each finished run's record to
// the caller as it finishes, with progress (done, failures, rate, ETA). No I/O here: Node and
// browsers share it.
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
  /** How many runs `runs` yields (required when it is not an array). @default runs.length */
  count?: number;
  /**
   * Called with each record as its run finishes (before progress). If it throws (the results file
   * cannot be written), no further run starts and runAll rejects with that error at once.
   */
  onRecord: (record: RunRecord) => void;
  onProgress?: (p: SweepProgress) => void;
  /** Stops handing out runs; runs in flight finish and are recorded. */
  signal?: AbortSignal;
}

const now = () => (typeof performance !== "undefined" ? performance.now() : Date.now());

/**
 * Runs `runs` through `pool`, a window of them at a time (the pool keeps its workers busy; memory
 * stays flat, so `runs` may be a generator).
 */
export async function runAll(pool: SweepPool, runs: Iterable<RunSpec>, o: LoopOptions): Promise<SweepProgress> {
  const count = Array.isArray(runs) ? runs.length : o.count;
  if (count === undefined) throw new Error("runAll: give options.count when runs is not an array");
  const skipped = o.skipped ?? 0;
  const total = count + skipped;
  const t0 = now();
  let done = 0, failed = 0;
  const progress = (last?: RunRecord): SweepProgress => {
    const secs = (now() - t0) / 1000;
    const rate = done / Math.max(secs, 1e-9);
    return { total, skipped, done, failed, rate, etaSeconds: done ? (count - done) / rate : Infinity, last };
  };
  o.onProgress?.(progress());
  // feed the pool a window of runs at a time so an abort stops quickly and memory stays flat
  const window = Math.max(8, pool.size * 4);
  const it = runs[Symbol.iterator]();
  let exhausted = false;
  await new Promise<void>((resolve, reject) => {
    let inFlight = 0;
    let failure: { error: unknown } | undefined;
    const fail = (e: unknown) => {
      failure = { error: e };
      reject(e); // runs in flight are abandoned: the caller closes the pool
    };
    const feed = () => {
      while (!failure && !exhausted && inFlight < window && !o.signal?.aborted) {
        const step = it.next();
        if (step.done) {
          exhausted = true;
          break;
        }
        const run = step.value;
        inFlight++;
        pool.run({ id: run.id, kind: o.kind, seed: run.seed, config: run.config, measure: o.measure }).then((outcome) => {
          inFlight--;
          if (failure) return;
          try {
            const rec = toRecord(run, outcome);
            o.onRecord(rec);
            done++;
            if (rec.error !== undefined) failed++;
            o.onProgress?.(progress(rec));
            feed();
          } catch (e) {
            fail(e);
          }
        });
      }
      if (inFlight === 0 && !failure) resolve();
    };
    try {
      feed();
    } catch (e) {
      fail(e); // the run generator failed
    }
  });
  return progress();
}
