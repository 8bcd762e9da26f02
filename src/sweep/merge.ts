// Joining the results of a sweep's shards: every run of the sweep must be present exactly once.
// Reports, overall and per shard, the runs expected, found, missing, duplicated and failed, and
// records of other sweeps. Inputs are sweep results directories (DIR/sweep.json, DIR/results*.jsonl)
// or experiment output directories (the same under DIR/runs/); the merged output has the inputs' layout.
import * as fs from "node:fs";
import { join } from "node:path";
import { InputError } from "../api/errors.js";
import { canonicalJson } from "./hash.js";
import { expandSweep, type RunSpec } from "./grid.js";
import { readResults, type RunRecord, ResultsWriter, resultFiles, SWEEP_FILE } from "./results.js";
import { parseSweep, type ResolvedSweep, sweepToJson } from "./spec.js";

/** Where an experiment's output directory keeps its runs (a sweep results directory). */
export const EXPERIMENT_RUNS_DIR = "runs";

/** "sweep": the results are in DIR itself; "experiment": in DIR/runs (an experiment's --out). */
export type ResultsLayout = "sweep" | "experiment";

/** The runs of one shard of the sweep and what the inputs hold of them. */
export interface ShardReport {
  /** "i/N", or "all" when the inputs were not sharded (and no shard count was given). */
  shard: string;
  /** Runs of the sweep in this shard (run k belongs to shard k mod N). */
  expected: number;
  /** Of these, runs with a record (success or failure) in any input. */
  found: number;
  /** Of these, runs with no record. */
  missing: number;
  /** Of these, runs recorded more than once (see MergeReport.duplicates). */
  duplicated: number;
  /** Of these, runs whose only records are failures. */
  failed: number;
}

export interface MergeReport {
  sweep: ResolvedSweep;
  /** The inputs' layout (the same for all). */
  layout: ResultsLayout;
  /** The results directories read: each input, or its runs/ directory. */
  resultsDirs: string[];
  /** Runs of the sweep. */
  total: number;
  /** One record per run found, in expansion order: its successful record, else its last failure (a retried failure is superseded). */
  records: RunRecord[];
  /** Runs with no record. */
  missing: RunSpec[];
  /** Runs with more than one successful record (or, never successful, more than one failure from different files): id, how many, where. */
  duplicates: { id: string; index: number; count: number; files: string[] }[];
  /** Records whose id is not a run of this sweep. */
  foreign: { id: string; file: string }[];
  /** Records of failed runs (among `records`). */
  failed: number;
  /** Per shard, for the shard count given (`shards`) or those in the results file names (results.shard-i-of-N.jsonl). */
  shards: ShardReport[];
}

export interface CollectOptions {
  /** The number of shards the runs were split into (a shard with no file at all then still shows). @default the counts in the results file names */
  shards?: number;
}

/** The results directory of an input and its layout: DIR when it holds sweep.json, else DIR/runs. */
export function resultsDirOf(dir: string): { dir: string; layout: ResultsLayout } {
  if (fs.existsSync(join(dir, SWEEP_FILE))) return { dir, layout: "sweep" };
  const runs = join(dir, EXPERIMENT_RUNS_DIR);
  if (fs.existsSync(join(runs, SWEEP_FILE))) return { dir: runs, layout: "experiment" };
  if (!fs.existsSync(dir)) throw new InputError(dir, "does not exist: give the --out directories of the shards");
  throw new InputError(dir, `has no ${SWEEP_FILE} (nor ${EXPERIMENT_RUNS_DIR}/${SWEEP_FILE}): is it the --out directory of a sweep or an experiment?`);
}

/** The sweep of a results directory (its sweep.json, or runs/sweep.json for an experiment's output). */
export function readSweepOf(dir: string): ResolvedSweep {
  const path = join(resultsDirOf(dir).dir, SWEEP_FILE);
  try {
    return parseSweep(JSON.parse(fs.readFileSync(path, "utf8")));
  } catch (e) {
    throw new InputError(path, e instanceof Error ? e.message : String(e));
  }
}

/** The shard of a results file from its name (results.shard-i-of-N.jsonl), undefined for results.jsonl. */
export function shardOfFile(file: string): { index: number; count: number } | undefined {
  const m = /results\.shard-(\d+)-of-(\d+)\.jsonl$/.exec(file);
  return m ? { index: Number(m[1]), count: Number(m[2]) } : undefined;
}

