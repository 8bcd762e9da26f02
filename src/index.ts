// The public API of relu-landscape, for Node and browsers alike (no Node built-ins below this file).
// Node-only parts (sweeps on worker threads with result files, the experiment runners) are in node.ts.
export { VERSION } from "./version.js";
export { InputError } from "./api/errors.js";
export { type Data, toData, rows } from "./api/data.js";
export { type Network, toNetwork, signedPatternKeys } from "./api/network.js";
export { type Problem, type ProblemInput, parseProblem } from "./api/problem.js";
export { type TrainOptions, TRAIN_DEFAULTS, resolveTrainOptions } from "./api/train-options.js";
export {
  Trainer, train, evaluateNetwork, type TrainResult, type TrainState, type StopReason, type RunOptions,
} from "./api/train.js";
export { teacherData, teacherLabels, type TeacherOptions } from "./data/teacher.js";
export { Rng } from "./core/rng.js";
export { getCore, instantiateCore, type CoreExports } from "./core/loader.js";
export { orthogonalData, haarRows, type OrthogonalOptions } from "./data/orthogonal.js";
export { smallInitData, smallInitBase, smallInitTeacher, type SmallInitOptions } from "./data/small-init.js";
export {
  enumeratePatterns, patternCountFormula, isGeneralPosition, patternString, binomial,
  type PatternSet, type EnumerateOptions, type GeneralPositionOptions,
} from "./api/patterns.js";
export {
  samplePatterns, resolveSamplerOptions, PATTERN_SAMPLERS, type PatternSampler, type SamplerOptions, type PatternSample,
} from "./api/pattern-samplers.js";
export {
  simulateCoverage, couponCollectorExpected, networkPatterns, type CoverageOptions, type CoverageResult, type NetworkPatterns,
} from "./api/pattern-coverage.js";
export {
  type SweepSpec, type AxisSpec, type ResolvedSweep, parseSweep, expandAxis,
} from "./sweep/spec.js";
export { expandSweep, type RunSpec } from "./sweep/grid.js";
export { canonicalJson, hashHex, runId, deriveSeed } from "./sweep/hash.js";
export { registerRunKind, getRunKind, runKindNames, type RunKind, type RunContext } from "./sweep/run-kinds.js";
export { trainRun } from "./sweep/train-kind.js";
export { type Shard, parseShard, shardFromEnv, selectShard } from "./sweep/shard.js";
export { SweepPool, type WorkerLike, type WorkerFactory, type PoolOptions } from "./sweep/pool.js";
export { runAll, type SweepProgress } from "./sweep/loop.js";
export { browserWorkerFactory, browserCoreCount } from "./sweep/browser-workers.js";
export { toTable, toCsv, type Table } from "./sweep/export.js";
export { lineChart, scatterChart, heatmap, plotRows, type ChartOptions, type HeatmapOptions } from "./plot/charts.js";
export { moonsData, type MoonsOptions } from "./data/moons.js";
export { wdbcData, type WdbcOptions } from "./data/wdbc.js";
export { csvData, csvFileData, standardizeColumns, type CsvOptions, type CsvData } from "./data/csv.js";
export { PathEvaluator, flatten, unflatten, distance, type LossSettings } from "./api/path-eval.js";
export { segmentProfile, alignNetwork, alignmentPermutation, type Profile, type SegmentResult } from "./api/paths.js";
export { hungarian } from "./api/hungarian.js";
export { stringBetween, type StringOptions, type StringResult, type StringStop } from "./api/string.js";
export {
  gapsSweep, gapsTests, GAPS_TRAIN_DEFAULTS, type GapsOptions, type GapRow, type GapsResult, type WidthSummary, type GapsTest,
} from "./experiments/gaps.js";
export { gapsProblem, withBias, type GapsDataOptions } from "./experiments/gaps-data.js";
export { maxPermutationTest, quantile, type PermutationTest } from "./experiments/permutation.js";
export { optimum1d, optimalSetDimension, sidesOf, f1d, type Optimum1d, type Side1d } from "./api/optimum-1d.js";
export { distanceToOptimum1d, type Distance1d, type DistanceOptions } from "./api/optimum-1d-distance.js";
export {
  runPhaseGrid, theoryRegime, fitSlope, classify, phaseData, pointExponents, PHASE_DEFAULTS,
  type PhaseOptions, type PhasePoint, type Regime,
} from "./experiments/phase.js";
export { phaseRun, scaledInit, type PhaseExponents, type PhaseRunOptions, type PhaseRunResult } from "./experiments/phase-run.js";
export { posterRows, posterFits, type PosterRow, type PosterFit } from "./experiments/phase-poster.js";
export {
  globalOptimum, coneOptimum, lambdaMax, rebuildNetwork, allSignedPatterns, networkSignedPatterns, certifiedBound,
  type ConvexOptimum, type OptimumOptions, type SignedPatterns, type SolverOptions,
  type ConvexLoss, type ConvexRegularizer, type ProgramSettings, type CertifiedBoundOptions, type CompletenessCheck,
  certify, stationarity, CERTIFY_DEFAULTS, type Certificate, type CertifyOptions, type Verdict,
  polish, type PolishResult,
} from "./convex/index.js";
