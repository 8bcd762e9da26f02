// The orthogonal-data experiment (Boursier et al., Theorem 3): for orthogonal inputs the width
// threshold 2ⁿ is also necessary. For widths from well below to well above 2ⁿ, many trainings from
// large initialization, each polished to its cone's exact minimum and certified; the fraction that
// reach the global minimum, next to the cone-level fraction of the cones experiment on the same data.
import * as fs from "node:fs";
import { join } from "node:path";
import { InputError } from "../api/errors.js";
import { readResults } from "../sweep/results.js";
import { runSweep } from "../sweep/run-sweep.js";
import type { SweepProgress } from "../sweep/loop.js";
import { renderSvg } from "../plot/svg.js";
import { writeSettings, writeTable } from "./output.js";
import type { FigureSpec } from "../plot/svg.js";

/** Options of `relu-landscape orthogonal`. */
export interface OrthogonalExperimentOptions {
  /** Samples n (2ⁿ is the threshold). @default 4 */
  n?: number;
  /** Input dimension d ≥ n. @default 8 */
  d?: number;
  /** Widths m. @default [2, 4, 8, 16, 32, 64, 128] */
  widths?: number[];
  /** Trainings per width. @default 20 */
  trainings?: number;
  /** Random cones per width for the cone-level fraction. @default 20 */
  cones?: number;
  /** Initialization scale α (balanced; large). @default 1 */
  alpha?: number;
  /** Initial learning rate; a step that raises L is undone and the rate halved (large widths need it). @default 0.05 */
  lr?: number;
  /** Weight decay λ. @default 0.01 */
  lambda?: number;
  /** Epoch limit per training. @default 100000 */
  maxEpochs?: number;
  /** Relative tolerance of "global" after polishing. @default 1e-6 */
  tol?: number;
  /** Seed of the data and the initializations. @default 0 */
  seed?: number;
}

export const ORTHOGONAL_DEFAULTS: Required<OrthogonalExperimentOptions> = {
  n: 4, d: 8, widths: [2, 4, 8, 16, 32, 64, 128], trainings: 20, cones: 20, alpha: 1, lr: 0.05, lambda: 0.01, maxEpochs: 1e5, tol: 1e-6, seed: 0,
};
export const ORTHOGONAL_QUICK: Partial<OrthogonalExperimentOptions> = { widths: [4, 16, 64], trainings: 6, cones: 10, maxEpochs: 2e4 };

export function resolveOrthogonalOptions(o: OrthogonalExperimentOptions = {}): Required<OrthogonalExperimentOptions> {
  const r = { ...ORTHOGONAL_DEFAULTS, ...Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) } as Required<OrthogonalExperimentOptions>;
  if (!Number.isInteger(r.n) || r.n < 1) throw new InputError("n", `is ${r.n}: give a positive integer`);
  if (!Number.isInteger(r.d) || r.d < r.n) throw new InputError("d", `is ${r.d}: orthogonal data needs d ≥ n = ${r.n}`);
  if (!Array.isArray(r.widths) || !r.widths.length || r.widths.some((m) => !Number.isInteger(m) || m < 1)) throw new InputError("widths", "give a non-empty list of positive integers");
  for (const k of ["trainings", "cones"] as const) if (!Number.isInteger(r[k]) || r[k] < 1) throw new InputError(k, `is ${r[k]}: give a positive integer`);
  for (const k of ["alpha", "lr", "lambda", "tol"] as const) if (!(r[k] > 0)) throw new InputError(k, `is ${r[k]}: give a positive number`);
  return r;
}

export interface OrthogonalSummaryRow {
  m: number;
  trainings: number;
  /** Fraction of trainings that reach the global minimum (certified). */
  fracGlobal: number;
  /** Fraction of random cones of m signed patterns that hold a global minimum. */
  coneFracGlobal: number;
}

