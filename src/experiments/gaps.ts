// The width sweep of energy gaps: for each width, train K networks from different seeds, join every
// pair by a string (dynamic string sampling), and summarize the gaps per width; permutation tests of
// "the maximum gap is smaller at the larger width" for consecutive widths and smallest vs largest.
import type { Network } from "../api/network.js";
import type { Problem } from "../api/problem.js";
import { InputError } from "../api/errors.js";
import { type TrainOptions, resolveTrainOptions } from "../api/train-options.js";
import { PathEvaluator } from "../api/path-eval.js";
import { type StringOptions, type StringResult, stringBetween } from "../api/string.js";
import type { Profile } from "../api/paths.js";
import { getCore } from "../core/loader.js";
import { Rng } from "../core/rng.js";
import { VERSION } from "../version.js";
import { type PermutationTest, maxPermutationTest, quantile } from "./permutation.js";
import { GAPS_TRAIN_DEFAULTS } from "./gaps-defaults.js";
import { trainGapsModel } from "./gaps-kind.js";

export { GAPS_TRAIN_DEFAULTS } from "./gaps-defaults.js";

export interface GapsOptions {
  /** Widths m. @default [4, 8, 16, 32, 64, 128, 256] */
  widths?: number[];
  /** Networks trained per width (K; all K(K−1)/2 pairs are joined). @default 6 */
  models?: number;
  /** Seed: network k uses training seed `seed + k`; the permutation tests use `seed`. @default 0 */
  seed?: number;
  /** Training settings (over GAPS_TRAIN_DEFAULTS; `m` and `seed` are set per model). */
  train?: TrainOptions;
  /** String settings. */
  string?: StringOptions;
  /** Random splits of each permutation test. @default 9999 */
  permutations?: number;
  /** Progress lines. */
  onProgress?: (message: string) => void;
  /** Called with each pair's row as soon as it is measured. */
  onRow?: (row: GapRow) => void;
  /**
   * Networks trained elsewhere (e.g. on the sweep engine, see gaps-parallel.ts), by width: model k
   * must be the one trained with seed `seed + k`. Widths missing here are trained in this thread.
   */
  pretrained?: Map<number, { nets: Network[]; losses: number[]; seconds: number }>;
}

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
  trainSeconds: number;
  stringSeconds: number;
}

export interface GapsTest extends PermutationTest {
  smaller: number;
  larger: number;
}

export interface GapsResult {
  rows: GapRow[];
  summary: WidthSummary[];
  tests: GapsTest[];
  /** The string with the largest gap at each width (its profile). */
  examples: { width: number; i: number; j: number; gap: number; threshold: number; profile: Profile; beadS: number[]; beadLosses: number[] }[];
  seconds: number;
}

const now = () => performance.now();

/** Trains K networks of width m (seeds seed..seed+K−1). */
async function trainModels(problem: Problem, train: TrainOptions, m: number, K: number, seed: number, log: (s: string) => void): Promise<{ nets: Network[]; losses: number[] }> {
  const nets: Network[] = [], losses: number[] = [];
  for (let k = 0; k < K; k++) {
    const r = await trainGapsModel(problem, train, m, seed + k);
    nets.push({ W: r.W, a: r.a });
    losses.push(r.loss);
    log(`  m=${m} model ${k + 1}/${K}: L=${r.loss.toPrecision(5)} (${r.stopReason}, ${r.epochs} epochs, ${r.seconds.toFixed(2)} s)`);
  }
  return { nets, losses };
}

