// The energy-gap experiment's results from its finished runs: one row per pair (width, i, j) with the
// level search's result (the lowest level at which a string was found, the gap from it absolute and
// relative, the bracket and resolution, the single-L₀ gap of the old measure beside it), one row per
// network with its certificate against the global minimum, the summary per width, the string with the
// largest gap at each width (its profile), and permutation tests of "the maximum gap is smaller at the
// larger width" (on the level gaps) for consecutive widths and smallest vs largest. Pure
// (browser-safe); failed runs are left out.
import type { Profile } from "../../api/paths.js";
import type { LevelRound } from "../../api/string.js";
import { getCore } from "../../core/loader.js";
import { Rng } from "../../core/rng.js";
import type { RunRecord } from "../../sweep/record.js";
import type { GapsGlobal, GapsJob, GapsModel } from "./kind.js";
import { type PermutationTest, maxPermutationTest } from "./permutation.js";
import { mean, quantile } from "../shared/stats.js";

/** The level search of one join (A to B itself, or to B's aligned copy). */
export interface JoinFields {
  /** max(L_A, L_B). */
  endpointLoss: number;
  /** The lowest max along a string found: an upper bound on the mountain-pass level (at the sampled points). */
  level: number;
  /** level − endpointLoss, and relative to endpointLoss. */
  gap: number;
  relativeGap: number;
  /** The bracket [bracketLow, level]: bracketLow is the highest L₀ below the level at which the string method failed (endpointLoss if none did). */
  bracketLow: number;
  /** The absolute resolution asked for, and whether level − bracketLow reached it (else maxRounds stopped the search). */
  resolution: number;
  resolved: boolean;
  /** L₀ tried. */
  rounds: number;
  /** How the string failed at bracketLow ("max-beads": the bead budget, "bead-above-threshold": a bead could not be trained below L₀); null when no L₀ failed. */
  lowStop: string | null;
  /** The first L₀ tried, and the old measure: the gap of the single-L₀ string method at that L₀ (null: not run), and whether it met L₀. */
  threshold: number;
  thresholdGap: number | null;
  thresholdSuccess: boolean | null;
  /** Barrier of the straight segment: its max − endpointLoss. */
  straightGap: number;
  /** Beads and normalized length Σ‖θᵢ₊₁ − θᵢ‖/‖θ_B − θ_A‖ of the level's string; ‖θ_B − θ_A‖; bead-training epochs. */
  beads: number;
  length: number;
  distance: number;
  epochs: number;
}

/** One pair of networks at one width: the join A → B, and (with `align`) the join A → aligned B. */
export interface GapRow extends JoinFields {
  width: number;
  i: number;
  j: number;
  lossI: number;
  lossJ: number;
  alignedLevel?: number;
  alignedGap?: number;
  alignedRelativeGap?: number;
  alignedBracketLow?: number;
  alignedResolved?: boolean;
  alignedThresholdGap?: number | null;
  alignedStraightGap?: number;
  alignedDistance?: number;
  alignedBeads?: number;
  seconds: number;
}

/** One trained network and its certificate against the global minimum (null: not compared). */
export interface ModelRow extends GapsGlobal {
  width: number;
  model: number;
  loss: number;
  stopReason: string;
  epochs: number;
  seconds: number;
}

export interface WidthSummary {
  width: number;
  pairs: number;
  /** The level gaps (level − max(L_A, L_B)) over the pairs: mean, quantiles, max. */
  mean: number;
  min: number;
  q25: number;
  median: number;
  q75: number;
  max: number;
  /** The same relative to max(L_A, L_B). */
  relMean: number;
  relMin: number;
  relQ25: number;
  relMedian: number;
  relQ75: number;
  relMax: number;
  /** Fraction of pairs whose bracket reached the resolution; the largest absolute resolution; mean L₀ tried. */
  resolved: number;
  resolution: number;
  meanRounds: number;
  /** Fraction of pairs whose bracket's lower end is a failure for want of beads (more --max-beads may lower the level). */
  beadLimited: number;
  /** The old measure (the single-L₀ string at the first L₀, A to B itself), for comparison: mean and max, and the fraction that met L₀. */
  thresholdGapMean: number | null;
  thresholdGapMax: number | null;
  thresholdSuccess: number | null;
  /** Mean barrier of the straight segment. */
  meanStraightGap: number;
  /** With `align`: the join to B's aligned copy (level gap mean, max, relative mean, max; straight barrier mean). */
  alignedMean: number | null;
  alignedMax: number | null;
  alignedRelMean: number | null;
  alignedRelMax: number | null;
  meanAlignedStraightGap: number | null;
  meanBeads: number;
  meanLength: number;
  /** Losses of the K trained networks. */
  modelLossMin: number;
  modelLossMax: number;
  /**
   * The networks against the global minimum (null: not compared): how many were compared, their
   * certified gaps L − lower bound (mean, max) absolute and relative to L, the fraction certified
   * global, and the verdicts counted ("undetermined: 6").
   */
  models: number;
  globalGapMean: number | null;
  globalGapMax: number | null;
  globalRelGapMean: number | null;
  globalRelGapMax: number | null;
  certifiedGlobal: number | null;
  verdicts: string | null;
  /** Seconds of the K trainings, and of the strings (summed over runs). */
  trainSeconds: number;
  stringSeconds: number;
}

