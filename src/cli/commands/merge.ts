// `relu-landscape merge DIR... --out DIR`: join the results of a sweep's shards, checking that every
// run is there exactly once; exit code 1 when runs are missing or duplicated.
import type { Command } from "commander";
import { mergeResults, type MergeReport } from "../../sweep/merge.js";
import { runAction } from "../run-action.js";

const list = (xs: number[], max = 10) => xs.slice(0, max).map((i) => `#${i}`).join(", ") + (xs.length > max ? `, … (${xs.length - max} more)` : "");

/** One paragraph describing a merge report. */
export function describeMerge(r: MergeReport): string {
  const lines = [`${r.total} runs in the sweep: ${r.records.length} present${r.failed ? ` (${r.failed} failed)` : ""}, ${r.missing.length} missing, ${r.duplicates.length} duplicated`];
  if (r.missing.length) lines.push(`  missing: ${list(r.missing.map((m) => m.index))}`);
  if (r.duplicates.length) lines.push(`  duplicated: ${r.duplicates.slice(0, 10).map((d) => `#${d.index} ×${d.count} (${d.files.join(", ")})`).join("; ")}`);
  if (r.foreign.length) lines.push(`  ${r.foreign.length} records are not runs of this sweep (ignored), e.g. in ${r.foreign[0].file}`);
  return lines.join("\n");
}

export function registerMerge(program: Command): void {
  program
    .command("merge")
    .description("join the results directories of a sweep's shards; reports missing and duplicated runs (exit 1)")
    .argument("<dirs...>", "results directories (e.g. results-*/)")
    .requiredOption("--out <dir>", "directory for the merged sweep.json and results.jsonl (one line per run)")
    .option("--quiet", "print nothing but errors")
    .action(
      runAction(async (dirs: string[], flags: { out: string; quiet?: boolean }) => {
        const r = mergeResults(dirs, flags.out);
        if (!flags.quiet) console.log(`merged ${dirs.length} director${dirs.length === 1 ? "y" : "ies"} into ${flags.out}\n${describeMerge(r)}`);
        if (r.missing.length || r.duplicates.length) {
          console.error(`error: the sweep is incomplete or has duplicates: ${r.missing.length} missing, ${r.duplicates.length} duplicated (rerun the shards that lack runs: the sweep resumes)`);
          process.exit(1);
        }
      }),
    );
}