/** Reads and checks the results of several directories (shards) of one sweep. */
export function collectResults(dirs: string[], opts: CollectOptions = {}): MergeReport {
  if (dirs.length === 0) throw new InputError("dirs", "give at least one results directory");
  if (opts.shards !== undefined && !(Number.isSafeInteger(opts.shards) && opts.shards >= 1)) throw new InputError("shards", `got ${opts.shards}: give an integer ≥ 1`);
  const inputs = dirs.map(resultsDirOf);
  const layout = inputs[0].layout;
  const sweep = readSweepOf(dirs[0]);
  const key = canonicalJson(sweepToJson(sweep));
  for (let k = 1; k < dirs.length; k++) {
    if (inputs[k].layout !== layout) throw new InputError(dirs[k], `is ${inputs[k].layout === "sweep" ? "a sweep results directory" : "an experiment's output directory"}, ${dirs[0]} is not: merge one kind at a time`);
    if (canonicalJson(sweepToJson(readSweepOf(dirs[k]))) !== key) throw new InputError(dirs[k], `holds a different sweep than ${dirs[0]} (sweep.json differs)`);
  }
  const runs = expandSweep(sweep);
  const byId = new Map(runs.map((r) => [r.id, r]));
  const found = new Map<string, { ok: RunRecord[]; okFiles: string[]; failed: RunRecord[]; failedFiles: string[] }>();
  const foreign: { id: string; file: string }[] = [];
  const seenFiles = new Set<string>();
  const shardCounts = new Set<number>();
  for (const { dir } of inputs) {
    for (const { file, records } of readResults(fs, dir)) {
      const real = fs.realpathSync(file);
      if (seenFiles.has(real)) continue; // the same directory given twice
      seenFiles.add(real);
      const s = shardOfFile(file);
      if (s) shardCounts.add(s.count);
      for (const rec of records) {
        if (!byId.has(rec.id)) {
          foreign.push({ id: rec.id, file });
          continue;
        }
        let f = found.get(rec.id);
        if (!f) found.set(rec.id, (f = { ok: [], okFiles: [], failed: [], failedFiles: [] }));
        if (rec.error === undefined) f.ok.push(rec), f.okFiles.push(file);
        else f.failed.push(rec), f.failedFiles.push(file);
      }
    }
  }
  const records: RunRecord[] = [];
  const missing: RunSpec[] = [];
  const duplicates: MergeReport["duplicates"] = [];
  const status = new Map<number, "missing" | "ok" | "failed">();
  const duplicated = new Set<number>();
  let failed = 0;
  for (const r of runs) {
    const f = found.get(r.id);
    if (!f) {
      missing.push(r);
      status.set(r.index, "missing");
      continue;
    }
    if (f.ok.length) {
      records.push(f.ok[0]);
      status.set(r.index, "ok");
      if (f.ok.length > 1) duplicates.push({ id: r.id, index: r.index, count: f.ok.length, files: [...new Set(f.okFiles)] });
    } else {
      records.push(f.failed[f.failed.length - 1]); // retries of a failure append to the same shard's file
      status.set(r.index, "failed");
      failed++;
      const files = [...new Set(f.failedFiles)];
      if (files.length > 1) duplicates.push({ id: r.id, index: r.index, count: f.failed.length, files });
    }
  }
  for (const d of duplicates) duplicated.add(d.index);
  const counts = opts.shards !== undefined ? [opts.shards] : [...shardCounts].sort((a, b) => a - b);
  const shardRow = (label: string, member: (index: number) => boolean): ShardReport => {
    const row: ShardReport = { shard: label, expected: 0, found: 0, missing: 0, duplicated: 0, failed: 0 };
    for (const r of runs) {
      if (!member(r.index)) continue;
      row.expected++;
      const s = status.get(r.index);
      if (s === "missing") row.missing++;
      else row.found++;
      if (s === "failed") row.failed++;
      if (duplicated.has(r.index)) row.duplicated++;
    }
    return row;
  };
  const shards =
    counts.length === 0
      ? [shardRow("all", () => true)]
      : counts.flatMap((n) => Array.from({ length: n }, (_, i) => shardRow(`${i}/${n}`, (index) => index % n === i)));
  return { sweep, layout, resultsDirs: inputs.map((i) => i.dir), total: runs.length, records, missing, duplicates, foreign, failed, shards };
}

export interface MergeOptions extends CollectOptions {
  /** Write the runs that are there even when some are missing. @default false (nothing is written then) */
  allowMissing?: boolean;
}

export interface MergeResult extends MergeReport {
  /** Whether the merged results were written (not when runs are missing, unless allowMissing). */
  written: boolean;
  /** The merged results directory: `out`, or `out`/runs for experiments. */
  outResultsDir: string;
}

/**
 * Merges shards into `out`: sweep.json + results.jsonl with one line per run found (under out/runs
 * for experiment directories). Writes nothing when runs are missing, unless `allowMissing`.
 */
export function mergeResults(dirs: string[], out: string, opts: MergeOptions = {}): MergeResult {
  const report = collectResults(dirs, opts);
  const outDir = report.layout === "experiment" ? join(out, EXPERIMENT_RUNS_DIR) : out;
  const target = join(outDir, "results.jsonl");
  const real = (p: string) => (fs.existsSync(p) ? fs.realpathSync(p) : undefined);
  for (const d of report.resultsDirs) {
    if (real(d) !== undefined && real(d) === real(outDir)) throw new InputError("out", `is one of the inputs (${d}): merge into another directory`);
  }
  const sweepPath = join(outDir, SWEEP_FILE);
  if (fs.existsSync(sweepPath)) {
    let old: unknown;
    try {
      old = JSON.parse(fs.readFileSync(sweepPath, "utf8"));
    } catch {
      old = undefined;
    }
    if (canonicalJson(old) !== canonicalJson(sweepToJson(report.sweep))) throw new InputError("out", `${outDir} holds the results of a different sweep (its ${SWEEP_FILE} differs): merge into another directory`);
  }
  const others = resultFiles(fs, outDir).filter((f) => f !== target);
  if (others.length) throw new InputError("out", `${outDir} holds other results files (${others.join(", ")}) that would count twice: merge into another directory`);
  const written = report.missing.length === 0 || !!opts.allowMissing;
  if (written) {
    fs.mkdirSync(outDir, { recursive: true });
    const tmpSweep = `${sweepPath}.tmp-${process.pid}`;
    fs.writeFileSync(tmpSweep, JSON.stringify(sweepToJson(report.sweep), null, 1) + "\n");
    fs.renameSync(tmpSweep, sweepPath);
    const tmp = `${target}.tmp-${process.pid}`;
    fs.writeFileSync(tmp, "");
    const w = new ResultsWriter(fs, tmp, Infinity);
    for (const r of report.records) w.append(r);
    w.close();
    fs.renameSync(tmp, target);
  }
  return { ...report, written, outResultsDir: outDir };
}
