// Running a sweep in Node: expand, take this shard, skip what the results directory already holds,
// run the rest on a pool of worker threads, append each finished run to the results file at once.
// The same call after a kill resumes; shards may write into one directory (one file each). One
// process at a time appends to a results file (an exclusive lock beside it, see files.ts).
import * as fs from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { InputError } from "../api/errors.js";
import { parseProblem } from "../api/problem.js";
import { importKindModules } from "./execute.js";
import { registerOwnName } from "./own-name.js";
import { getRunKind, runKindNames } from "./run-kinds.js";
import { canonicalJson } from "./hash.js";
import { type RunSpec, inShard, iterateRuns, runAt, runCount, shardRunCount, validateRuns } from "./grid.js";
import { type SweepProgress, runAll } from "./loop.js";
import { coreCount, nodeWorkerFactory } from "./node-workers.js";
import { SweepPool, type WorkerFactory } from "./pool.js";
import { ResultsWriter, resultFiles, scanJsonl, SWEEP_FILE } from "./results.js";
import { resultsFileName, type Shard } from "./shard.js";
import { parseSweep, type ResolvedSweep, type SweepSpec, sweepToJson } from "./spec.js";
import { checkUserFile, fileError, lockResultsFile, makeDirectory, readUserJson, writeFileAtomic } from "./files.js";

export interface SweepRunOptions {
  /** The results directory (created). */
  out: string;
  /**
   * Worker threads; 0 runs inline in this thread. More than the number of cores is capped at the
   * number of cores (each worker holds its own WASM core) unless `forceWorkers` is set.
   * @default the number of cores
   */
  workers?: number;
  /** Start `workers` threads even when that is more than the number of cores. @default false */
  forceWorkers?: boolean;
  /** Run only this shard. @default undefined (all runs) */
  shard?: Shard;
  /** Module URLs registering extra run kinds (imported here and in every worker). @default [] */
  modules?: string[];
  /** Run again the runs whose only records are failures (a new line is appended; the success supersedes). @default false */
  retryFailed?: boolean;
  /** Check and count only: validate, read what is finished, run nothing and write nothing. @default false */
  dryRun?: boolean;
  /** Called as runs finish. */
  onProgress?: (p: SweepProgress) => void;
  /** Stops handing out runs (those in flight finish and are recorded). */
  signal?: AbortSignal;
  /** Worker factory. @default nodeWorkerFactory() */
  spawn?: WorkerFactory;
}

export interface SweepSummary extends SweepProgress {
  /** The results file this invocation appended to. */
  file: string;
  seconds: number;
  /**
   * Runs of this sweep (or shard) whose records are all failures once this invocation is over:
   * this invocation's failures and those recorded by earlier invocations and not retried
   * successfully. The sweep has failed when this is above 0 (the CLI then exits non-zero).
   */
  failedTotal: number;
  /** Worker threads used (0: inline; capped at the number of cores unless forceWorkers). */
  workers: number;
}

/** The number of worker threads for `requested` (default: the cores), capped at the cores unless forced. */
export function workerCount(requested: number | undefined, force = false): number {
  const cores = coreCount();
  const n = requested ?? cores;
  return Math.max(0, force ? n : Math.min(n, cores));
}

/** Writes sweep.json, or checks that the one there describes the same sweep (only checks when `write` is false). */
function claimDirectory(out: string, sweep: ResolvedSweep, write = true): void {
  const path = join(out, SWEEP_FILE);
  const json = sweepToJson(sweep);
  if (fs.existsSync(path)) {
    let old: unknown;
    try {
      old = JSON.parse(fs.readFileSync(path, "utf8"));
    } catch {
      old = undefined; // torn or edited: rewritten below
    }
    if (old !== undefined) {
      if (canonicalJson(old) !== canonicalJson(json)) {
        throw new InputError("out", `${out} holds the results of a different sweep (its sweep.json differs): use another output directory`);
      }
      return;
    }
  }
  if (!write) return;
  writeFileAtomic(path, JSON.stringify(json, null, 1) + "\n");
}

/** Module files must be regular files (importing /dev/zero would never finish). */
function checkModuleFiles(modules: readonly string[]): void {
  for (const m of modules) if (m.startsWith("file:")) checkUserFile(fileURLToPath(m), "modules");
}

/**
 * The files a sweep's runs read, checked before the first run: for "train" runs, every `problem`
 * given as a path must be a readable problem file (relative paths: from the working directory).
 */
function checkReferencedFiles(sweep: ResolvedSweep): void {
  if (sweep.kind !== "train") return;
  const paths = new Map<string, string>();
  if (typeof sweep.base.problem === "string") paths.set(sweep.base.problem, "base.problem");
  for (const [k, values] of sweep.axes) {
    if (k === "problem") values.forEach((v, i) => typeof v === "string" && !paths.has(v) && paths.set(v, `axes.problem[${i}]`));
  }
  for (const [path, field] of paths) {
    const raw = readUserJson(path, field);
    try {
      parseProblem(raw);
    } catch (e) {
      if (e instanceof InputError) throw new InputError(field, `${path} is not a valid problem file: ${e.message}`);
      throw e;
    }
  }
}