/** Runs the sweep on a problem (the data with its bias column). */
export async function gapsSweep(problem: Problem, opts: GapsOptions = {}): Promise<GapsResult> {
  const t0 = now();
  const widths = opts.widths ?? [4, 8, 16, 32, 64, 128, 256];
  const K = opts.models ?? 6, seed = opts.seed ?? 0;
  if (widths.length === 0 || widths.some((m) => !Number.isInteger(m) || m < 1)) throw new InputError("--widths", `got ${widths.join(",")}: give positive whole widths`);
  if (!Number.isInteger(K) || K < 2) throw new InputError("--models", `is ${K}: give at least 2 networks per width (gaps are between pairs)`);
  const train = resolveTrainOptions({ ...GAPS_TRAIN_DEFAULTS, ...opts.train });
  const log = opts.onProgress ?? (() => {});
  const rows: GapRow[] = [], summary: WidthSummary[] = [], examples: GapsResult["examples"] = [];
  for (const m of widths) {
    const tw = now();
    const pre = opts.pretrained?.get(m);
    const { nets, losses } = pre ?? (await trainModels(problem, train, m, K, seed, log));
    const trainSeconds = pre ? pre.seconds : (now() - tw) / 1000;
    const ts = now();
    const ev = await PathEvaluator.create(problem.data, m, { lambda: problem.lambda, loss: train.loss, regularizer: train.regularizer, kappa: train.kappa });
    const here: GapRow[] = [];
    let best: { r: StringResult; i: number; j: number } | undefined;
    try {
      for (let i = 0; i < K; i++) {
        for (let j = i + 1; j < K; j++) {
          const r = await stringBetween(problem, nets[i], nets[j], train, opts.string, ev);
          const row: GapRow = {
            width: m, i, j, lossI: r.lossA, lossJ: r.lossB, gap: r.gap, maxLoss: r.maxLoss, threshold: r.threshold,
            success: r.success, stop: r.stop, beads: r.beads, length: r.length, distance: r.distance,
            rawDistance: r.rawDistance, linearBarrier: r.linearBarrier, rawBarrier: r.rawBarrier, epochs: r.epochs, seconds: r.seconds,
          };
          here.push(row);
          rows.push(row);
          opts.onRow?.(row);
          if (!best || r.gap > best.r.gap) best = { r, i, j };
          log(`  m=${m} pair (${i},${j}): gap=${r.gap.toExponential(3)} beads=${r.beads} ${r.success ? "ok" : r.stop} length=${r.length.toFixed(3)} linear barrier=${r.linearBarrier.toExponential(3)} (${r.seconds.toFixed(2)} s)`);
        }
      }
    } finally {
      ev.dispose();
    }
    const g = here.map((r) => r.gap), mean = (v: number[]) => v.reduce((s, x) => s + x, 0) / v.length;
    summary.push({
      width: m, pairs: here.length, mean: mean(g), max: Math.max(...g), min: Math.min(...g),
      q25: quantile(g, 0.25), median: quantile(g, 0.5), q75: quantile(g, 0.75),
      success: mean(here.map((r) => (r.success ? 1 : 0))), meanBeads: mean(here.map((r) => r.beads)),
      meanLength: mean(here.map((r) => r.length)), meanLinearBarrier: mean(here.map((r) => r.linearBarrier)),
      meanRawBarrier: mean(here.map((r) => r.rawBarrier)),
      modelLossMin: Math.min(...losses), modelLossMax: Math.max(...losses), trainSeconds, stringSeconds: (now() - ts) / 1000,
    });
    if (best) examples.push({ width: m, i: best.i, j: best.j, gap: best.r.gap, threshold: best.r.threshold, profile: best.r.profile, beadS: best.r.beadS, beadLosses: best.r.beadLosses });
    const s = summary[summary.length - 1];
    log(`m=${m}: gap mean ${s.mean.toExponential(3)}, max ${s.max.toExponential(3)}, success ${(100 * s.success).toFixed(0)}%, train ${trainSeconds.toFixed(1)} s, strings ${s.stringSeconds.toFixed(1)} s`);
  }
  const tests = await gapsTests(rows, widths, seed, opts.permutations ?? 9999);
  return { rows, summary, tests, examples, seconds: (now() - t0) / 1000 };
}

/** Permutation tests for consecutive widths and for the smallest against the largest (seeded). */
export async function gapsTests(rows: GapRow[], widths: number[], seed: number, permutations: number): Promise<GapsTest[]> {
  const ws = [...new Set(widths)].sort((a, b) => a - b);
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

/** The settings record written next to the results. */
export function gapsSettings(opts: GapsOptions, extra: Record<string, unknown>): Record<string, unknown> {
  return {
    widths: opts.widths ?? [4, 8, 16, 32, 64, 128, 256],
    models: opts.models ?? 6,
    seed: opts.seed ?? 0,
    // m and seed are per model (the widths; seed + k)
    train: Object.fromEntries(Object.entries(resolveTrainOptions({ ...GAPS_TRAIN_DEFAULTS, ...opts.train })).filter(([k]) => k !== "m" && k !== "seed")),
    string: { thresholdRel: 0.01, maxBeads: 16, points: 33, beadEpochs: 5000, align: true, ...Object.fromEntries(Object.entries(opts.string ?? {}).filter(([, v]) => v !== undefined)) },
    permutations: opts.permutations ?? 9999,
    version: VERSION,
    ...extra,
  };
}
