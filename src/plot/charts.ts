// Vega-lite spec builders for the package's figures (sweeps, experiments): a line chart of a measure
// against a setting (mean over repetitions with error bars), colored by one setting and faceted by
// another; a heatmap; a scatter plot. Each returns a spec for renderSvg (svg.ts).
import type { FigureSpec } from "./svg.js";

/** One row of a chart's data: field name → value. */
export type ChartRow = Record<string, unknown>;

export interface ChartOptions {
  /** The rows (one per run or per point). */
  data: ChartRow[];
  /** Field on the x axis. */
  x: string;
  /** Field on the y axis. */
  y: string;
  /** Field giving the line color (one line per value). @default undefined */
  color?: string;
  /** Field giving one panel per value. @default undefined */
  facet?: string;
  /** Logarithmic x axis. @default false */
  logX?: boolean;
  /** Logarithmic y axis. @default false */
  logY?: boolean;
  /** How rows with the same x (and color, facet) combine: mean, median, or none (every point). @default "mean" */
  aggregate?: "mean" | "median" | "none";
  /** Error bars of the aggregate: standard error, 95% bootstrap CI, standard deviation, or none. @default "stderr" */
  errorbar?: "stderr" | "ci" | "stdev" | "none";
  /** Figure title. @default "" */
  title?: string;
  /** Axis titles. @default the field names */
  xTitle?: string;
  yTitle?: string;
  /** Panel width and height in pixels. @default 320, 220 */
  width?: number;
  height?: number;
  /** Horizontal reference lines (e.g. the global optimum P*), each with an optional label. @default [] */
  refs?: { y: number; label?: string }[];
}

/** Fields that name runs, not a continuous quantity: never joined by a line. */
const RUN_NAMES = new Set(["seed", "rep", "index", "id", "dataset", "dataSeed", "runSeed"]);

/** Escapes a field name for vega-lite (dots and brackets would mean nesting). */
export const field = (name: string) => name.replace(/([.[\]\\])/g, "\\$1");

type FieldType = "quantitative" | "ordinal" | "nominal";

/** Quantitative when every present value is a number; otherwise ordinal (sorted) or nominal. */
export function fieldType(data: ChartRow[], name: string, prefer: "ordinal" | "nominal" = "nominal"): FieldType {
  const vals = data.map((r) => r[name]).filter((v) => v !== undefined && v !== null && v !== "");
  return vals.length > 0 && vals.every((v) => typeof v === "number") ? "quantitative" : prefer;
}

/**
 * Rows for a chart: nested values dropped; booleans kept as categories ("true"/"false"), except in
 * `measure` (the y field), where they become 0/1 so that the mean is the fraction true.
 */
export function plotRows(data: ChartRow[], measure?: string): ChartRow[] {
  return data.map((r) => {
    const o: ChartRow = {};
    for (const [k, v] of Object.entries(r)) {
      if (typeof v === "boolean") o[k] = k === measure ? (v ? 1 : 0) : String(v);
      else if (v === null || typeof v !== "object") o[k] = v;
    }
    return o;
  });
}

/** Legends show their labels whole (no "spurious-local-min…"). */
const LEGEND = { labelLimit: 0, titleLimit: 0 };

/** Reference lines as layers (a rule and its label at the right end). */
function refLayers(o: ChartOptions): Record<string, unknown>[] {
  return (o.refs ?? []).flatMap((r) => [
    { data: { values: [{ y: r.y }] }, mark: { type: "rule", color: "#555", strokeDash: [4, 3] }, encoding: { y: { field: "y", type: "quantitative" } } },
    ...(r.label
      ? [{ data: { values: [{ y: r.y, label: r.label }] }, mark: { type: "text", align: "right", baseline: "bottom", dy: -2, color: "#555", x: "width" }, encoding: { y: { field: "y", type: "quantitative" }, text: { field: "label" } } }]
      : []),
  ]);
}

function discrete(data: ChartRow[], name: string): { field: string; type: FieldType } {
  const distinct = new Set(data.map((r) => r[name])).size;
  const t = fieldType(data, name);
  return { field: field(name), type: t === "quantitative" && distinct > 12 ? "quantitative" : t === "quantitative" ? "ordinal" : "nominal" };
}

/** A color channel: few values get distinct categorical colors (in order), many a continuous scale. */
function colorChannel(data: ChartRow[], name: string): Record<string, unknown> {
  const d = discrete(data, name);
  return { color: { ...d, title: name, legend: LEGEND, ...(d.type === "quantitative" ? {} : { scale: { scheme: "tableau10" } }) } };
}

/** A positional scale: log without rounding the domain out to powers of ten, linear without forcing zero. */
const posScale = (log: boolean | undefined) => ({ scale: log ? { type: "log", nice: false, padding: 8 } : { zero: false } });

function wrap(o: ChartOptions, rows: ChartRow[], inner: Record<string, unknown>): FigureSpec {
  const size = { width: o.width ?? 320, height: o.height ?? 220 };
  const base = { $schema: "https://vega.github.io/schema/vega-lite/v6.json", title: o.title || undefined, data: { values: rows } };
  if (!o.facet) return { ...base, ...size, ...inner } as FigureSpec;
  return {
    ...base,
    facet: { ...discrete(rows, o.facet), title: o.facet, header: { labelLimit: 0 } },
    columns: 3,
    spec: { ...size, ...inner },
    resolve: { scale: { y: "shared" } },
  } as FigureSpec;
}