export interface GapsTest extends PermutationTest {
  smaller: number;
  larger: number;
}

/** The string of the level search with the largest gap at one width. */
export interface GapsExample {
  width: number;
  i: number;
  j: number;
  gap: number;
  level: number;
  endpointLoss: number;
  bracket: [number, number];
  resolution: number;
  /** Every L₀ tried, in order. */
  levels: LevelRound[];
  profile: Profile;
  beadS: number[];
  beadLosses: number[];
}

/** The global minimum the networks were compared with (the same for every model run), or why not. */
export interface GapsOptimum {
  value: number | null;
  lowerBound: number | null;
  note: string | null;
}

export interface GapsTables {
  rows: GapRow[];
  models: ModelRow[];
  summary: WidthSummary[];
  /** The string with the largest gap at each width (its profile). */
  examples: GapsExample[];
  optimum: GapsOptimum;
  /** The trained networks' data set, e.g. "moons n=200 noise=0.1 seed=0", and its size (bias included). */
  data: string;
  samples: number;
  features: number;
  /** Seconds of every run, summed. */
  seconds: number;
}

const sum = (v: number[]) => v.reduce((s, x) => s + x, 0);

/** Mean, quantiles and extremes of a sample. */
function spread(v: number[]) {
  return { mean: mean(v), min: Math.min(...v), q25: quantile(v, 0.25), median: quantile(v, 0.5), q75: quantile(v, 0.75), max: Math.max(...v) };
}

/** Mean and max, null for no values. */
const meanMax = (v: number[]) => (v.length ? { mean: mean(v), max: Math.max(...v) } : { mean: null, max: null });

const JOIN_KEYS = [
  "endpointLoss", "level", "gap", "relativeGap", "bracketLow", "resolution", "resolved", "rounds", "lowStop",
  "threshold", "thresholdGap", "thresholdSuccess", "straightGap", "beads", "length", "distance", "epochs",
] as const;
const ALIGNED_KEYS = ["alignedLevel", "alignedGap", "alignedRelativeGap", "alignedBracketLow", "alignedResolved", "alignedThresholdGap", "alignedStraightGap", "alignedDistance", "alignedBeads"] as const;
const GLOBAL_KEYS = ["globalValue", "globalLowerBound", "lowerBound", "globalGap", "globalRelativeGap", "verdict", "verdictReason", "globalNote"] as const;

