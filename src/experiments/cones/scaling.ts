// The Theorem-1 scaling law, measured: for each (n, d), the width m₉₀ at which 90% of random cones
// hold a global minimum, against N, the number of signed patterns of the data.
//
// Per (n, d) the fraction of cones holding a global minimum is averaged over the datasets at every
// width; m₉₀ is where that mean curve first reaches 0.9, interpolated linearly in log m between the
// two widths around the crossing (at or below the smallest width: that width, flagged `below`; never
// reached: undefined, flagged `above`). Its interval is a percentile bootstrap over the datasets
// (resampled with replacement). The law is the least-squares line of log m₉₀ against log N over the
// (n, d) points; its slope's interval is a bootstrap too: every replicate resamples the datasets of
// every (n, d) independently, recomputes each m₉₀ and refits. Pure computation, seeded.
import type { FigureSpec } from "../../plot/svg.js";
import type { RunRecord } from "../../sweep/record.js";
import { fitLine, quantile } from "../shared/stats.js";

/** The fraction curve of one (n, d): per dataset, the fraction at each width (widths ascending). */
export interface ScalingCurve {
  n: number;
  d: number;
  /** Signed patterns of the data (the same for every dataset in general position). */
  N: number;
  widths: number[];
  /** fractions[dataset][width index] */
  fractions: number[][];
}

export interface ScalingPoint {
  n: number;
  d: number;
  N: number;
  /** min(nᵈ, 2ⁿ): the bound on the number of patterns the research states. */
  patternBound: number;
  datasets: number;
  /** The largest width tried. */
  widthMax: number;
  /** m₉₀ of the mean curve (undefined when the curve never reaches the level). */
  m90?: number;
  /** The bootstrap interval of m₉₀ (hi undefined when some replicates never reach the level). */
  lo?: number;
  hi?: number;
  /** m₉₀ is at or below the smallest width tried (`below`) or above the largest (`above`). */
  censored?: "below" | "above";
}

export interface ScalingFit {
  /** Slope of log m₉₀ against log x (x = N or min(nᵈ, 2ⁿ)). */
  slope: number;
  /** 95% bootstrap interval of the slope. */
  lo: number;
  hi: number;
  intercept: number;
  r2: number;
  /** Points used (m₉₀ found and not censored). */
  points: number;
}

/** The width where `curve` (fractions at ascending `widths`) first reaches `level`, log-interpolated. */
export function crossing(widths: readonly number[], curve: readonly number[], level = 0.9): { m?: number; censored?: "below" | "above" } {
  for (let i = 0; i < widths.length; i++) {
    if (curve[i] < level) continue;
    if (i === 0) return { m: widths[0], censored: "below" };
    const t = (level - curve[i - 1]) / (curve[i] - curve[i - 1]);
    return { m: Math.exp(Math.log(widths[i - 1]) + t * (Math.log(widths[i]) - Math.log(widths[i - 1]))) };
  }
  return { censored: "above" };
}

const meanCurve = (rows: readonly number[][], pick: readonly number[]) =>
  rows[0].map((_, w) => pick.reduce((s, k) => s + rows[k][w], 0) / pick.length);

/** The curves of the scaling grid's records (failed runs left out). */
export function scalingCurves(records: readonly RunRecord[]): ScalingCurve[] {
  const byPoint = new Map<string, { n: number; d: number; N: number; runs: Map<number, Map<number, number>> }>();
  for (const r of records) {
    if (!r.result) continue;
    const p = r.config.point as { n: number; d: number; m: number };
    const key = `${p.n}/${p.d}`;
    let e = byPoint.get(key);
    if (!e) byPoint.set(key, (e = { n: p.n, d: p.d, N: r.result.signedPatterns as number, runs: new Map() }));
    const ds = r.config.dataset as number;
    if (!e.runs.has(ds)) e.runs.set(ds, new Map());
    e.runs.get(ds)!.set(p.m, r.result.fracGlobal as number);
  }
  const curves: ScalingCurve[] = [];
  for (const e of byPoint.values()) {
    const widths = [...new Set([...e.runs.values()].flatMap((m) => [...m.keys()]))].sort((a, b) => a - b);
    // datasets with every width (a failed run drops its dataset from this point)
    const complete = [...e.runs.entries()].filter(([, m]) => widths.every((w) => m.has(w))).sort((a, b) => a[0] - b[0]);
    if (complete.length === 0) continue;
    curves.push({ n: e.n, d: e.d, N: e.N, widths, fractions: complete.map(([, m]) => widths.map((w) => m.get(w)!)) });
  }
  return curves.sort((a, b) => a.n - b.n || a.d - b.d);
}

/** A draw of k indices in 0..k−1 with replacement, from uniforms in [0, 1). */
const resample = (k: number, u: ArrayLike<number>, at: number) => Array.from({ length: k }, (_, i) => Math.min(k - 1, Math.floor(u[at + i] * k)));

/**
 * m₉₀ per (n, d) with bootstrap intervals, and the fitted laws log m₉₀ ~ log N and
 * log m₉₀ ~ log min(nᵈ, 2ⁿ) with bootstrap intervals of their slopes. `uniforms` supplies the
 * bootstrap's randomness (at least replicates × Σ datasets numbers in [0, 1)).
 */
