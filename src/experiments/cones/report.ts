// The cones experiment's report: the tables (every cone, the summary), the figure, the printed table.
// Pure (browser-safe).
import type { RunRecord } from "../../sweep/record.js";
import type { ExperimentReport } from "../experiment.js";
import { conesFigure } from "./figure.js";
import type { ResolvedConesOptions } from "./options.js";
import { conesSummary } from "./summary.js";
import { scalingCurves, scalingDraws, scalingFigure, scalingLaw } from "./scaling.js";
import { Rng } from "../../core/rng.js";
import { getCore } from "../../core/loader.js";

export async function conesReport(records: RunRecord[], o: ResolvedConesOptions): Promise<ExperimentReport> {
  const { rows, summary } = conesSummary(records);
  const pm = (a: number, b: number) => `${a.toFixed(2)} ± ${b.toFixed(2)}`;
  const text = [
    `cones: ${rows.length} cones solved`,
    "   n   d      m  signed  global        spurious      patterns hit  coupon",
    ...summary.map(
      (s) =>
        `${String(s.n).padStart(4)}${String(s.d).padStart(4)}${String(s.m).padStart(7)}${String(Math.round(s.signedPatterns)).padStart(8)}  ${pm(s.fracGlobal, s.fracGlobalStd)}   ${pm(s.fracSpurious, s.fracSpuriousStd)}   ${pm(s.fracHit, s.fracHitStd)}   ${s.coupon.toFixed(2)}`,
    ),
  ];
  const report: ExperimentReport = {
    tables: { cones: rows, summary },
    figures: summary.length ? { cones: conesFigure(summary, o.sampler === "uniform") } : {},
    text,
  };
  if (o.grid === "scaling") {
    const curves = scalingCurves(records);
    const rng = new Rng(await getCore(), o.seed);
    let law;
    try {
      law = scalingLaw(curves, rng.uniform(scalingDraws(curves, o.replicates)), o.replicates);
    } finally {
      rng.dispose();
    }
    const { points, fitN, fitBound } = law;
    const e3 = (v: number | undefined) => (v === undefined ? "—" : v.toPrecision(3));
    report.tables.scaling = points;
    report.json = { scaling: { level: 0.9, replicates: o.replicates, fitN, fitBound, points } };
    if (points.length) report.figures!.scaling = scalingFigure(points, fitN, fitBound);
    text.push(
      "",
      "scaling law: m₉₀ (90% of cones hold a global minimum) per (n, d), 95% bootstrap interval over datasets",
      "   n   d       N      m₉₀              interval   m₉₀/N",
      ...points.map((p) => `${String(p.n).padStart(4)}${String(p.d).padStart(4)}${String(p.N).padStart(8)}  ${(p.censored === "above" ? ">" + p.widthMax : e3(p.m90)).padStart(7)}${p.censored === "below" ? "≤" : " "}  [${e3(p.lo)}, ${p.hi === undefined ? "∞" : e3(p.hi)}]`.padEnd(50) + (p.m90 === undefined ? "" : (p.m90 / p.N).toFixed(2))),
      `log m₉₀ = ${fitN.intercept.toFixed(3)} + ${fitN.slope.toFixed(3)}·log N  (slope 95% interval [${fitN.lo.toFixed(3)}, ${fitN.hi.toFixed(3)}], R² ${fitN.r2.toFixed(3)}, ${fitN.points} points)`,
      `against min(nᵈ, 2ⁿ): slope ${fitBound.slope.toFixed(3)} [${fitBound.lo.toFixed(3)}, ${fitBound.hi.toFixed(3)}]`,
    );
  }
  return report;
}
