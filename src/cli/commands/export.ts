// `relu-landscape export DIR... --csv`: a sweep's results as a flat table (settings, then measures).
import type { Command } from "commander";
import { collectResults } from "../../sweep/merge.js";
import { toCsv, toTable } from "../../sweep/export.js";
import { runAction } from "../run-action.js";
import { writeText } from "../io.js";
import { InputError } from "../../api/errors.js";

export function registerExport(program: Command): void {
  program
    .command("export")
    .description("write a sweep's results as a flat table: one row per run, its settings then its measures")
    .argument("<dirs...>", "results directories of one sweep (shards are joined)")
    .option("--csv", "CSV (the default)")
    .option("--json", "a JSON array of rows instead of CSV")
    .option("--out <file>", "write to this file (default: standard output)")
    .action(
      runAction(async (dirs: string[], flags: { csv?: boolean; json?: boolean; out?: string }) => {
        if (flags.csv && flags.json) throw new InputError("--json", "give --csv or --json, not both");
        const r = collectResults(dirs);
        if (r.missing.length) console.error(`note: ${r.missing.length} of ${r.total} runs have no result yet`);
        const table = toTable(r.records);
        const text = flags.json ? JSON.stringify(table.rows, null, 1) + "\n" : toCsv(table);
        if (flags.out) {
          writeText(flags.out, text);
          console.error(`wrote ${table.rows.length} rows to ${flags.out}`);
        } else process.stdout.write(text);
      }),
    );
}
