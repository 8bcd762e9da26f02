// relu-landscape/internals: the building blocks below the public API, for those extending the
// package — the WASM core and its generator, run hashes and seeds, the run kinds and each
// experiment's parts (its run functions, summaries and figure specs).
// Browser-safe. Unlike the root entry, these may change between minor versions.
export { getCore, instantiateCore, type CoreExports } from "./core/loader.js";
export { Rng } from "./core/rng.js";
export { canonicalJson, hashHex, runId, deriveSeed } from "./sweep/hash.js";
export { expandAxis } from "./sweep/spec.js";
export { getRunKind, runKindNames } from "./sweep/run-kinds.js";
export { type Shard, parseShard, shardFromEnv, selectShard } from "./sweep/shard.js";
export { BUILTIN_KINDS } from "./experiments/registry.js";
export { trainKind } from "./sweep/train-kind.js";
export { signedPatternKeys } from "./api/network.js";
export { patternString, binomial } from "./api/patterns.js";
export { resolveSamplerOptions, PATTERN_SAMPLERS } from "./api/pattern-samplers.js";
export { teacherLabels } from "./data/teacher.js";
export { haarRows } from "./data/orthogonal.js";
export { smallInitBase, smallInitTeacher } from "./data/small-init.js";
export { standardizeColumns } from "./data/csv.js";
export { optimalSetDimension, sidesOf, f1d } from "./api/optimum-1d.js";
export { flatten, unflatten, distance } from "./api/path-eval.js";
export { alignmentPermutation } from "./api/paths.js";
export { hungarian } from "./api/hungarian.js";
export { stationarity, CERTIFY_DEFAULTS, spreadOverInput, networkAtWidth, pruneToZero, VERDICT_DEFAULTS } from "./convex/index.js";
export { solveProgram } from "./convex/program.js";
export { mean, std, quantile, fitLine } from "./experiments/shared/stats.js";
// each experiment's parts (run functions, summaries, figures), by name; `export *` keeps them plain
// exports, so bundlers drop what a page does not use
export * from "./experiments/cones/index.js";
export * from "./experiments/init-scale/index.js";
export * from "./experiments/orthogonal/index.js";
export * from "./experiments/gaps/index.js";
export * from "./experiments/phase/index.js";
