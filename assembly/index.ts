// The one WASM module of relu-landscape: each concept lives in its own file; this file only exports.
export { alloc, free } from "./memory";
export { rngSeed, rngFillNormal, rngFillUniform, rngPermutation } from "./rng";
export { trainRun, trainEvaluate, trainInit } from "./train";
export { peakMulAddF64 } from "./peak";
export { patternsEnumerate, patternsCount, patternsUnpack, patternsFree, patternsRepair } from "./patterns";
export { patternsGeneralPosition } from "./general-position";
export { patternsSample, patternsCoverage, patternsOfNeurons } from "./pattern-sampling";
export { patternsRealizable } from "./lp";
export { pathLosses } from "./paths";
export { conePrice, coneInterior, coneScratchBytes, conePriceScratchBytes, conePriceIndexBytes, conePriceProjections } from "./cone";
export { convexNewton, convexEvaluate, convexPredict, convexGram } from "./convex";
export { patternsEnumerateIncremental } from "./patterns-incremental";
export { cosSin } from "./trig";
export { sweepNew, sweepStatus, sweepFree, sweepPrice } from "./cell-sweep";
export { cholesky, cholSolve } from "./linalg";
