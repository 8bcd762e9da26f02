// The initialization-scale experiment's report: one row per run (α, seed, the trained network's
// certified gap and verdict as GD left it — the headline — its polished cone optimum's gap and verdict,
// the distance between them, the neurons' geometry), a summary per α, the global optimum P* (added to
// settings.json; per run with `redraw`), the gap figure and one run's neurons. Browser-safe (P* is
// solved in this thread).
import { smallInitTeacher } from "../../data/small-init.js";
import type { Verdict } from "../../convex/verdict.js";
import type { RunRecord } from "../../sweep/record.js";
import type { ExperimentReport } from "../experiment.js";
import { gapFigure, neuronFigure } from "./figures.js";
import { initScaleOptimum } from "./kind.js";
import { initScaleSweep, type ResolvedInitScaleOptions } from "./options.js";
import { quantile } from "../shared/stats.js";
import type { InitScaleRow, InitScaleSummaryRow, InitScaleNetwork } from "./rows.js";

export type { InitScaleRow, InitScaleSummaryRow, InitScaleNetwork } from "./rows.js";

/** The median of the finite values (NaN when none: e.g. no distance where the widths differ). */
const median = (v: number[]) => quantile(v.filter(Number.isFinite), 0.5);

/** Short names of the verdicts for the printed table. */
const SHORT: Record<Verdict, string> = { global: "G", "spurious-local-minimum": "S", saddle: "Sd", "not-stationary": "NS", undetermined: "U" };

/** The rows (α descending, then seed), the networks and the summary per α of finished runs (failed runs left out). */
export function initScaleSummary(records: RunRecord[]): { rows: InitScaleRow[]; nets: InitScaleNetwork[]; summary: InitScaleSummaryRow[] } {
  const rows: InitScaleRow[] = [];
  const nets: InitScaleNetwork[] = [];
  for (const r of records) {
    if (!r.result) continue;
    const { W, a, globalValue, ...rest } = r.result as Record<string, unknown>;
    // P* is in settings.json; with a perturbation per run (redraw) each row carries its own
    const perRun = rest.dataSeed !== undefined ? { globalValue: globalValue as number } : {};
    rows.push({ ...(rest as unknown as InitScaleRow), ...perRun, rep: r.rep, seed: r.seed });
    nets.push({
      alpha: r.result.alpha as number, rep: r.rep, verdict: r.result.verdict as string, verdictTrained: r.result.verdictTrained as string,
      ...(rest.dataSeed !== undefined ? { dataSeed: rest.dataSeed as number } : {}), W: W as number[][], a: a as number[],
    });
  }
  rows.sort((a, b) => b.alpha - a.alpha || a.rep - b.rep);
  const alphas = [...new Set(rows.map((r) => r.alpha))].sort((a, b) => b - a);
  const summary = alphas.map((alpha) => {
    const g = rows.filter((r) => r.alpha === alpha);
    const avg = (k: keyof InitScaleRow) => g.reduce((s, r) => s + (r[k] as number), 0) / g.length;
    const frac = (k: "verdict" | "verdictTrained" | "verdictMinimal", v: Verdict) => g.filter((r) => r[k] === v).length / g.length;
    return {
      alpha,
      runs: g.length,
      fracGlobal: frac("verdict", "global"),
      medianGap: median(g.map((r) => r.gap)),
      maxGap: Math.max(...g.map((r) => r.gap)),
      meanDirectionsPositive: avg("directionsPositive"),
      meanDirectionsNegative: avg("directionsNegative"),
      meanEffectiveRank: avg("effectiveRank"),
      fracGlobalTrained: frac("verdictTrained", "global"),
      fracSpuriousTrained: frac("verdictTrained", "spurious-local-minimum"),
      fracSaddleTrained: frac("verdictTrained", "saddle"),
      fracNotStationaryTrained: frac("verdictTrained", "not-stationary"),
      fracUndeterminedTrained: frac("verdictTrained", "undetermined"),
      medianRelativeGapTrained: median(g.map((r) => r.relativeGapTrained)),
      fracSpurious: frac("verdict", "spurious-local-minimum"),
      fracSaddle: frac("verdict", "saddle"),
      fracNotStationary: frac("verdict", "not-stationary"),
      fracUndetermined: frac("verdict", "undetermined"),
      medianRelativeGap: median(g.map((r) => r.relativeGap)),
      fracSpuriousMinimal: frac("verdictMinimal", "spurious-local-minimum"),
      medianRelativeDistance: median(g.map((r) => r.relativeDistance)),
    };
  });
  return { rows, nets, summary };
}

