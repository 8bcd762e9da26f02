// The cones figures. cones.svg: one panel per (n, d); x = width m (log); mean ± std over datasets of
// the fraction of cones holding a global minimum, of those the research's first-order label calls
// spurious (stationary, not global) beside the certified spurious local minima (minimal network), and
// the fraction of signed patterns a cone hits; the coupon-collector prediction of the last (dashed); a
// vertical line at the number of signed patterns. verdicts.svg: the breakdown of the verdicts per
// width, stacked, at the minimal width and at the cone's width m.
import type { FigureSpec } from "../../plot/svg.js";
import { CONE_VERDICTS, type ConesSummaryRow } from "./summary.js";

export function conesFigure(summary: ConesSummaryRow[], withCoupon: boolean, classified = true): FigureSpec {
  const rows: Record<string, unknown>[] = [];
  const panel = (s: ConesSummaryRow) => `n = ${s.n}, d = ${s.d}`;
  for (const s of summary) {
    const add = (measure: string, mean: number, sd: number) =>
      rows.push({ layer: "measure", panel: panel(s), m: s.m, measure, mean, lo: Math.max(0, mean - sd), hi: Math.min(1, mean + sd) });
    add("cones with a global minimum", s.fracGlobal, s.fracGlobalStd);
    if (classified) {
      add("research's label: spurious", s.fracResearchSpurious, s.fracResearchSpuriousStd);
      add("certified spurious local minimum", s.fracSpurious, s.fracSpuriousStd);
    }
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
    title: classified
      ? {
          text: "Activation cones holding a global minimum vs width",
          subtitle: [
            "research's label: the cone's optimum first-order stationary (tolerance 5e-5) and not global;",
            "certified: a spurious local minimum as a minimal network (a saddle at the cone's width m: verdicts.svg)",
          ],
        }
      : "Activation cones holding a global minimum vs width",
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

/** The verdicts' breakdown: per (n, d) and width question, stacked fractions of cones vs m. */
export function verdictsFigure(summary: ConesSummaryRow[]): FigureSpec {
  const values: Record<string, unknown>[] = [];
  const panel = (s: ConesSummaryRow) => `n = ${s.n}, d = ${s.d}`;
  const key = { global: "Global", "spurious-local-minimum": "Spurious", saddle: "Saddle", "not-stationary": "NotStationary", undetermined: "Undetermined" } as const;
  const questions = ["minimal network", "width m"];
  for (const s of summary) {
    CONE_VERDICTS.forEach((v, order) => {
      const at = s as unknown as Record<string, number>;
      values.push({ panel: panel(s), question: questions[0], m: s.m, verdict: v, order, fraction: at[`frac${key[v]}`] });
      values.push({ panel: panel(s), question: questions[1], m: s.m, verdict: v, order, fraction: at[`frac${key[v]}AtWidth`] });
    });
  }
  const panels = [...new Set(summary.map(panel))];
  return {
    $schema: "https://vega.github.io/schema/vega-lite/v6.json",
    title: {
      text: "Verdicts of the cones' optima vs width",
      subtitle: [
        "fraction of cones (mean over datasets); witnesses in cones.csv. Rows: the optimum as its minimal network (the research's",
        "convention), and at the cone's width m (one neuron per drawn pattern, unused ones at zero)",
      ],
    },
    data: { values },
    facet: { row: { field: "question", type: "nominal", title: null, sort: questions }, column: { field: "panel", type: "nominal", title: null, sort: panels } },
    spec: {
      width: 220,
      height: 150,
      mark: "bar",
      encoding: {
        x: { field: "m", type: "ordinal", title: "width m" },
        y: { field: "fraction", type: "quantitative", stack: "zero", scale: { domain: [0, 1] }, title: "fraction of cones" },
        color: { field: "verdict", type: "nominal", scale: { domain: [...CONE_VERDICTS], range: ["#4c78a8", "#e45756", "#f58518", "#bab0ac", "#9d755d"] }, title: "verdict", legend: { orient: "bottom", labelLimit: 300 } },
        order: { field: "order", type: "quantitative" },
      },
    },
  } as unknown as FigureSpec;
}
