// The energy gaps between trained networks against the width (Freeman & Bruna, dynamic string
// sampling): per width, K networks trained from seeds seed..seed+K−1 and every pair joined by a
// string; the gaps per width and permutation tests of "the maximum gap shrinks with width".
import { checkLabels } from "../../api/train-options.js";
import { csvFileDataSync } from "../../data/csv.js";
import { defineExperiment } from "../experiment.js";
import { type GapsJob, gapsKind } from "./kind.js";
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

/** Reads a CSV data set now (where there is a file system), so a bad file or column stops the command before any run. */
function checkData(o: ResolvedGapsOptions): void {
  if (datasetOf(o) !== "csv") return;
  const data = csvFileDataSync(o.csv!, { target: o.target! });
  if (data) checkLabels(data.y, o.loss, "target");
}

export const gaps = defineExperiment({
  name: "gaps",
  title: "energy gaps between trained networks across widths: train K networks per width, join every pair by dynamic string sampling (Freeman & Bruna), summarize and test whether the maximum gap shrinks with width",
  about:
    "Each run is one network (width m, model k: trained with seed + k) or one string between models i < j of a width (it\n" +
    "trains the two networks, the same as the model runs, or reuses them in its worker). Files: rows.csv/.jsonl (every pair),\n" +
    "summary.csv/.jsonl and summary.json (with the permutation tests), profiles.json (the largest gap's string per width),\n" +
    "settings.json, gap-vs-width.svg, barriers.svg, profile.svg.",
  options: gapsOptions,
  presets: { quick: GAPS_QUICK },
  kinds: [gapsKind],
  sweep: (o) => {
    checkData(o);
    return {
      name: "gaps",
      kind: "gaps",
      seed: o.seed,
      base: { data: gapsDataOf(o), lambda: o.lambda, train: gapsTrainOf(o), string: gapsStringOf(o), baseSeed: o.seed },
      axes: { m: o.widths, job: gapsJobs(o.models) },
    };
  },
  report: gapsReport,
});

export {
  gapsOptions, gapsTrainOptions, GAPS_DEFAULTS, GAPS_QUICK, GAPS_TRAIN_DEFAULTS, resolveGapsOptions, type GapsOptions, type ResolvedGapsOptions,
} from "./options.js";
export { gapsRun, gapsKind, trainGapsModel, type GapsJob, type GapsModel } from "./kind.js";
export { gapsTables, gapsTests, type GapRow, type WidthSummary, type GapsTest, type GapsExample, type GapsTables } from "./summary.js";
export { gapsProblem, withBias, type GapsDataOptions } from "./data.js";
export { maxPermutationTest, type PermutationTest } from "./permutation.js";
export { quantile } from "../shared/stats.js";
