// `relu-landscape merge DIR... --out DIR`: join the results of a sweep's or an experiment's shards,
// checking that every run is there exactly once; a table per shard (expected, found, missing,
// duplicated, failed). Exit code 1 when runs are missing (nothing is written, unless
// --allow-missing) or duplicated.
import * as fs from "node:fs";
import type { Command } from "commander";
import { mergeResults, type MergeReport, type MergeResult, type ShardReport } from "../../sweep/merge.js";
import { slurmFiles } from "../../cluster/files.js";
import { num } from "../problem-options.js";
import { runAction } from "../run-action.js";
import { join } from "node:path";
import { InputError } from "../../api/errors.js";
import type { OptionGroup, ResolvedOf } from "../../api/schema.js";
import type { Experiment } from "../../experiments/experiment.js";
import { EXPERIMENTS } from "../../experiments/registry.js";
import { readSettings, reportDirectory, SETTINGS_FILE } from "../../experiments/run-experiment.js";
import { canonicalJson } from "../../sweep/hash.js";

const list = (xs: number[], max = 10) => xs.slice(0, max).map((i) => `#${i}`).join(", ") + (xs.length > max ? `, … (${xs.length - max} more)` : "");

/** The per-shard table (with a total row when there is more than one shard). */
export function shardTable(rows: ShardReport[]): string {
  const cols = ["expected", "found", "missing", "duplicated", "failed"] as const;
  const total: ShardReport = { shard: "total", expected: 0, found: 0, missing: 0, duplicated: 0, failed: 0 };
  for (const r of rows) for (const c of cols) total[c] += r[c];
  const all = rows.length > 1 ? [...rows, total] : rows;
  const w0 = Math.max(5, ...all.map((r) => r.shard.length));
  const head = "shard".padEnd(w0) + cols.map((c) => c.padStart(c.length + 2)).join("");
  return [head, ...all.map((r) => r.shard.padEnd(w0) + cols.map((c) => String(r[c]).padStart(c.length + 2)).join(""))].join("\n");
}

