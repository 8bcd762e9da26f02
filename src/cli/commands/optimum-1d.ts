// `relu-landscape optimum-1d`: the closed-form global optimum of the 1-D scaled model (d = 1, no bias),
// its optimal set, the collapse condition, and the distance from the problem's init (if any).
import type { Command } from "commander";
import { loadProblem, num, type ProblemFlags } from "../problem-options.js";
import { optimum1d, optimalSetDimension } from "../../api/optimum-1d.js";
import { distanceToOptimum1d } from "../../api/optimum-1d-distance.js";
import { InputError } from "../../api/errors.js";
import { VERSION } from "../../version.js";
import { writeJson } from "../io.js";
import { runAction } from "../run-action.js";

const g = (v: number) => (Number.isFinite(v) ? Number(v.toPrecision(8)).toString() : String(v));

export function registerOptimum1d(program: Command): void {
  program
    .command("optimum-1d")
    .description("closed-form global optimum of f(x) = (1/κ)Σ aⱼ relu(wⱼx) on 1-D data (no bias), with or without weight decay; distance from the problem's init")
    .requiredOption("--problem <file>", "problem JSON file with X (n rows of 1 number), y, lambda, optional init and train.kappa")
    .option("--lambda <λ>", "weight decay λ (overrides the file)")
    .option("--kappa <κ>", "output scaling κ (overrides train.kappa; default 1)")
    .option("--m <m>", "width for the dimension of the optimal set (default: the init's width, else 100)")
    .option("--json", "print the result as JSON")
    .option("--out <file>", "write the result JSON")
    .action(
      runAction(async (flags: ProblemFlags & { kappa?: string; m?: string; json?: boolean; out?: string }) => {
        const problem = await loadProblem(flags);
        if (problem.bias) throw new InputError("bias", "the 1-D closed form has no bias: remove \"bias\": true");
        const kappa = num(flags.kappa, "kappa", { gt: 0 }) ?? problem.train.kappa ?? 1;
        const opt = optimum1d(problem.data, problem.lambda, kappa);
        const m = num(flags.m, "m", { int: true, min: 1 }) ?? problem.init?.a.length ?? 100;
        const dist = problem.init ? distanceToOptimum1d(opt, problem.init) : undefined;
        const result = { ...opt, width: m, dimension: optimalSetDimension(opt, m), distance: dist ? { ...dist } : undefined, version: VERSION };
        if (flags.out) writeJson(flags.out, result);
        if (flags.json) {
          console.log(JSON.stringify(result, null, 1));
          return;
        }
        console.log(`n = ${opt.n}, λ = ${g(opt.lambda)}, κ = ${g(kappa)}`);
        for (const [name, s] of [["A (x > 0)", opt.pos], ["B (x < 0)", opt.neg]] as const) {
          const state = s.free ? "free (no data on this side)" : s.collapsed ? "collapsed to 0" : "";
          console.log(`  ${name}: ${g(s.coef)}  slope ${g(s.slope)}  (${s.points} points, Σx² = ${g(s.sxx)}, |Σ|x|y| = ${g(Math.abs(s.sxy))} vs nλκ = ${g(s.threshold)}) ${state}`);
        }
        console.log(`  optimal L = ${g(opt.loss)}  data loss = ${g(opt.dataLoss)}  ‖θ*‖² = ${g(opt.normSq)}${opt.lambda === 0 ? " (minimum over the set)" : ""}`);
        console.log(`  ${opt.description}`);
        console.log(`  dimension of the optimal set at width m = ${m}: ${result.dimension < 0 ? "empty (width too small)" : result.dimension}`);
        if (dist) {
          const how = dist.exact ? "exact" : dist.method === "quadric-projection" ? "upper bound: local projection keeping each neuron's side" : `within [${g(dist.lowerBound)}, ${g(dist.distance)}]`;
          console.log(`  distance from the init: ${g(dist.distance)} (${how}); ‖θ₀‖ = ${g(dist.initNorm)}, ‖θ̂‖ = ${g(dist.optimumNorm)}, relative ${g(dist.distance / dist.initNorm)}`);
        }
        if (flags.out) console.log(`  wrote ${flags.out}`);
      }),
    );
}
