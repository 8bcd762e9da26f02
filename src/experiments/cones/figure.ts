// The cones figure: one panel per (n, d); x = width m (log); mean ± std over datasets of the
// fraction of cones holding a global minimum, holding a spurious one, and the fraction of signed
// patterns a cone hits; the coupon-collector prediction of the last (dashed); a vertical line at the
// number of signed patterns.
import type { FigureSpec } from "../../plot/svg.js";
import type { ConesSummaryRow } from "./summary.js";

export function conesFigure(summary: ConesSummaryRow[], withCoupon: boolean): FigureSpec {
  const rows: Record<string, unknown>[] = [];
  const panel = (s: ConesSummaryRow) => `n = ${s.n}, d = ${s.d}`;
  for (const s of summary) {
    const add = (measure: string, mean: number, sd: number) =>
      rows.push({ layer: "measure", panel: panel(s), m: s.m, measure, mean, lo: Math.max(0, mean - sd), hi: Math.min(1, mean + sd) });
    add("cones with a global minimum", s.fracGlobal, s.fracGlobalStd);
    add("cones with a spurious minimum", s.fracSpurious, s.fracSpuriousStd);
    add("signed patterns hit", s.fracHit, s.fracHitStd);
    if (withCoupon) rows.push({ layer: "measure", panel: panel(s), m: s.m, measure: "patterns hit: coupon-collector prediction", mean: s.coupon, lo: s.coupon, hi: s.coupon });
  }
  const seen = new Set<string>();
  for (const s of summary) {
    if (seen.has(panel(s))) continue;
    seen.add(panel(s));
    rows.push({ layer: "patterns", panel: panel(s), N: s.signedPatterns });
  }
  const ms = summary.map((s) => s.m).concat(summary.map((s) => s.signedPatterns));
  const x = { field: "m", type: "quantitative", scale: { type: "log", domain: [Math.min(...ms) / 1.2, Math.max(...ms) * 1.2], nice: false }, title: "width m (signed patterns drawn per cone)" } as const;
  const y = { field: "mean", type: "quantitative", scale: { domain: [0, 1] }, title: "fraction" } as const;
  const color = { field: "measure", type: "nominal", title: null, legend: { orient: "bottom", columns: 1, labelLimit: 400 } } as const;
  const dash = { condition: { test: "indexof(datum.measure, 'prediction') >= 0", value: [5, 3] }, value: [1, 0] } as const;
  return {
    $schema: "https://vega.github.io/schema/vega-lite/v6.json",
    title: "Activation cones holding a global minimum vs width",
    data: { values: rows },
    facet: { field: "panel", type: "nominal", title: null, sort: [...seen] },
    columns: 2,
    spec: {
      width: 260,
      height: 200,
      layer: [
        { transform: [{ filter: "datum.layer === 'measure'" }], mark: { type: "errorbar", ticks: true }, encoding: { x, y: { field: "lo", type: "quantitative", title: "fraction" }, y2: { field: "hi" }, color } },
        { transform: [{ filter: "datum.layer === 'measure'" }], mark: { type: "line", point: true }, encoding: { x, y, color, strokeDash: dash } },
        { transform: [{ filter: "datum.layer === 'patterns'" }], mark: { type: "rule", color: "#999", strokeDash: [2, 2] }, encoding: { x: { field: "N", type: "quantitative" } } },
        {
          transform: [{ filter: "datum.layer === 'patterns'" }],
          mark: { type: "text", align: "right", dx: -3, fontSize: 10, color: "#666" },
          encoding: { x: { field: "N", type: "quantitative" }, y: { value: 8 }, text: { value: "all signed patterns →" } },
        },
      ],
    },
  } as unknown as FigureSpec;
}
