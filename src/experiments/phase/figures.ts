// Vega-lite specs of the phase experiment's figures (rendered with src/plot/svg.ts renderSvg).
import type { FigureSpec } from "../../plot/svg.js";
import type { PhasePoint } from "./diagram.js";
import type { PosterRow } from "./poster.js";

function step(values: number[]): number {
  const s = [...new Set(values)].sort((a, b) => a - b);
  let d = Infinity;
  for (let i = 1; i < s.length; i++) d = Math.min(d, s[i] - s[i - 1]);
  return Number.isFinite(d) ? d : 1;
}

const LETTER = { linear: "L", critical: "c", condensed: "C" } as const;

/**
 * Heatmap of the fitted slope of log sup RD vs log m over (γ′, γ), with Luo et al.'s boundary
 * {γ = 1, γ′ ≤ 0} ∪ {γ′ = γ − 1, γ ≥ 1} drawn over it; each cell is labelled with the observed
 * class (L linear, c critical, C condensed), with "≠" where it differs from the theory and "†" where
 * some of the point's runs did not converge (epoch cap, or stalled above the loss target).
 */
export function phaseHeatmapSpec(points: PhasePoint[], title: string, subtitle?: string): FigureSpec {
  const dx = step(points.map((p) => p.gammaPrime)), dy = step(points.map((p) => p.gamma));
  const gx = points.map((p) => p.gammaPrime), gy = points.map((p) => p.gamma);
  const x0 = Math.min(...gx) - dx / 2, x1 = Math.max(...gx) + dx / 2, y0 = Math.min(...gy) - dy / 2, y1 = Math.max(...gy) + dy / 2;
  const cells = points.map((p) => ({
    gp: p.gammaPrime, g: p.gamma, gp0: p.gammaPrime - dx / 2, gp1: p.gammaPrime + dx / 2, g0: p.gamma - dy / 2, g1: p.gamma + dy / 2,
    slope: Math.max(-2, Math.min(2, p.slope)), rawSlope: p.slope,
    label: LETTER[p.regime] + (p.regime !== p.theory ? "≠" : "") + (p.converged < p.supRD.length ? "†" : ""),
  }));
  // boundary polylines, clipped to the plotted box
  const boundary: Array<{ x: number; y: number; part: string }> = [];
  if (y0 <= 1 && 1 <= y1) boundary.push({ x: x0, y: 1, part: "γ = 1" }, { x: Math.min(0, x1), y: 1, part: "γ = 1" });
  const lo = Math.max(1, y0, x0 + 1), hi = Math.min(y1, x1 + 1);
  if (lo < hi) boundary.push({ x: lo - 1, y: lo, part: "γ′ = γ − 1" }, { x: hi - 1, y: hi, part: "γ′ = γ − 1" });
  const xs = { field: "gp0", type: "quantitative", title: "γ′ = −log(β₁/β₂)/log m", scale: { domain: [x0, x1], nice: false, zero: false } } as const;
  const ys = { field: "g0", type: "quantitative", title: "γ = −log(β₁β₂/κ)/log m", scale: { domain: [y0, y1], nice: false, zero: false } } as const;
  return {
    $schema: "https://vega.github.io/schema/vega-lite/v6.json",
    title: { text: title, subtitle: subtitle ?? "L linear · c critical · C condensed (observed); ≠ differs from Luo et al.; † not all runs converged" },
    width: 360,
    height: 320,
    layer: [
      {
        data: { values: cells },
        mark: "rect",
        encoding: {
          x: xs, x2: { field: "gp1" }, y: ys, y2: { field: "g1" },
          color: { field: "slope", type: "quantitative", title: "slope of log sup RD vs log m", scale: { scheme: "redblue", domain: [-2, 2], reverse: true } },
          tooltip: [{ field: "g", title: "γ" }, { field: "gp", title: "γ′" }, { field: "rawSlope", title: "slope", format: ".3f" }],
        },
      },
      {
        data: { values: cells },
        mark: { type: "text", fontSize: 10 },
        encoding: { x: { field: "gp", type: "quantitative" }, y: { field: "g", type: "quantitative" }, text: { field: "label" } },
      },
      {
        data: { values: boundary },
        mark: { type: "line", color: "black", strokeWidth: 2 },
        encoding: { x: { field: "x", type: "quantitative" }, y: { field: "y", type: "quantitative" }, detail: { field: "part" } },
      },
    ],
  } as FigureSpec;
}

/** ‖θ₀‖, ‖θ*‖ and dist(θ₀, Θ*) against m (log-log) for the 1-D poster setting, one panel per (a₁, b₁). */
export function posterNormsSpec(rows: PosterRow[], c1: number): FigureSpec {
  const values = rows.flatMap((r) => [
    { m: r.m, setting: `a₁=${r.a1}, b₁=${r.b1}`, quantity: "‖θ₀‖", value: r.initNorm },
    { m: r.m, setting: `a₁=${r.a1}, b₁=${r.b1}`, quantity: "‖θ*‖", value: r.optimumNorm },
    { m: r.m, setting: `a₁=${r.a1}, b₁=${r.b1}`, quantity: "dist(θ₀, Θ*)", value: r.distance },
  ]).filter((v) => v.value > 0 && Number.isFinite(v.value));
  return {
    $schema: "https://vega.github.io/schema/vega-lite/v6.json",
    title: `1-D poster setting: κ = m^a₁, init N(0, m^−2b₁), λ = m^−${c1} (closed-form optimum)`,
    data: { values },
    facet: { field: "setting", type: "nominal", title: null },
    columns: 3,
    spec: {
      width: 180,
      height: 150,
      mark: { type: "line", point: true },
      encoding: {
        x: { field: "m", type: "quantitative", scale: { type: "log" }, title: "width m" },
        y: { field: "value", type: "quantitative", scale: { type: "log" }, title: "norm" },
        color: { field: "quantity", type: "nominal", title: null },
      },
    },
  } as FigureSpec;
}
