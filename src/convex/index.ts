// The convex reformulation, as one public surface: program (the solver of P(S) with its dual bound)
// → optimum (global and cone optima as networks) → certify (a network against the global optimum)
// → polish (the best network of a network's own cone). Files below import down this chain only.
export { type SignedPatterns, type CompletenessCheck, allSignedPatterns, signedPatternsOf, networkSignedPatterns } from "./signed-patterns.js";
export { type ConvexLoss, type ConvexRegularizer, type ProgramSettings } from "./settings.js";
export { type SolverOptions, solveProgram } from "./program.js";
export {
  globalOptimum, coneOptimum, lambdaMax, rebuildNetwork, certifiedBound, type ConvexOptimum, type OptimumOptions,
  type CertifiedBoundOptions,
} from "./optimum.js";
export { certify, stationarity, CERTIFY_DEFAULTS, type Certificate, type CertifyOptions, type Verdict } from "./certify.js";
export { polish, type PolishResult } from "./polish.js";
