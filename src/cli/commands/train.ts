// `relu-landscape train`: train one network on a problem file or generated teacher data.
import type { Command } from "commander";
import { Trainer } from "../../api/train.js";
import { addProblemOptions, loadProblem, type ProblemFlags } from "../problem-options.js";
import { addTrainFlags, trainFlags } from "../train-flags.js";
import { writeJson } from "../io.js";
import { runAction } from "../run-action.js";
import { globalOptimum } from "../../convex/optimum.js";
import { certify } from "../../convex/certify.js";
import { polish } from "../../convex/polish.js";
import { assertFinite } from "./convex.js";

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
    .option("--certify", "append `certificate` (loss, certified lower bound on the global optimum, gap, verdict) to the result")
    .option("--polish", "append `polished`: the exact best network in the trained network's activation cone, with its verdict")
    .action(
      runAction(async (flags: Record<string, string | undefined> & { quiet?: boolean; out?: string; certify?: boolean; polish?: boolean }) => {
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
        const extra: Record<string, unknown> = {};
        if (flags.certify || flags.polish) {
          // one global solve shared by both (its certified lower bound), for the run's own objective
          const objective = { loss: o.loss, regularizer: o.regularizer, kappa: o.kappa };
          const g = await globalOptimum(problem, undefined, objective);
          const net = { W: result.W, a: result.a };
          if (flags.certify) extra.certificate = await certify(problem, undefined, net, { ...objective, lowerBound: g.lowerBound });
          if (flags.polish) {
            const p = await polish(problem, undefined, net, { ...objective, lowerBound: g.lowerBound });
            extra.polished = { ...p.network, loss: p.loss, verdict: p.verdict, certificate: p.certificate, patterns: p.patterns };
          }
        }
        assertFinite(extra, "certificate");
        Object.assign(result, extra);
        if (flags.out) writeJson(flags.out, result);
        if (!flags.quiet) {
          console.log(`  stopped: ${result.stopReason} after ${result.epochs} epochs in ${result.seconds.toFixed(2)} s (${Math.round(result.epochs / Math.max(result.seconds, 1e-9))} epochs/s)`);
          console.log(`  L = ${fmt(result.loss)}  data loss = ${fmt(result.dataLoss)}  ‖θ‖² = ${fmt(result.normSq)}  ‖∇L‖² = ${fmt(result.gradNormSq)}  patterns = ${result.trace.at(-1)?.patterns}`);
          if (result.stopReason === "maxEpochs" && result.gradNormSq > o.gradTol) {
            console.log("  note: constant-step GD chatters across ReLU kinks near a minimum; ‖∇L‖ may never reach the tolerance.");
          }
          const c = extra.certificate as { verdict: string; gap: number; lowerBound: number } | undefined;
          if (c) console.log(`  certificate: ${c.verdict}, gap to the global optimum ${c.gap.toExponential(2)} (lower bound ${fmt(c.lowerBound)})`);
          const p = extra.polished as { loss: number; verdict: string } | undefined;
          if (p) console.log(`  polished: L = ${fmt(p.loss)} (${p.verdict})`);
          if (flags.out) console.log(`  wrote ${flags.out}`);
        }
      }),
    );
}
