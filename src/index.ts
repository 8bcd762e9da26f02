// The public API of relu-landscape.
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