export function scalingLaw(curves: readonly ScalingCurve[], uniforms: ArrayLike<number>, replicates: number, level = 0.9): { points: ScalingPoint[]; fitN: ScalingFit; fitBound: ScalingFit } {
  const all = curves.map((c) => c.fractions.map((_, k) => k));
  const boot: (number | undefined)[][] = curves.map(() => []);
  let at = 0;
  for (let b = 0; b < replicates; b++) {
    curves.forEach((c, i) => {
      const pick = resample(c.fractions.length, uniforms, at);
      at += c.fractions.length;
      const x = crossing(c.widths, meanCurve(c.fractions, pick), level);
      boot[i].push(x.censored === "above" ? undefined : x.m);
    });
  }
  const points: ScalingPoint[] = curves.map((c, i) => {
    const x = crossing(c.widths, meanCurve(c.fractions, all[i]), level);
    const reps = boot[i].map((m) => m ?? Infinity);
    const hi = quantile(reps, 0.975);
    return {
      n: c.n, d: c.d, N: c.N, patternBound: Math.min(c.n ** c.d, 2 ** c.n), datasets: c.fractions.length, widthMax: c.widths[c.widths.length - 1],
      m90: x.m, lo: quantile(reps, 0.025), hi: Number.isFinite(hi) ? hi : undefined, censored: x.censored,
    };
  });
  const fit = (xOf: (p: ScalingPoint) => number): ScalingFit => {
    const use = points.map((p, i) => ({ p, i })).filter(({ p }) => p.m90 !== undefined && !p.censored);
    const line = (ms: number[]) => fitLine(use.map(({ p }) => Math.log(xOf(p))), ms.map(Math.log));
    const best = use.length >= 2 ? line(use.map(({ p }) => p.m90!)) : { slope: NaN, intercept: NaN, r2: NaN };
    const slopes: number[] = [];
    for (let b = 0; b < replicates && use.length >= 2; b++) {
      const ms = use.map(({ i }) => boot[i][b]);
      if (ms.every((m): m is number => m !== undefined)) slopes.push(line(ms).slope);
    }
    return { ...best, lo: quantile(slopes, 0.025), hi: quantile(slopes, 0.975), points: use.length };
  };
  return { points, fitN: fit((p) => p.N), fitBound: fit((p) => p.patternBound) };
}

/** Bootstrap uniforms needed by scalingLaw. */
export const scalingDraws = (curves: readonly ScalingCurve[], replicates: number) => replicates * curves.reduce((s, c) => s + c.fractions.length, 0);

/** m₉₀ against N (with the fit and the line m = N) and against min(nᵈ, 2ⁿ), log–log. */
export function scalingFigure(points: readonly ScalingPoint[], fitN: ScalingFit, fitBound: ScalingFit): FigureSpec {
  const rows = points.filter((p) => p.m90 !== undefined).map((p) => ({ ...p, hiShown: p.hi ?? p.m90! * 1.5, censored: p.censored ?? "no" }));
  const Ns = points.map((p) => p.N), Bs = points.map((p) => p.patternBound);
  const line = (f: ScalingFit, xs: number[], x: string) => {
    const lo = Math.min(...xs), hi = Math.max(...xs);
    return [lo, hi].map((v) => ({ [x]: v, m90: Math.exp(f.intercept + f.slope * Math.log(v)) }));
  };
  const color = { field: "n", type: "ordinal", title: "samples n", legend: { orient: "right" } } as const;
  const panel = (x: "N" | "patternBound", title: string, f: ScalingFit, xs: number[], identity: boolean) => ({
    width: 300,
    height: 240,
    title: `${title}: slope ${f.slope.toFixed(2)} [${f.lo.toFixed(2)}, ${f.hi.toFixed(2)}]`,
    layer: [
      { data: { values: rows }, mark: { type: "rule" }, encoding: { x: { field: x, type: "quantitative", scale: { type: "log" }, title }, y: { field: "lo", type: "quantitative", scale: { type: "log" }, title: "m₉₀ (width where 90% of cones hold a global minimum)" }, y2: { field: "hiShown" }, color } },
      // open marks: m₉₀ at or below the smallest width tried (an upper bound)
      { data: { values: rows }, mark: { type: "point", filled: true }, transform: [{ filter: "datum.censored === 'no'" }], encoding: { x: { field: x, type: "quantitative" }, y: { field: "m90", type: "quantitative" }, color } },
      { data: { values: rows }, mark: { type: "point", filled: false }, transform: [{ filter: "datum.censored !== 'no'" }], encoding: { x: { field: x, type: "quantitative" }, y: { field: "m90", type: "quantitative" }, color } },
      { data: { values: line(f, xs, x) }, mark: { type: "line", color: "#333" }, encoding: { x: { field: x, type: "quantitative" }, y: { field: "m90", type: "quantitative" } } },
      ...(identity
        ? [{ data: { values: [{ [x]: Math.min(...xs), m90: Math.min(...xs) }, { [x]: Math.max(...xs), m90: Math.max(...xs) }] }, mark: { type: "line", color: "#999", strokeDash: [4, 3] }, encoding: { x: { field: x, type: "quantitative" }, y: { field: "m90", type: "quantitative" } } }]
        : []),
    ],
  });
  return {
    $schema: "https://vega.github.io/schema/vega-lite/v6.json",
    title: { text: "The width m₉₀ at which 90% of random activation cones hold a global minimum", subtitle: "bars: 95% bootstrap intervals over datasets; line: least-squares fit in log–log; open marks: at or below the smallest width tried" },
    hconcat: [panel("N", "signed patterns N (dashed: m = N)", fitN, Ns, true), panel("patternBound", "min(nᵈ, 2ⁿ)", fitBound, Bs, false)],
  } as unknown as FigureSpec;
}
