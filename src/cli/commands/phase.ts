// `relu-landscape phase`: the lazy / feature-learning phase diagram of the scaled model (Luo et al.,
// JMLR 2021), with and without weight decay, plus the 1-D poster setting's ‖θ*‖ vs ‖θ₀‖ scaling.
import type { Command } from "commander";
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { getCore } from "../../core/loader.js";
import { InputError } from "../../api/errors.js";
import { PHASE_DEFAULTS } from "../../experiments/phase.js";
import { runPhaseSweep } from "../../experiments/phase-sweep.js";
import type { PhaseRunOptions } from "../../experiments/phase-run.js";
import { posterFits, posterRows } from "../../experiments/phase-poster.js";
import { phaseHeatmapSpec, posterNormsSpec } from "../../experiments/phase-figures.js";
import { renderSvg } from "../../plot/svg.js";
import { VERSION } from "../../version.js";
import { num } from "../problem-options.js";
import { writeJson } from "../io.js";
import { runAction } from "../run-action.js";

interface PhaseFlags {
  out: string;
  quick?: boolean;
  gammas?: string;
  gammaPrimes?: string;
  widths?: string;
  gammaKappa?: string;
  gammaLambda?: string;
  decay: boolean;
  seed?: string;
  tol?: string;
  maxEpochs?: string;
  lossTarget?: string;
  posterPairs?: string;
  c1?: string;
  posterWidths?: string;
  workers?: string;
}

/** "a,b,c" or "start:stop:step" → numbers. */
export function parseList(value: string | undefined, flag: string, opts: { int?: boolean; min?: number } = {}): number[] | undefined {
  if (value === undefined) return undefined;
  let out: number[];
  const range = value.split(":");
  if (range.length === 3) {
    const [a, b, s] = range.map((v) => num(v, flag)!);
    if (!(s > 0) || b < a) throw new InputError(`--${flag}`, `got "${value}": give start:stop:step with stop ≥ start and step > 0`);
    out = [];
    for (let v = a; v <= b + s * 1e-9; v += s) out.push(Number(v.toFixed(10)));
  } else out = value.split(",").map((v) => num(v.trim(), flag, opts)!);
  if (out.length === 0 || out.length > 200) throw new InputError(`--${flag}`, `got "${value}": give 1 to 200 values`);
  if (opts.int && out.some((v) => !Number.isInteger(v))) throw new InputError(`--${flag}`, `got "${value}": give integers`);
  if (opts.min !== undefined && out.some((v) => v < opts.min!)) throw new InputError(`--${flag}`, `got "${value}": every value must be ≥ ${opts.min}`);
  return out;
}

const QUICK = { gammas: [0.5, 1, 1.5, 2], gammaPrimes: [-1, 0, 1, 2], widths: [50, 158, 500], maxEpochs: 5000, posterWidths: [100, 1000, 10000] };

