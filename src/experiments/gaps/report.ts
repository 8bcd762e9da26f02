// The energy-gap experiment's report: rows (every pair), models (every network against the global
// minimum), summary per width, the permutation tests, profiles.json (the largest gap's string at each
// width), the four figures and the printed tables.
import { CERTIFY_DEFAULTS } from "../../convex/certify.js";
import { VERSION } from "../../version.js";
import type { RunRecord } from "../../sweep/record.js";
import type { ExperimentReport } from "../experiment.js";
import { barriersSpec, gapVsWidthSpec, globalGapSpec, profileSpec } from "./figures.js";
import { globalComparison } from "./global.js";
import type { ResolvedGapsOptions } from "./options.js";
import { gapsTables, gapsTests, type GapsTables } from "./summary.js";

const e3 = (v: number | null) => (v === null ? "—" : v === 0 ? "0" : v.toExponential(2));
const pct = (v: number | null) => (v === null ? "—" : `${(100 * v).toFixed(0)}%`);
const col = (s: string, w: number) => s.padEnd(w);

/** Why there is no comparison with the global minimum (from the settings, else from the model runs), or undefined. */
function globalNote(t: GapsTables, o: ResolvedGapsOptions): string | undefined {
  if (t.optimum.value !== null) return undefined;
  const shape = Number.isFinite(t.samples) ? { n: t.samples, d: t.features } : undefined;
  return globalComparison(o, shape).note ?? (t.optimum.note ? `no comparison with the global minimum: ${t.optimum.note}` : undefined);
}

export async function gapsReport(records: RunRecord[], o: ResolvedGapsOptions): Promise<ExperimentReport> {
  const t = gapsTables(records, o.widths);
  const tests = await gapsTests(t.rows, o.widths, o.seed, o.permutations);
  const first = o.threshold !== undefined ? `L₀ = ${o.threshold}` : `L₀ = (1 + ${o.thresholdRel})·max(L_A, L_B)`;
  const resolution = o.resolution !== undefined ? `${o.resolution}` : `${o.resolutionRel}·max(L_A, L_B)`;
  const note = globalNote(t, o);
  const text = [
    `gaps on ${t.data}, λ=${o.lambda}: widths ${o.widths.join(",")}, ${o.models} networks each, seed ${o.seed}`,
    `  pairs: the lowest level at which a string from A to B was found (bisection on L₀ from ${first}, down to ${resolution}, ≤ ${o.maxRounds} rounds, ≤ ${o.maxBeads} beads);`,
    "  gap = level − max(L_A, L_B), an upper bound on the mountain-pass gap; resolved: the bracket reached the resolution; bead-ltd: the",
    "  string failed below the level for want of beads (more --max-beads may lower it); \"single L₀\": the old measure, the string at the first L₀ only",
    "  width  pairs  gap mean   median     max        rel mean   rel max    resolved  bead-ltd  single L₀ mean/max    straight   L(models)",
    ...t.summary.map(
      (w) =>
        `  ${String(w.width).padStart(5)}  ${String(w.pairs).padStart(5)}  ${col(e3(w.mean), 9)}  ${col(e3(w.median), 9)}  ${col(e3(w.max), 9)}  ${col(e3(w.relMean), 9)}  ${col(e3(w.relMax), 9)}  ${pct(w.resolved).padStart(8)}  ${pct(w.beadLimited).padStart(8)}  ${col(`${e3(w.thresholdGapMean)}/${e3(w.thresholdGapMax)}`, 20)}  ${col(e3(w.meanStraightGap), 9)}  ${w.modelLossMin.toPrecision(4)}–${w.modelLossMax.toPrecision(4)}`,
    ),
    ...(o.align
      ? [
        "  joined to B's aligned copy (neurons permuted to A's): level gap",
        "  width  mean       max        rel mean   rel max    straight",
        ...t.summary.map((w) => `  ${String(w.width).padStart(5)}  ${col(e3(w.alignedMean), 9)}  ${col(e3(w.alignedMax), 9)}  ${col(e3(w.alignedRelMean), 9)}  ${col(e3(w.alignedRelMax), 9)}  ${e3(w.meanAlignedStraightGap)}`),
      ]
      : []),
    ...(t.optimum.value !== null
      ? [
        `  networks against the global minimum of L: min L ∈ [${t.optimum.lowerBound!.toPrecision(8)}, ${t.optimum.value.toPrecision(8)}] (the convex program);`,
        `  gap = L − certified lower bound on min L (certify; verdict global when gap ≤ ${CERTIFY_DEFAULTS.gapTol}·L)`,
        "  width  models  gap mean   max        rel mean   rel max    global  verdicts",
        ...t.summary.map((w) => `  ${String(w.width).padStart(5)}  ${String(w.models).padStart(6)}  ${col(e3(w.globalGapMean), 9)}  ${col(e3(w.globalGapMax), 9)}  ${col(e3(w.globalRelGapMean), 9)}  ${col(e3(w.globalRelGapMax), 9)}  ${pct(w.certifiedGlobal).padStart(6)}  ${w.verdicts ?? "—"}`),
      ]
      : [`  ${note ?? "no comparison with the global minimum"}`]),
    '  permutation tests of "the maximum gap is smaller at the larger width" (level gaps):',
    ...tests.map((s) => `    m=${s.smaller} vs m=${s.larger}: max gap ${s.statistic >= 0 ? "drops" : "rises"} by ${e3(Math.abs(s.statistic))}, p = ${s.pValue.toFixed(4)} (conservative ${s.pValueConservative.toFixed(4)}; ${s.permutations} splits)`),
    `  ${t.seconds.toFixed(1)} s (summed over the runs)`,
  ];
  // (not "global": settings.json has that key for the option)
  const globalMinimum = t.optimum.value !== null ? { value: t.optimum.value, lowerBound: t.optimum.lowerBound } : { note: note ?? null };
  return {
    tables: { rows: t.rows, models: t.models, summary: t.summary },
    json: { summary: { summary: t.summary, tests, globalMinimum, seconds: t.seconds, version: VERSION }, profiles: t.examples },
    figures: t.rows.length
      ? {
        "gap-vs-width": gapVsWidthSpec(t, t.data), barriers: barriersSpec(t, t.data), profile: profileSpec(t, t.data),
        ...(t.optimum.value !== null ? { "gap-to-global": globalGapSpec(t, t.data) } : {}),
      }
      : {},
    text,
    settings: { data: t.data, samples: t.samples, features: t.features, globalMinimum },
  };
}
