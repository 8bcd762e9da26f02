// The one runner of every experiment (Node): settings.json, the runs on the sweep engine in
// OUT/runs/ (all cores, resumable: the same command continues where a kill stopped it; shardable:
// --shard i/N or the cluster's environment), then — once every run of the sweep is present — the
// report: tables (CSV + JSONL), JSON files and SVG figures, each written atomically.
import * as fs from "node:fs";
import { join } from "node:path";
import { InputError } from "../api/errors.js";
import type { OptionGroup, ResolvedOf } from "../api/schema.js";
import { renderSvg } from "../plot/svg.js";
import { runCount } from "../sweep/grid.js";
import type { SweepProgress } from "../sweep/loop.js";
import type { WorkerFactory } from "../sweep/pool.js";
import type { RunRecord } from "../sweep/record.js";
import { readResults } from "../sweep/results.js";
import { runSweep, type SweepSummary } from "../sweep/run-sweep.js";
import type { Shard } from "../sweep/shard.js";
import type { SweepSpec } from "../sweep/spec.js";
import { lockDirectory, makeDirectory, writeFileAtomic } from "../sweep/files.js";
import { VERSION } from "../version.js";
import type { Experiment, ExperimentReport } from "./experiment.js";

export interface ExperimentRunOptions {
  /** The output directory (created; running again resumes). */
  out: string;
  /** Worker threads; 0 runs in this thread. @default the number of cores */
  workers?: number;
  /** Start more workers than cores when asked to. @default false */
  forceWorkers?: boolean;
  /** Run only this shard of the runs. @default undefined (all) */
  shard?: Shard;
  /** Check and count only: nothing runs, nothing is written. @default false */
  dryRun?: boolean;
  /** Run the failed runs again. @default false */
  retryFailed?: boolean;
  onProgress?: (p: SweepProgress) => void;
  /** Stops handing out runs (those in flight finish and are recorded). */
  signal?: AbortSignal;
  /** Worker factory (tests). @default nodeWorkerFactory() */
  spawn?: WorkerFactory;
}

export interface ExperimentOutcome<G extends OptionGroup = OptionGroup> {
  settings: ResolvedOf<G>;
  /** Runs of the whole experiment. */
  total: number;
  /** This invocation's sweep (or shard) summary. */
  sweep: SweepSummary;
  /** Distinct runs with a record in OUT/runs (any shard). */
  present: number;
  /** Runs whose only records are failures, with their errors. */
  failed: { config: Record<string, unknown>; error: string }[];
  /** Whether every run is present (the report is written only then). */
  complete: boolean;
  report?: ExperimentReport;
  /** Files written by the report. */
  files: string[];
  seconds: number;
}

export const RUNS_DIR = "runs";
export const SETTINGS_FILE = "settings.json";

const atomicWrite = writeFileAtomic;

const csvCell = (v: unknown): string => {
  if (v === undefined || v === null) return "";
  const s = typeof v === "object" ? JSON.stringify(v) : String(v);
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
};

/** RFC 4180 CSV of rows (columns: every key, in order of first appearance). */
export function rowsToCsv(rows: object[]): string {
  const cols = [...new Set(rows.flatMap((r) => Object.keys(r)))];
  return [cols.map(csvCell).join(","), ...rows.map((r) => cols.map((c) => csvCell((r as Record<string, unknown>)[c])).join(","))].join("\n") + "\n";
}

/** The records of a directory's runs, one per run id: a success supersedes failures. */
export function latestRecords(dir: string): RunRecord[] {
  const byId = new Map<string, RunRecord>();
  for (const { records } of readResults(fs, dir)) {
    for (const r of records) {
      const had = byId.get(r.id);
      if (!had || (had.error !== undefined && r.error === undefined)) byId.set(r.id, r);
    }
  }
  return [...byId.values()].sort((a, b) => a.index - b.index);
}

/** Writes a report's files into `dir`; returns their paths. */
export async function writeReport(dir: string, report: ExperimentReport): Promise<string[]> {
  const files: string[] = [];
  for (const [name, rows] of Object.entries(report.tables)) {
    const csv = join(dir, `${name}.csv`), jsonl = join(dir, `${name}.jsonl`);
    atomicWrite(csv, rowsToCsv(rows));
    atomicWrite(jsonl, rows.map((r) => JSON.stringify(r)).join("\n") + (rows.length ? "\n" : ""));
    files.push(csv, jsonl);
  }
  for (const [name, value] of Object.entries(report.json ?? {})) {
    const path = join(dir, `${name}.json`);
    atomicWrite(path, JSON.stringify(value, null, 1) + "\n");
    files.push(path);
  }
  for (const [name, spec] of Object.entries(report.figures ?? {})) {
    const path = join(dir, `${name}.svg`);
    atomicWrite(path, await renderSvg(spec));
    files.push(path);
  }
  return files;
}