export async function runOrthogonal(opts: OrthogonalExperimentOptions, run: { out: string; workers?: number; onProgress?: (p: SweepProgress) => void }) {
  const o = resolveOrthogonalOptions(opts);
  const t0 = Date.now();
  const common = { n: o.n, d: o.d, lambda: o.lambda, tol: o.tol, seed0: o.seed, dataset: 0 };
  const trainDir = join(run.out, "runs-training"), coneDir = join(run.out, "runs-cones");
  await runSweep(
    { name: "orthogonal-training", kind: "orthogonal-training", seed: o.seed, repetitions: o.trainings, base: { ...common, alpha: o.alpha, lr: o.lr, maxEpochs: o.maxEpochs }, axes: { m: o.widths } },
    { out: trainDir, workers: run.workers, onProgress: run.onProgress },
  );
  await runSweep(
    { name: "orthogonal-cones", kind: "cones", seed: o.seed, base: { ...common, cones: o.cones, data: "orthogonal", sampler: "uniform" }, axes: { m: o.widths } },
    { out: coneDir, workers: run.workers, onProgress: run.onProgress },
  );
  const training = readResults(fs, trainDir).flatMap((f) => f.records);
  const cones = readResults(fs, coneDir).flatMap((f) => f.records);
  const failed = [...training, ...cones].filter((r) => !r.result).map((r) => ({ config: r.config, error: r.error ?? "unknown error" }));
  const rows = training.filter((r) => r.result).map((r) => ({ m: r.config.m as number, rep: r.rep, seed: r.seed, ...(r.result as Record<string, unknown>) }) as { m: number; rep: number; seed: number; verdict?: string });
  rows.sort((a, b) => a.m - b.m || a.rep - b.rep);
  const summary: OrthogonalSummaryRow[] = o.widths.map((m) => {
    const t = rows.filter((r) => r.m === m);
    const c = cones.find((r) => r.config.m === m && r.result);
    return {
      m,
      trainings: t.length,
      fracGlobal: t.length ? t.filter((r) => r.verdict === "global").length / t.length : NaN,
      coneFracGlobal: c ? (c.result!.fracGlobal as number) : NaN,
    };
  });
  const files = [...writeTable(run.out, "runs", rows), ...writeTable(run.out, "summary", summary), writeSettings(run.out, { experiment: "orthogonal", ...o })];
  const svg = join(run.out, "orthogonal.svg");
  fs.writeFileSync(svg, await renderSvg(orthogonalFigure(summary, o.n)));
  files.push(svg);
  return { summary, rows, failed, files, seconds: (Date.now() - t0) / 1000 };
}

export function orthogonalFigure(summary: OrthogonalSummaryRow[], n: number): FigureSpec {
  const values: Record<string, unknown>[] = [];
  for (const s of summary) {
    values.push({ m: s.m, fraction: s.fracGlobal, what: "trainings reaching the global minimum" });
    values.push({ m: s.m, fraction: s.coneFracGlobal, what: "random cones holding a global minimum" });
  }
  const x = { field: "m", type: "quantitative", scale: { type: "log", base: 2 }, title: "width m" };
  return {
    $schema: "https://vega.github.io/schema/vega-lite/v6.json",
    title: { text: `Orthogonal data (n = ${n}): reaching the global minimum vs width`, subtitle: `dashed: m = 2ⁿ = ${2 ** n}` },
    width: 420,
    height: 260,
    layer: [
      {
        data: { values },
        mark: { type: "line", point: true },
        encoding: { x, y: { field: "fraction", type: "quantitative", scale: { domain: [0, 1] }, title: "fraction" }, color: { field: "what", type: "nominal", title: null, legend: { orient: "bottom", columns: 1, labelLimit: 400 } } },
      },
      { data: { values: [{ m: 2 ** n }] }, mark: { type: "rule", strokeDash: [4, 3], color: "#666" }, encoding: { x: { field: "m", type: "quantitative" } } },
    ],
  } as unknown as FigureSpec;
}
