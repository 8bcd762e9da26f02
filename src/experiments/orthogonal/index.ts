// The orthogonal-data experiment (Boursier et al., Theorem 3): for orthogonal inputs the width
// threshold 2ⁿ is also necessary. For widths from well below to well above 2ⁿ, many trainings from
// large initialization, each polished to its cone's exact minimum and certified; the fraction that
// reach the global minimum, next to the fraction of random activation cones holding one (the cones
// experiment's run on the same data).
import { defineExperiment } from "../experiment.js";
import { orthogonalKind } from "./kind.js";
import { ORTHOGONAL_QUICK, orthogonalOptions, orthogonalSweep } from "./options.js";
import { orthogonalReport } from "./report.js";

export const orthogonal = defineExperiment({
  name: "orthogonal",
  title: "fraction of trainings (and of random cones) reaching the global minimum vs width on orthogonal data — Boursier et al., Theorem 3",
  about:
    "One sweep of task × width, `trainings` repetitions each, on one orthogonal data set (n Haar rows in dimension d,\n" +
    "teacher labels): a training run is one training (balanced init at α, GD halving the rate when L rises, polished to\n" +
    "its cone's exact minimum, certified); the width's `cones` random cones of m signed patterns are shared out over its\n" +
    "cones runs. Files: runs.csv/.jsonl (every training), cones.csv/.jsonl (every cone), summary.csv/.jsonl (per width),\n" +
    "settings.json, orthogonal.svg.",
  options: orthogonalOptions,
  presets: { quick: ORTHOGONAL_QUICK },
  kinds: [orthogonalKind],
  sweep: orthogonalSweep,
  report: orthogonalReport,
});

export { orthogonalOptions, ORTHOGONAL_DEFAULTS, ORTHOGONAL_QUICK, ORTHOGONAL_TASKS, resolveOrthogonalOptions, orthogonalSweep, type OrthogonalExperimentOptions, type ResolvedOrthogonalOptions, type OrthogonalTask } from "./options.js";
export { orthogonalRun, orthogonalTrainingRun, orthogonalConesRun, orthogonalKind, coneShare } from "./kind.js";
export { orthogonalSummary, type OrthogonalSummaryRow, type OrthogonalTrainingRow, type OrthogonalConeRow } from "./report.js";
