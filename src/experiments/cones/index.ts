// The cones-vs-width experiment (Boursier et al., Theorem 1): for each (n, d), several datasets; for
// each width m, random activation cones of m signed patterns; the fraction of cones holding a global
// minimum against m, and the verdict of every cone's optimum (with its witness) at the minimal width
// and at width m, beside the research's own first-order label.
import type { SweepSpec } from "../../sweep/spec.js";
import { defineExperiment } from "../experiment.js";
import { conesKind } from "./kind.js";
import { CONES_QUICK, conesOptions, scalingPoints } from "./options.js";
import { conesReport } from "./report.js";

export const cones = defineExperiment({
  name: "cones",
  title: "random activation cones vs width m: fraction holding a global minimum, and the verdict of each cone's optimum — Boursier et al., Theorem 1",
  about:
    "Each run is one dataset (n, d, index) at one width m: `cones` random cones of m signed patterns, each cone's convex\n" +
    "program P(S) solved and compared with the global optimum P(all). Each cone's optimum is classified (global,\n" +
    "spurious-local-minimum, saddle, not-stationary, undetermined — each with its witness) twice: as its minimal network\n" +
    "(`verdict`, the research's convention) and at the cone's width m, unused neurons at zero (`verdictAtWidth`), beside\n" +
    "the research's own first-order label (`researchLabel`). The scaling grid classifies only `global`.\n" +
    "Files: cones.csv/.jsonl (every cone), summary.csv/.jsonl, breakdown.json (what the research's label calls spurious,\n" +
    "certified), settings.json, cones.svg, verdicts.svg (paper grid), scaling.csv/.svg (scaling grid).",
  options: conesOptions,
  presets: { quick: CONES_QUICK },
  kinds: [conesKind],
  sweep: (o): SweepSpec => {
    const base = { lambda: o.lambda, tol: o.tol, cones: o.cones, data: o.data, sampler: o.sampler, seed0: o.seed };
    const datasets = Array.from({ length: o.datasets }, (_, i) => i);
    if (o.grid === "scaling") return { name: "cones-scaling", kind: "cones", seed: o.seed, base, axes: { point: scalingPoints(o), dataset: datasets } };
    return { name: "cones", kind: "cones", seed: o.seed, base, axes: { n: o.ns, d: o.ds, dataset: datasets, m: o.widths } };
  },
  report: conesReport,
});

export { conesOptions, CONES_DEFAULTS, CONES_QUICK, resolveConesOptions, datasetSeed, scalingPoints, type ConesOptions, type ResolvedConesOptions } from "./options.js";
export { conesRun, conesKind, CONE_FLOOR, type ConeRow, type ConeVerdict } from "./kind.js";
export { conesSummary, verdictFractions, researchSpuriousBreakdown, CONE_VERDICTS, type ConesSummaryRow, type ConesRow, type ConeFractions } from "./summary.js";
export { crossing, scalingCurves, scalingLaw, type ScalingCurve, type ScalingFit, type ScalingPoint } from "./scaling.js";
