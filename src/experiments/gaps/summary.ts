// The energy-gap experiment's results from its finished runs: one row per pair (width, i, j), the
// summary per width, the string with the largest gap at each width (its profile), and permutation
// tests of "the maximum gap is smaller at the larger width" for consecutive widths and smallest vs
// largest. Pure (browser-safe); failed runs are left out.
import type { Profile } from "../../api/paths.js";
import { getCore } from "../../core/loader.js";
import { Rng } from "../../core/rng.js";
import type { RunRecord } from "../../sweep/record.js";
import type { GapsJob, GapsModel } from "./kind.js";
import { type PermutationTest, maxPermutationTest } from "./permutation.js";
import { mean, quantile } from "../shared/stats.js";

/** One pair of networks at one width. */
export interface GapRow {
  width: number;
  i: number;
  j: number;
  lossI: number;
  lossJ: number;
  gap: number;
  maxLoss: number;
  threshold: number;
  success: boolean;
  stop: string;
  beads: number;
  length: number;
  distance: number;
  rawDistance: number;
  linearBarrier: number;
  rawBarrier: number;
  epochs: number;
  seconds: number;
}

export interface WidthSummary {
  width: number;
  pairs: number;
  mean: number;
  max: number;
  min: number;
  q25: number;
  median: number;
  q75: number;
  /** Fraction of strings that stayed below L₀. */
  success: number;
  meanBeads: number;
  meanLength: number;
  meanLinearBarrier: number;
  meanRawBarrier: number;
  /** Losses of the K trained networks. */
  modelLossMin: number;
  modelLossMax: number;
  /** Seconds of the K trainings, and of the strings (summed over runs). */
  trainSeconds: number;
  stringSeconds: number;
}

export interface GapsTest extends PermutationTest {
  smaller: number;
  larger: number;
}

/** The string with the largest gap at one width. */
export interface GapsExample {
  width: number;
  i: number;
  j: number;
  gap: number;
  threshold: number;
  profile: Profile;
  beadS: number[];
  beadLosses: number[];
}

export interface GapsTables {
  rows: GapRow[];
  summary: WidthSummary[];
  /** The string with the largest gap at each width (its profile). */
  examples: GapsExample[];
  /** The trained networks' data set, e.g. "moons n=200 noise=0.1 seed=0", and its size (bias included). */
  data: string;
  samples: number;
  features: number;
  /** Seconds of every run, summed. */
  seconds: number;
}

const sum = (v: number[]) => v.reduce((s, x) => s + x, 0);

/** Rows, summary per width (in the order of `widths`) and the largest-gap examples. */
export function gapsTables(records: RunRecord[], widths: readonly number[]): GapsTables {
  const ok = records.filter((r) => r.result !== undefined).sort((a, b) => a.index - b.index);
  const jobOf = (r: RunRecord) => r.config.job as GapsJob;
  const modelRuns = ok.filter((r) => "model" in jobOf(r));
  const pairResults = ok.filter((r) => "pair" in jobOf(r)).map((r) => {
    const [i, j] = (jobOf(r) as { pair: [number, number] }).pair;
    return { width: r.config.m as number, i, j, res: r.result as Record<string, unknown> };
  });
  const order = (w: number) => widths.indexOf(w);
  pairResults.sort((a, b) => order(a.width) - order(b.width) || a.i - b.i || a.j - b.j);
  const rows: GapRow[] = pairResults.map(({ width, i, j, res }) => ({
    width, i, j,
    lossI: res.lossI as number, lossJ: res.lossJ as number, gap: res.gap as number, maxLoss: res.maxLoss as number,
    threshold: res.threshold as number, success: res.success as boolean, stop: res.stop as string, beads: res.beads as number,
    length: res.length as number, distance: res.distance as number, rawDistance: res.rawDistance as number,
    linearBarrier: res.linearBarrier as number, rawBarrier: res.rawBarrier as number, epochs: res.epochs as number, seconds: res.seconds as number,
  }));
  const summary: WidthSummary[] = [], examples: GapsExample[] = [];
  for (const m of widths) {
    const here = rows.filter((r) => r.width === m);
    if (here.length === 0) continue;
    const nets = modelRuns.filter((r) => r.config.m === m).sort((a, b) => (jobOf(a) as { model: number }).model - (jobOf(b) as { model: number }).model).map((r) => r.result as unknown as GapsModel);
    const losses = nets.map((n) => n.loss);
    const g = here.map((r) => r.gap);
    summary.push({
      width: m, pairs: here.length, mean: mean(g), max: Math.max(...g), min: Math.min(...g),
      q25: quantile(g, 0.25), median: quantile(g, 0.5), q75: quantile(g, 0.75),
      success: mean(here.map((r) => (r.success ? 1 : 0))), meanBeads: mean(here.map((r) => r.beads)),
      meanLength: mean(here.map((r) => r.length)), meanLinearBarrier: mean(here.map((r) => r.linearBarrier)),
      meanRawBarrier: mean(here.map((r) => r.rawBarrier)),
      modelLossMin: Math.min(...losses), modelLossMax: Math.max(...losses),
      trainSeconds: sum(nets.map((n) => n.seconds)), stringSeconds: sum(here.map((r) => r.seconds)),
    });
    // the first pair with the largest gap (pairs in order i, j)
    let best = pairResults.find((p) => p.width === m)!;
    for (const p of pairResults) if (p.width === m && (p.res.gap as number) > (best.res.gap as number)) best = p;
    examples.push({
      width: m, i: best.i, j: best.j, gap: best.res.gap as number, threshold: best.res.threshold as number,
      profile: best.res.profile as Profile, beadS: best.res.beadS as number[], beadLosses: best.res.beadLosses as number[],
    });
  }
  const first = modelRuns[0]?.result as { data?: string; samples?: number; features?: number } | undefined;
  return {
    rows, summary, examples,
    data: first?.data ?? "", samples: first?.samples ?? NaN, features: first?.features ?? NaN,
    seconds: sum(records.map((r) => r.seconds)),
  };
}

/** Permutation tests for consecutive widths and for the smallest against the largest (seeded). */
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
