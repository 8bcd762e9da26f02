// `relu-landscape cones`: the fraction of activation cones holding a global minimum vs width.
import type { Command } from "commander";
import { runCones } from "../../experiments/cones.js";
import { CONES_QUICK, type ConesOptions } from "../../experiments/cones-options.js";
import { num } from "../problem-options.js";
import { defined, intList } from "../list-flags.js";
import { runAction } from "../run-action.js";
import { sweepProgress } from "../sweep-progress.js";

interface Flags {
  ns?: string; ds?: string; widths?: string; cones?: string; datasets?: string; lambda?: string;
  data?: string; sampler?: string; tol?: string; seed?: string; out: string; workers?: string; quick?: boolean; quiet?: boolean;
}

export function registerCones(program: Command): void {
  program
    .command("cones")
    .description("fraction of random activation cones holding a global minimum (and a spurious one) vs width m — Boursier et al., Theorem 1")
    .option("--ns <list>", "sample counts n (default 4,6)")
    .option("--ds <list>", "input dimensions d (default 8,10)")
    .option("--widths <list>", "widths m: signed patterns drawn per cone (default 10,20,40,80,160,320,640)")
    .option("--cones <N>", "random cones per dataset and width (default 20)")
    .option("--datasets <k>", "datasets per (n, d) (default 5)")
    .option("--lambda <λ>", "weight decay (default 0.01)")
    .option("--data <teacher|orthogonal>", "dataset kind (default teacher)")
    .option("--sampler <uniform|gaussian>", "how cones are drawn: uniform over the enumeration, or Gaussian neurons (default uniform)")
    .option("--tol <t>", "relative tolerance of 'holds a global minimum' (default 1e-6)")
    .option("--seed <s>", "seed of datasets and cones (default 0)")
    .option("--quick", "reduced grid (n=4, d=8, m up to 80, 10 cones, 3 datasets): under a minute")
    .option("--out <dir>", "output directory (rerun to resume)", "cones-out")
    .option("--workers <k>", "worker threads (default: the number of cores)")
    .option("--quiet", "no progress")
    .action(
      runAction(async (f: Flags) => {
        const opts: ConesOptions = {
          ...(f.quick ? CONES_QUICK : {}),
          ...defined({
            ns: intList(f.ns, "ns"),
            ds: intList(f.ds, "ds"),
            widths: intList(f.widths, "widths"),
            cones: num(f.cones, "cones", { int: true, min: 1 }),
            datasets: num(f.datasets, "datasets", { int: true, min: 1 }),
            lambda: num(f.lambda, "lambda", { gt: 0 }),
            tol: num(f.tol, "tol", { gt: 0 }),
            seed: num(f.seed, "seed", { int: true, min: 0 }),
            data: f.data,
            sampler: f.sampler,
          } as ConesOptions),
        };
        const progress = sweepProgress({ quiet: f.quiet });
        const report = await runCones(opts, { out: f.out, workers: num(f.workers, "workers", { int: true, min: 0 }), onProgress: progress.update });
        progress.stop();
        if (f.quiet) return;
        console.log(`cones: ${report.rows.length} cones solved in ${report.seconds.toFixed(1)} s${report.failed.length ? `, ${report.failed.length} runs failed (see ${f.out}/runs)` : ""}`);
        console.log("   n   d      m  signed  global        spurious      patterns hit  coupon");
        for (const s of report.summary) {
          const pm = (a: number, b: number) => `${a.toFixed(2)} ± ${b.toFixed(2)}`;
          console.log(`${String(s.n).padStart(4)}${String(s.d).padStart(4)}${String(s.m).padStart(7)}${String(Math.round(s.signedPatterns)).padStart(8)}  ${pm(s.fracGlobal, s.fracGlobalStd)}   ${pm(s.fracSpurious, s.fracSpuriousStd)}   ${pm(s.fracHit, s.fracHitStd)}   ${s.coupon.toFixed(2)}`);
        }
        console.log(`wrote ${report.files.join(", ")}`);
      }),
    );
}