/**
 * A line chart of y against x (aggregated over repetitions, with error bars), by color and facet.
 * A categorical y (e.g. a verdict) gives stacked bars of the fraction of each category per x; an x
 * that names runs (seed, rep, dataset, …) or is categorical gets points, not a line joining them.
 */
export function lineChart(o: ChartOptions): FigureSpec {
  const rows = plotRows(o.data, o.y);
  if (fieldType(rows, o.y) !== "quantitative") return fractionBars(o, rows);
  const agg = o.aggregate ?? "mean";
  // runs named by a number (seed, dataset, …) are categories on the axis, not a scale
  const xType = RUN_NAMES.has(o.x) ? "ordinal" : fieldType(rows, o.x, "ordinal");
  const xEnc = { field: field(o.x), type: xType, title: o.xTitle ?? o.x, ...(xType === "quantitative" ? posScale(o.logX) : {}) };
  const yScale = posScale(o.logY);
  const color = o.color ? colorChannel(rows, o.color) : {};
  const yTitle = o.yTitle ?? (agg === "none" ? o.y : `${o.y} (${agg})`);
  const joined = xType === "quantitative";
  const line = {
    mark: joined ? { type: "line", point: true } : { type: "point", filled: true },
    encoding: { x: xEnc, y: { field: field(o.y), type: "quantitative", aggregate: agg === "none" ? undefined : agg, title: yTitle, ...yScale }, ...color },
  };
  const layers: Record<string, unknown>[] = [line];
  const eb = o.errorbar ?? "stderr";
  if (agg !== "none" && eb !== "none") {
    layers.push({
      mark: { type: "errorbar", extent: eb === "ci" ? "ci" : eb },
      encoding: { x: xEnc, y: { field: field(o.y), type: "quantitative", title: yTitle, ...yScale }, ...color },
    });
  }
  return wrap(o, rows, { layer: [...layers, ...refLayers(o)] });
}

/** Stacked bars: per x, the fraction of rows in each category of y (the color). */
function fractionBars(o: ChartOptions, rows: ChartRow[]): FigureSpec {
  const xType = fieldType(rows, o.x, "ordinal");
  return wrap(o, rows, {
    mark: { type: "bar" },
    encoding: {
      x: { field: field(o.x), type: xType === "quantitative" ? "ordinal" : xType, title: o.xTitle ?? o.x, sort: "ascending" },
      y: { aggregate: "count", type: "quantitative", stack: "normalize", title: o.yTitle ?? `fraction of runs by ${o.y}`, axis: { format: "%" } },
      color: { field: field(o.y), type: "nominal", title: o.y, legend: LEGEND, scale: { scheme: "tableau10" } },
    },
  });
}

/** A scatter plot of y against x, one point per row. */
export function scatterChart(o: Omit<ChartOptions, "aggregate" | "errorbar">): FigureSpec {
  const rows = plotRows(o.data, o.y);
  const color = o.color ? colorChannel(rows, o.color) : {};
  const xType = fieldType(rows, o.x, "ordinal");
  const yType = fieldType(rows, o.y, "nominal");
  return wrap(o, rows, {
    layer: [
      {
        mark: { type: "point", filled: true, opacity: 0.7 },
        encoding: {
          x: { field: field(o.x), type: xType, title: o.xTitle ?? o.x, ...(xType === "quantitative" ? posScale(o.logX) : {}) },
          y: { field: field(o.y), type: yType, title: o.yTitle ?? o.y, ...(yType === "quantitative" ? posScale(o.logY) : {}) },
          ...color,
        },
      },
      ...refLayers(o),
    ],
  });
}

export interface HeatmapOptions {
  data: ChartRow[];
  /** Fields of the two axes (treated as ordered categories). */
  x: string;
  y: string;
  /** Field of the cell color (aggregated by `aggregate`). */
  value: string;
  /** @default "mean" */
  aggregate?: "mean" | "median";
  facet?: string;
  title?: string;
  /** Color scheme (vega). @default "viridis" */
  scheme?: string;
  width?: number;
  height?: number;
}

/** A heatmap of the aggregated value over an x × y grid (e.g. a phase diagram). */
export function heatmap(o: HeatmapOptions): FigureSpec {
  const rows = plotRows(o.data, o.value);
  const agg = o.aggregate ?? "mean";
  const ord = (name: string) => ({ field: field(name), type: "ordinal" as const, title: name, sort: "ascending" as const });
  return wrap({ ...o, y: o.y, x: o.x } as ChartOptions, rows, {
    mark: { type: "rect" },
    encoding: {
      x: ord(o.x),
      y: { ...ord(o.y), sort: "descending" },
      color: { field: field(o.value), type: "quantitative", aggregate: agg, title: `${o.value} (${agg})`, legend: LEGEND, scale: { scheme: o.scheme ?? "viridis" } },
    },
  });
}