/** Rows, models, summary per width (in the order of `widths`) and the largest-gap examples. */
export function gapsTables(records: RunRecord[], widths: readonly number[]): GapsTables {
  const ok = records.filter((r) => r.result !== undefined).sort((a, b) => a.index - b.index);
  const jobOf = (r: RunRecord) => r.config.job as GapsJob;
  const order = (w: number) => widths.indexOf(w);
  const modelRuns = ok.filter((r) => "model" in jobOf(r));
  const models: ModelRow[] = modelRuns.map((r) => {
    const res = r.result as unknown as GapsModel & GapsGlobal;
    const g = Object.fromEntries(GLOBAL_KEYS.map((k) => [k, res[k] ?? null])) as unknown as GapsGlobal;
    return { width: r.config.m as number, model: (jobOf(r) as { model: number }).model, loss: res.loss, stopReason: res.stopReason, epochs: res.epochs, ...g, seconds: res.seconds } as ModelRow;
  }).sort((a, b) => order(a.width) - order(b.width) || a.model - b.model);
  const pairResults = ok.filter((r) => "pair" in jobOf(r)).map((r) => {
    const [i, j] = (jobOf(r) as { pair: [number, number] }).pair;
    return { width: r.config.m as number, i, j, res: r.result as Record<string, unknown> };
  });
  pairResults.sort((a, b) => order(a.width) - order(b.width) || a.i - b.i || a.j - b.j);
  const rows: GapRow[] = pairResults.map(({ width, i, j, res }) => {
    const row: Record<string, unknown> = { width, i, j, lossI: res.lossI, lossJ: res.lossJ };
    for (const k of JOIN_KEYS) row[k] = res[k];
    for (const k of ALIGNED_KEYS) if (res[k] !== undefined) row[k] = res[k];
    row.seconds = res.seconds;
    return row as unknown as GapRow;
  });
  const summary: WidthSummary[] = [], examples: GapsExample[] = [];
  for (const m of widths) {
    const here = rows.filter((r) => r.width === m);
    if (here.length === 0) continue;
    const nets = models.filter((r) => r.width === m);
    const losses = nets.map((n) => n.loss);
    const g = spread(here.map((r) => r.gap)), rel = spread(here.map((r) => r.relativeGap));
    const single = here.map((r) => r.thresholdGap).filter((v): v is number => v !== null);
    const th = meanMax(single);
    const aligned = here.filter((r) => r.alignedGap !== undefined);
    const al = meanMax(aligned.map((r) => r.alignedGap!)), alRel = meanMax(aligned.map((r) => r.alignedRelativeGap!));
    const compared = nets.filter((n) => n.globalGap !== null);
    const gg = meanMax(compared.map((n) => n.globalGap!)), ggRel = meanMax(compared.map((n) => n.globalRelativeGap!));
    const counts = new Map<string, number>();
    for (const n of compared) counts.set(n.verdict!, (counts.get(n.verdict!) ?? 0) + 1);
    summary.push({
      width: m, pairs: here.length,
      mean: g.mean, min: g.min, q25: g.q25, median: g.median, q75: g.q75, max: g.max,
      relMean: rel.mean, relMin: rel.min, relQ25: rel.q25, relMedian: rel.median, relQ75: rel.q75, relMax: rel.max,
      resolved: mean(here.map((r) => (r.resolved ? 1 : 0))), resolution: Math.max(...here.map((r) => r.resolution)),
      meanRounds: mean(here.map((r) => r.rounds)), beadLimited: mean(here.map((r) => (r.lowStop === "max-beads" ? 1 : 0))),
      thresholdGapMean: th.mean, thresholdGapMax: th.max,
      thresholdSuccess: single.length ? mean(here.filter((r) => r.thresholdSuccess !== null).map((r) => (r.thresholdSuccess ? 1 : 0))) : null,
      meanStraightGap: mean(here.map((r) => r.straightGap)),
      alignedMean: al.mean, alignedMax: al.max, alignedRelMean: alRel.mean, alignedRelMax: alRel.max,
      meanAlignedStraightGap: aligned.length ? mean(aligned.map((r) => r.alignedStraightGap!)) : null,
      meanBeads: mean(here.map((r) => r.beads)), meanLength: mean(here.map((r) => r.length)),
      modelLossMin: Math.min(...losses), modelLossMax: Math.max(...losses),
      models: compared.length, globalGapMean: gg.mean, globalGapMax: gg.max, globalRelGapMean: ggRel.mean, globalRelGapMax: ggRel.max,
      certifiedGlobal: compared.length ? compared.filter((n) => n.verdict === "global").length / compared.length : null,
      verdicts: compared.length ? [...counts].map(([v, k]) => `${v}: ${k}`).join(", ") : null,
      trainSeconds: sum(nets.map((n) => n.seconds)), stringSeconds: sum(here.map((r) => r.seconds)),
    });
    // the first pair with the largest gap (pairs in order i, j)
    let best = pairResults.find((p) => p.width === m)!;
    for (const p of pairResults) if (p.width === m && (p.res.gap as number) > (best.res.gap as number)) best = p;
    const b = best.res;
    examples.push({
      width: m, i: best.i, j: best.j, gap: b.gap as number, level: b.level as number, endpointLoss: b.endpointLoss as number,
      bracket: [b.bracketLow as number, b.level as number], resolution: b.resolution as number, levels: b.levels as LevelRound[],
      profile: b.profile as Profile, beadS: b.beadS as number[], beadLosses: b.beadLosses as number[],
    });
  }
  const first = modelRuns[0]?.result as { data?: string; samples?: number; features?: number } | undefined;
  const withValue = models.find((n) => n.globalValue !== null);
  return {
    rows, models, summary, examples,
    optimum: withValue
      ? { value: withValue.globalValue, lowerBound: withValue.globalLowerBound, note: null }
      : { value: null, lowerBound: null, note: models.find((n) => n.globalNote !== null)?.globalNote ?? null },
    data: first?.data ?? "", samples: first?.samples ?? NaN, features: first?.features ?? NaN,
    seconds: sum(records.map((r) => r.seconds)),
  };
}

/** Permutation tests on the level gaps for consecutive widths and for the smallest against the largest (seeded). */
export async function gapsTests(rows: GapRow[], widths: readonly number[], seed: number, permutations: number): Promise<GapsTest[]> {
  const ws = [...new Set(widths)].filter((w) => rows.some((r) => r.width === w)).sort((a, b) => a - b);
  const pairs: [number, number][] = ws.slice(1).map((w, i) => [ws[i], w]);
  if (ws.length > 2) pairs.push([ws[0], ws[ws.length - 1]]);
  const rng = new Rng(await getCore(), seed);
  try {
    return pairs.map(([a, b]) => {
      const x = rows.filter((r) => r.width === a).map((r) => r.gap), y = rows.filter((r) => r.width === b).map((r) => r.gap);
      return { smaller: a, larger: b, ...maxPermutationTest(x, y, rng, permutations) };
    });
  } finally {
    rng.dispose();
  }
}
