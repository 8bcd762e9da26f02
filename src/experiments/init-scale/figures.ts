// Figures of the initialization-scale experiment.
import type { Network } from "../../api/network.js";
import type { FigureSpec } from "../../plot/svg.js";
import { principalDirections } from "../shared/neuron-geometry.js";
import type { InitScaleNetwork, InitScaleRow } from "./rows.js";

/**
 * The certified relative gap (L − lower bound on min L)/L vs α, one point per run and network: the
 * trained network as GD left it (filled) and its polished cone optimum (open), coloured by verdict;
 * the medians as lines.
 */
export function gapFigure(rows: InitScaleRow[]): FigureSpec {
  const floor = 1e-12;
  const values: Record<string, unknown>[] = [];
  for (const r of rows) {
    values.push({ alpha: r.alpha, gap: Math.max(r.relativeGapTrained, floor), verdict: r.verdictTrained, network: "trained (as GD left it)" });
    values.push({ alpha: r.alpha, gap: Math.max(r.relativeGap, floor), verdict: r.verdict, network: "polished (its cone's optimum)" });
  }
  const x = {
    field: "alpha", type: "quantitative", scale: { type: "log", base: 2 }, title: "initialization scale α (balanced init)",
    axis: { labelExpr: "'2^' + format(log(datum.value) / log(2), '.2~f')" },
  };
  return {
    $schema: "https://vega.github.io/schema/vega-lite/v6.json",
    title: {
      text: "Certified gap to the global optimum vs initialization scale",
      subtitle: [
        "(L − certified lower bound on min L)/L of each trained network as GD left it and of its polished cone optimum,",
        `coloured by verdict; gaps below ${floor} drawn at ${floor}`,
      ],
    },
    width: 420,
    height: 280,
    data: { values },
    layer: [
      { mark: { type: "line", color: "#888" }, encoding: { x, y: { aggregate: "median", field: "gap", type: "quantitative" }, strokeDash: { field: "network", type: "nominal", title: "median" } } },
      {
        mark: { type: "point", size: 60, opacity: 0.8 },
        encoding: {
          x,
          y: { field: "gap", type: "quantitative", scale: { type: "log" }, title: "certified relative gap" },
          color: { field: "verdict", type: "nominal", title: "verdict", legend: { labelLimit: 300 } },
          shape: { field: "network", type: "nominal", title: "network", legend: { labelLimit: 300 } },
          fill: { condition: { test: "datum.network === 'trained (as GD left it)'", field: "verdict", type: "nominal" }, value: "transparent" },
        },
      },
    ],
  } as unknown as FigureSpec;
}

/**
 * One run's neurons as vectors |aⱼ|·wⱼ projected on the top two principal directions of the optimal
 * network's neurons (with the teacher), coloured by the sign of aⱼ; the teacher and the optimum marked.
 */
export function neuronFigure(run: InitScaleNetwork, optimum: Network, teacher: Float64Array): FigureSpec {
  const contrib = (net: Network) => net.W.map((w, j) => w.map((v) => v * Math.abs(net.a[j])));
  const opt = contrib(optimum);
  const basis = principalDirections([...opt, Array.from(teacher)], 2);
  const proj = (v: number[]) => basis.map((b) => b.reduce((s, x, k) => s + x * v[k], 0));
  const values: Record<string, unknown>[] = [];
  contrib(run).forEach((v, j) => {
    const [x, y] = proj(v);
    values.push({ x, y, kind: run.a[j] >= 0 ? "neuron, a > 0" : "neuron, a < 0" });
  });
  opt.forEach((v) => {
    const [x, y] = proj(v);
    values.push({ x, y, kind: "optimal network's neuron" });
  });
  const [tx, ty] = proj(Array.from(teacher));
  values.push({ x: tx, y: ty, kind: "teacher β" });
  return {
    $schema: "https://vega.github.io/schema/vega-lite/v6.json",
    title: { text: `Neurons of one run (α = ${run.alpha}, seed ${run.rep}; trained: ${run.verdictTrained}, polished: ${run.verdict})`, subtitle: "|aⱼ|·wⱼ on the optimum's top two principal directions" },
    width: 360,
    height: 360,
    data: { values },
    mark: { type: "point", filled: true, opacity: 0.8 },
    encoding: {
      x: { field: "x", type: "quantitative", title: "principal direction 1" },
      y: { field: "y", type: "quantitative", title: "principal direction 2" },
      color: { field: "kind", type: "nominal", title: null, legend: { labelLimit: 300, orient: "bottom", columns: 2 } },
      shape: { field: "kind", type: "nominal", title: null },
      size: { condition: { test: "datum.kind === 'teacher β' || datum.kind === \"optimal network's neuron\"", value: 160 }, value: 40 },
    },
  } as unknown as FigureSpec;
}
