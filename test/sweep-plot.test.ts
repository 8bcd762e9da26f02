// The chart builders: encodings follow the options, and every chart renders to an SVG naming its axes.
import { describe, expect, it } from "vitest";
import { field, fieldType, heatmap, lineChart, plotRows, scatterChart } from "../src/plot/charts.js";
import { renderSvg } from "../src/plot/svg.js";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { runCli } from "./cli-run.js";

const data = [2, 4, 8].flatMap((m) =>
  [0, 1].flatMap((rep) => ["gd", "sgd"].map((method) => ({ m, rep, method, loss: m * (rep + 1) * (method === "gd" ? 1 : 2), global: m > 2, "result.x": m }))),
);

describe("chart builders", () => {
  it("line chart: mean with error bars, log x, color, facet", async () => {
    const spec = lineChart({ data, x: "m", y: "loss", color: "method", facet: "rep", logX: true }) as Record<string, any>;
    expect(spec.facet.field).toBe("rep");
    const [line, bars] = spec.spec.layer;
    expect(line.encoding.y.aggregate).toBe("mean");
    expect(line.encoding.x.scale.type).toBe("log");
    expect(line.encoding.color.field).toBe("method");
    expect(bars.mark.extent).toBe("stderr");
    const svg = await renderSvg(spec as never);
    expect(svg).toContain("loss (mean)");
    expect(svg).toContain("X-axis titled 'm'");
  });
  it("no aggregate, no error bars; booleans become fractions; dotted names are escaped", () => {
    const spec = lineChart({ data, x: "m", y: "global", aggregate: "none" }) as Record<string, any>;
    expect(spec.layer.length).toBe(1);
    expect(plotRows(data, "global")[0].global).toBe(0);
    expect(plotRows(data, "global").at(-1)!.global).toBe(1);
    // a boolean that is not the measure stays a category
    expect(plotRows(data, "loss")[0].global).toBe("false");
    expect(field("result.x")).toBe("result\\.x");
    expect(fieldType(data, "m")).toBe("quantitative");
    expect(fieldType(data, "method")).toBe("nominal");
  });
  it("scatter and heatmap render with their axes", async () => {
    const s = await renderSvg(scatterChart({ data, x: "m", y: "loss", color: "method", logY: true }));
    expect(s).toContain("Y-axis titled 'loss'");
    const h = await renderSvg(heatmap({ data, x: "m", y: "method", value: "loss" }));
    expect(h).toContain("loss (mean)");
    expect(h).toContain("Y-axis titled 'method'");
  });

  it("a categorical measure is stacked fractions; run names are points, not a line; legends are never cut; reference lines", async () => {
    const rows = [1, 2, 3].flatMap((seed) => [4, 8].map((m) => ({ seed, m, verdict: seed === 1 ? "spurious-local-minimum" : "global", loss: m + seed })));
    const bars = lineChart({ data: rows, x: "m", y: "verdict" }) as Record<string, any>;
    expect(bars.mark.type).toBe("bar");
    expect(bars.encoding.y.stack).toBe("normalize");
    expect(bars.encoding.color.field).toBe("verdict");
    const svg = await renderSvg(bars as never);
    expect(svg).toContain("spurious-local-minimum"); // the whole label, no ellipsis
    expect(svg).not.toContain("…");
    const bySeed = lineChart({ data: rows, x: "seed", y: "loss", refs: [{ y: 5.5, label: "P*" }] }) as Record<string, any>;
    expect(bySeed.layer[0].mark.type).toBe("point");
    expect(bySeed.layer[0].encoding.x.type).toBe("ordinal");
    const ref = bySeed.layer.find((l: any) => l.mark.type === "rule");
    expect(ref.data.values).toEqual([{ y: 5.5 }]);
    expect(await renderSvg(bySeed as never)).toContain("P*");
    const joined = lineChart({ data: rows, x: "m", y: "loss" }) as Record<string, any>;
    expect(joined.layer[0].mark.type).toBe("line");
  });

  it("plot reads tables (CSV, JSONL) as well as results directories", () => {
    const dir = mkdtempSync(join(tmpdir(), "relu-plot-"));
    writeFileSync(join(dir, "t.csv"), "m,verdict,ok\n4,global,true\n4,saddle,false\n8,global,true\n");
    writeFileSync(join(dir, "t.jsonl"), '{"m":4,"loss":1}\n{"m":8,"loss":0.5}\n');
    const a = runCli(["plot", join(dir, "t.csv"), "--x", "m", "--y", "verdict", "--out", join(dir, "a.svg")]);
    expect(a.code, a.stderr).toBe(0);
    expect(readFileSync(join(dir, "a.svg"), "utf8")).toContain("saddle");
    const b = runCli(["plot", join(dir, "t.jsonl"), "--x", "m", "--y", "loss", "--ref", "0.75=half", "--out", join(dir, "b.svg")]);
    expect(b.code, b.stderr).toBe(0);
    expect(readFileSync(join(dir, "b.svg"), "utf8")).toContain("half");
    const bad = runCli(["plot", join(dir, "t.csv"), "--x", "m", "--y", "nope"]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/--y: no field "nope"/);
    // a missing table is named as a missing file, not as a missing results directory
    const missing = runCli(["plot", join(dir, "gone.csv"), "--x", "m", "--y", "loss"]);
    expect(missing.code).toBe(2);
    expect(missing.stderr.trim().split("\n")).toHaveLength(1);
    expect(missing.stderr).toMatch(/gone\.csv/);
    expect(missing.stderr).not.toMatch(/directories|shards/);
  });
});