/** What the results directory already holds for this shard: runs that succeeded, runs that only failed. */
function readFinished(out: string, sweep: ResolvedSweep, total: number, shard: Shard | undefined): { ok: Set<string>; failedOnly: Set<string> } {
  const ok = new Map<string, number>(), failed = new Map<string, number>();
  for (const file of resultFiles(fs, out)) {
    try {
      scanJsonl(fs, file, (r) => {
        if (!Number.isSafeInteger(r.index) || r.index < 0 || r.index >= total || !inShard(r.index, shard)) return;
        (r.error === undefined ? ok : failed).set(r.id, r.index);
      });
    } catch (e) {
      throw e instanceof Error && !(e as NodeJS.ErrnoException).code ? new InputError("out", e.message) : fileError(e, "read", file);
    }
  }
  // a record counts when its id is the run at its index (records of other sweeps are ignored)
  const mine = (m: Map<string, number>) => new Set([...m].filter(([id, index]) => runAt(sweep, index).id === id).map(([id]) => id));
  const okIds = mine(ok);
  for (const id of okIds) failed.delete(id);
  return { ok: okIds, failedOnly: mine(failed) };
}

/** Runs a sweep (or one shard of it) into a results directory; resumes what is there. */
export async function runSweep(spec: SweepSpec | ResolvedSweep, opts: SweepRunOptions): Promise<SweepSummary> {
  const sweep = Array.isArray((spec as ResolvedSweep).axes) ? (spec as ResolvedSweep) : parseSweep(spec);
  checkModuleFiles(opts.modules ?? []);
  if (opts.modules?.length) await registerOwnName();
  await importKindModules(opts.modules ?? []);
  if (!getRunKind(sweep.kind)) {
    throw new InputError("kind", `unknown run kind "${sweep.kind}": use one of ${runKindNames().join(", ")}, or load the module that registers it (modules / --module)`);
  }
  validateRuns(sweep);
  checkReferencedFiles(sweep);
  const total = shardRunCount(runCount(sweep), opts.shard);
  const file = join(opts.out, resultsFileName(opts.shard));
  if (!opts.dryRun) makeDirectory(opts.out, "out");
  const lock = opts.dryRun ? undefined : lockResultsFile(file, "out");
  try {
    claimDirectory(opts.out, sweep, !opts.dryRun);
    const { ok, failedOnly } = readFinished(opts.out, sweep, runCount(sweep), opts.shard);
    const finished = (id: string) => ok.has(id) || (!opts.retryFailed && failedOnly.has(id));
    const skipped = ok.size + (opts.retryFailed ? 0 : failedOnly.size);
    const todo = total - skipped;
    const t0 = Date.now();
    const workers = Math.min(workerCount(opts.workers, opts.forceWorkers), todo);
    if (todo === 0 || opts.dryRun) {
      const p: SweepProgress = { total, skipped, done: 0, failed: 0, rate: 0, etaSeconds: 0 };
      if (!opts.dryRun) opts.onProgress?.(p);
      return { ...p, file, seconds: 0, failedTotal: failedOnly.size, workers: 0 };
    }
    const failing = new Set(failedOnly); // runs whose records are all failures so far
    const runs = (function* (): Generator<RunSpec> {
      for (const r of iterateRuns(sweep, opts.shard)) if (!finished(r.id)) yield r;
    })();
    let writer: ResultsWriter;
    try {
      writer = new ResultsWriter(fs, file);
    } catch (e) {
      throw e instanceof Error && !(e as NodeJS.ErrnoException).code ? new InputError("out", e.message) : fileError(e, "open", file);
    }
    let pool: SweepPool | undefined;
    let failedWith: unknown;
    try {
      pool = await SweepPool.create({ workers, modules: opts.modules, spawn: workers > 0 ? (opts.spawn ?? nodeWorkerFactory()) : undefined });
      if (pool.workerKinds && !pool.workerKinds.includes(sweep.kind)) {
        throw new Error(
          `run kind "${sweep.kind}" is registered here but not in the sweep workers (they know ${pool.workerKinds.join(", ")}): ` +
            `a package kind belongs in src/experiments/registry.ts; your own kind, its module in modules / --module`,
        );
      }
      const p = await runAll(pool, runs, {
        kind: sweep.kind,
        measure: sweep.measure,
        skipped,
        count: todo,
        onRecord: (r) => {
          try {
            writer.append(r);
          } catch (e) {
            throw fileError(e, "write", file);
          }
          if (r.error === undefined) failing.delete(r.id);
          else failing.add(r.id);
        },
        onProgress: opts.onProgress,
        signal: opts.signal,
      });
      return { ...p, file, seconds: (Date.now() - t0) / 1000, failedTotal: failing.size, workers };
    } catch (e) {
      failedWith = e;
      throw e;
    } finally {
      pool?.close();
      try {
        writer.close();
      } catch (e) {
        if (failedWith === undefined) throw fileError(e, "write", file); // else the first error is the one to report
      }
    }
  } finally {
    lock?.release();
  }
}
