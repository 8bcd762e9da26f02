// The orthogonal-data experiment: the package's own illustration of Boursier et al., Theorem 3 (for
// orthogonal inputs the width threshold 2ⁿ is also necessary; the research's Theorem-3 figure is
// `cones --data orthogonal`). For n = 3 … 7 and widths from well below to well above 2ⁿ, many
// trainings from large initialization, each classified as GD left it and after polishing to its cone's
// exact minimum; next to them the fraction of random activation cones holding a global minimum (the
// cones experiment's run on the same data), all against m/2ⁿ.
import { defineExperiment } from "../experiment.js";
import { orthogonalKind } from "./kind.js";
import { ORTHOGONAL_QUICK, orthogonalOptions, orthogonalSweep } from "./options.js";
import { orthogonalReport } from "./report.js";

export const orthogonal = defineExperiment({
  name: "orthogonal",
  title: "orthogonal data: trainings (and random cones) reaching the global minimum vs m/2ⁿ — the package's own illustration of Boursier et al., Theorem 3",
  about:
    "The package's own illustration of Theorem 3 (the research's Theorem-3 figure is `cones --data orthogonal`). One sweep of\n" +
    "task × grid point (n in ns, d = n + extra-dims, m = f·2ⁿ for f in width-factors), `trainings` repetitions each, on one\n" +
    "orthogonal data set per n (n Haar rows in dimension d, teacher labels). A training run is one training (balanced init at\n" +
    "α, GD halving the rate when L rises), classified as GD left it at its width m (verdictTrained, relativeGapTrained) and\n" +
    "after polishing to its cone's exact minimum (verdict, relativeGap); the grid point's `cones` random cones of m signed\n" +
    "patterns are shared out over its cones runs (verdicts as in `cones`). Files: runs.csv/.jsonl (every training),\n" +
    "cones.csv/.jsonl (every cone), summary.csv/.jsonl (per grid point), settings.json, orthogonal.svg.",
  options: orthogonalOptions,
  presets: { quick: ORTHOGONAL_QUICK },
  kinds: [orthogonalKind],
  sweep: orthogonalSweep,
  report: orthogonalReport,
});

export { orthogonalOptions, ORTHOGONAL_DEFAULTS, ORTHOGONAL_QUICK, ORTHOGONAL_TASKS, resolveOrthogonalOptions, orthogonalSweep, orthogonalPoints, type OrthogonalExperimentOptions, type ResolvedOrthogonalOptions, type OrthogonalTask } from "./options.js";
export { orthogonalRun, orthogonalTrainingRun, orthogonalConesRun, orthogonalKind, orthogonalPoint, coneShare } from "./kind.js";
export { orthogonalSummary, type Point as OrthogonalPoint, type OrthogonalSummaryRow, type OrthogonalTrainingRow, type OrthogonalConeRow } from "./report.js";
