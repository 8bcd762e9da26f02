// The energy-gap experiment's report: rows (every pair), summary per width, the permutation tests,
// profiles.json (the largest gap's string at each width), the three figures and the printed table.
import { VERSION } from "../../version.js";
import type { RunRecord } from "../../sweep/record.js";
import type { ExperimentReport } from "../experiment.js";
import { barriersSpec, gapVsWidthSpec, profileSpec } from "./figures.js";
import type { ResolvedGapsOptions } from "./options.js";
import { gapsTables, gapsTests } from "./summary.js";

const e3 = (v: number) => (v === 0 ? "0" : v.toExponential(2));

export async function gapsReport(records: RunRecord[], o: ResolvedGapsOptions): Promise<ExperimentReport> {
  const t = gapsTables(records, o.widths);
  const tests = await gapsTests(t.rows, o.widths, o.seed, o.permutations);
  const text = [
    `gaps on ${t.data}, λ=${o.lambda}: widths ${o.widths.join(",")}, ${o.models} networks each, seed ${o.seed}`,
    "  width  pairs  gap mean   median     max        success  beads  length  straight  aligned   L(models)",
    ...t.summary.map(
      (w) =>
        `  ${String(w.width).padStart(5)}  ${String(w.pairs).padStart(5)}  ${e3(w.mean).padEnd(9)}  ${e3(w.median).padEnd(9)}  ${e3(w.max).padEnd(9)}  ${(100 * w.success).toFixed(0).padStart(6)}%  ${w.meanBeads.toFixed(1).padStart(5)}  ${w.meanLength.toFixed(3)}   ${e3(w.meanRawBarrier).padEnd(8)}  ${e3(w.meanLinearBarrier).padEnd(8)}  ${w.modelLossMin.toPrecision(4)}–${w.modelLossMax.toPrecision(4)}`,
    ),
    '  permutation tests of "the maximum gap is smaller at the larger width":',
    ...tests.map((s) => `    m=${s.smaller} vs m=${s.larger}: max gap ${s.statistic >= 0 ? "drops" : "rises"} by ${e3(Math.abs(s.statistic))}, p = ${s.pValue.toFixed(4)} (conservative ${s.pValueConservative.toFixed(4)}; ${s.permutations} splits)`),
    `  ${t.seconds.toFixed(1)} s (summed over the runs)`,
  ];
  return {
    tables: { rows: t.rows, summary: t.summary },
    json: { summary: { summary: t.summary, tests, seconds: t.seconds, version: VERSION }, profiles: t.examples },
    figures: t.rows.length
      ? { "gap-vs-width": gapVsWidthSpec(t, t.data), barriers: barriersSpec(t, t.data), profile: profileSpec(t, t.data) }
      : {},
    text,
    settings: { data: t.data, samples: t.samples, features: t.features },
  };
}
