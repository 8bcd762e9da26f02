// The cones-vs-width experiment (Boursier et al., Theorem 1): for each (n, d), several datasets; for
// each width m, random activation cones of m signed patterns; the fraction of cones holding a global
// minimum, and a spurious one, against m. Runs on the sweep engine (all cores, resumable: rerunning
// with the same --out continues), then writes the rows, the summary, the settings and the figure.
import * as fs from "node:fs";
import { join } from "node:path";
import { readResults } from "../sweep/results.js";
import { runSweep } from "../sweep/run-sweep.js";
import type { SweepProgress } from "../sweep/loop.js";
import type { SweepSpec } from "../sweep/spec.js";
import { couponCollectorExpected } from "../api/pattern-coverage.js";
import { type ConesOptions, resolveConesOptions } from "./cones-options.js";
import type { ConeRow } from "./cones-kind.js";
import { conesFigure } from "./cones-figure.js";
import { renderSvg } from "../plot/svg.js";
import { writeTable, writeSettings } from "./output.js";

export interface ConesSummaryRow {
  n: number;
  d: number;
  m: number;
  /** Signed patterns of the data (2 × realizable patterns; mean over datasets). */
  signedPatterns: number;
  datasets: number;
  fracGlobal: number;
  fracGlobalStd: number;
  fracSpurious: number;
  fracSpuriousStd: number;
  /** Fraction of all signed patterns a cone holds. */
  fracHit: number;
  fracHitStd: number;
  /** Coupon-collector prediction of fracHit for the uniform sampler: 1 − (1 − 1/N)^m. */
  coupon: number;
}

export interface ConesReport {
  summary: ConesSummaryRow[];
  rows: (ConeRow & { n: number; d: number; m: number; dataset: number })[];
  failed: { config: Record<string, unknown>; error: string }[];
  seconds: number;
  files: string[];
}

export interface ConesRunOptions {
  /** Output directory (created; rerunning resumes). */
  out: string;
  /** Worker threads. @default the number of cores */
  workers?: number;
  onProgress?: (p: SweepProgress) => void;
}

const mean = (v: number[]) => v.reduce((s, x) => s + x, 0) / v.length;
const std = (v: number[]) => {
  if (v.length < 2) return 0;
  const m = mean(v);
  return Math.sqrt(v.reduce((s, x) => s + (x - m) ** 2, 0) / (v.length - 1));
};

/** The sweep behind the experiment: one run per (n, d, dataset, m). */
export function conesSweep(opts: ConesOptions): SweepSpec {
  const o = resolveConesOptions(opts);
  return {
    name: "cones",
    kind: "cones",
    seed: o.seed,
    base: { lambda: o.lambda, tol: o.tol, cones: o.cones, data: o.data, sampler: o.sampler, seed0: o.seed },
    axes: { n: o.ns, d: o.ds, dataset: Array.from({ length: o.datasets }, (_, i) => i), m: o.widths },
  };
}

export async function runCones(opts: ConesOptions, run: ConesRunOptions): Promise<ConesReport> {
  const o = resolveConesOptions(opts);
  const t0 = Date.now();
  const runsDir = join(run.out, "runs");
  await runSweep(conesSweep(o), { out: runsDir, workers: run.workers, onProgress: run.onProgress });
  const records = readResults(fs, runsDir).flatMap((f) => f.records);
  const rows: ConesReport["rows"] = [];
  const failed: ConesReport["failed"] = [];
  const groups = new Map<string, { n: number; d: number; m: number; results: Record<string, number>[] }>();
  for (const r of records) {
    const c = r.config as { n: number; d: number; m: number; dataset: number };
    if (!r.result) {
      failed.push({ config: r.config, error: r.error ?? "unknown error" });
      continue;
    }
    for (const row of r.result.rows as ConeRow[]) rows.push({ n: c.n, d: c.d, m: c.m, dataset: c.dataset, ...row });
    const key = `${c.n}/${c.d}/${c.m}`;
    if (!groups.has(key)) groups.set(key, { n: c.n, d: c.d, m: c.m, results: [] });
    groups.get(key)!.results.push(r.result as Record<string, number>);
  }
  const summary: ConesSummaryRow[] = [...groups.values()]
    .sort((a, b) => a.n - b.n || a.d - b.d || a.m - b.m)
    .map(({ n, d, m, results }) => {
      const col = (k: string) => results.map((r) => r[k]);
      const N = mean(col("signedPatterns"));
      return {
        n, d, m,
        signedPatterns: N,
        datasets: results.length,
        fracGlobal: mean(col("fracGlobal")),
        fracGlobalStd: std(col("fracGlobal")),
        fracSpurious: mean(col("fracSpurious")),
        fracSpuriousStd: std(col("fracSpurious")),
        fracHit: mean(col("fracHit")),
        fracHitStd: std(col("fracHit")),
        coupon: couponCollectorExpected(N, m) / N,
      };
    });
  rows.sort((a, b) => a.n - b.n || a.d - b.d || a.dataset - b.dataset || a.m - b.m || a.cone - b.cone);
  const files = [
    ...writeTable(run.out, "cones", rows),
    ...writeTable(run.out, "summary", summary),
    writeSettings(run.out, { experiment: "cones", ...o }),
  ];
  const svg = join(run.out, "cones.svg");
  fs.writeFileSync(svg, await renderSvg(conesFigure(summary, o.sampler === "uniform")));
  files.push(svg);
  return { summary, rows, failed, seconds: (Date.now() - t0) / 1000, files };
}
