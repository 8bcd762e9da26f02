// The Node entry of relu-landscape: everything of index.ts, plus what needs Node's file system and
// worker threads — sweeps with their results directories, merging shards, the experiment runner,
// figures as SVG files, problems from files. `import ... from "relu-landscape"` in Node resolves here;
// browser bundles get index.ts. (TypeScript with `moduleResolution: "bundler"` resolves the browser
// entry: import the Node API from "relu-landscape/node" there.)
export * from "./index.js";
export { parseJsonl } from "./sweep/results.js";
export { runSweep, type SweepRunOptions, type SweepSummary } from "./sweep/run-sweep.js";
export { nodeWorkerFactory, coreCount } from "./sweep/node-workers.js";
export { collectResults, mergeResults, type MergeReport, type MergeResult, type ShardReport, type ResultsLayout, type CollectOptions, type MergeOptions } from "./sweep/merge.js";
export { runExperiment, reportDirectory, readSettings, type ExperimentRunOptions, type ExperimentOutcome } from "./experiments/run-experiment.js";
export { registerBuiltinKinds } from "./experiments/registry.js";
export { renderSvg } from "./plot/svg.js";
export { loadProblemSource } from "./data/problem-source.js";
export { csvFileData } from "./data/csv.js";

// the package's run kinds, for sweeps started from this entry (their workers register them in
// src/sweep-worker.ts)
import { registerBuiltinKinds } from "./experiments/registry.js";
registerBuiltinKinds();
