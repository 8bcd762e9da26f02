// Vega-lite specs of the energy-gap figures (rendered with src/plot/svg.ts renderSvg): the gap of every
// pair against the width (box plot and points), the straight-line barriers against the width, and the
// loss profile of the highest string at each width.
import type { FigureSpec } from "../../plot/svg.js";
import type { GapsTables } from "./summary.js";

/** Gaps below this are drawn at it (log scales cannot show 0). */
export const GAP_FLOOR = 1e-6;

/** Energy gap of every pair against the width: box plots with the individual pairs on top (log scale). */
export function gapVsWidthSpec(r: GapsTables, title: string): FigureSpec {
  const values = r.rows.map((row) => ({ width: row.width, gap: Math.max(row.gap, GAP_FLOOR), success: row.success ? "below L₀" : "stopped above L₀" }));
  const x = { field: "width", type: "ordinal" as const, title: "width m", sort: "ascending" as const };
  const y = { field: "gap", type: "quantitative" as const, scale: { type: "log" as const }, title: "gap = max along string − max(L_A, L_B)" };
  return {
    $schema: "https://vega.github.io/schema/vega-lite/v6.json",
    title: { text: "Energy gap between trained networks", subtitle: [title, `gaps below ${GAP_FLOOR} drawn at ${GAP_FLOOR}`] },
    width: 420,
    height: 260,
    data: { values },
    layer: [
      { mark: { type: "boxplot", extent: "min-max", opacity: 0.35 }, encoding: { x, y } },
      {
        mark: { type: "point", filled: true, size: 30, opacity: 0.8 },
        encoding: { x, y, color: { field: "success", type: "nominal", title: "string", scale: { domain: ["below L₀", "stopped above L₀"], range: ["#1f77b4", "#d62728"] } } },
      },
    ],
  };
}

/** Mean barrier of the straight segment (raw and after alignment) and the mean string gap, per width. */
export function barriersSpec(r: GapsTables, title: string): FigureSpec {
  const values = r.summary.flatMap((s) => [
    { width: s.width, kind: "straight segment", value: s.meanRawBarrier },
    { width: s.width, kind: "straight, neurons aligned", value: s.meanLinearBarrier },
    { width: s.width, kind: "string (energy gap)", value: s.mean },
  ]);
  return {
    $schema: "https://vega.github.io/schema/vega-lite/v6.json",
    title: { text: "Barriers between trained networks (means over pairs)", subtitle: [title, `values below ${GAP_FLOOR} drawn at ${GAP_FLOOR}`] },
    width: 420,
    height: 260,
    data: { values },
    mark: { type: "line", point: true },
    encoding: {
      x: { field: "width", type: "quantitative", scale: { type: "log", base: 2 }, title: "width m" },
      y: { field: "value", type: "quantitative", scale: { type: "log" }, title: "mean loss above max(L_A, L_B)" },
      color: { field: "kind", type: "nominal", title: null, legend: { orient: "bottom", labelLimit: 300 } },
    },
  };
}

/** Loss along the highest string of each width, relative to its larger endpoint, with the beads. */
export function profileSpec(r: GapsTables, title: string): FigureSpec {
  const line = r.examples.flatMap((e) => {
    const top = Math.max(e.beadLosses[0], e.beadLosses[e.beadLosses.length - 1]);
    return e.profile.s.map((s, k) => ({ width: `m = ${e.width}`, s, excess: e.profile.loss[k] - top }));
  });
  const beads = r.examples.flatMap((e) => {
    const top = Math.max(e.beadLosses[0], e.beadLosses[e.beadLosses.length - 1]);
    return e.beadS.map((s, k) => ({ width: `m = ${e.width}`, s, excess: e.beadLosses[k] - top }));
  });
  const color = { field: "width", type: "nominal" as const, title: "width", sort: r.examples.map((e) => `m = ${e.width}`) };
  return {
    $schema: "https://vega.github.io/schema/vega-lite/v6.json",
    title: { text: "Loss along the highest string of each width", subtitle: title },
    width: 420,
    height: 260,
    layer: [
      {
        data: { values: line },
        mark: { type: "line", strokeWidth: 1.5 },
        encoding: {
          x: { field: "s", type: "quantitative", title: "position along the string (fraction of its length)" },
          y: { field: "excess", type: "quantitative", title: "L − max(L_A, L_B)" },
          color,
        },
      },
      { data: { values: beads }, mark: { type: "point", filled: true, size: 25 }, encoding: { x: { field: "s", type: "quantitative" }, y: { field: "excess", type: "quantitative" }, color } },
    ],
  };
}
