// `relu-landscape gaps`: the width sweep of energy gaps between trained networks (dynamic string
// sampling), with summaries per width, permutation tests and figures.
import type { Command } from "commander";
import { appendFileSync, mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { InputError } from "../../api/errors.js";
import { type GapRow, type GapsOptions, gapsSettings, gapsSweep } from "../../experiments/gaps.js";
import { gapsProblem } from "../../experiments/gaps-data.js";
import { trainGapsModelsParallel } from "../../experiments/gaps-parallel.js";
import { barriersSpec, gapVsWidthSpec, profileSpec } from "../../experiments/gaps-figures.js";
import { renderSvg } from "../../plot/svg.js";
import { num } from "../problem-options.js";
import { addTrainFlags, trainFlags } from "../train-flags.js";
import { writeJson } from "../io.js";
import { runAction } from "../run-action.js";

type Flags = Record<string, string | boolean | undefined>;

const ROW_KEYS: (keyof GapRow)[] = ["width", "i", "j", "lossI", "lossJ", "gap", "maxLoss", "threshold", "success", "stop", "beads", "length", "distance", "rawDistance", "linearBarrier", "rawBarrier", "epochs", "seconds"];

function toCsv(rows: Record<string, unknown>[], keys: string[]): string {
  return [keys.join(","), ...rows.map((r) => keys.map((k) => String(r[k])).join(","))].join("\n") + "\n";
}

function widthList(v: string): number[] {
  const w = v.split(",").map((s) => s.trim()).filter((s) => s !== "").map(Number);
  if (w.length === 0 || w.some((m) => !Number.isInteger(m) || m < 1)) throw new InputError("--widths", `got "${v}": give positive whole widths separated by commas, e.g. 4,8,16`);
  return w;
}

const e3 = (v: number) => (v === 0 ? "0" : v.toExponential(2));

export function registerGaps(program: Command): void {
  const cmd = program
    .command("gaps")
    .description("energy gaps between trained networks across widths: train K networks per width, join every pair by dynamic string sampling (Freeman & Bruna), summarize and test whether the maximum gap shrinks with width")
    .option("--dataset <moons|wdbc|csv>", "data set (labels ±1 for the logistic loss)", "moons")
    .option("--csv <file>", "CSV file with a header row (with --dataset csv)")
    .option("--target <column>", "target column of the CSV (numeric, or two labels → ±1)")
    .option("--n <n>", "moons: samples", "200")
    .option("--noise <σ>", "moons: noise standard deviation", "0.1")
    .option("--data-seed <s>", "moons: seed of the data", "0")
    .option("--no-bias", "do not append the constant-1 feature")
    .option("--lambda <λ>", "regularization λ", "0.001")
    .option("--widths <list>", "widths, comma separated", "4,8,16,32,64,128,256")
    .option("--models <K>", "networks per width (all K(K−1)/2 pairs are joined)", "6")
    .option("--threshold-rel <r>", "L₀ = (1 + r)·max(L_A, L_B)", "0.01")
    .option("--threshold <L0>", "absolute threshold L₀ (overrides --threshold-rel)")
    .option("--max-beads <b>", "most beads per string", "16")
    .option("--bead-epochs <k>", "epoch budget of each bead's training", "5000")
    .option("--points <p>", "loss evaluations per segment", "33")
    .option("--no-align", "do not align neurons before joining")
    .option("--permutations <R>", "random splits per permutation test", "9999");
  addTrainFlags(cmd);
  cmd
    .option("--quick", "a small, fast run: widths 4,16,64, 3 models, 5000 epochs, 1000 per bead")
    .option("--out <dir>", "write settings.json, rows.jsonl/.csv, summary.json/.csv, profiles.json and SVG figures")
    .option("--workers <k>", "with --out: train the networks on k worker threads of the sweep engine (default: all cores; resumable in DIR/train-runs); 0 trains in this thread")
    .option("--quiet", "print nothing but errors")
    .addHelpText("after", "\nTraining defaults here: --loss logistic --regularizer l1-unit --lr 0.5 --alpha 0.1 --max-epochs 20000 (--seed is the sweep's seed: model k uses seed+k).")
    .action(
      runAction(async (f: Flags) => {
        const s = (k: string) => f[k] as string | undefined;
        const quick = !!f.quick;
        const train = trainFlags(f as Record<string, string | undefined>);
        if (train.m !== undefined) throw new InputError("--m", "is not used by gaps: give the widths with --widths");
        delete train.seed;
        if (quick && train.maxEpochs === undefined) train.maxEpochs = 5000;
        const lambda = num(s("lambda"), "lambda", { min: 0 })!;
        // --csv alone implies --dataset csv
        const dataset = (s("csv") && cmd.getOptionValueSource("dataset") !== "cli" ? "csv" : s("dataset")) as "moons" | "wdbc" | "csv";
        if (!["moons", "wdbc", "csv"].includes(dataset)) throw new InputError("--dataset", `got "${dataset}": use moons, wdbc or csv`);
        const dataOpts = {
          dataset, csv: s("csv"), target: s("target"), bias: f.bias !== false,
          n: num(s("n"), "n", { int: true, min: 2 }), noise: num(s("noise"), "noise", { min: 0 }), dataSeed: num(s("dataSeed"), "data-seed", { int: true, min: 0 }),
        };
        const { problem, description } = await gapsProblem(dataOpts, lambda);
        const opts: GapsOptions = {
          widths: quick && cmd.getOptionValueSource("widths") !== "cli" ? [4, 16, 64] : widthList(s("widths")!),
          models: quick && cmd.getOptionValueSource("models") !== "cli" ? 3 : num(s("models"), "models", { int: true, min: 2 }),
          seed: num(s("seed") ?? "0", "seed", { int: true, min: 0 }),
          train,
          string: {
            thresholdRel: num(s("thresholdRel"), "threshold-rel", { min: 0 }),
            threshold: num(s("threshold"), "threshold"),
            maxBeads: num(s("maxBeads"), "max-beads", { int: true, min: 0 }),
            beadEpochs: quick && cmd.getOptionValueSource("beadEpochs") !== "cli" ? 1000 : num(s("beadEpochs"), "bead-epochs", { int: true, min: 1 }),
            points: num(s("points"), "points", { int: true, min: 2 }),
            align: f.align !== false,
          },
          permutations: quick && cmd.getOptionValueSource("permutations") !== "cli" ? 999 : num(s("permutations"), "permutations", { int: true, min: 1 }),
        };
        const out = s("out"), quiet = !!f.quiet;
        const settings = gapsSettings(opts, { dataset: description, lambda, bias: problem.bias, n: problem.data.n, d: problem.data.d, command: process.argv.slice(2).join(" ") });
        if (out) {
          mkdirSync(out, { recursive: true });
          writeJson(join(out, "settings.json"), settings);
          writeFileSync(join(out, "rows.jsonl"), "");
        }
        if (!quiet) console.log(`gaps on ${description}, λ=${lambda}: widths ${opts.widths!.join(",")}, ${opts.models} networks each, seed ${opts.seed}`);
        const workers = num(s("workers"), "workers", { int: true, min: 0 });
        let pretrained: GapsOptions["pretrained"];
        if (out && workers !== 0) {
          const t0 = performance.now();
          pretrained = await trainGapsModelsParallel(dataOpts, lambda, train, opts.widths!, opts.models!, opts.seed!, join(out, "train-runs"), {
            workers,
            onProgress: quiet ? undefined : (p) => process.stderr.write(`  trained ${p.skipped + p.done}/${p.total} networks${p.skipped ? ` (${p.skipped} resumed)` : ""}${p.failed ? `, ${p.failed} failed` : ""}\n`),
          });
          if (!quiet) process.stderr.write(`  trained ${opts.models! * new Set(opts.widths).size} networks in ${((performance.now() - t0) / 1000).toFixed(1)} s on the sweep engine\n`);
        }
        const r = await gapsSweep(problem, {
          ...opts,
          pretrained,
          onProgress: quiet ? undefined : (msg) => process.stderr.write(msg + "\n"),
          onRow: out ? (row) => appendFileSync(join(out, "rows.jsonl"), JSON.stringify(row) + "\n") : undefined,
        });
        if (!quiet) {
          console.log("  width  pairs  gap mean   median     max        success  beads  length  straight  aligned   L(models)");
          for (const w of r.summary) {
            console.log(`  ${String(w.width).padStart(5)}  ${String(w.pairs).padStart(5)}  ${e3(w.mean).padEnd(9)}  ${e3(w.median).padEnd(9)}  ${e3(w.max).padEnd(9)}  ${(100 * w.success).toFixed(0).padStart(6)}%  ${w.meanBeads.toFixed(1).padStart(5)}  ${w.meanLength.toFixed(3)}   ${e3(w.meanRawBarrier).padEnd(8)}  ${e3(w.meanLinearBarrier).padEnd(8)}  ${w.modelLossMin.toPrecision(4)}–${w.modelLossMax.toPrecision(4)}`);
          }
          console.log("  permutation tests of \"the maximum gap is smaller at the larger width\":");
          for (const t of r.tests) console.log(`    m=${t.smaller} vs m=${t.larger}: max gap ${t.statistic >= 0 ? "drops" : "rises"} by ${e3(Math.abs(t.statistic))}, p = ${t.pValue.toFixed(4)} (conservative ${t.pValueConservative.toFixed(4)}; ${t.permutations} splits)`);
          console.log(`  ${r.seconds.toFixed(1)} s`);
        }
        if (out) {
          writeFileSync(join(out, "rows.csv"), toCsv(r.rows as unknown as Record<string, unknown>[], ROW_KEYS));
          writeJson(join(out, "summary.json"), { summary: r.summary, tests: r.tests, seconds: r.seconds, version: settings.version });
          writeFileSync(join(out, "summary.csv"), toCsv(r.summary as unknown as Record<string, unknown>[], Object.keys(r.summary[0])));
          writeJson(join(out, "profiles.json"), r.examples);
          writeFileSync(join(out, "gap-vs-width.svg"), await renderSvg(gapVsWidthSpec(r, description)));
          writeFileSync(join(out, "barriers.svg"), await renderSvg(barriersSpec(r, description)));
          writeFileSync(join(out, "profile.svg"), await renderSvg(profileSpec(r, description)));
          if (!quiet) console.log(`  wrote ${out}/ (settings, rows, summary, profiles, gap-vs-width.svg, barriers.svg, profile.svg)`);
        }
      }),
    );
}
