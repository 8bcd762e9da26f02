// The initialization-scale experiment (Boursier et al., Theorem 2): small initialization reaches
// spurious local minima even where the landscape is favourable. α × seeds trainings on the research's
// data, each polished to the exact best network of its cone and certified against the global optimum.
import { defineExperiment } from "../experiment.js";
import { initScaleKind } from "./kind.js";
import { INIT_SCALE_QUICK, initScaleOptions, initScaleSweep } from "./options.js";
import { initScaleReport } from "./report.js";

export const initScale = defineExperiment({
  name: "init-scale",
  title: "gap to the global optimum vs initialization scale α on the research's data — Boursier et al., Theorem 2",
  about:
    "Each run is one training (α, seed) on the research's data (n = d unit vectors near e₁, perturbed, linear teacher): balanced\n" +
    "init, GD until ‖∇L‖² < grad-tol or max-epochs (the research ran 1e8 epochs, about 2.5 min per run on one core), then\n" +
    "polished to the exact best network of its activation cone and certified against the global optimum P*.\n" +
    "Files: runs.csv/.jsonl (every run), summary.csv/.jsonl (per α), settings.json (with globalValue = P*),\n" +
    "gap-vs-alpha.svg, neurons.svg.",
  options: initScaleOptions,
  presets: { quick: INIT_SCALE_QUICK },
  kinds: [initScaleKind],
  sweep: initScaleSweep,
  report: initScaleReport,
});

export { initScaleOptions, INIT_SCALE_DEFAULTS, INIT_SCALE_QUICK, resolveInitScaleOptions, initScaleSweep, type InitScaleOptions, type ResolvedInitScaleOptions } from "./options.js";
export { initScaleRun, initScaleKind, initScaleOptimum, initScaleData } from "./kind.js";
export { initScaleSummary, type InitScaleRow, type InitScaleSummaryRow, type InitScaleNetwork } from "./report.js";
