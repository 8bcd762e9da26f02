// The energy gaps between trained networks against the width (Freeman & Bruna, dynamic string
// sampling): per width, K networks trained from seeds seed..seed+K−1, every pair joined by the level
// search (the lowest level at which a string was found, by bisection on L₀), every network certified
// against the global minimum of L; the gaps per width and permutation tests of "the maximum gap
// shrinks with width".
import { checkLabels } from "../../api/train-options.js";
import { csvFileDataSync } from "../../data/csv.js";
import { defineExperiment } from "../experiment.js";
import { type GapsJob, gapsKind } from "./kind.js";
import { gapsDataShape, globalComparison } from "./global.js";
import { GAPS_QUICK, datasetOf, gapsDataOf, gapsOptions, gapsStringOf, gapsTrainOf, type ResolvedGapsOptions } from "./options.js";
import { gapsReport } from "./report.js";

/**
 * The runs of one width: model k, then the strings from every earlier model to it, so that a
 * worker running them in order has both networks of a string trained already.
 */
export function gapsJobs(models: number): GapsJob[] {
  const jobs: GapsJob[] = [];
  for (let j = 0; j < models; j++) {
    jobs.push({ model: j });
    for (let i = 0; i < j; i++) jobs.push({ pair: [i, j] });
  }
  return jobs;
}

/**
 * Reads a CSV data set now (where there is a file system), so a bad file or column stops the command
 * before any run; returns the data set's shape (n, d with the bias) when known.
 */
function checkData(o: ResolvedGapsOptions): { n: number; d: number } | undefined {
  if (datasetOf(o) !== "csv") return gapsDataShape(o);
  const data = csvFileDataSync(o.csv!, { target: o.target! });
  if (!data) return undefined;
  checkLabels(data.y, o.loss, "target");
  return { n: data.n, d: data.d + (o.bias ? 1 : 0) };
}

export const gaps = defineExperiment({
  name: "gaps",
  title: "energy gaps between trained networks across widths: train K networks per width, join every pair by dynamic string sampling (Freeman & Bruna) at the lowest level found by bisection on L₀, certify every network against the global minimum, summarize and test whether the maximum gap shrinks with width",
  about:
    "Each run is one network (width m, model k: trained with seed + k; certified against the global minimum of L, solved once\n" +
    "per worker) or one level search between models i < j of a width (it trains the two networks, the same as the model runs,\n" +
    "or reuses them in its worker). Files: rows.csv/.jsonl (every pair), models.csv/.jsonl (every network and its gap to the\n" +
    "global minimum), summary.csv/.jsonl and summary.json (with the permutation tests), profiles.json (the largest gap's\n" +
    "string per width), settings.json, gap-vs-width.svg, barriers.svg, profile.svg, gap-to-global.svg.",
  options: gapsOptions,
  presets: { quick: GAPS_QUICK },
  kinds: [gapsKind],
  sweep: (o) => {
    const shape = checkData(o);
    return {
      name: "gaps",
      kind: "gaps",
      seed: o.seed,
      base: { data: gapsDataOf(o), lambda: o.lambda, train: gapsTrainOf(o), string: gapsStringOf(o), global: globalComparison(o, shape).on, baseSeed: o.seed },
      axes: { m: o.widths, job: gapsJobs(o.models) },
    };
  },
  report: gapsReport,
  notes: (o) => {
    const { note } = globalComparison(o);
    return note ? [note] : [];
  },
});

export {
  gapsOptions, gapsTrainOptions, GAPS_DEFAULTS, GAPS_QUICK, GAPS_TRAIN_DEFAULTS, resolveGapsOptions, type GapsOptions, type ResolvedGapsOptions,
} from "./options.js";
export { gapsRun, gapsKind, trainGapsModel, programSettings, type GapsJob, type GapsModel, type GapsGlobal } from "./kind.js";
export {
  gapsTables, gapsTests, type GapRow, type ModelRow, type JoinFields, type WidthSummary, type GapsTest, type GapsExample, type GapsOptimum, type GapsTables,
} from "./summary.js";
export { globalComparison, globalOutOfReach, gapsDataShape, GLOBAL_MAX_PATTERNS } from "./global.js";
export { gapsProblem, withBias, type GapsDataOptions } from "./data.js";
export { maxPermutationTest, type PermutationTest } from "./permutation.js";
export { quantile } from "../shared/stats.js";
