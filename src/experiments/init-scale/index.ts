// The initialization-scale experiment (Boursier et al., Theorem 2): small initialization reaches
// spurious local minima even where the landscape is favourable. α × seeds trainings on the research's
// data; each trained network classified as GD left it (the headline), and beside it its polished cone
// optimum, classified, with the distance between the two.
import { defineExperiment } from "../experiment.js";
import { initScaleKind } from "./kind.js";
import { INIT_SCALE_PAPER, INIT_SCALE_QUICK, initScaleOptions, initScaleSweep } from "./options.js";
import { initScaleReport } from "./report.js";

export const initScale = defineExperiment({
  name: "init-scale",
  title: "verdict and certified gap of trained networks vs initialization scale α on the research's data — Boursier et al., Theorem 2",
  about:
    "Each run is one training (α, seed) on the research's data (n = d unit vectors near e₁, perturbed, linear teacher): balanced\n" +
    "init, GD until ‖∇L‖² < grad-tol or max-epochs (the research ran 1e8 epochs, about 2.5 min per run on one core: --paper).\n" +
    "The trained network, as GD left it, is classified at its width m (verdictTrained, relativeGapTrained: certified, with its\n" +
    "witness); beside it, the exact best network of its activation cone spread over its neurons (verdict, relativeGap, gap) and\n" +
    "the distance between the two with neurons matched. --redraw draws the data's perturbation per run, as the research did.\n" +
    "Files: runs.csv/.jsonl (every run), summary.csv/.jsonl (per α), settings.json (with globalValue = P*, unless --redraw),\n" +
    "gap-vs-alpha.svg, neurons.svg.",
  options: initScaleOptions,
  presets: { quick: INIT_SCALE_QUICK, paper: INIT_SCALE_PAPER },
  kinds: [initScaleKind],
  sweep: initScaleSweep,
  report: initScaleReport,
});

export { initScaleOptions, INIT_SCALE_DEFAULTS, INIT_SCALE_QUICK, INIT_SCALE_PAPER, resolveInitScaleOptions, initScaleSweep, type InitScaleOptions, type ResolvedInitScaleOptions } from "./options.js";
export { initScaleRun, initScaleKind, initScaleOptimum, initScaleData, initScaleDataSeed } from "./kind.js";
export { initScaleSummary, type InitScaleRow, type InitScaleSummaryRow, type InitScaleNetwork } from "./report.js";
