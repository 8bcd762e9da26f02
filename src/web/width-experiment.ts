// The lab's own experiment "width × init scale": where gradient descent ends, against the width m and
// the initialization scale α, on the Train panel's data and λ. A sweep of the package's "train" run
// kind (the same runs as `relu-landscape sweep` with the sweep file the panel exports); the lab adds
// each finished network's certificate (certifier.ts, in a worker) to its record. Pure and
// browser-safe: the options, the sweep, the summary and the report.
import * as v from "valibot";
import { int, ints, json, nums, optionGroup, type ResolvedOf } from "../api/schema.js";
import { trainOptions } from "../api/train-options.js";
import { defineExperiment, type ExperimentReport } from "../experiments/experiment.js";
import type { RunRecord } from "../sweep/record.js";
import type { SweepSpec } from "../sweep/spec.js";
import { TRAIN_MEASURES, trainKind } from "../sweep/train-kind.js";

/**
 * The runs' training settings. Halving the rate on a rise keeps large α·m from diverging (issue 17:
 * at a constant lr = 0.05, α = 1 and m ≥ 64 diverged on the default data).
 */
const training = trainOptions
  .pick("lr", "lrSchedule", "maxEpochs", "method", "batchSize", "initScheme")
  .withDefaults({ lr: 0.05, lrSchedule: "halve-on-rise", maxEpochs: 5000 }).entries;

export const widthOptions = optionGroup({
  widths: ints("widths m", [2, 4, 8, 16, 32, 64, 128], { min: 1, distinct: true }),
  alphas: nums("initialization scales α", [0.01, 0.1, 1], { min: 0, distinct: true }),
  seeds: int("trainings per (m, α); each run's seed derives from the sweep seed and the run", 3, { min: 1, placeholder: "k" }),
  ...training,
  seed: int("sweep seed (run seeds derive from it)", 0, { min: 0, max: 2 ** 53 - 1, placeholder: "s" }),
  data: json(
    "the data and λ of the runs, as the train run kind takes them (set by the lab from the Train panel)",
    v.record(v.string(), v.unknown()),
    { n: 40, d: 2, dataSeed: 0, lambda: 0.001 },
  ),
});

export type ResolvedWidthOptions = ResolvedOf<typeof widthOptions>;

/** One run: its grid point, what training measured, and the lab's certificate of the network. */
export interface WidthRow {
  m: number;
  alpha: number;
  rep: number;
  seed: number;
  loss: number;
  dataLoss: number;
  gradNormSq: number;
  epochs: number;
  stopReason: string;
  patterns: number;
  /** True when training diverged (no certificate: L is not finite or meaningless). */
  diverged: boolean;
  /** Certified lower bound on min L, L − bound and the verdict with what backs it (when certified). */
  lowerBound?: number;
  gap?: number;
  verdict?: string;
  reason?: string;
}

/** Per (m, α). */
export interface WidthSummaryRow {
  m: number;
  alpha: number;
  runs: number;
  diverged: number;
  certified: number;
  /** Geometric mean of the certified gaps > 0 of the runs that did not diverge (NaN: none). */
  gapGeoMean: number;
  /** Runs with a gap of 0 (certified global to rounding) among the certified. */
  zeroGaps: number;
  fracGlobal: number;
}

const MEASURES = TRAIN_MEASURES.filter((k) => k !== "trace");

/** The sweep: m × α, `seeds` repetitions, the train kind with W and a recorded (for the certificate). */
export function widthSweep(o: ResolvedWidthOptions): SweepSpec {
  const { widths, alphas, seeds, seed, data, ...train } = o;
  return { name: "width", kind: "train", seed, repetitions: seeds, base: { ...data, ...train }, axes: { m: widths, alpha: alphas }, measure: MEASURES };
}

/** The rows (m, α, rep order) and the summary per (m, α) of finished runs (failed runs left out). */
export function widthSummary(records: RunRecord[]): { rows: WidthRow[]; summary: WidthSummaryRow[] } {
  const rows: WidthRow[] = [];
  for (const r of records) {
    if (!r.result) continue;
    const x = r.result as Record<string, unknown>;
    const row: WidthRow = {
      m: r.config.m as number, alpha: r.config.alpha as number, rep: r.rep, seed: r.seed,
      loss: x.loss as number, dataLoss: x.dataLoss as number, gradNormSq: x.gradNormSq as number, epochs: x.epochs as number,
      stopReason: x.stopReason as string, patterns: x.patterns as number, diverged: x.stopReason === "diverged",
    };
    for (const k of ["lowerBound", "gap", "verdict", "reason"] as const) if (x[k] !== undefined) (row as unknown as Record<string, unknown>)[k] = x[k];
    rows.push(row);
  }
  rows.sort((a, b) => a.m - b.m || a.alpha - b.alpha || a.rep - b.rep);
  const keys = [...new Map(rows.map((r) => [`${r.m}/${r.alpha}`, r])).values()];
  const summary = keys.map(({ m, alpha }) => {
    const g = rows.filter((r) => r.m === m && r.alpha === alpha);
    const cert = g.filter((r) => !r.diverged && r.gap !== undefined);
    const pos = cert.filter((r) => r.gap! > 0);
    return {
      m, alpha, runs: g.length, diverged: g.filter((r) => r.diverged).length, certified: cert.length,
      gapGeoMean: pos.length ? Math.exp(pos.reduce((s, r) => s + Math.log(r.gap!), 0) / pos.length) : NaN,
      zeroGaps: cert.length - pos.length,
      fracGlobal: cert.length ? cert.filter((r) => r.verdict === "global").length / cert.length : NaN,
    };
  });
  return { rows, summary };
}

const e3 = (x: number | undefined) => (x === undefined || Number.isNaN(x) ? "—" : x.toExponential(2));

export function widthReport(records: RunRecord[], o: ResolvedWidthOptions): ExperimentReport {
  const { rows, summary } = widthSummary(records);
  const diverged = rows.filter((r) => r.diverged).length;
  const text = [
    `width × init scale: ${rows.length} runs, ${diverged} diverged, lr ${o.lr} (${o.lrSchedule}), ≤ ${o.maxEpochs} epochs`,
    "     m         α  runs  diverged  gap (geo. mean)  global",
    ...summary.map((s) => `${String(s.m).padStart(6)}  ${String(s.alpha).padStart(8)}  ${String(s.runs).padStart(4)}  ${String(s.diverged).padStart(8)}  ${e3(s.gapGeoMean).padStart(15)}  ${Number.isNaN(s.fracGlobal) ? "—" : s.fracGlobal.toFixed(2)}`),
  ];
  return { tables: { runs: rows, summary }, json: { sweep: widthSweep(o) }, text };
}

/** The lab's "width × init scale" experiment (a sweep of the train kind; not a CLI command). */
export const widthExperiment = defineExperiment({
  name: "width",
  title: "Where training ends vs width m and init scale α: certified gap to the global minimum",
  options: widthOptions,
  presets: { quick: {} },
  kinds: [trainKind],
  sweep: widthSweep,
  report: widthReport,
});
