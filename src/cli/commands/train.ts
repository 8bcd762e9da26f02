// `relu-landscape train`: train one network on a problem file or generated teacher data.
import type { Command } from "commander";
import { Trainer } from "../../api/train.js";
import { addProblemOptions, loadProblem, type ProblemFlags } from "../problem-options.js";
import { addTrainFlags, trainFlags } from "../train-flags.js";
import { writeJson } from "../io.js";
import { runAction } from "../run-action.js";

const fmt = (v: number) => (Math.abs(v) >= 1e4 || (Math.abs(v) < 1e-3 && v !== 0) ? v.toExponential(4) : v.toPrecision(6));

export function registerTrain(program: Command): void {
  const cmd = program
    .command("train")
    .description("train a two-layer ReLU network with weight decay (GD or SGD) and print a summary");
  addProblemOptions(cmd);
  addTrainFlags(cmd);
  cmd
    .option("--out <file>", "write the result JSON (W, a, loss, trace, settings, version)")
    .option("--quiet", "print nothing but errors")
    .action(
      runAction(async (flags: Record<string, string | undefined> & { quiet?: boolean; out?: string }) => {
        const problem = await loadProblem(flags as ProblemFlags);
        const trainer = await Trainer.create(problem, trainFlags(flags));
        const tty = process.stderr.isTTY && !flags.quiet;
        const { n, d } = problem.data;
        const o = trainer.options;
        if (!flags.quiet) {
          console.log(`training m=${trainer.m} on n=${n}, d=${d}, λ=${problem.lambda}: ${o.method} lr=${o.lr} α=${o.alpha} (${o.initScheme}) seed=${o.seed}, up to ${o.maxEpochs} epochs`);
        }
        const result = await trainer.run({
          progressMs: 200,
          onProgress: tty
            ? (s) => process.stderr.write(`\r  epoch ${s.epoch}  L=${fmt(s.loss)}  ‖∇L‖²=${fmt(s.gradNormSq)}   `)
            : undefined,
        });
        trainer.dispose();
        if (tty) process.stderr.write("\r\x1b[K");
        if (flags.out) writeJson(flags.out, result);
        if (!flags.quiet) {
          console.log(`  stopped: ${result.stopReason} after ${result.epochs} epochs in ${result.seconds.toFixed(2)} s (${Math.round(result.epochs / Math.max(result.seconds, 1e-9))} epochs/s)`);
          console.log(`  L = ${fmt(result.loss)}  data loss = ${fmt(result.dataLoss)}  ‖θ‖² = ${fmt(result.normSq)}  ‖∇L‖² = ${fmt(result.gradNormSq)}  patterns = ${result.trace.at(-1)?.patterns}`);
          if (result.stopReason === "maxEpochs" && result.gradNormSq > o.gradTol) {
            console.log("  note: constant-step GD chatters across ReLU kinks near a minimum; ‖∇L‖ may never reach the tolerance.");
          }
          if (flags.out) console.log(`  wrote ${flags.out}`);
        }
      }),
    );
}
