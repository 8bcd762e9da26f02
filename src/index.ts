// The public API of relu-landscape, for Node and browsers alike (no Node built-ins below this file):
// what a researcher uses — data, training, activation patterns, the convex program with its
// certificates and witnessed verdicts, 1-D closed forms, paths between minima, the experiments, sweeps
// and figures. In Node, `relu-landscape` resolves to node.ts, which adds what needs files and worker
// threads. Lower-level building blocks (the WASM core, hashes, each experiment's parts) are in
// `relu-landscape/internals` (src/internals.ts); they may change between minor versions.
export { VERSION } from "./version.js";
export { InputError } from "./api/errors.js";

// option groups: the settings of every part, from which types, defaults, checks, flags derive
export {
  optionGroup, num, int, bool, choice, text, nums, ints, json,
  type OptionGroup, type OptionsOf, type ResolvedOf, type Field, type FieldInfo, type FieldSchema, type Bounds, type Extra, type Entries, type Obj,
} from "./api/schema.js";

// data
export { type Data, toData, rows } from "./api/data.js";
export { type Problem, type ProblemInput, parseProblem } from "./api/problem.js";
export { teacherData, type TeacherOptions } from "./data/teacher.js";
export { orthogonalData, type OrthogonalOptions } from "./data/orthogonal.js";
export { smallInitData, type SmallInitOptions } from "./data/small-init.js";
export { moonsData, type MoonsOptions } from "./data/moons.js";
export { wdbcData, type WdbcOptions } from "./data/wdbc.js";
export { csvData, type CsvOptions, type CsvData } from "./data/csv.js";
export { problemSource, type ProblemSourceOptions } from "./data/problem-source.js";

// networks and training
export { type Network, toNetwork } from "./api/network.js";
export {
  trainOptions, TRAIN_DEFAULTS, resolveTrainOptions, type TrainOptions, type ResolvedTrainOptions, type LrSchedule,
} from "./api/train-options.js";
export {
  Trainer, train, evaluateNetwork, type TrainResult, type TrainState, type StopReason, type RunOptions,
} from "./api/train.js";

// activation patterns
export {
  enumeratePatterns, patternCountFormula, isGeneralPosition,
  type PatternSet, type EnumerateOptions, type GeneralPositionOptions,
} from "./api/patterns.js";
export {
  samplePatterns, type PatternSampler, type SamplerOptions, type ResolvedSamplerOptions, type PatternSample,
} from "./api/pattern-samplers.js";
export {
  simulateCoverage, couponCollectorExpected, networkPatterns, type CoverageOptions, type CoverageResult, type NetworkPatterns,
} from "./api/pattern-coverage.js";

// the convex program: global and cone optima, certificates, witnessed verdicts, polish
export {
  globalOptimum, coneOptimum, lambdaMax, rebuildNetwork, allSignedPatterns, networkSignedPatterns, certifiedBound,
  sampledOptimum, type SampledOptimum, type SampledOptimumOptions,
  type ConvexOptimum, type OptimumOptions, type SignedPatterns, type SolverOptions,
  type ConvexLoss, type ConvexRegularizer, type ProgramSettings, type CertifiedBoundOptions, type CompletenessCheck,
  certify, type Certificate, type CertifyOptions, type Verdict,
  polish, type PolishResult,
  classifyNetwork, classifyBothWidths, minimalNetwork,
  type VerdictOptions, type VerdictResult, type VerdictWidth, type LocalCertificate, type DescentWitness, type KnownOptimum,
  researchFirstOrderLabel, type FirstOrderLabel,
  solverSettings, verdictSettings, type SolverSettings, type VerdictSettings, type ObjectiveOptions, type CoreOptions, type ProblemArg, type WitnessKind,
} from "./convex/index.js";
export type { SolverResult, SolveProgress } from "./convex/program.js";

// closed-form 1-D optima
export { optimum1d, type Optimum1d, type Side1d } from "./api/optimum-1d.js";
export { distanceToOptimum1d, type Distance1d, type DistanceOptions } from "./api/optimum-1d-distance.js";

// paths between minima: losses along segments, neuron alignment, strings and their levels
export { PathEvaluator, type LossSettings } from "./api/path-eval.js";
export { segmentProfile, alignNetwork, type Profile, type SegmentResult } from "./api/paths.js";
export {
  stringBetween, stringLevel, type StringOptions, type StringResult, type StringStop, type LevelOptions, type LevelResult,
  type LevelRound, type PairLevels,
} from "./api/string.js";

// the experiments: definitions (options, presets, runs, report) the CLI, the lab and runExperiment run
export { defineExperiment, experimentSettings, type Experiment, type ExperimentReport } from "./experiments/experiment.js";
export { EXPERIMENTS } from "./experiments/registry.js";
export { cones, type ConesOptions, type ConesRow, type ConesSummaryRow } from "./experiments/cones/index.js";
export { initScale, type InitScaleOptions, type InitScaleRow, type InitScaleSummaryRow } from "./experiments/init-scale/index.js";
export { orthogonal, type OrthogonalExperimentOptions, type OrthogonalSummaryRow, type OrthogonalTrainingRow } from "./experiments/orthogonal/index.js";
export { gaps, type GapsOptions, type GapRow, type ModelRow, type WidthSummary, type GapsTest } from "./experiments/gaps/index.js";
export { phase, type PhaseOptions, type PhasePoint, type PhaseRow, type PhaseSummary } from "./experiments/phase/index.js";

// sweeps: grids × repetitions of a run kind (the package's or your own), in workers
export { type SweepSpec, type AxisSpec, type ResolvedSweep, parseSweep } from "./sweep/spec.js";
export { expandSweep, type RunSpec } from "./sweep/grid.js";
export { registerRunKind, type RunKind, type RunContext, type RunKindOptions, type RunKindDefinition } from "./sweep/run-kinds.js";
export { SweepPool, type WorkerLike, type WorkerFactory, type PoolOptions } from "./sweep/pool.js";
export { runAll, type SweepProgress, type LoopOptions } from "./sweep/loop.js";
export type { RunTask, RunOutcome } from "./sweep/execute.js";
export type { RunRecord } from "./sweep/record.js";
export { browserWorkerFactory, browserCoreCount } from "./sweep/browser-workers.js";
export { toTable, toCsv, type Table } from "./sweep/export.js";

// figures (vega-lite specs; renderSvg in Node)
export { lineChart, scatterChart, heatmap, plotRows, type ChartOptions, type HeatmapOptions, type ChartRow } from "./plot/charts.js";
export type { FigureSpec } from "./plot/svg.js";