export function registerPhase(program: Command): void {
  program
    .command("phase")
    .description("phase diagram of the scaled model f = (1/κ)Σ aⱼ relu(wⱼ·x): slope of log sup RD vs log m over (γ, γ′), with and without weight decay, and ‖θ*‖ vs ‖θ₀‖ in the 1-D poster setting")
    .option("--out <dir>", "output directory: runs/ (resumable), rows.jsonl, summary.json, settings.json, poster.json, phase.svg, phase-decay.svg, poster-norms.svg", "phase-out")
    .option("--quick", "a 4×4 grid, widths 50,158,500, at most 5000 epochs (under a minute)")
    .option("--gammas <list>", "γ values, \"a,b,c\" or \"start:stop:step\" (default 0.25:2:0.25)")
    .option("--gamma-primes <list>", "γ′ values (default -1.5:2:0.5)")
    .option("--widths <list>", "widths m per point (default 100,464,2154,10000)")
    .option("--gamma-kappa <g>", "output scaling κ = m^g (the grid sets β₁, β₂ from γ, γ′ and this)", "0")
    .option("--gamma-lambda <g>", "weight decay of the second diagram: λ = m^−g", "0.5")
    .option("--no-decay", "skip the weight-decay diagram")
    .option("--seed <s>", "seed of the initializations", "0")
    .option("--tol <t>", "|slope| ≤ t is classified critical", "0.1")
    .option("--max-epochs <k>", "epoch cap per run (default 20000)")
    .option("--loss-target <t>", "no decay: stop when the data loss is below t", "1e-4")
    .option("--poster-pairs <list>", "(a₁,b₁) pairs of the 1-D poster figure, \"a:b;a:b\"", "0:0;0:0.5;0:1;0.5:0.5;0.5:1;1:0.25")
    .option("--c1 <c>", "poster setting: λ = m^−c₁", "1.5")
    .option("--poster-widths <list>", "poster setting widths (default 100,1000,10000,100000)")
    .option("--workers <k>", "worker threads of the sweep engine (default: all cores; 0 runs in this thread)")
    .action(runAction(async (flags: PhaseFlags) => phaseAction(flags)));
}

