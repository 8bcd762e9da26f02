// `relu-landscape orthogonal`: on orthogonal data the width threshold 2ⁿ is also necessary (Theorem 3).
import type { Command } from "commander";
import { ORTHOGONAL_QUICK, runOrthogonal, type OrthogonalExperimentOptions } from "../../experiments/orthogonal.js";
import { num } from "../problem-options.js";
import { defined, intList } from "../list-flags.js";
import { runAction } from "../run-action.js";
import { sweepProgress } from "../sweep-progress.js";

type Flags = Record<string, string | undefined> & { out: string; quick?: boolean; quiet?: boolean };

export function registerOrthogonal(program: Command): void {
  program
    .command("orthogonal")
    .description("fraction of trainings (and of random cones) reaching the global minimum vs width on orthogonal data — Boursier et al., Theorem 3")
    .option("--n <n>", "samples (default 4; threshold 2ⁿ)")
    .option("--d <d>", "input dimension ≥ n (default 8)")
    .option("--widths <list>", "widths m (default 2,4,8,16,32,64,128)")
    .option("--trainings <k>", "trainings per width (default 20)")
    .option("--cones <k>", "random cones per width (default 20)")
    .option("--alpha <α>", "initialization scale (default 1)")
    .option("--lr <lr>", "learning rate (default 0.05)")
    .option("--lambda <λ>", "weight decay (default 0.01)")
    .option("--max-epochs <k>", "epoch limit per training (default 1e5)")
    .option("--tol <t>", "relative tolerance of 'global' (default 1e-6)")
    .option("--seed <s>", "seed (default 0)")
    .option("--quick", "three widths, 6 trainings, 2e4 epochs: under a minute")
    .option("--out <dir>", "output directory (rerun to resume)", "orthogonal-out")
    .option("--workers <k>", "worker threads (default: the number of cores)")
    .option("--quiet", "no progress")
    .action(
      runAction(async (f: Flags) => {
        const given: OrthogonalExperimentOptions = {
          n: num(f.n, "n", { int: true, min: 1 }),
          d: num(f.d, "d", { int: true, min: 1 }),
          widths: intList(f.widths, "widths"),
          trainings: num(f.trainings, "trainings", { int: true, min: 1 }),
          cones: num(f.cones, "cones", { int: true, min: 1 }),
          alpha: num(f.alpha, "alpha", { gt: 0 }),
          lr: num(f.lr, "lr", { gt: 0 }),
          lambda: num(f.lambda, "lambda", { gt: 0 }),
          maxEpochs: num(f.maxEpochs, "max-epochs", { min: 1 }),
          tol: num(f.tol, "tol", { gt: 0 }),
          seed: num(f.seed, "seed", { int: true, min: 0 }),
        };
        const opts = { ...(f.quick ? ORTHOGONAL_QUICK : {}), ...defined(given) };
        const progress = sweepProgress({ quiet: f.quiet });
        const report = await runOrthogonal(opts, { out: f.out, workers: num(f.workers, "workers", { int: true, min: 0 }), onProgress: progress.update });
        progress.stop();
        if (f.quiet) return;
        console.log(`orthogonal: ${report.rows.length} trainings in ${report.seconds.toFixed(1)} s${report.failed.length ? `; ${report.failed.length} runs failed` : ""}`);
        console.log("      m  trainings  reach global  cones with global");
        for (const s of report.summary) console.log(`${String(s.m).padStart(7)}  ${String(s.trainings).padStart(9)}  ${s.fracGlobal.toFixed(2).padStart(12)}  ${s.coneFracGlobal.toFixed(2).padStart(17)}`);
        console.log(`wrote ${report.files.join(", ")}`);
      }),
    );
}
