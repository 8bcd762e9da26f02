// The command of an experiment, derived from its definition: one flag per setting (with its default
// in --help), one flag per preset (--quick, --paper), and what every experiment shares — --out with
// resume, --workers, --shard i/N and the cluster's environment, --retry-failed, --dry-run, --json,
// --quiet; progress on stderr; one-line errors; exit code 1 when any run failed.
import type { Command } from "commander";
import { InputError } from "../api/errors.js";
import type { OptionGroup } from "../api/schema.js";
import type { Experiment } from "../experiments/experiment.js";
import { experimentSettings } from "../experiments/experiment.js";
import { runExperiment } from "../experiments/run-experiment.js";
import { coreCount } from "../sweep/node-workers.js";
import { parseShard, shardFromEnv } from "../sweep/shard.js";
import { addGroupFlags, readGroupFlags } from "./option-flags.js";
import { num } from "./problem-options.js";
import { runAction } from "./run-action.js";
import { sweepProgress } from "./sweep-progress.js";

interface CommonFlags {
  forceWorkers?: boolean;
  out: string;
  workers?: string;
  shard?: string;
  completions?: string;
  retryFailed?: boolean;
  dryRun?: boolean;
  json?: boolean;
  quiet?: boolean;
}

const describePreset = (p: Record<string, unknown>) =>
  Object.entries(p).map(([k, v]) => `${k}=${Array.isArray(v) ? v.join(",") : String(v)}`).join(" ");

/** Registers `relu-landscape <e.name>`. */
export function registerExperiment<G extends OptionGroup>(program: Command, e: Experiment<G>): Command {
  const cmd = program.command(e.name).description(e.title);
  addGroupFlags(cmd, e.options);
  for (const [name, preset] of Object.entries(e.presets)) {
    cmd.option(`--${name}`, `preset: ${describePreset(preset as Record<string, unknown>)}${name === "quick" ? " (a reduced grid)" : ""} — flags given as well override it`);
  }
  cmd
    .option("--out <dir>", "output directory: settings.json, runs/ (resumable: rerun the same command), tables, figures", `${e.name}-out`)
    .option("--workers <N>", `worker threads; 0 runs in this thread (default: the number of cores, ${coreCount()}; more only with --force-workers)`)
    .option("--force-workers", "start every worker asked for, even more than the cores")
    .option("--shard <i/N>", "run only shard i of N (0-based; merge the shards' directories with `relu-landscape merge`); default from SLURM_ARRAY_TASK_ID/COUNT or JOB_COMPLETION_INDEX")
    .option("--completions <N>", "shard count of a Kubernetes indexed Job (or set RELU_LANDSCAPE_SHARDS)")
    .option("--retry-failed", "when resuming, run the failed runs again")
    .option("--dry-run", "check the settings and count the runs (all, this shard's, finished); run nothing, write nothing")
    .option("--json", "print the outcome as JSON (settings, counts, failures, files, tables) instead of the summary")
    .option("--quiet", "print nothing but errors");
  if (e.about) cmd.addHelpText("after", `\n${e.about}`);
  cmd.action(
    runAction(async (flags: CommonFlags & Record<string, unknown>) => {
      const presets = Object.keys(e.presets).filter((p) => flags[p] === true);
      if (presets.length > 1) throw new InputError(`--${presets[1]}`, `goes with one preset at a time (also given: --${presets[0]})`);
      const settings = experimentSettings(e, readGroupFlags(e.options, flags) as never, presets[0]);
      const completions = num(flags.completions, "completions", { int: true, min: 1 });
      const shard = flags.shard ? parseShard(flags.shard) : shardFromEnv(process.env, completions);
      const workers = num(flags.workers, "workers", { int: true, min: 0 });
      const quiet = flags.quiet || flags.json;
      const notes = e.notes?.(settings) ?? [];
      if (!quiet) for (const line of notes) process.stderr.write(`note: ${line}\n`);
      const progress = sweepProgress({ quiet });
      const abort = new AbortController();
      const onSigint = () => {
        if (abort.signal.aborted) process.exit(130);
        abort.abort();
        if (!quiet) process.stderr.write("\nstopping: finishing the runs in flight (Ctrl-C again to quit now; rerun to resume)\n");
      };
      process.on("SIGINT", onSigint);
      const r = await runExperiment(e, settings, { out: flags.out, workers, forceWorkers: flags.forceWorkers, shard, dryRun: flags.dryRun, retryFailed: flags.retryFailed, onProgress: progress.update, signal: abort.signal });
      progress.stop();
      process.off("SIGINT", onSigint);
      const where = shard && shard.count > 1 ? `shard ${shard.index}/${shard.count}: ` : "";
      if (flags.json) {
        console.log(JSON.stringify({
          experiment: e.name, settings, notes, out: flags.out, total: r.total, present: r.present, complete: r.complete,
          shard, ran: r.sweep.done, failed: r.failed, files: r.files, tables: r.report?.tables, json: r.report?.json, seconds: r.seconds,
        }, null, 1));
      } else if (flags.dryRun) {
        console.log(`${e.name}: ${r.total} runs${where ? `; ${where}${r.sweep.total} runs` : ""}, ${r.sweep.skipped} finished in ${flags.out}, ${r.sweep.total - r.sweep.skipped} to run`);
      } else if (!flags.quiet) {
        if (r.report) for (const line of r.report.text) console.log(line);
        else console.log(`${e.name}: ${where}${r.sweep.done} runs done, ${r.present}/${r.total} runs present in ${flags.out}/runs${r.sweep.total - r.sweep.skipped - r.sweep.done ? " (stopped: rerun to resume)" : shard && shard.count > 1 ? "; merge the shards' directories with `relu-landscape merge DIR... --out DIR` for the tables and figures" : ""}`);
        if (r.failed.length) console.log(`${r.failed.length} runs failed (errors in ${flags.out}/runs/results*.jsonl); first: ${r.failed[0].error}`);
        if (r.files.length) console.log(`wrote ${r.files.join(", ")}`);
      }
      if (abort.signal.aborted) process.exit(130);
      if (r.failed.length) {
        if (!flags.quiet) console.error(`error: ${r.failed.length} of ${r.total} runs failed (rerun with --retry-failed after fixing the cause)`);
        process.exit(1);
      }
    }),
  );
  return cmd;
}
