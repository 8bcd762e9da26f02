// `relu-landscape init-scale`: small initialization reaches spurious local minima (Theorem 2).
import type { Command } from "commander";
import { runInitScale } from "../../experiments/init-scale.js";
import { INIT_SCALE_QUICK, type InitScaleOptions } from "../../experiments/init-scale-options.js";
import { num } from "../problem-options.js";
import { defined, numList } from "../list-flags.js";
import { runAction } from "../run-action.js";
import { sweepProgress } from "../sweep-progress.js";

type Flags = Record<string, string | undefined> & { out: string; quick?: boolean; quiet?: boolean };

export function registerInitScale(program: Command): void {
  program
    .command("init-scale")
    .description("gap to the global optimum vs initialization scale α on the research's data — Boursier et al., Theorem 2")
    .option("--n <n>", "n = d of the data (default 4)")
    .option("--alphas <list>", "initialization scales (default 2^-1 … 2^-10)")
    .option("--seeds <k>", "trainings per α (default 3)")
    .option("--m <m>", "width (default 100)")
    .option("--lr <lr>", "learning rate (default 0.01)")
    .option("--lambda <λ>", "weight decay (default 1e-5)")
    .option("--max-epochs <k>", "epoch limit (default 1e7; the research used 1e8)")
    .option("--grad-tol <t>", "stop when ‖∇L‖² < t (default 1e-16)")
    .option("--noise <σ>", "perturbation of the data (default 1e-3)")
    .option("--tol <t>", "relative tolerance of 'global' after polishing (default 1e-6)")
    .option("--seed <s>", "seed of data and initializations (default 0)")
    .option("--quick", "three scales, two seeds, 2e5 epochs: under a minute")
    .option("--out <dir>", "output directory (rerun to resume)", "init-scale-out")
    .option("--workers <k>", "worker threads (default: the number of cores)")
    .option("--quiet", "no progress")
    .action(
      runAction(async (f: Flags) => {
        const given: InitScaleOptions = {
          n: num(f.n, "n", { int: true, min: 3 }),
          alphas: numList(f.alphas, "alphas"),
          seeds: num(f.seeds, "seeds", { int: true, min: 1 }),
          m: num(f.m, "m", { int: true, min: 1 }),
          lr: num(f.lr, "lr", { gt: 0 }),
          lambda: num(f.lambda, "lambda", { gt: 0 }),
          maxEpochs: num(f.maxEpochs, "max-epochs", { min: 1 }),
          gradTol: num(f.gradTol, "grad-tol", { min: 0 }),
          noise: num(f.noise, "noise", { min: 0 }),
          tol: num(f.tol, "tol", { gt: 0 }),
          seed: num(f.seed, "seed", { int: true, min: 0 }),
        };
        const opts = { ...(f.quick ? INIT_SCALE_QUICK : {}), ...defined(given) };
        const progress = sweepProgress({ quiet: f.quiet });
        const report = await runInitScale(opts, { out: f.out, workers: num(f.workers, "workers", { int: true, min: 0 }), onProgress: progress.update });
        progress.stop();
        if (f.quiet) return;
        console.log(`init-scale: ${report.rows.length} runs in ${report.seconds.toFixed(1)} s; global optimum P* = ${report.globalValue.toExponential(6)}${report.failed.length ? `; ${report.failed.length} runs failed (see ${f.out}/runs)` : ""}`);
        console.log("        α  runs  global  median gap    max gap   dirs+  dirs−  eff.rank");
        for (const s of report.summary) {
          console.log(`${s.alpha.toExponential(2).padStart(9)}  ${String(s.runs).padStart(4)}  ${s.fracGlobal.toFixed(2).padStart(6)}  ${s.medianGap.toExponential(2).padStart(10)} ${s.maxGap.toExponential(2).padStart(10)}  ${s.meanDirectionsPositive.toFixed(1).padStart(5)}  ${s.meanDirectionsNegative.toFixed(1).padStart(5)}  ${s.meanEffectiveRank.toFixed(2).padStart(8)}`);
        }
        console.log(`wrote ${report.files.join(", ")}`);
      }),
    );
}
