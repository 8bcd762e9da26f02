// The public API is curated: the root entry exports what a researcher uses, the Node entry adds what
// needs files and worker threads, and the building blocks below are in relu-landscape/internals.
// A name added to or dropped from an entry is a decision: update the lists here with it (and the
// CHANGELOG). Types are checked by `npm run docs` (TypeDoc fails on a type used but not exported).
import { describe, expect, it } from "vitest";
import * as root from "../src/index.js";
import * as node from "../src/node.js";
import * as internals from "../src/internals.js";

const ROOT = [
  "EXPERIMENTS", "InputError", "PathEvaluator", "SweepPool", "TRAIN_DEFAULTS", "Trainer", "VERSION", 
  "alignNetwork", "allSignedPatterns", "bool", "certifiedBound", "browserCoreCount", "browserWorkerFactory", "certify", 
  "choice", "classifyBothWidths", "classifyNetwork", "coneOptimum", "cones", "couponCollectorExpected", 
  "csvData", "defineExperiment", "distanceToOptimum1d", "enumeratePatterns", "evaluateNetwork", 
  "expandSweep", "experimentSettings", "gaps", "globalOptimum", "heatmap", "initScale", "int", "ints", 
  "isGeneralPosition", "json", "lambdaMax", "lineChart", "minimalNetwork", "moonsData", 
  "networkPatterns", "networkSignedPatterns", "num", "nums", "optimum1d", "optionGroup", "orthogonal", 
  "orthogonalData", "parseProblem", "parseSweep", "patternCountFormula", "phase", "plotRows", "polish", 
  "problemSource", "rebuildNetwork", "registerRunKind", "researchFirstOrderLabel", 
  "resolveTrainOptions", "rows", "runAll", "samplePatterns", "sampledOptimum", "scatterChart", "segmentProfile", 
  "simulateCoverage", "smallInitData", "solverSettings", "stringBetween", "stringLevel", "teacherData", "text", "toCsv", 
  "toData", "toNetwork", "toTable", "train", "trainOptions", "verdictSettings", "wdbcData"
  ];
const NODE_ONLY = [
  "collectResults", "coreCount", "csvFileData", "loadProblemSource", "mergeResults", 
  "nodeWorkerFactory", "parseJsonl", "readSettings", "registerBuiltinKinds", "renderSvg", 
  "reportDirectory", "runExperiment", "runSweep"
  ];

describe("public API", () => {
  it("the root entry exports exactly the curated names", () => {
    expect(Object.keys(root).sort()).toEqual([...ROOT].sort());
  });

  it("the Node entry is the root plus the Node-only names", () => {
    expect(Object.keys(node).sort()).toEqual([...ROOT, ...NODE_ONLY].sort());
  });

  it("internals hold the core, hashes and each experiment's parts; of the root's names only the experiment definitions", () => {
    for (const k of ["getCore", "Rng", "canonicalJson", "hashHex", "hungarian", "conesRun", "conesSummary", "gapsRun", "phaseRun", "orthogonalSummary", "initScaleSummary"]) {
      expect(internals, k).toHaveProperty(k);
    }
    expect(Object.keys(internals).filter((k) => k in root).sort()).toEqual(["cones", "gaps", "initScale", "orthogonal", "phase"]);
  });
});
