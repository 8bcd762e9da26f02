// The orthogonal-data experiment's report: one row per training and per cone, and per width the
// fraction of trainings reaching the global minimum next to the fraction of random cones holding
// one; the figure; the printed table. Pure (browser-safe).
import type { RunRecord } from "../../sweep/record.js";
import type { ConeRow } from "../cones/kind.js";
import type { ExperimentReport } from "../experiment.js";
import { orthogonalFigure } from "./figure.js";
import type { ResolvedOrthogonalOptions } from "./options.js";
import type { OrthogonalSummaryRow, OrthogonalTrainingRow, OrthogonalConeRow } from "./rows.js";

export type { OrthogonalSummaryRow, OrthogonalTrainingRow, OrthogonalConeRow } from "./rows.js";

/** The trainings, the cones and the summary per width (in `widths` order) of finished runs (failed runs left out). */
export function orthogonalSummary(records: RunRecord[], widths: readonly number[]): { rows: OrthogonalTrainingRow[]; cones: OrthogonalConeRow[]; summary: OrthogonalSummaryRow[] } {
  const rows: OrthogonalTrainingRow[] = [];
  const cones: OrthogonalConeRow[] = [];
  for (const r of records) {
    if (!r.result) continue;
    const m = r.config.m as number;
    if (r.config.task === "cones") {
      for (const row of r.result.rows as ConeRow[]) cones.push({ m, rep: r.rep, ...row });
    } else {
      rows.push({ m, rep: r.rep, seed: r.seed, ...(r.result as Record<string, unknown>) } as OrthogonalTrainingRow);
    }
  }
  rows.sort((a, b) => a.m - b.m || a.rep - b.rep);
  cones.sort((a, b) => a.m - b.m || a.cone - b.cone);
  const fraction = (v: { verdict: string | null }[]) => (v.length ? v.filter((x) => x.verdict === "global").length / v.length : NaN);
  const summary = widths.map((m) => {
    const t = rows.filter((r) => r.m === m), c = cones.filter((r) => r.m === m);
    return { m, trainings: t.length, fracGlobal: fraction(t), coneFracGlobal: fraction(c), cones: c.length };
  });
  return { rows, cones, summary };
}

export function orthogonalReport(records: RunRecord[], o: ResolvedOrthogonalOptions): ExperimentReport {
  const { rows, cones, summary } = orthogonalSummary(records, o.widths);
  const text = [
    `orthogonal: ${rows.length} trainings, ${cones.length} cones`,
    "      m  trainings  reach global  cones with global",
    ...summary.map((s) => `${String(s.m).padStart(7)}  ${String(s.trainings).padStart(9)}  ${s.fracGlobal.toFixed(2).padStart(12)}  ${s.coneFracGlobal.toFixed(2).padStart(17)}`),
  ];
  return { tables: { runs: rows, cones, summary }, figures: { orthogonal: orthogonalFigure(summary, o.n) }, text };
}
