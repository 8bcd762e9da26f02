// `relu-landscape plot DIR... --x m --y loss --color n --facet d --log-x --out fig.svg`: a figure of a
// sweep's (or an experiment's) results, or of any table (CSV, JSONL, JSON), rendered to SVG through
// vega-lite: a numeric y as the mean over repetitions with error bars; a categorical y (a verdict) as
// the fraction of each category; reference lines with --ref.
import type { Command } from "commander";
import { dirname, join } from "node:path";
import { InputError } from "../../api/errors.js";
import { type ChartOptions, type ChartRow, heatmap, lineChart, scatterChart } from "../../plot/charts.js";
import { renderSvg } from "../../plot/svg.js";
import { collectResults } from "../../sweep/merge.js";
import { toTable } from "../../sweep/export.js";
import { runAction } from "../run-action.js";
import { writeText } from "../io.js";
import { statSync } from "node:fs";
import { splitCsvLine } from "../../data/csv.js";
import { parseJsonText } from "../../data/user-file.js";
import { readUserFile } from "../../sweep/files.js";

/** The chart's own options as flags (strings until checked: --chart, --aggregate, --errorbar), the sources' --out and --ref. */
type PlotFlags = Pick<ChartOptions, "x" | "y" | "color" | "facet" | "logX" | "logY" | "title"> & {
  chart: string;
  aggregate: string;
  errorbar: string;
  out?: string;
  ref?: string[];
};

/** A cell of a CSV table as a value: numbers, true/false, text; empty → absent. */
const cellValue = (s: string): unknown => (s === "" ? undefined : s === "true" ? true : s === "false" ? false : Number.isFinite(Number(s)) ? Number(s) : s);

/** The rows of a table file: CSV with a header row, JSONL (one object a line) or a JSON array of objects. */
export function readTableFile(path: string): ChartRow[] {
  const text = readUserFile(path, "source");
  if (/\.csv$/i.test(path)) {
    const lines = text.split(/\r?\n/).filter((l) => l.trim() !== "");
    if (lines.length < 2) throw new InputError("source", `${path} has no data rows (a header row and at least one row)`);
    const header = splitCsvLine(lines[0]);
    return lines.slice(1).map((l) => {
      const cells = splitCsvLine(l), row: ChartRow = {};
      header.forEach((h, i) => {
        const v = cellValue(cells[i] ?? "");
        if (v !== undefined) row[h] = v;
      });
      return row;
    });
  }
  if (/\.jsonl$/i.test(path)) return text.split("\n").filter((l) => l.trim() !== "").map((l, i) => parseJsonText(l, `${path} line ${i + 1}`, "source") as ChartRow);
  const v = parseJsonText(text, path, "source");
  if (!Array.isArray(v)) throw new InputError("source", `${path} is not a JSON array of rows: give a CSV, a JSONL or a JSON array`);
  return v as ChartRow[];
}

/**
 * "value", "value=label", or a column (e.g. globalValue: its mean over the rows, labelled by its
 * name) → a reference line.
 */
function parseRef(s: string, rows: ChartRow[]): { y: number; label?: string } {
  const [v, ...rest] = s.split("=");
  const label = rest.length ? rest.join("=") : undefined;
  if (v.trim() !== "" && Number.isFinite(Number(v))) return { y: Number(v), label };
  const values = rows.map((r) => r[v]).filter((x): x is number => typeof x === "number" && Number.isFinite(x));
  if (values.length === 0) throw new InputError("--ref", `got "${s}": give a number, number=label (e.g. 0.0123=P*), or a numeric column (e.g. globalValue)`);
  return { y: values.reduce((a, b) => a + b, 0) / values.length, label: label ?? v };
}

const TABLE_FILE = /\.(csv|jsonl|json)$/i;

/** Whether a source is a results directory (a missing path too, unless it is named as a table: its reader names it). */
const isDirectory = (p: string) => {
  try {
    return statSync(p).isDirectory();
  } catch {
    return !TABLE_FILE.test(p);
  }
};

