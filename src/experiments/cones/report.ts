// The cones experiment's report: the tables (every cone, the summary), the figure, the printed table.
// Pure (browser-safe).
import type { RunRecord } from "../../sweep/record.js";
import type { ExperimentReport } from "../experiment.js";
import { conesFigure, verdictsFigure } from "./figure.js";
import type { ResolvedConesOptions } from "./options.js";
import { CONE_VERDICTS, conesSummary, researchSpuriousBreakdown } from "./summary.js";
import { scalingCurves, scalingDraws, scalingFigure, scalingLaw } from "./scaling.js";
import { Rng } from "../../core/rng.js";
import { getCore } from "../../core/loader.js";

export async function conesReport(records: RunRecord[], o: ResolvedConesOptions): Promise<ExperimentReport> {
  const { rows, summary } = conesSummary(records);
  const pm = (a: number, b: number) => `${a.toFixed(2)} ± ${b.toFixed(2)}`;
  const f2 = (v: number) => (Number.isFinite(v) ? v.toFixed(2) : "—").padStart(6);
  const classified = o.grid !== "scaling";
  const text = [
    `cones: ${rows.length} cones solved`,
    `   n   d      m  signed  global        ${classified ? "spurious      " : ""}patterns hit  coupon`,
    ...summary.map(
      (s) =>
        `${String(s.n).padStart(4)}${String(s.d).padStart(4)}${String(s.m).padStart(7)}${String(Math.round(s.signedPatterns)).padStart(8)}  ${pm(s.fracGlobal, s.fracGlobalStd)}   ${classified ? `${pm(s.fracSpurious, s.fracSpuriousStd)}   ` : ""}${pm(s.fracHit, s.fracHitStd)}   ${s.coupon.toFixed(2)}`,
    ),
  ];
  const report: ExperimentReport = {
    tables: { cones: rows, summary },
    figures: summary.length ? { cones: conesFigure(summary, o.sampler === "uniform", classified) } : {},
    text,
  };
  if (classified && summary.length) {
    const b = researchSpuriousBreakdown(rows);
    const list = (c: Record<string, number>) => CONE_VERDICTS.filter((v) => v !== "global").map((v) => `${c[v]} ${v}`).join(", ");
    text.push(
      "",
      "verdicts (fraction of cones; global above): minimal network (the research's convention) | at the cone's width m | the research's first-order label",
      "   n   d      m  spurious saddle  n-stat  undet | spurious saddle  n-stat  undet | stationary  spurious",
      ...summary.map(
        (s) =>
          `${String(s.n).padStart(4)}${String(s.d).padStart(4)}${String(s.m).padStart(7)}  ${f2(s.fracSpurious)}  ${f2(s.fracSaddle)}  ${f2(s.fracNotStationary)} ${f2(s.fracUndetermined)} | ${f2(s.fracSpuriousAtWidth)}  ${f2(s.fracSaddleAtWidth)}  ${f2(s.fracNotStationaryAtWidth)} ${f2(s.fracUndeterminedAtWidth)} |     ${f2(s.fracResearchStationary)}    ${f2(s.fracResearchSpurious)}`,
      ),
      `the research's label calls ${b.researchSpurious} of ${rows.length} cones spurious (first-order stationary, not global); of those, at the minimal width: ${list(b.minimal)}; at width m: ${list(b.atWidth)}`,
      `${b.certifiedNotResearchStationary} certified spurious local minima (minimal width) the research's label calls not first-order stationary (its tolerance 5e-5 is absolute)`,
    );
    report.json = { breakdown: { ...b, cones: rows.length } };
    report.figures!.verdicts = verdictsFigure(summary);
  }
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
    report.json = { ...report.json, scaling: { level: 0.9, replicates: o.replicates, fitN, fitBound, points } };
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
