// Vega-lite specs of the energy-gap figures (rendered with src/plot/svg.ts renderSvg): the level gap of
// every pair against the width beside the old single-L₀ gap (box plots and points), the mean barriers
// and gaps against the width, the loss profile of the highest level string at each width, and every
// network's certified gap to the global minimum next to the pairs' level gaps.
import type { FigureSpec } from "../../plot/svg.js";
import type { GapsTables } from "./summary.js";

/** Gaps below this are drawn at it (log scales cannot show 0). */
export const GAP_FLOOR = 1e-8;

const SCHEMA = "https://vega.github.io/schema/vega-lite/v6.json";
const LEVEL = "level (bisection on L₀)", SINGLE = "single L₀ (old measure)";

/** Box plots (min–max whiskers) per x with the points on top, side by side by `xOffset`. */
function boxesWithPoints(encoding: Record<string, unknown>, boxOpacity: number) {
  return [
    { mark: { type: "boxplot", extent: "min-max", opacity: boxOpacity }, encoding },
    { mark: { type: "point", filled: true, size: 25, opacity: 0.8 }, encoding },
  ];
}

/** Level gap and single-L₀ gap of every pair against the width: box plots with the pairs on top (log scale). */
export function gapVsWidthSpec(r: GapsTables, title: string): FigureSpec {
  const values = r.rows.flatMap((row) => [
    { width: row.width, measure: LEVEL, gap: Math.max(row.gap, GAP_FLOOR) },
    ...(row.thresholdGap !== null ? [{ width: row.width, measure: SINGLE, gap: Math.max(row.thresholdGap, GAP_FLOOR) }] : []),
  ]);
  const x = { field: "width", type: "ordinal" as const, title: "width m", sort: "ascending" as const };
  const y = { field: "gap", type: "quantitative" as const, scale: { type: "log" as const }, title: "gap = max along the string − max(L_A, L_B)" };
  const color = { field: "measure", type: "nominal" as const, title: null, scale: { domain: [LEVEL, SINGLE], range: ["#1f77b4", "#aaaaaa"] }, legend: { orient: "bottom" as const, labelLimit: 300 } };
  const xOffset = { field: "measure", type: "nominal" as const, scale: { domain: [LEVEL, SINGLE] } };
  const abs = r.rows.map((row) => row.resolution), rel = r.rows.map((row) => row.resolution / row.endpointLoss);
  const range = (v: number[], f: (x: number) => string) => {
    const lo = f(Math.min(...v)), hi = f(Math.max(...v));
    return lo === hi ? lo : `${lo}…${hi}`;
  };
  const res = abs.length ? `bisection down to ${range(abs, (x) => x.toExponential(1))} (absolute; ${range(rel, (x) => x.toExponential(1))}·max(L_A, L_B))` : "";
  return {
    $schema: SCHEMA,
    title: {
      text: "Energy gap between trained networks: lowest level found",
      subtitle: [title, `${res}; the old single-L₀ gap in grey; gaps below ${GAP_FLOOR} drawn at ${GAP_FLOOR}`],
    },
    width: 420,
    height: 260,
    data: { values },
    layer: boxesWithPoints({ x, xOffset, y, color }, 0.35),
  };
}

/** Mean barrier of the straight segment, mean gaps of the strings (level, single L₀, aligned) and of the networks to the global minimum, per width. */
export function barriersSpec(r: GapsTables, title: string): FigureSpec {
  const values = r.summary.flatMap((s) => [
    { width: s.width, kind: "straight segment", value: s.meanStraightGap },
    { width: s.width, kind: "string, single L₀ (old measure)", value: s.thresholdGapMean },
    { width: s.width, kind: "string, lowest level (energy gap)", value: s.mean },
    { width: s.width, kind: "straight, neurons aligned", value: s.meanAlignedStraightGap },
    { width: s.width, kind: "string to aligned B, lowest level", value: s.alignedMean },
    { width: s.width, kind: "networks: certified gap to the global minimum", value: s.globalGapMean },
  ].filter((v) => v.value !== null).map((v) => ({ ...v, value: Math.max(v.value!, GAP_FLOOR) })));
  return {
    $schema: SCHEMA,
    title: { text: "Barriers and gaps (means over pairs, and over networks)", subtitle: [title, `values below ${GAP_FLOOR} drawn at ${GAP_FLOOR}`] },
    width: 420,
    height: 260,
    data: { values },
    mark: { type: "line", point: true },
    encoding: {
      x: { field: "width", type: "quantitative", scale: { type: "log", base: 2 }, title: "width m" },
      y: { field: "value", type: "quantitative", scale: { type: "log" }, title: "loss above max(L_A, L_B) (pairs) / above the certified lower bound on min L (networks)" },
      color: { field: "kind", type: "nominal", title: null, legend: { orient: "bottom", labelLimit: 400, columns: 1 } },
    },
  };
}

/** Loss along the level string of the largest gap at each width, relative to its larger endpoint, with the beads. */
export function profileSpec(r: GapsTables, title: string): FigureSpec {
  const line = r.examples.flatMap((e) => e.profile.s.map((s, k) => ({ width: `m = ${e.width}`, s, excess: e.profile.loss[k] - e.endpointLoss })));
  const beads = r.examples.flatMap((e) => e.beadS.map((s, k) => ({ width: `m = ${e.width}`, s, excess: e.beadLosses[k] - e.endpointLoss })));
  const color = { field: "width", type: "nominal" as const, title: "width", sort: r.examples.map((e) => `m = ${e.width}`) };
  return {
    $schema: SCHEMA,
    title: { text: "Loss along the lowest string found, for the largest gap of each width", subtitle: title },
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

const NETS = "networks: L − certified lower bound on min L", PAIRS = "pairs: level − max(L_A, L_B)";

/** Every network's certified gap to the global minimum next to the pairs' level gaps, per width (log scale). */
export function globalGapSpec(r: GapsTables, title: string): FigureSpec {
  const values = [
    ...r.models.filter((n) => n.globalGap !== null).map((n) => ({ width: n.width, what: NETS, gap: Math.max(n.globalGap!, GAP_FLOOR), verdict: n.verdict })),
    ...r.rows.map((row) => ({ width: row.width, what: PAIRS, gap: Math.max(row.gap, GAP_FLOOR), verdict: null })),
  ];
  const x = { field: "width", type: "ordinal" as const, title: "width m", sort: "ascending" as const };
  const xOffset = { field: "what", type: "nominal" as const, scale: { domain: [NETS, PAIRS] } };
  const y = { field: "gap", type: "quantitative" as const, scale: { type: "log" as const }, title: "loss gap" };
  const color = { field: "what", type: "nominal" as const, title: null, scale: { domain: [NETS, PAIRS], range: ["#d62728", "#1f77b4"] }, legend: { orient: "bottom" as const, labelLimit: 300 } };
  const opt = r.optimum.value !== null ? `min L ∈ [${r.optimum.lowerBound!.toPrecision(7)}, ${r.optimum.value.toPrecision(7)}] (the convex program)` : "";
  return {
    $schema: SCHEMA,
    title: { text: "Gap to the global minimum (networks) and energy gaps (pairs)", subtitle: [title, opt, `gaps below ${GAP_FLOOR} drawn at ${GAP_FLOOR}`].filter(Boolean) },
    width: 420,
    height: 260,
    data: { values },
    layer: boxesWithPoints({ x, xOffset, y, color }, 0.3),
  };
}
