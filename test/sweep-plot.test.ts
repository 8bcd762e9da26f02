// The chart builders: encodings follow the options, and every chart renders to an SVG naming its axes.
import { describe, expect, it } from "vitest";
import { field, fieldType, heatmap, lineChart, plotRows, scatterChart } from "../src/plot/charts.js";
import { renderSvg } from "../src/plot/svg.js";

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
    expect(plotRows(data)[0].global).toBe(0);
    expect(plotRows(data).at(-1)!.global).toBe(1);
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
});
