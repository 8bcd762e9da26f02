// `relu-landscape plot DIR... --x m --y loss --color n --facet d --log-x --out fig.svg`: a figure of a
// sweep's results (mean over repetitions with error bars), rendered to SVG through vega-lite.
import type { Command } from "commander";
import { join } from "node:path";
import { InputError } from "../../api/errors.js";
import { heatmap, lineChart, scatterChart } from "../../plot/charts.js";
import { renderSvg } from "../../plot/svg.js";
import { collectResults } from "../../sweep/merge.js";
import { toTable } from "../../sweep/export.js";
import { runAction } from "../run-action.js";
import { writeText } from "../io.js";

interface PlotFlags {
  x: string;
  y: string;
  color?: string;
  facet?: string;
  logX?: boolean;
  logY?: boolean;
  chart: string;
  aggregate: string;
  errorbar: string;
  title?: string;
  out?: string;
}

const oneOf = (v: string, values: string[], flag: string) => {
  if (!values.includes(v)) throw new InputError(flag, `got "${v}": use one of ${values.join(", ")}`);
  return v;
};

export function registerPlot(program: Command): void {
  program
    .command("plot")
    .description("plot a sweep's results to SVG: a measure against a setting, by color and facet")
    .argument("<dirs...>", "results directories of one sweep")
    .requiredOption("--x <field>", "setting (or measure) on the x axis")
    .requiredOption("--y <field>", "measure on the y axis (booleans plot as fractions)")
    .option("--color <field>", "one line per value of this field")
    .option("--facet <field>", "one panel per value of this field")
    .option("--log-x", "logarithmic x axis")
    .option("--log-y", "logarithmic y axis")
    .option("--chart <line|scatter|heatmap>", "line: aggregate over repetitions; scatter: every run; heatmap: x × color → y", "line")
    .option("--aggregate <mean|median|none>", "how runs at the same point combine (line)", "mean")
    .option("--errorbar <stderr|ci|stdev|none>", "error bars of the aggregate (line)", "stderr")
    .option("--title <text>", "figure title")
    .option("--out <file>", "SVG file (default: DIR/<y>-vs-<x>.svg)")
    .action(
      runAction(async (dirs: string[], f: PlotFlags) => {
        const chart = oneOf(f.chart, ["line", "scatter", "heatmap"], "--chart");
        const aggregate = oneOf(f.aggregate, ["mean", "median", "none"], "--aggregate") as "mean";
        const errorbar = oneOf(f.errorbar, ["stderr", "ci", "stdev", "none"], "--errorbar") as "stderr";
        const r = collectResults(dirs);
        const table = toTable(r.records.filter((x) => x.error === undefined));
        if (table.rows.length === 0) throw new InputError(dirs[0], "has no successful runs to plot");
        for (const [flag, name] of [["--x", f.x], ["--y", f.y], ["--color", f.color], ["--facet", f.facet]] as const) {
          if (name !== undefined && !table.columns.includes(name)) throw new InputError(flag, `no field "${name}": use one of ${table.columns.filter((c) => c !== "id").join(", ")}`);
        }
        const common = { data: table.rows, x: f.x, y: f.y, color: f.color, facet: f.facet, logX: !!f.logX, logY: !!f.logY, title: f.title ?? r.sweep.name };
        let spec;
        if (chart === "heatmap") {
          if (!f.color) throw new InputError("--color", "a heatmap needs --color: the field on its vertical axis");
          spec = heatmap({ data: table.rows, x: f.x, y: f.color, value: f.y, facet: f.facet, title: common.title, aggregate: f.aggregate === "median" ? "median" : "mean" });
        } else spec = chart === "scatter" ? scatterChart(common) : lineChart({ ...common, aggregate, errorbar });
        const out = f.out ?? join(dirs[0], `${f.y}-vs-${f.x}.svg`.replace(/[^\w.-]+/g, "_"));
        writeText(out, await renderSvg(spec));
        console.error(`wrote ${out} (${table.rows.length} runs)`);
      }),
    );
}
