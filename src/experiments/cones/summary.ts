// The cones experiment's summary: per (n, d, m), over datasets, the fraction of cones of each verdict
// at the minimal width (the research's convention) and at the cone's width m, the fraction the
// research's first-order label calls stationary (and spurious: stationary, not global), the fraction
// of signed patterns hit and its coupon-collector prediction; the rows of every cone. Pure
// (browser-safe).
import { couponCollectorExpected } from "../../api/pattern-coverage.js";
import type { RunRecord } from "../../sweep/record.js";
import { mean, std } from "../shared/stats.js";
import type { ConeRow } from "./rows.js";

/** The verdicts, in the order tables and figures list them. */
export const CONE_VERDICTS = ["global", "spurious-local-minimum", "saddle", "not-stationary", "undetermined"] as const;

/** Fraction names of the breakdown (per run and in the summary), by verdict; `…AtWidth` for width m. */
const FRACTION_OF = { global: "Global", "spurious-local-minimum": "Spurious", saddle: "Saddle", "not-stationary": "NotStationary", undetermined: "Undetermined" } as const;

/** The per-run fractions of the breakdown (the cones a run solved). */
export interface ConeFractions {
  /** Cones whose optimum is certified global (minimal width; the scaling grid: the certified gap alone). */
  fracGlobal: number;
  /** Certified spurious local minima at the minimal width. */
  fracSpurious: number | null;
  fracSaddle: number | null;
  fracNotStationary: number | null;
  fracUndetermined: number | null;
  /** The same at the cone's width m. */
  fracGlobalAtWidth: number | null;
  fracSpuriousAtWidth: number | null;
  fracSaddleAtWidth: number | null;
  fracNotStationaryAtWidth: number | null;
  fracUndeterminedAtWidth: number | null;
  /** The research's first-order label: stationary; stationary and not global (what the research calls spurious). */
  fracResearchStationary: number | null;
  fracResearchSpurious: number | null;
}

/** The breakdown of a run's cones; null where the cones were not classified (the scaling grid). */
export function verdictFractions(rows: readonly ConeRow[]): ConeFractions {
  const classified = rows.length > 0 && rows.every((r) => r.verdictAtWidth !== null);
  const frac = (test: (r: ConeRow) => boolean) => (rows.length ? rows.filter(test).length / rows.length : NaN);
  const out: Record<string, number | null> = { fracGlobal: frac((r) => r.verdict === "global") };
  for (const v of CONE_VERDICTS) {
    if (v !== "global") out[`frac${FRACTION_OF[v]}`] = classified ? frac((r) => r.verdict === v) : null;
    out[`frac${FRACTION_OF[v]}AtWidth`] = classified ? frac((r) => r.verdictAtWidth === v) : null;
  }
  out.fracResearchStationary = classified ? frac((r) => r.researchLabel === "first-order-stationary") : null;
  out.fracResearchSpurious = classified ? frac((r) => r.researchLabel === "first-order-stationary" && r.verdict !== "global") : null;
  return out as unknown as ConeFractions;
}

/** Keys of the breakdown's fractions, in table order. */
const FRACTION_KEYS = [
  "fracSaddle", "fracNotStationary", "fracUndetermined",
  "fracGlobalAtWidth", "fracSpuriousAtWidth", "fracSaddleAtWidth", "fracNotStationaryAtWidth", "fracUndeterminedAtWidth",
  "fracResearchStationary", "fracResearchSpurious",
] as const;

export interface ConesSummaryRow {
  n: number;
  d: number;
  m: number;
  /** Signed patterns of the data (2 × realizable patterns; mean over datasets). */
  signedPatterns: number;
  datasets: number;
  /** Mean ± std over datasets of the fraction of cones whose optimum is certified global. */
  fracGlobal: number;
  fracGlobalStd: number;
  /** … a certified spurious local minimum at the minimal width (NaN where not classified: the scaling grid). */
  fracSpurious: number;
  fracSpuriousStd: number;
  /** Fraction of all signed patterns a cone holds. */
  fracHit: number;
  fracHitStd: number;
  /** Coupon-collector prediction of fracHit for the uniform sampler: 1 − (1 − 1/N)^m. */
  coupon: number;
  /** The rest of the breakdown at the minimal width (means over datasets). */
  fracSaddle: number;
  fracNotStationary: number;
  fracUndetermined: number;
  /** The breakdown at the cone's width m. */
  fracGlobalAtWidth: number;
  fracSpuriousAtWidth: number;
  fracSaddleAtWidth: number;
  fracNotStationaryAtWidth: number;
  fracUndeterminedAtWidth: number;
  /** The research's label: first-order stationary; and stationary but not global (its "spurious"), ± std. */
  fracResearchStationary: number;
  fracResearchSpurious: number;
  fracResearchSpuriousStd: number;
}

