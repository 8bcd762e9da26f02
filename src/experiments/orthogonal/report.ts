// The orthogonal-data experiment's report: one row per training and per cone, and per grid point
// (n, m) the trainings' verdicts (as GD left them, and polished) next to the random cones'; the
// figure against m/2ⁿ; the printed table. Pure (browser-safe).
import type { Verdict } from "../../convex/verdict.js";
import type { RunRecord } from "../../sweep/record.js";
import type { ConeRow } from "../cones/kind.js";
import type { ExperimentReport } from "../experiment.js";
import { orthogonalFigure } from "./figure.js";
import { orthogonalPoints, type ResolvedOrthogonalOptions } from "./options.js";
import type { OrthogonalSummaryRow, OrthogonalTrainingRow, OrthogonalConeRow } from "./rows.js";

export type { OrthogonalSummaryRow, OrthogonalTrainingRow, OrthogonalConeRow } from "./rows.js";

/** One grid point: n samples, d dimensions, width m. */
export type Point = { n: number; d: number; m: number };

/** The trainings, the cones and the summary per grid point (in `points` order) of finished runs (failed runs left out). */
export function orthogonalSummary(records: RunRecord[], points: readonly Point[]): { rows: OrthogonalTrainingRow[]; cones: OrthogonalConeRow[]; summary: OrthogonalSummaryRow[] } {
  const rows: OrthogonalTrainingRow[] = [];
  const cones: OrthogonalConeRow[] = [];
  for (const r of records) {
    if (!r.result) continue;
    const { n, d, m } = r.config.point as Point;
    if (r.config.task === "cones") {
      for (const row of r.result.rows as ConeRow[]) cones.push({ n, d, m, rep: r.rep, ...row });
    } else {
      rows.push({ n, d, m, rep: r.rep, seed: r.seed, ...(r.result as Record<string, unknown>) } as OrthogonalTrainingRow);
    }
  }
  rows.sort((a, b) => a.n - b.n || a.m - b.m || a.rep - b.rep);
  cones.sort((a, b) => a.n - b.n || a.m - b.m || a.cone - b.cone);
  const fraction = <T>(v: T[], test: (x: T) => boolean) => (v.length ? v.filter(test).length / v.length : NaN);
  const summary = points.map(({ n, d, m }) => {
    const t = rows.filter((r) => r.n === n && r.m === m), c = cones.filter((r) => r.n === n && r.m === m);
    const of = (k: "verdict" | "verdictTrained" | "verdictMinimal", v: Verdict) => fraction(t, (r) => r[k] === v);
    return {
      n, d, m, mOver2n: m / 2 ** n,
      trainings: t.length,
      fracGlobal: of("verdict", "global"),
      fracSpurious: of("verdict", "spurious-local-minimum"),
      fracSaddle: of("verdict", "saddle"),
      fracNotStationary: of("verdict", "not-stationary"),
      fracUndetermined: of("verdict", "undetermined"),
      fracSpuriousMinimal: of("verdictMinimal", "spurious-local-minimum"),
      fracGlobalTrained: of("verdictTrained", "global"),
      fracSpuriousTrained: of("verdictTrained", "spurious-local-minimum"),
      fracSaddleTrained: of("verdictTrained", "saddle"),
      fracNotStationaryTrained: of("verdictTrained", "not-stationary"),
      fracUndeterminedTrained: of("verdictTrained", "undetermined"),
      coneFracGlobal: fraction(c, (r) => r.verdict === "global"),
      coneFracSpurious: fraction(c, (r) => r.verdict === "spurious-local-minimum"),
      coneFracResearchSpurious: fraction(c, (r) => r.researchLabel === "first-order-stationary" && r.verdict !== "global"),
      cones: c.length,
    };
  });
  return { rows, cones, summary };
}

export function orthogonalReport(records: RunRecord[], o: ResolvedOrthogonalOptions): ExperimentReport {
  const { rows, cones, summary } = orthogonalSummary(records, orthogonalPoints(o));
  const f = (v: number) => (Number.isFinite(v) ? v.toFixed(2) : "—").padStart(6);
  const text = [
    `orthogonal: ${rows.length} trainings, ${cones.length} cones (d = n + ${o.extraDims})`,
    "fractions: trainings as GD left them (global | not stationary), polished at width m (global | spurious | saddle) and at its minimal width (spurious),",
    "random cones (global | certified spurious at the minimal width)",
    "   n      m  m/2ⁿ  trainings | trained: global n-stat | polished: global spur. saddle  spur.min |  cones: global spur.",
    ...summary.map(
      (s) =>
        `${String(s.n).padStart(4)}${String(s.m).padStart(7)}${(s.mOver2n >= 1 ? s.mOver2n.toFixed(0) : s.mOver2n.toPrecision(2)).padStart(6)}  ${String(s.trainings).padStart(9)} |         ${f(s.fracGlobalTrained)} ${f(s.fracNotStationaryTrained)} |          ${f(s.fracGlobal)} ${f(s.fracSpurious)} ${f(s.fracSaddle)}   ${f(s.fracSpuriousMinimal)} |        ${f(s.coneFracGlobal)} ${f(s.coneFracSpurious)}`,
    ),
  ];
  return { tables: { runs: rows, cones, summary }, figures: { orthogonal: orthogonalFigure(summary) }, text };
}
