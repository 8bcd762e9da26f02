// The cones experiment's summary: per (n, d, m) the fraction of cones holding a global minimum (and a
// spurious one) over datasets, the fraction of signed patterns hit and its coupon-collector
// prediction; the rows of every cone. Pure (browser-safe).
import { couponCollectorExpected } from "../../api/pattern-coverage.js";
import type { RunRecord } from "../../sweep/record.js";
import { mean, std } from "../shared/stats.js";
import type { ConeRow } from "./kind.js";

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

/** One cone of one run, with its grid point. */
export type ConesRow = ConeRow & { n: number; d: number; m: number; dataset: number };


/** The rows and the summary of finished runs (failed runs left out). */
export function conesSummary(records: RunRecord[]): { rows: ConesRow[]; summary: ConesSummaryRow[] } {
  const rows: ConesRow[] = [];
  const groups = new Map<string, { n: number; d: number; m: number; results: Record<string, number>[] }>();
  for (const r of records) {
    if (!r.result) continue;
    const c = { ...((r.config.point ?? r.config) as { n: number; d: number; m: number }), dataset: r.config.dataset as number };
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
  return { rows, summary };
}
