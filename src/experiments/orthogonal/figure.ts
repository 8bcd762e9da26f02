// The orthogonal-data figure: against the width relative to the threshold, m/2ⁿ (log₂), one line per
// n: in one panel the fraction of trainings whose polished network is certified global (solid) and of
// trainings certified global as GD left them (dashed); in the other the fraction of random cones of m
// signed patterns holding a global minimum (dotted); a rule at m = 2ⁿ.
import type { FigureSpec } from "../../plot/svg.js";
import type { OrthogonalSummaryRow } from "./rows.js";

export function orthogonalFigure(summary: OrthogonalSummaryRow[]): FigureSpec {
  const values: Record<string, unknown>[] = [];
  const panels = ["trainings certified global", "random cones holding a global minimum"];
  for (const s of summary) {
    const n = `n = ${s.n}`;
    values.push({ layer: "line", x: s.mOver2n, m: s.m, n, fraction: s.fracGlobal, panel: panels[0], what: "polished (its cone's optimum)" });
    values.push({ layer: "line", x: s.mOver2n, m: s.m, n, fraction: s.fracGlobalTrained, panel: panels[0], what: "as GD left it" });
    values.push({ layer: "line", x: s.mOver2n, m: s.m, n, fraction: s.coneFracGlobal, panel: panels[1], what: "random cones" });
  }
  for (const panel of panels) values.push({ layer: "rule", x: 1, panel });
  const x = { field: "x", type: "quantitative", scale: { type: "log", base: 2 }, title: "width m / 2ⁿ (log₂)" };
  const color = { field: "n", type: "nominal", title: null, sort: [...new Set(summary.map((s) => s.n))].map((n) => `n = ${n}`) };
  return {
    $schema: "https://vega.github.io/schema/vega-lite/v6.json",
    title: { text: "Orthogonal data: reaching the global minimum vs width relative to 2ⁿ", subtitle: "dashed rule: m = 2ⁿ (Theorem 3's threshold); the package's own illustration (the research's figure: cones --data orthogonal)" },
    data: { values },
    facet: { column: { field: "panel", type: "nominal", title: null, sort: panels } },
    spec: {
      width: 300,
      height: 240,
      layer: [
        {
          transform: [{ filter: "datum.layer === 'line'" }],
          mark: { type: "line" },
          encoding: {
            x,
            y: { field: "fraction", type: "quantitative", scale: { domain: [0, 1] }, title: "fraction" },
            color,
            strokeDash: {
              field: "what", type: "nominal", title: null,
              scale: { domain: ["polished (its cone's optimum)", "as GD left it", "random cones"], range: [[1, 0], [6, 3], [2, 2]] },
              legend: { orient: "bottom", columns: 1, labelLimit: 400, symbolStrokeColor: "#444", symbolStrokeWidth: 2 },
            },
          },
        },
        { transform: [{ filter: "datum.layer === 'line'" }], mark: { type: "point", filled: true }, encoding: { x, y: { field: "fraction", type: "quantitative" }, color } },
        { transform: [{ filter: "datum.layer === 'rule'" }], mark: { type: "rule", strokeDash: [4, 3], color: "#666" }, encoding: { x: { field: "x", type: "quantitative" } } },
      ],
    },
  } as unknown as FigureSpec;
}