async function phaseAction(flags: PhaseFlags): Promise<void> {
  const quick = !!flags.quick;
  const gammas = parseList(flags.gammas, "gammas") ?? (quick ? QUICK.gammas : PHASE_DEFAULTS.gammas);
  const gammaPrimes = parseList(flags.gammaPrimes, "gamma-primes") ?? (quick ? QUICK.gammaPrimes : PHASE_DEFAULTS.gammaPrimes);
  const widths = parseList(flags.widths, "widths", { int: true, min: 1 }) ?? (quick ? QUICK.widths : PHASE_DEFAULTS.widths);
  if (widths.length < 2) throw new InputError("--widths", "give at least two widths to fit a slope");
  const gammaKappa = num(flags.gammaKappa, "gamma-kappa")!;
  const gammaLambda = num(flags.gammaLambda, "gamma-lambda")!;
  const seed = num(flags.seed, "seed", { int: true, min: 0 })!;
  const tol = num(flags.tol, "tol", { min: 0 })!;
  const c1 = num(flags.c1, "c1")!;
  const run: PhaseRunOptions = {
    maxEpochs: num(flags.maxEpochs, "max-epochs", { int: true, min: 1 }) ?? (quick ? QUICK.maxEpochs : 20_000),
    lossTarget: num(flags.lossTarget, "loss-target", { gt: 0 })!,
  };
  const pairs = (flags.posterPairs ?? "").split(";").filter(Boolean).map((s) => {
    const [a, b] = s.split(":");
    return [num(a, "poster-pairs")!, num(b, "poster-pairs")!] as [number, number];
  });
  if (pairs.some((p) => p.some((v) => v === undefined || Number.isNaN(v)))) throw new InputError("--poster-pairs", "give pairs a₁:b₁ separated by ;");
  const posterWidths = parseList(flags.posterWidths, "poster-widths", { int: true, min: 1 }) ?? (quick ? QUICK.posterWidths : [100, 1000, 10000, 100000]);

  const dir = flags.out;
  mkdirSync(dir, { recursive: true });
  const decays: Array<number | null> = flags.decay ? [null, gammaLambda] : [null];
  const workers = num(flags.workers, "workers", { int: true, min: 0 });
  const settings = { command: "phase", version: VERSION, seed, quick, gammas, gammaPrimes, widths, gammaKappa, decays, tol, run, poster: { pairs, c1, widths: posterWidths }, data: "x = −1, −0.5, 0, 0.5, 1 with a bias column, y = x² − 0.3", started: new Date().toISOString() };
  writeJson(join(dir, "settings.json"), settings);
  const core = await getCore();
  const t0 = performance.now();
  const secs = () => ((performance.now() - t0) / 1000).toFixed(1);
  const name = (gl: number | null) => (gl === null ? "no decay" : `λ = m^−${gl}`);
  const sweep = await runPhaseSweep({ gammas, gammaPrimes, widths, gammaKappa, decays, seed, tol, run }, dir, {
    workers,
    onProgress: (p) => {
      const c = p.last?.config;
      const r = p.last?.result as { supRD?: number; stop?: string } | undefined;
      const what = c ? `${name(c.gammaLambda as number | null)}: γ=${c.gamma} γ′=${c.gammaPrime} m=${c.m} supRD=${r?.supRD?.toExponential(2) ?? p.last?.error} ${r?.stop ?? ""}` : "";
      process.stderr.write(`[${p.skipped + p.done}/${p.total}] ${what}  ${secs()} s${p.skipped ? ` (${p.skipped} resumed)` : ""}\n`);
    },
  });
  const gridSeconds = (performance.now() - t0) / 1000;
  writeFileSync(join(dir, "rows.jsonl"), sweep.rows.map((r) => JSON.stringify(r)).join("\n") + "\n");
  const results = sweep.diagrams.map((d) => ({ ...d, name: name(d.gammaLambda) }));
  for (const r of results) {
    const file = r.gammaLambda === null ? "phase.svg" : "phase-decay.svg";
    const title = `sup RD scaling, ${r.name}${gammaKappa ? `, κ = m^${gammaKappa}` : ""} (widths ${widths.join(", ")})`;
    writeFileSync(join(dir, file), await renderSvg(phaseHeatmapSpec(r.points, title)));
  }
  const p0 = performance.now();
  const prow = posterRows(core, pairs, c1, posterWidths, seed);
  const fits = posterFits(prow);
  writeJson(join(dir, "poster.json"), { rows: prow, fits });
  writeFileSync(join(dir, "poster-norms.svg"), await renderSvg(posterNormsSpec(prow, c1)));
  const posterSeconds = (performance.now() - p0) / 1000;
  const summary = {
    version: VERSION,
    seconds: (performance.now() - t0) / 1000,
    gridSeconds,
    failed: sweep.failed,
    diagrams: results.map((r) => ({
      name: r.name, gammaLambda: r.gammaLambda,
      agree: r.points.filter((p) => p.regime === p.theory).length, points: r.points,
    })),
    poster: { fits, seconds: posterSeconds },
  };
  writeJson(join(dir, "summary.json"), summary);
  for (const r of results) {
    const agree = r.points.filter((p) => p.regime === p.theory).length;
    console.log(`${r.name}: ${agree}/${r.points.length} points agree with Luo et al.'s regimes (tol ${tol}); ${r.points.filter((p) => p.converged < widths.length).length} points with unconverged runs`);
    for (const p of r.points.filter((q) => q.regime !== q.theory)) console.log(`  γ=${p.gamma} γ′=${p.gammaPrime}: slope ${p.slope.toFixed(3)} → ${p.regime}, theory ${p.theory}`);
  }
  if (sweep.failed.length) console.log(`${sweep.failed.length} runs failed (see ${dir}/runs): first error: ${sweep.failed[0].error}`);
  console.log(`grid: ${gridSeconds.toFixed(1)} s`);
  console.log(`poster setting (c₁ = ${c1}): fitted exponents of ‖θ₀‖, ‖θ*‖, dist vs m (theory ‖θ₀‖ ~ m^(1/2−b₁), ‖θ*‖ ~ m^(a₁/2))`);
  for (const f of fits) console.log(`  a₁=${f.a1} b₁=${f.b1}: ${f.initSlope.toFixed(3)} (${f.initTheory}), ${f.optimumSlope.toFixed(3)} (${f.optimumTheory}), ${f.distanceSlope.toFixed(3)}`);
  console.log(`wrote ${dir}/ (runs/, rows.jsonl, summary.json, settings.json, poster.json, ${results.map((r) => (r.gammaLambda === null ? "phase.svg" : "phase-decay.svg")).join(", ")}, poster-norms.svg) in ${secs()} s`);
}
