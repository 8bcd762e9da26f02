// Joining the results directories of a sweep's shards: every run of the sweep must be present exactly
// once. Reports the runs missing, the runs present more than once, and records of other sweeps.
import * as fs from "node:fs";
import { join } from "node:path";
import { InputError } from "../api/errors.js";
import { canonicalJson } from "./hash.js";
import { expandSweep, type RunSpec } from "./grid.js";
import { readResults, type RunRecord, ResultsWriter, SWEEP_FILE } from "./results.js";
import { parseSweep, type ResolvedSweep, sweepToJson } from "./spec.js";

export interface MergeReport {
  sweep: ResolvedSweep;
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
}

/** The sweep of a results directory (its sweep.json). */
export function readSweepOf(dir: string): ResolvedSweep {
  const path = join(dir, SWEEP_FILE);
  if (!fs.existsSync(path)) throw new InputError(dir, `has no ${SWEEP_FILE}: is it a results directory of relu-landscape sweep?`);
  try {
    return parseSweep(JSON.parse(fs.readFileSync(path, "utf8")));
  } catch (e) {
    throw new InputError(path, e instanceof Error ? e.message : String(e));
  }
}

/** Reads and checks the results of several directories (shards) of one sweep. */
export function collectResults(dirs: string[]): MergeReport {
  if (dirs.length === 0) throw new InputError("dirs", "give at least one results directory");
  const sweep = readSweepOf(dirs[0]);
  const key = canonicalJson(sweepToJson(sweep));
  for (const d of dirs.slice(1)) {
    if (canonicalJson(sweepToJson(readSweepOf(d))) !== key) throw new InputError(d, `holds a different sweep than ${dirs[0]} (sweep.json differs)`);
  }
  const runs = expandSweep(sweep);
  const byId = new Map(runs.map((r) => [r.id, r]));
  const found = new Map<string, { ok: RunRecord[]; okFiles: string[]; failed: RunRecord[]; failedFiles: string[] }>();
  const foreign: { id: string; file: string }[] = [];
  const seenFiles = new Set<string>();
  for (const d of dirs) {
    for (const { file, records } of readResults(fs, d)) {
      const real = fs.realpathSync(file);
      if (seenFiles.has(real)) continue; // the same directory given twice
      seenFiles.add(real);
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
  let failed = 0;
  for (const r of runs) {
    const f = found.get(r.id);
    if (!f) {
      missing.push(r);
      continue;
    }
    if (f.ok.length) {
      records.push(f.ok[0]);
      if (f.ok.length > 1) duplicates.push({ id: r.id, index: r.index, count: f.ok.length, files: [...new Set(f.okFiles)] });
    } else {
      records.push(f.failed[f.failed.length - 1]); // retries of a failure append to the same shard's file
      failed++;
      const files = [...new Set(f.failedFiles)];
      if (files.length > 1) duplicates.push({ id: r.id, index: r.index, count: f.failed.length, files });
    }
  }
  return { sweep, total: runs.length, records, missing, duplicates, foreign, failed };
}

/** Merges shards into `out` (sweep.json + results.jsonl with one line per run found). */
export function mergeResults(dirs: string[], out: string): MergeReport {
  const report = collectResults(dirs);
  fs.mkdirSync(out, { recursive: true });
  const target = join(out, "results.jsonl");
  for (const d of dirs) {
    if (fs.existsSync(target) && fs.existsSync(d) && fs.realpathSync(d) === fs.realpathSync(out)) {
      throw new InputError("--out", `is one of the inputs (${d}): merge into a new directory`);
    }
  }
  fs.writeFileSync(join(out, SWEEP_FILE), JSON.stringify(sweepToJson(report.sweep), null, 1) + "\n");
  const tmp = `${target}.tmp-${process.pid}`;
  fs.writeFileSync(tmp, "");
  const w = new ResultsWriter(fs, tmp, Infinity);
  for (const r of report.records) w.append(r);
  w.close();
  fs.renameSync(tmp, target);
  return report;
}
