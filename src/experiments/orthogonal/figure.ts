// The orthogonal-data figure: against the width m (log₂), the fraction of trainings reaching the
// global minimum and the fraction of random cones holding one; a dashed line at m = 2ⁿ.
import type { FigureSpec } from "../../plot/svg.js";
import type { OrthogonalSummaryRow } from "./rows.js";

export function orthogonalFigure(summary: OrthogonalSummaryRow[], n: number): FigureSpec {
  const values: Record<string, unknown>[] = [];
  for (const s of summary) {
    values.push({ m: s.m, fraction: s.fracGlobal, what: "trainings reaching the global minimum" });
    values.push({ m: s.m, fraction: s.coneFracGlobal, what: "random cones holding a global minimum" });
  }
  const x = { field: "m", type: "quantitative", scale: { type: "log", base: 2 }, title: "width m" };
  return {
    $schema: "https://vega.github.io/schema/vega-lite/v6.json",
    title: { text: `Orthogonal data (n = ${n}): reaching the global minimum vs width`, subtitle: `dashed: m = 2ⁿ = ${2 ** n}` },
    width: 420,
    height: 260,
    layer: [
      {
        data: { values },
        mark: { type: "line", point: true },
        encoding: { x, y: { field: "fraction", type: "quantitative", scale: { domain: [0, 1] }, title: "fraction" }, color: { field: "what", type: "nominal", title: null, legend: { orient: "bottom", columns: 1, labelLimit: 400 } } },
      },
      { data: { values: [{ m: 2 ** n }] }, mark: { type: "rule", strokeDash: [4, 3], color: "#666" }, encoding: { x: { field: "m", type: "quantitative" } } },
    ],
  } as unknown as FigureSpec;
}