function writeSettings(dir: string, e: Experiment, settings: unknown, extra: Record<string, unknown> = {}): string {
  const path = join(dir, SETTINGS_FILE);
  atomicWrite(path, JSON.stringify({ experiment: e.name, ...(settings as object), ...extra, version: VERSION, date: new Date().toISOString() }, null, 1) + "\n");
  return path;
}

/** The experiment's settings as an output directory's settings.json records them. */
export function readSettings<G extends OptionGroup>(e: Experiment<G>, dir: string): ResolvedOf<G> {
  const path = join(dir, SETTINGS_FILE);
  let raw: Record<string, unknown>;
  try {
    raw = JSON.parse(fs.readFileSync(path, "utf8"));
  } catch {
    throw new InputError(dir, `has no readable ${SETTINGS_FILE}: is it an output directory of "${e.name}"?`);
  }
  if (raw.experiment !== e.name) throw new InputError(dir, `holds the output of "${String(raw.experiment)}", not "${e.name}"`);
  const keys = new Set(e.options.fields.map((f) => f.key));
  return e.options.resolve(Object.fromEntries(Object.entries(raw).filter(([k]) => keys.has(k))), SETTINGS_FILE) as ResolvedOf<G>;
}

/**
 * Reports an output directory whose runs are complete (after a run, or after `merge` joined the
 * shards' runs into it): the report's files, and settings.json with what the report adds.
 */
export async function reportDirectory<G extends OptionGroup>(e: Experiment<G>, dir: string, settings: ResolvedOf<G>, records = latestRecords(join(dir, RUNS_DIR))): Promise<{ report: ExperimentReport; files: string[] }> {
  const report = await e.report(records, settings);
  const files = await writeReport(dir, report);
  files.push(writeSettings(dir, e, settings, report.settings));
  return { report, files };
}

/** Runs an experiment (or one shard of it) into `run.out`; writes the report once every run is present. */
export async function runExperiment<G extends OptionGroup>(e: Experiment<G>, settings: ResolvedOf<G>, run: ExperimentRunOptions): Promise<ExperimentOutcome<G>> {
  const t0 = Date.now();
  const spec = e.sweep(settings);
  const runsDir = join(run.out, RUNS_DIR);
  let lock: { release(): void } | undefined;
  if (!run.dryRun) {
    makeDirectory(run.out, "out");
    // one process at a time per output directory: settings, runs and report stay one run's
    lock = lockDirectory(run.out, "out");
  }
  try {
    return await runLocked(e, settings, run, spec, runsDir, t0);
  } finally {
    lock?.release();
  }
}

async function runLocked<G extends OptionGroup>(e: Experiment<G>, settings: ResolvedOf<G>, run: ExperimentRunOptions, spec: SweepSpec, runsDir: string, t0: number): Promise<ExperimentOutcome<G>> {
  if (!run.dryRun) writeSettings(run.out, e, settings);
  const sweep = await runSweep(spec, {
    out: runsDir, workers: run.workers, forceWorkers: run.forceWorkers, shard: run.shard, dryRun: run.dryRun, retryFailed: run.retryFailed,
    onProgress: run.onProgress, signal: run.signal, spawn: run.spawn,
  });
  const total = runCount(spec);
  const records = run.dryRun && !fs.existsSync(runsDir) ? [] : latestRecords(runsDir);
  const failed = records.filter((r) => r.error !== undefined).map((r) => ({ config: r.config, error: r.error! }));
  const complete = records.length === total;
  const outcome: ExperimentOutcome<G> = { settings, total, sweep, present: records.length, failed, complete, files: [], seconds: 0 };
  if (complete && !run.dryRun && !run.signal?.aborted) {
    const { report, files } = await reportDirectory(e, run.out, settings, records);
    outcome.report = report;
    outcome.files = files;
  }
  outcome.seconds = (Date.now() - t0) / 1000;
  return outcome;
}
