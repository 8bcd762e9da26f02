// The Node entry of relu-landscape: everything of index.ts, plus what needs Node's file system and
// worker threads — sweeps with their results directories, merging shards, the experiment runners.
// `import ... from "relu-landscape"` in Node resolves here; browser bundles get index.ts.
export * from "./index.js";
export { type RunRecord, parseJsonl } from "./sweep/results.js";
export { runSweep, type SweepRunOptions, type SweepSummary } from "./sweep/run-sweep.js";
export { nodeWorkerFactory, coreCount } from "./sweep/node-workers.js";
export { collectResults, mergeResults, type MergeReport } from "./sweep/merge.js";
export { runPhaseSweep, type PhaseSweepSettings } from "./experiments/phase-sweep.js";
export { runCones, conesSweep, type ConesReport, type ConesSummaryRow, type ConesRunOptions } from "./experiments/cones.js";
export { CONES_DEFAULTS, CONES_QUICK, resolveConesOptions, type ConesOptions } from "./experiments/cones-options.js";
export { runInitScale, initScaleSweep, type InitScaleReport, type InitScaleRow, type InitScaleSummaryRow } from "./experiments/init-scale.js";
export { INIT_SCALE_DEFAULTS, INIT_SCALE_QUICK, type InitScaleOptions } from "./experiments/init-scale-options.js";
export { runOrthogonal, ORTHOGONAL_DEFAULTS, ORTHOGONAL_QUICK, type OrthogonalExperimentOptions, type OrthogonalSummaryRow } from "./experiments/orthogonal.js";
// types the API above refers to (so users can name them; `npm run docs` fails on any left out)
export type { ConeRow, ConeVerdict } from "./experiments/cones-kind.js";
export type { PhaseSweepResult } from "./experiments/phase-sweep.js";
