// The initialization-scale experiment (Boursier et al., Theorem 2): small initialization reaches
// spurious local minima even where the landscape is favourable. A grid of α × seeds on the sweep
// engine (all cores, resumable), then rows, summary, settings and two figures: the certified gap to the
// global optimum vs α, and one run's neurons projected on the optimum's principal plane.
import * as fs from "node:fs";
import { join } from "node:path";
import { readResults } from "../sweep/results.js";
import { runSweep } from "../sweep/run-sweep.js";
import type { SweepProgress } from "../sweep/loop.js";
import type { SweepSpec } from "../sweep/spec.js";
import { renderSvg } from "../plot/svg.js";
import { smallInitTeacher } from "../data/small-init.js";
import { type InitScaleOptions, resolveInitScaleOptions } from "./init-scale-options.js";
import { initScaleOptimum } from "./init-scale-kind.js";
import { gapFigure, neuronFigure } from "./init-scale-figures.js";
import { writeSettings, writeTable } from "./output.js";

export interface InitScaleRow {
  alpha: number;
  rep: number;
  seed: number;
  loss: number;
  dataLoss: number;
  normSq: number;
  epochs: number;
  stopReason: string;
  polishedLoss: number;
  gap: number;
  gapTrained: number;
  verdict: string;
  directionsPositive: number;
  directionsNegative: number;
  effectiveRank: number;
}

export interface InitScaleSummaryRow {
  alpha: number;
  runs: number;
  fracGlobal: number;
  medianGap: number;
  maxGap: number;
  meanDirectionsPositive: number;
  meanDirectionsNegative: number;
  meanEffectiveRank: number;
}

export interface InitScaleReport {
  globalValue: number;
  rows: InitScaleRow[];
  summary: InitScaleSummaryRow[];
  failed: { config: Record<string, unknown>; error: string }[];
  files: string[];
  seconds: number;
}

export function initScaleSweep(opts: InitScaleOptions): SweepSpec {
  const o = resolveInitScaleOptions(opts);
  const { alphas, seeds, seed, ...rest } = o;
  return { name: "init-scale", kind: "init-scale", seed, repetitions: seeds, base: { ...rest, dataSeed: seed }, axes: { alpha: alphas } };
}

const median = (v: number[]) => {
  const s = [...v].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

export async function runInitScale(opts: InitScaleOptions, run: { out: string; workers?: number; onProgress?: (p: SweepProgress) => void }): Promise<InitScaleReport> {
  const o = resolveInitScaleOptions(opts);
  const t0 = Date.now();
  const runsDir = join(run.out, "runs");
  const spec = initScaleSweep(o);
  await runSweep(spec, { out: runsDir, workers: run.workers, onProgress: run.onProgress });
  const records = readResults(fs, runsDir).flatMap((f) => f.records);
  const rows: InitScaleRow[] = [];
  const nets: { alpha: number; rep: number; verdict: string; W: number[][]; a: number[] }[] = [];
  const failed: InitScaleReport["failed"] = [];
  for (const r of records) {
    if (!r.result) {
      failed.push({ config: r.config, error: r.error ?? "unknown error" });
      continue;
    }
    const { W, a, globalValue: _g, ...rest } = r.result as Record<string, unknown>;
    rows.push({ ...(rest as unknown as InitScaleRow), rep: r.rep, seed: r.seed });
    nets.push({ alpha: r.result.alpha as number, rep: r.rep, verdict: r.result.verdict as string, W: W as number[][], a: a as number[] });
  }
  rows.sort((a, b) => b.alpha - a.alpha || a.rep - b.rep);
  const alphas = [...new Set(rows.map((r) => r.alpha))].sort((a, b) => b - a);
  const summary = alphas.map((alpha) => {
    const g = rows.filter((r) => r.alpha === alpha);
    const avg = (k: keyof InitScaleRow) => g.reduce((s, r) => s + (r[k] as number), 0) / g.length;
    return {
      alpha,
      runs: g.length,
      fracGlobal: g.filter((r) => r.verdict === "global").length / g.length,
      medianGap: median(g.map((r) => r.gap)),
      maxGap: Math.max(...g.map((r) => r.gap)),
      meanDirectionsPositive: avg("directionsPositive"),
      meanDirectionsNegative: avg("directionsNegative"),
      meanEffectiveRank: avg("effectiveRank"),
    };
  });
  const opt = await initScaleOptimum({ ...spec.base });
  const files = [
    ...writeTable(run.out, "runs", rows),
    ...writeTable(run.out, "summary", summary),
    writeSettings(run.out, { experiment: "init-scale", ...o, globalValue: opt.value }),
  ];
  const gapSvg = join(run.out, "gap-vs-alpha.svg");
  fs.writeFileSync(gapSvg, await renderSvg(gapFigure(rows)));
  files.push(gapSvg);
  // the neurons of one run: the smallest α's first non-global run if any, else the smallest α's first run
  const smallest = nets.filter((x) => x.alpha === Math.min(...nets.map((y) => y.alpha)));
  const shown = nets.filter((x) => x.verdict !== "global").sort((a, b) => a.alpha - b.alpha)[0] ?? smallest[0];
  if (shown) {
    const neuronSvg = join(run.out, "neurons.svg");
    fs.writeFileSync(neuronSvg, await renderSvg(neuronFigure(shown, opt.network, smallInitTeacher(o.n))));
    files.push(neuronSvg);
  }
  return { globalValue: opt.value, rows, summary, failed, files, seconds: (Date.now() - t0) / 1000 };
}
