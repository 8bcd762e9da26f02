// The cones experiment's report: the tables (every cone, the summary), the figure, the printed table.
// Pure (browser-safe).
import type { RunRecord } from "../../sweep/record.js";
import type { ExperimentReport } from "../experiment.js";
import { conesFigure } from "./figure.js";
import type { ResolvedConesOptions } from "./options.js";
import { conesSummary } from "./summary.js";

export function conesReport(records: RunRecord[], o: ResolvedConesOptions): ExperimentReport {
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
  return {
    tables: { cones: rows, summary },
    figures: summary.length ? { cones: conesFigure(summary, o.sampler === "uniform") } : {},
    text,
  };
}
