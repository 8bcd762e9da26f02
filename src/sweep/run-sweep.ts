// Running a sweep in Node: expand, take this shard, skip what the results directory already holds,
// run the rest on a pool of worker threads, append each finished run to the results file at once.
// The same call after a kill resumes; shards may write into one directory (one file each).
import * as fs from "node:fs";
import { join } from "node:path";
import { InputError } from "../api/errors.js";
import { importKindModules } from "./execute.js";
import { getRunKind, runKindNames } from "./run-kinds.js";
import { canonicalJson } from "./hash.js";
import { expandSweep, validateRuns } from "./grid.js";
import { type SweepProgress, runAll } from "./loop.js";
import { coreCount, nodeWorkerFactory } from "./node-workers.js";
import { SweepPool, type WorkerFactory } from "./pool.js";
import { readResults, ResultsWriter, SWEEP_FILE } from "./results.js";
import { resultsFileName, selectShard, type Shard } from "./shard.js";
import { parseSweep, type ResolvedSweep, type SweepSpec, sweepToJson } from "./spec.js";

export interface SweepRunOptions {
  /** The results directory (created). */
  out: string;
  /** Worker threads; 0 runs inline in this thread. @default the number of cores */
  workers?: number;
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
}

/** Writes sweep.json, or checks that the one there describes the same sweep (only checks when `write` is false). */
function claimDirectory(out: string, sweep: ResolvedSweep, write = true): void {
  const path = join(out, SWEEP_FILE);
  if (write) fs.mkdirSync(out, { recursive: true });
  const json = sweepToJson(sweep);
  if (fs.existsSync(path)) {
    let old: unknown;
    try {
      old = JSON.parse(fs.readFileSync(path, "utf8"));
    } catch {
      old = undefined;
    }
    if (old !== undefined) {
      if (canonicalJson(old) !== canonicalJson(json)) {
        throw new InputError("--out", `${out} holds the results of a different sweep (its sweep.json differs): use another --out directory`);
      }
      return;
    }
  }
  if (!write) return;
  const tmp = `${path}.tmp-${process.pid}`;
  fs.writeFileSync(tmp, JSON.stringify(json, null, 1) + "\n");
  fs.renameSync(tmp, path);
}

/** Runs a sweep (or one shard of it) into a results directory; resumes what is there. */
export async function runSweep(spec: SweepSpec | ResolvedSweep, opts: SweepRunOptions): Promise<SweepSummary> {
  const sweep = Array.isArray((spec as ResolvedSweep).axes) ? (spec as ResolvedSweep) : parseSweep(spec);
  await importKindModules(opts.modules ?? []);
  if (!getRunKind(sweep.kind)) {
    throw new InputError("kind", `unknown run kind "${sweep.kind}": use one of ${runKindNames().join(", ")}, or load the module that registers it (modules / --module)`);
  }
  const all = expandSweep(sweep);
  validateRuns(sweep, all);
  const mine = selectShard(all, opts.shard);
  claimDirectory(opts.out, sweep, !opts.dryRun);
  const finished = new Set<string>();
  for (const { records } of readResults(fs, opts.out)) for (const r of records) if (r.error === undefined || !opts.retryFailed) finished.add(r.id);
  const todo = mine.filter((r) => !finished.has(r.id));
  const file = join(opts.out, resultsFileName(opts.shard));
  const t0 = Date.now();
  const skipped = mine.length - todo.length;
  if (todo.length === 0 || opts.dryRun) {
    const p: SweepProgress = { total: mine.length, skipped, done: 0, failed: 0, rate: 0, etaSeconds: 0 };
    if (!opts.dryRun) opts.onProgress?.(p);
    return { ...p, file, seconds: 0 };
  }
  const workers = Math.max(0, Math.min(opts.workers ?? coreCount(), todo.length));
  const writer = new ResultsWriter(fs, file);
  let pool: SweepPool | undefined;
  try {
    pool = await SweepPool.create({ workers, modules: opts.modules, spawn: workers > 0 ? (opts.spawn ?? nodeWorkerFactory()) : undefined });
    if (pool.workerKinds && !pool.workerKinds.includes(sweep.kind)) {
      throw new Error(
        `run kind "${sweep.kind}" is registered here but not in the sweep workers (they know ${pool.workerKinds.join(", ")}): ` +
          `a package kind belongs in src/experiments/registry.ts; your own kind, its module in modules / --module`,
      );
    }
    const p = await runAll(pool, todo, {
      kind: sweep.kind,
      measure: sweep.measure,
      skipped,
      onRecord: (r) => writer.append(r),
      onProgress: opts.onProgress,
      signal: opts.signal,
    });
    return { ...p, file, seconds: (Date.now() - t0) / 1000 };
  } finally {
    pool?.close();
    writer.close();
  }
}
