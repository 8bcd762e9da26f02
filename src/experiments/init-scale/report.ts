// The initialization-scale experiment's report: one row per run (α, seed, losses, the certified gap,
// the verdict, the neurons' geometry), a summary per α, the global optimum P* (added to
// settings.json), the gap figure and one run's neurons. Browser-safe (P* is solved in this thread).
import { smallInitTeacher } from "../../data/small-init.js";
import type { RunRecord } from "../../sweep/record.js";
import type { ExperimentReport } from "../experiment.js";
import { gapFigure, neuronFigure } from "./figures.js";
import { initScaleOptimum } from "./kind.js";
import { initScaleSweep, type ResolvedInitScaleOptions } from "./options.js";
import type { InitScaleRow, InitScaleSummaryRow, InitScaleNetwork } from "./rows.js";

export type { InitScaleRow, InitScaleSummaryRow, InitScaleNetwork } from "./rows.js";

const median = (v: number[]) => {
  const s = [...v].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

/** The rows (α descending, then seed), the networks and the summary per α of finished runs (failed runs left out). */
export function initScaleSummary(records: RunRecord[]): { rows: InitScaleRow[]; nets: InitScaleNetwork[]; summary: InitScaleSummaryRow[] } {
  const rows: InitScaleRow[] = [];
  const nets: InitScaleNetwork[] = [];
  for (const r of records) {
    if (!r.result) continue;
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
  return { rows, nets, summary };
}

/** The run whose neurons are drawn: the smallest α's first non-global run if any, else the smallest α's first run. */
function shownNetwork(nets: InitScaleNetwork[]): InitScaleNetwork | undefined {
  const smallest = nets.filter((x) => x.alpha === Math.min(...nets.map((y) => y.alpha)));
  return nets.filter((x) => x.verdict !== "global").sort((a, b) => a.alpha - b.alpha)[0] ?? smallest[0];
}

export async function initScaleReport(records: RunRecord[], o: ResolvedInitScaleOptions): Promise<ExperimentReport> {
  const { rows, nets, summary } = initScaleSummary(records);
  const opt = await initScaleOptimum(initScaleSweep(o).base);
  const shown = shownNetwork(nets);
  const text = [
    `init-scale: ${rows.length} runs; global optimum P* = ${opt.value.toExponential(6)}`,
    "        α  runs  global  median gap    max gap   dirs+  dirs−  eff.rank",
    ...summary.map(
      (s) =>
        `${s.alpha.toExponential(2).padStart(9)}  ${String(s.runs).padStart(4)}  ${s.fracGlobal.toFixed(2).padStart(6)}  ${s.medianGap.toExponential(2).padStart(10)} ${s.maxGap.toExponential(2).padStart(10)}  ${s.meanDirectionsPositive.toFixed(1).padStart(5)}  ${s.meanDirectionsNegative.toFixed(1).padStart(5)}  ${s.meanEffectiveRank.toFixed(2).padStart(8)}`,
    ),
  ];
  const figures: NonNullable<ExperimentReport["figures"]> = { "gap-vs-alpha": gapFigure(rows) };
  if (shown) figures.neurons = neuronFigure(shown, opt.network, smallInitTeacher(o.n));
  return { tables: { runs: rows, summary }, figures, text, settings: { globalValue: opt.value } };
}
