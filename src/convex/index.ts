// The convex reformulation, as one public surface: program (the solver of P(S) with its dual bound)
// → optimum (global and cone optima as networks) → verdict (the one classifier: certificates and
// witnesses) → certify (a network against the global optimum) → polish (the best network of a
// network's own cone). Files below import down this chain only.
export { type SignedPatterns, type CompletenessCheck, allSignedPatterns, signedPatternsOf, networkSignedPatterns } from "./signed-patterns.js";
export { type ConvexLoss, type ConvexRegularizer, type ProgramSettings } from "./settings.js";
export { type SolverOptions, solveProgram } from "./program.js";
export {
  globalOptimum, coneOptimum, lambdaMax, rebuildNetwork, certifiedBound, sampledOptimum, type ConvexOptimum, type OptimumOptions,
  type CertifiedBoundOptions, type SampledOptimum, type SampledOptimumOptions,
} from "./optimum.js";
export {
  solverSettings, verdictSettings, objectiveFlags, type SolverSettings, type VerdictSettings, type ObjectiveOptions, type CoreOptions,
  type ProblemArg, type WitnessKind,
} from "./options.js";
export {
  classifyNetwork, classifyBothWidths, minimalNetwork, networkAtWidth, pruneToZero, VERDICT_DEFAULTS,
  type Verdict, type VerdictOptions, type VerdictResult, type VerdictWidth, type LocalCertificate, type DescentWitness, type KnownOptimum,
} from "./verdict.js";
export { researchFirstOrderLabel, type FirstOrderLabel } from "./verdict-label.js";
export { type Objective, objective } from "./verdict-objective.js";
export { certify, stationarity, CERTIFY_DEFAULTS, type Certificate, type CertifyOptions } from "./certify.js";
export { polish, spreadOverInput, type PolishResult } from "./polish.js";