/** One paragraph describing a merge report: the totals, the per-shard table, the runs missing and duplicated. */
export function describeMerge(r: MergeReport): string {
  const lines = [`${r.total} runs in the sweep: ${r.records.length} present${r.failed ? ` (${r.failed} failed)` : ""}, ${r.missing.length} missing, ${r.duplicates.length} duplicated`];
  lines.push(shardTable(r.shards));
  if (r.missing.length) lines.push(`  missing: ${list(r.missing.map((m) => m.index))}`);
  if (r.duplicates.length) lines.push(`  duplicated: ${r.duplicates.slice(0, 10).map((d) => `#${d.index} ×${d.count} (${d.files.join(", ")})`).join("; ")}`);
  if (r.foreign.length) lines.push(`  ${r.foreign.length} records are not runs of this sweep (ignored), e.g. in ${r.foreign[0].file}`);
  return lines.join("\n");
}

/** The report as JSON (`merge --json`). */
export function mergeJson(r: MergeResult, out: string): object {
  return {
    out,
    written: r.written,
    layout: r.layout,
    total: r.total,
    present: r.records.length,
    failed: r.failed,
    missing: r.missing.map((m) => ({ index: m.index, id: m.id })),
    duplicates: r.duplicates,
    foreign: r.foreign,
    shards: r.shards,
  };
}

/** The error line of a merge with missing runs; `slurmScript`: the array script of `cluster slurm`, if any. */
export function missingMessage(missing: number, total: number, lacking: string[], slurmScript?: string): string {
  const rerun = lacking.length ? `rerun shard${lacking.length > 1 ? "s" : ""} ${lacking.join(", ")}` : "rerun the command";
  const slurm = lacking.length && slurmScript ? ` (Slurm: sbatch --array=${lacking.map((s) => s.split("/")[0]).join(",")} ${slurmScript})` : "";
  return `error: ${missing} of ${total} runs are missing: ${rerun} (a shard resumes: its finished runs are kept)${slurm}, or merge what is there with --allow-missing`;
}

/** The shards (as i/N) that lack runs. */
export function shardsLacking(r: MergeReport): string[] {
  return r.shards.filter((s) => s.missing > 0 && s.shard !== "all").map((s) => s.shard);
}

/** The experiment and settings of experiment shards (settings.json); every shard must agree. */
function shardSettings(dirs: string[]): { experiment: Experiment; settings: ResolvedOf<OptionGroup> } | undefined {
  if (!fs.existsSync(join(dirs[0], SETTINGS_FILE))) return undefined; // run records only (e.g. an API-made directory)
  let name: unknown;
  try {
    name = JSON.parse(fs.readFileSync(join(dirs[0], SETTINGS_FILE), "utf8")).experiment;
  } catch {
    throw new InputError(dirs[0], `has runs/ but no readable ${SETTINGS_FILE}: is it an experiment's --out directory?`);
  }
  if (name === undefined) return undefined; // not written by an experiment command
  const experiment = EXPERIMENTS.find((e) => e.name === name);
  if (!experiment) throw new InputError(`${dirs[0]}/${SETTINGS_FILE}`, `names the experiment "${String(name)}", which this version does not have`);
  const settings = readSettings(experiment, dirs[0]);
  for (const d of dirs.slice(1)) {
    if (canonicalJson(readSettings(experiment, d)) !== canonicalJson(settings)) throw new InputError(d, `holds ${experiment.name} with other settings than ${dirs[0]}: merge shards of one run only`);
  }
  return { experiment, settings };
}

interface MergeFlags {
  out: string;
  shards?: string;
  allowMissing?: boolean;
  json?: boolean;
  quiet?: boolean;
}

export function registerMerge(program: Command): void {
  program
    .command("merge")
    .description("join the shards of a sweep or an experiment; a table per shard; exit 1 when runs are missing or duplicated")
    .argument("<dirs...>", "the shards' --out directories (sweep results, or experiment outputs with runs/), e.g. out/task-*")
    .requiredOption("--out <dir>", "directory for the merged sweep.json and results.jsonl (one line per run; under runs/ for experiments)")
    .option("--shards <N>", "the number of shards the runs were split into (default: from the results file names, results.shard-i-of-N.jsonl)")
    .option("--allow-missing", "write the runs that are there even when some are missing (exit 0 then)")
    .option("--json", "print the report as JSON")
    .option("--quiet", "print nothing but errors")
    .action(
      runAction(async (dirs: string[], flags: MergeFlags) => {
        const r = mergeResults(dirs, flags.out, { shards: num(flags.shards, "shards", { int: true, min: 1 }), allowMissing: !!flags.allowMissing });
        const n = `${dirs.length} director${dirs.length === 1 ? "y" : "ies"}`;
        if (flags.json) console.log(JSON.stringify(mergeJson(r, flags.out), null, 1));
        else if (!flags.quiet) console.log(`${r.written ? `merged ${n} into ${r.outResultsDir}` : `read ${n}; nothing written`}\n${describeMerge(r)}`);
        if (r.missing.length && !flags.allowMissing) {
          const { tasks } = slurmFiles(flags.out);
          console.error(missingMessage(r.missing.length, r.total, shardsLacking(r), fs.existsSync(tasks) ? tasks : undefined));
          process.exit(1);
        }
        if (r.duplicates.length) {
          console.error(`error: ${r.duplicates.length} runs are recorded more than once (overlapping shards?): the first successful record of each was kept`);
          process.exit(1);
        }
        if (r.written && r.layout === "experiment" && r.missing.length === 0) {
          // an experiment's shards: its tables, files and figures, as an unsharded run writes them
          const which = shardSettings(dirs);
          if (!which) return;
          const { report, files } = await reportDirectory(which.experiment, flags.out, which.settings);
          if (!flags.quiet && !flags.json) {
            for (const line of report.text) console.log(line);
            console.log(`wrote ${files.join(", ")}`);
          }
          if (r.failed) {
            console.error(`error: ${r.failed} runs failed (errors in ${r.outResultsDir}); rerun their shards with --retry-failed`);
            process.exit(1);
          }
        }
      }),
    );
}
