// `relu-landscape sweep FILE --out DIR`: run every configuration of a sweep file on all cores,
// appending each finished run to DIR/results*.jsonl; the same command resumes after a kill.
import type { Command } from "commander";
import { resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { parseSweep } from "../../sweep/spec.js";
import { runCount } from "../../sweep/grid.js";
import { runSweep, workerCount } from "../../sweep/run-sweep.js";
import { coreCount } from "../../sweep/node-workers.js";
import { parseShard, shardFromEnv, type Shard } from "../../sweep/shard.js";
import { num } from "../problem-options.js";
import { readJson } from "../io.js";
import { runAction } from "../run-action.js";
import { sweepProgress } from "../sweep-progress.js";

interface SweepFlags {
  out: string;
  workers?: string;
  forceWorkers?: boolean;
  shard?: string;
  completions?: string;
  module?: string[];
  quiet?: boolean;
  json?: boolean;
  retryFailed?: boolean;
  dryRun?: boolean;
}

export function registerSweep(program: Command): void {
  program
    .command("sweep")
    .description("run a sweep (grid × repetitions) on all cores; resumable, shardable across machines")
    .argument("<file>", "sweep JSON file: { kind, seed, base, axes, repetitions, measure }")
    .requiredOption("--out <dir>", "results directory (sweep.json + results*.jsonl); rerun the same command to resume")
    .option("--workers <N>", `worker threads (0: run in this thread; at most the number of cores, ${coreCount()}, unless --force-workers) (default: the number of cores)`)
    .option("--force-workers", "start --workers N threads even when N is more than the number of cores")
    .option("--shard <i/N>", "run only shard i of N (0-based); default from SLURM_ARRAY_TASK_ID/COUNT or JOB_COMPLETION_INDEX")
    .option("--completions <N>", "shard count for Kubernetes indexed Jobs (or set RELU_LANDSCAPE_SHARDS)")
    .option("--module <url...>", "module(s) registering extra run kinds (registerRunKind), loaded in every worker")
    .option("--retry-failed", "when resuming, run the failed runs again too (default: a failure is a finished run)")
    .option("--dry-run", "check the sweep file and count the runs (all, this shard's, finished, to run); run nothing")
    .option("--json", "print the outcome as JSON (runs, done, failed, file, seconds; with --dry-run the counts) instead of the summary")
    .option("--quiet", "print nothing but errors")
    .addHelpText(
      "after",
      `
Sweep file example:
  { "kind": "train", "seed": 0, "repetitions": 3,
    "base": { "n": 20, "d": 5, "lambda": 0.01, "maxEpochs": 20000 },
    "axes": { "m": [4, 16, 64], "lr": { "from": 0.001, "to": 0.1, "num": 3, "log": true } },
    "measure": ["loss", "epochs", "stopReason"] }
Axes: a list, { from, to, step }, or { from, to, num, log?: true }. Each run gets rep and a seed
derived from the sweep seed and the hash of its configuration.
Exit code: 0 when every run of the sweep (or shard) has succeeded, 1 when some run has failed (its
error is in the results file; --retry-failed runs it again), 2 for bad input, 130 when stopped.`,
    )
    .action(
      runAction(async (file: string, given: SweepFlags) => {
        const flags = { ...given, quiet: given.quiet || given.json };
        const sweep = parseSweep(readJson(file, "sweep file"));
        const completions = num(flags.completions, "completions", { int: true, min: 1 });
        const shard: Shard | undefined = flags.shard ? parseShard(flags.shard) : shardFromEnv(process.env, completions);
        const workers = num(flags.workers, "workers", { int: true, min: 0 });
        const modules = (flags.module ?? []).map((m) => (/^[a-z]+:/.test(m) ? m : pathToFileURL(resolve(m)).href));
        if (flags.dryRun) {
          const s = await runSweep(sweep, { out: flags.out, shard, modules, retryFailed: !!flags.retryFailed, dryRun: true });
          const axes = sweep.axes.map(([k, v]) => `${k} ×${v.length}`).join(", ") || "no axes";
          const where = shard && shard.count > 1 ? `shard ${shard.index}/${shard.count}: ${s.total} runs, ` : "";
          const failed = s.failedTotal ? ` (${s.failedTotal} failed${flags.retryFailed ? ", to run again" : ""})` : "";
          if (given.json) return console.log(JSON.stringify({ runs: runCount(sweep), shard, shardRuns: s.total, finished: s.skipped, failed: s.failedTotal, toRun: s.total - s.skipped }, null, 1));
          console.log(`sweep${sweep.name ? ` ${sweep.name}` : ""} (${sweep.kind}): ${runCount(sweep)} runs (${axes}; ${sweep.repetitions} repetition${sweep.repetitions > 1 ? "s" : ""}); ${where}${s.skipped + (flags.retryFailed ? s.failedTotal : 0)} finished in ${flags.out}${failed}, ${s.total - s.skipped} to run`);
          return;
        }
        if (workers !== undefined && !flags.forceWorkers && workerCount(workers) < workers && !flags.quiet) {
          process.stderr.write(`note: --workers ${workers} is more than the ${coreCount()} cores: using ${workerCount(workers)} (--force-workers starts ${workers})\n`);
        }
        const progress = sweepProgress({ quiet: flags.quiet });
        const abort = new AbortController();
        const onSigint = () => {
          if (abort.signal.aborted) process.exit(130);
          abort.abort();
          if (!flags.quiet) process.stderr.write("\nstopping: finishing the runs in flight (Ctrl-C again to quit now; rerun to resume)\n");
        };
        process.on("SIGINT", onSigint);
        let s;
        try {
          s = await runSweep(sweep, { out: flags.out, workers, forceWorkers: !!flags.forceWorkers, shard, modules, retryFailed: !!flags.retryFailed, onProgress: progress.update, signal: abort.signal });
        } finally {
          progress.stop();
          process.off("SIGINT", onSigint);
        }
        if (!flags.quiet) {
          const where = shard && shard.count > 1 ? ` (shard ${shard.index}/${shard.count})` : "";
          const left = s.total - s.skipped - s.done;
          console.log(
            `sweep${sweep.name ? ` ${sweep.name}` : ""}${where}: ${s.total} runs, ${s.skipped} already done, ${s.done} ran in ${s.seconds.toFixed(1)} s` +
              `${s.failed ? `, ${s.failed} failed (errors in the results file)` : ""}${left ? `, ${left} not run (stopped)` : ""}; results: ${s.file}`,
          );
        }
        if (given.json) {
          console.log(JSON.stringify({ runs: s.total, skipped: s.skipped, done: s.done, failed: s.failed, failedTotal: s.failedTotal, stopped: abort.signal.aborted, file: s.file, seconds: s.seconds, workers: s.workers }, null, 1));
        }
        if (abort.signal.aborted) process.exit(130);
        if (s.failedTotal > 0) {
          console.error(`error: ${s.failedTotal} of ${s.total} runs failed (their errors are recorded in ${flags.out}): fix the cause and rerun with --retry-failed`);
          process.exit(1);
        }
      }),
    );
}