/** One cone of one run, with its grid point. */
export type ConesRow = ConeRow & { n: number; d: number; m: number; dataset: number };

/** Mean of a column; NaN when any run lacks it (null: not classified). */
const meanOf = (v: readonly (number | null | undefined)[]) => (v.every((x) => typeof x === "number") ? mean(v as number[]) : NaN);
const stdOf = (v: readonly (number | null | undefined)[]) => (v.every((x) => typeof x === "number") ? std(v as number[]) : NaN);

/** The rows and the summary of finished runs (failed runs left out). */
export function conesSummary(records: RunRecord[]): { rows: ConesRow[]; summary: ConesSummaryRow[] } {
  const rows: ConesRow[] = [];
  const groups = new Map<string, { n: number; d: number; m: number; results: Record<string, number | null>[] }>();
  for (const r of records) {
    if (!r.result) continue;
    const c = { ...((r.config.point ?? r.config) as { n: number; d: number; m: number }), dataset: r.config.dataset as number };
    for (const row of r.result.rows as ConeRow[]) rows.push({ n: c.n, d: c.d, m: c.m, dataset: c.dataset, ...row });
    const key = `${c.n}/${c.d}/${c.m}`;
    if (!groups.has(key)) groups.set(key, { n: c.n, d: c.d, m: c.m, results: [] });
    groups.get(key)!.results.push(r.result as Record<string, number | null>);
  }
  const summary: ConesSummaryRow[] = [...groups.values()]
    .sort((a, b) => a.n - b.n || a.d - b.d || a.m - b.m)
    .map(({ n, d, m, results }) => {
      const col = (k: string) => results.map((r) => r[k]);
      const N = meanOf(col("signedPatterns"));
      return {
        n, d, m,
        signedPatterns: N,
        datasets: results.length,
        fracGlobal: meanOf(col("fracGlobal")),
        fracGlobalStd: stdOf(col("fracGlobal")),
        fracSpurious: meanOf(col("fracSpurious")),
        fracSpuriousStd: stdOf(col("fracSpurious")),
        fracHit: meanOf(col("fracHit")),
        fracHitStd: stdOf(col("fracHit")),
        coupon: couponCollectorExpected(N, m) / N,
        ...(Object.fromEntries(FRACTION_KEYS.map((k) => [k, meanOf(col(k))])) as Record<(typeof FRACTION_KEYS)[number], number>),
        fracResearchSpuriousStd: stdOf(col("fracResearchSpurious")),
      };
    });
  rows.sort((a, b) => a.n - b.n || a.d - b.d || a.dataset - b.dataset || a.m - b.m || a.cone - b.cone);
  return { rows, summary };
}

/**
 * The cones the research's label calls spurious (first-order stationary, not global) and what the
 * classifier certified them to be, at the minimal width and at width m; and the certified spurious
 * local minima (minimal width) the label calls not first-order stationary (its tolerances are absolute).
 */
export function researchSpuriousBreakdown(rows: readonly ConeRow[]): {
  researchSpurious: number; minimal: Record<string, number>; atWidth: Record<string, number>; certifiedNotResearchStationary: number;
} {
  const sp = rows.filter((r) => r.researchLabel === "first-order-stationary" && r.verdict !== null && r.verdict !== "global");
  const count = (key: "verdict" | "verdictAtWidth") => Object.fromEntries(CONE_VERDICTS.map((v) => [v, sp.filter((r) => r[key] === v).length]));
  const certifiedNotResearchStationary = rows.filter((r) => r.verdict === "spurious-local-minimum" && r.researchLabel !== "first-order-stationary").length;
  return { researchSpurious: sp.length, minimal: count("verdict"), atWidth: count("verdictAtWidth"), certifiedNotResearchStationary };
}
