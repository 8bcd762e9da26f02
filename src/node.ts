// The Node entry of relu-landscape: everything of index.ts, plus what needs Node's file system and
// worker threads — sweeps with their results directories, merging shards, the experiment runners.
// `import ... from "relu-landscape"` in Node resolves here; browser bundles get index.ts.
export * from "./index.js";
export { type RunRecord, parseJsonl } from "./sweep/results.js";
export { runSweep, type SweepRunOptions, type SweepSummary } from "./sweep/run-sweep.js";
export { nodeWorkerFactory, coreCount } from "./sweep/node-workers.js";
export { collectResults, mergeResults, type MergeReport } from "./sweep/merge.js";
export { type Experiment, type ExperimentReport, defineExperiment, experimentSettings } from "./experiments/experiment.js";
export { runExperiment, reportDirectory, type ExperimentRunOptions, type ExperimentOutcome } from "./experiments/run-experiment.js";
export { EXPERIMENTS, BUILTIN_KINDS, registerBuiltinKinds } from "./experiments/registry.js";
export {
  phase, phaseOptions, PHASE_DEFAULTS, PHASE_QUICK, resolvePhaseOptions, phaseReport, phaseDiagrams,
  type PhaseOptions, type ResolvedPhaseOptions, type PhaseDiagram, type PhaseSummary, type PhaseRow,
} from "./experiments/phase/index.js";
export { cones, conesOptions, CONES_DEFAULTS, CONES_QUICK, resolveConesOptions, type ConesOptions, type ConesSummaryRow, type ConesRow } from "./experiments/cones/index.js";
export { initScale, initScaleOptions, initScaleSweep, INIT_SCALE_DEFAULTS, INIT_SCALE_QUICK, INIT_SCALE_PAPER, resolveInitScaleOptions, type InitScaleOptions, type InitScaleRow, type InitScaleSummaryRow } from "./experiments/init-scale/index.js";
export { orthogonal, orthogonalOptions, ORTHOGONAL_DEFAULTS, ORTHOGONAL_QUICK, resolveOrthogonalOptions, type OrthogonalExperimentOptions, type OrthogonalSummaryRow, type OrthogonalTrainingRow, type OrthogonalConeRow } from "./experiments/orthogonal/index.js";
export { gaps, gapsOptions, GAPS_DEFAULTS, GAPS_QUICK, resolveGapsOptions, gapsRun, type GapsOptions, type ResolvedGapsOptions } from "./experiments/gaps/index.js";

// the package's run kinds, for sweeps started from this entry (and their workers, which register
// them in src/sweep-worker.ts)
import { registerBuiltinKinds } from "./experiments/registry.js";
registerBuiltinKinds();