/** The run whose neurons are drawn: the smallest α's first non-global run if any, else the smallest α's first run. */
function shownNetwork(nets: InitScaleNetwork[]): InitScaleNetwork | undefined {
  const smallest = nets.filter((x) => x.alpha === Math.min(...nets.map((y) => y.alpha)));
  return nets.filter((x) => x.verdict !== "global").sort((a, b) => a.alpha - b.alpha)[0] ?? smallest[0];
}

/** "2 NS, 1 G": how many runs of each verdict. */
function counts(verdicts: string[]): string {
  const c = new Map<string, number>();
  for (const v of verdicts) c.set(v, (c.get(v) ?? 0) + 1);
  return [...c].map(([v, k]) => `${k} ${SHORT[v as Verdict] ?? v}`).join(", ");
}

export async function initScaleReport(records: RunRecord[], o: ResolvedInitScaleOptions): Promise<ExperimentReport> {
  const { rows, nets, summary } = initScaleSummary(records);
  const base = initScaleSweep(o).base;
  const opt = o.redraw ? undefined : await initScaleOptimum(base);
  const shown = shownNetwork(nets);
  const e2 = (v: number) => (Number.isFinite(v) ? v.toExponential(2) : "—");
  const text = [
    `init-scale: ${rows.length} runs; ${opt ? `global optimum P* = ${opt.value.toExponential(6)}` : "the data's perturbation drawn per run (P* per run in runs.csv)"}`,
    "verdicts: G global, S spurious-local-minimum, Sd saddle, NS not-stationary, U undetermined; gap: certified (L − lower bound on min L)/L",
    "        α  runs  trained (as GD left it)        gap | polished (its cone's optimum)   gap  minimal       | distance  dirs+  dirs−  eff.rank",
    ...summary.map((s) => {
      const g = rows.filter((r) => r.alpha === s.alpha);
      return `${s.alpha.toExponential(2).padStart(9)}  ${String(s.runs).padStart(4)}  ${counts(g.map((r) => r.verdictTrained)).padEnd(20)} ${e2(s.medianRelativeGapTrained).padStart(9)} | ${counts(g.map((r) => r.verdict)).padEnd(20)} ${e2(s.medianRelativeGap).padStart(9)}  ${counts(g.map((r) => r.verdictMinimal)).padEnd(12)} | ${e2(s.medianRelativeDistance).padStart(8)}  ${s.meanDirectionsPositive.toFixed(1).padStart(5)}  ${s.meanDirectionsNegative.toFixed(1).padStart(5)}  ${s.meanEffectiveRank.toFixed(2).padStart(8)}`;
    }),
    "(verdicts at width m, and the polished network's at its minimal width — the research's convention; gaps and distance: medians",
    " over the runs; distance ‖θ_trained − θ_polished‖/‖θ_trained‖ with neurons matched)",
  ];
  const figures: NonNullable<ExperimentReport["figures"]> = { "gap-vs-alpha": gapFigure(rows) };
  if (shown) {
    const optimum = opt ?? (await initScaleOptimum(base, shown.dataSeed));
    figures.neurons = neuronFigure(shown, optimum.network, smallInitTeacher(o.n));
  }
  return { tables: { runs: rows, summary }, figures, text, settings: opt ? { globalValue: opt.value } : {} };
}
