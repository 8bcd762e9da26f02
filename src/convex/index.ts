// The convex reformulation, as one public surface: program (the solver of P(S) with its dual bound)
// → optimum (global and cone optima as networks) → certify (a network against the global optimum)
// → polish (the best network of a network's own cone). Files below import down this chain only.
export { type SignedPatterns, allSignedPatterns, signedPatternsOf, networkSignedPatterns } from "./signed-patterns.js";
export { type SolverOptions } from "./program.js";
export {
  globalOptimum, coneOptimum, lambdaMax, rebuildNetwork, type ConvexOptimum, type OptimumOptions,
} from "./optimum.js";
export { certify, stationarity, CERTIFY_DEFAULTS, type Certificate, type CertifyOptions, type Verdict } from "./certify.js";
export { polish, type PolishResult } from "./polish.js";