const oneOf = (v: string, values: string[], flag: string) => {
  if (!values.includes(v)) throw new InputError(flag, `got "${v}": use one of ${values.join(", ")}`);
  return v;
};

export function registerPlot(program: Command): void {
  program
    .command("plot")
    .description("plot results to SVG: a measure against a setting, by color and facet (a sweep's or an experiment's --out directories, or tables: CSV, JSONL, JSON)")
    .argument("<sources...>", "results directories of one sweep or experiment, or table files (.csv, .jsonl, .json)")
    .requiredOption("--x <field>", "setting (or measure) on the x axis")
    .requiredOption("--y <field>", "measure on the y axis (booleans plot as fractions; categories such as a verdict as stacked fractions)")
    .option("--color <field>", "one line per value of this field")
    .option("--facet <field>", "one panel per value of this field")
    .option("--log-x", "logarithmic x axis")
    .option("--log-y", "logarithmic y axis")
    .option("--chart <line|scatter|heatmap>", "line: aggregate over repetitions; scatter: every run; heatmap: x × color → y", "line")
    .option("--aggregate <mean|median|none>", "how runs at the same point combine (line)", "mean")
    .option("--errorbar <stderr|ci|stdev|none>", "error bars of the aggregate (line)", "stderr")
    .option("--title <text>", "figure title")
    .option("--ref <value...>", "horizontal reference line(s): a value (0.0123, or 0.0123=P* with a label) or a numeric column such as globalValue (its mean)")
    .option("--out <file>", "SVG file (default: DIR/<y>-vs-<x>.svg)")
    .action(
      runAction(async (sources: string[], f: PlotFlags) => {
        const chart = oneOf(f.chart, ["line", "scatter", "heatmap"], "--chart");
        const aggregate = oneOf(f.aggregate, ["mean", "median", "none"], "--aggregate") as "mean";
        const errorbar = oneOf(f.errorbar, ["stderr", "ci", "stdev", "none"], "--errorbar") as "stderr";
        const files = sources.filter((s) => !isDirectory(s));
        if (files.length && files.length < sources.length) throw new InputError(files[0], "is a table file among results directories: plot either directories or tables");
        let table: { columns: string[]; rows: ChartRow[] }, name: string;
        if (files.length) {
          const rows = files.flatMap(readTableFile);
          table = { columns: [...new Set(rows.flatMap((row) => Object.keys(row)))], rows };
          name = "";
        } else {
          const r = collectResults(sources);
          table = toTable(r.records.filter((x) => x.error === undefined));
          name = r.sweep.name;
        }
        const dirs = sources;
        if (table.rows.length === 0) throw new InputError(dirs[0], "has no rows to plot");
        for (const [flag, name] of [["--x", f.x], ["--y", f.y], ["--color", f.color], ["--facet", f.facet]] as const) {
          if (name !== undefined && !table.columns.includes(name)) throw new InputError(flag, `no field "${name}": use one of ${table.columns.filter((c) => c !== "id").join(", ")}`);
        }
        const refs = (f.ref ?? []).map((s) => parseRef(s, table.rows));
        const common = { data: table.rows, x: f.x, y: f.y, color: f.color, facet: f.facet, logX: !!f.logX, logY: !!f.logY, title: f.title ?? name, refs };
        let spec;
        if (chart === "heatmap") {
          if (!f.color) throw new InputError("--color", "a heatmap needs --color: the field on its vertical axis");
          spec = heatmap({ data: table.rows, x: f.x, y: f.color, value: f.y, facet: f.facet, title: common.title, aggregate: f.aggregate === "median" ? "median" : "mean" });
        } else spec = chart === "scatter" ? scatterChart(common) : lineChart({ ...common, aggregate, errorbar });
        const out = f.out ?? join(files.length ? dirname(files[0]) : dirs[0], `${f.y}-vs-${f.x}.svg`.replace(/[^\w.-]+/g, "_"));
        writeText(out, await renderSvg(spec));
        console.error(`wrote ${out} (${table.rows.length} rows)`);
      }),
    );
}
