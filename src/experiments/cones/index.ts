// The cones-vs-width experiment (Boursier et al., Theorem 1): for each (n, d), several datasets; for
// each width m, random activation cones of m signed patterns; the fraction of cones holding a global
// minimum, and a spurious one, against m.
import type { SweepSpec } from "../../sweep/spec.js";
import { defineExperiment } from "../experiment.js";
import { conesKind } from "./kind.js";
import { CONES_QUICK, conesOptions, scalingPoints } from "./options.js";
import { conesReport } from "./report.js";

export const cones = defineExperiment({
  name: "cones",
  title: "fraction of random activation cones holding a global minimum (and a spurious one) vs width m — Boursier et al., Theorem 1",
  about:
    "Each run is one dataset (n, d, index) at one width m: `cones` random cones of m signed patterns, each cone's convex\n" +
    "program P(S) solved and compared with the global optimum P(all). Files: cones.csv/.jsonl (every cone), summary.csv/.jsonl,\n" +
    "settings.json, cones.svg.",
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
export { conesRun, conesKind, type ConeRow, type ConeVerdict } from "./kind.js";
export { conesSummary, type ConesSummaryRow, type ConesRow } from "./summary.js";
export { crossing, scalingCurves, scalingLaw, type ScalingCurve, type ScalingFit, type ScalingPoint } from "./scaling.js";
