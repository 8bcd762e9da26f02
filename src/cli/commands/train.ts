// `relu-landscape train`: train one network on a problem file or generated teacher data.
import type { Command } from "commander";
import { Trainer } from "../../api/train.js";
import { addProblemOptions, loadProblem, type ProblemFlags } from "../problem-options.js";
import { trainOptions } from "../../api/train-options.js";
import { addGroupFlags, readGroupFlags } from "../option-flags.js";
import { existsSync, statSync } from "node:fs";
import { dirname } from "node:path";
import { InputError } from "../../api/errors.js";
import { makeDirectory } from "../../sweep/files.js";
import { writeJson } from "../io.js";
import { runAction } from "../run-action.js";
import { globalOptimum } from "../../convex/optimum.js";
import { type Certificate, type CertifyOptions, certify } from "../../convex/certify.js";
import { polish } from "../../convex/polish.js";
import { checkKnownOptimum } from "../../convex/verdict.js";
import { resolveSettings } from "../../convex/settings.js";
import { assertFinite, certificateJson, failWhenPolishUnproven, failWhenUndetermined, knownOptimum, knownOptimumFlags, withOptimumFile } from "./convex.js";

const fmt = (v: number) => (Math.abs(v) >= 1e4 || (Math.abs(v) < 1e-3 && v !== 0) ? v.toExponential(4) : v.toPrecision(6));

export function registerTrain(program: Command): void {
  const cmd = program
    .command("train")
    .description("train a two-layer ReLU network with weight decay (GD or SGD) and print a summary");
  addProblemOptions(cmd);
  addGroupFlags(cmd, trainOptions);
  cmd
    .option("--out <file>", "write the result JSON (W, a, loss, trace, settings, version)")
    .option("--json", "print the result JSON on stdout (as --out writes it) instead of the summary")
    .option("--quiet", "print nothing but errors")
    .option("--certify", "append `certificate` (loss, certified lower bound on the global optimum, gap, verdict) to the result; exit code 1 when its verdict is undetermined")
    .option("--polish", "append `polished`: the exact best network in the trained network's activation cone, with its verdict; exit code 1 when the cone program stops short or the verdict is undetermined");
  knownOptimumFlags(cmd)
    .action(
      runAction(async (f: Record<string, string | undefined> & { quiet?: boolean; json?: boolean; out?: string; certify?: boolean; polish?: boolean; optimum?: string }) => {
        const flags = { ...f, quiet: f.quiet || f.json };
        const problem = await loadProblem(flags as ProblemFlags);
        // a known optimum is read (and its flags checked) before training, not after
        const known: Pick<CertifyOptions, "optimum" | "lowerBound" | "globalValue"> = knownOptimum(flags);
        if ((known.optimum || known.lowerBound !== undefined || known.globalValue !== undefined) && !flags.certify && !flags.polish) {
          throw new InputError(flags.optimum !== undefined ? "--optimum" : known.lowerBound !== undefined ? "--lower-bound" : "--global-value", "is for --certify and --polish: add one of them");
        }
        const trainer = await Trainer.create(problem, readGroupFlags(trainOptions, flags));
        if (known.optimum) {
          const t = trainer.options;
          await withOptimumFile(flags, async () => checkKnownOptimum(known.optimum!, problem.data, resolveSettings({ lambda: problem.lambda, loss: t.loss, regularizer: t.regularizer, kappa: t.kappa })));
        }
        // refuse an unwritable --out before training, not after
        if (flags.out) {
          if (existsSync(flags.out) && statSync(flags.out).isDirectory()) throw new InputError("--out", `${flags.out} is a directory: give a file name, e.g. ${flags.out}/result.json`);
          makeDirectory(dirname(flags.out), "--out");
        }
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
        if (!flags.quiet) {
          console.log(`  stopped: ${result.stopReason} after ${result.epochs} epochs in ${result.seconds.toFixed(2)} s (${Math.round(result.epochs / Math.max(result.seconds, 1e-9))} epochs/s)`);
          console.log(`  L = ${fmt(result.loss)}  data loss = ${fmt(result.dataLoss)}  ‖θ‖² = ${fmt(result.normSq)}  ‖∇L‖² = ${fmt(result.gradNormSq)}  patterns = ${result.trace.at(-1)?.patterns}`);
          if (result.stopReason === "maxEpochs" && result.gradNormSq > o.gradTol) {
            console.log("  note: constant-step GD chatters across ReLU kinks near a minimum; ‖∇L‖ may never reach the tolerance.");
          }
        }
        // the trained network is written before certifying: a certificate that cannot be computed
        // (too many patterns, …) must not lose it
        if (flags.out) writeJson(flags.out, result);
        if (flags.certify || flags.polish) {
          const extra: Record<string, unknown> = {};
          try {
            // the run's own objective; the global optimum given (--optimum, --lower-bound) or solved once,
            // shared by both
            const objective = { lambda: problem.lambda, loss: o.loss, regularizer: o.regularizer, kappa: o.kappa };
            const given = known.optimum !== undefined || known.lowerBound !== undefined || known.globalValue !== undefined;
            const g = given ? undefined : await globalOptimum(problem, objective);
            const opts: CertifyOptions = { ...objective, ...(g ? { lowerBound: g.lowerBound, globalValue: g.value } : known) };
            const net = { W: result.W, a: result.a };
            await withOptimumFile(flags, async () => {
              if (flags.certify) extra.certificate = await certify(problem, net, opts);
              if (flags.polish) {
                const p = await polish(problem, net, opts);
                extra.polished = { ...p.network, loss: p.loss, verdict: p.verdict, certificate: p.certificate, patterns: p.patterns, coneConverged: p.coneConverged };
              }
            });
          } catch (e) {
            const what = [flags.certify && "--certify", flags.polish && "--polish"].filter(Boolean).join(" and ");
            if (flags.out) console.error(`note: the trained network is in ${flags.out}, without the result of ${what}`);
            throw e;
          }
          const c = extra.certificate as Certificate | undefined;
          const pol = extra.polished as { loss: number; verdict: string; certificate: Certificate; coneConverged: boolean } | undefined;
          if (c) extra.certificate = certificateJson(c);
          if (pol) pol.certificate = certificateJson(pol.certificate);
          assertFinite(extra, "certificate");
          Object.assign(result, extra);
          if (flags.out) writeJson(flags.out, result);
          if (!flags.quiet) {
            if (c) {
              console.log(`  certificate: ${c.verdict} at width ${c.width}, gap to the global optimum ${c.gap.toExponential(2)} (lower bound ${fmt(c.lowerBound)})`);
              console.log(`    ${c.reason}`);
            }
            if (pol) console.log(`  polished: L = ${fmt(pol.loss)} (${pol.verdict} at width ${pol.certificate.width}: ${pol.certificate.reason})`);
          }
          if (c) failWhenUndetermined(c, "train --certify");
          if (pol) failWhenPolishUnproven(pol, "train --polish");
        }
        if (flags.out && !flags.quiet) console.log(`  wrote ${flags.out}`);
        if (f.json) console.log(JSON.stringify(result, null, 1));
      }),
    );
}
