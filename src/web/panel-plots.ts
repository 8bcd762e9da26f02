// The Experiments tab's plots: each draws what its experiment's own summary functions give (the
// functions its report uses: widthSummary, conesSummary, initScaleSummary, orthogonalSummary,
// gapsTables, phaseDiagrams) — the numbers, regimes and verdicts are the package's, the lab only draws
// them. Summary columns are read by name; further fraction columns (e.g. more verdicts) are drawn as
// further series without lab code.
import { conesSummary } from "../experiments/cones/index.js";
import { gapsTables } from "../experiments/gaps/index.js";
import { initScaleSummary } from "../experiments/init-scale/index.js";
import { orthogonalPoints, orthogonalSummary } from "../experiments/orthogonal/index.js";
import { type ResolvedPhaseOptions, phaseDiagrams } from "../experiments/phase/index.js";
import type { RunRecord } from "../sweep/record.js";
import { type Canvas2D, Scale, drawAxes, SERIES, FONT, INK, MUTED, diverging, rgb } from "./plot.js";
import { widthSummary } from "./width-experiment.js";

/** Draws an experiment's finished runs (`o`: the run's resolved settings). */
export type PanelPlot = (c: Canvas2D, records: RunRecord[], o: Record<string, unknown>) => void;

/** What each plot shows (under the plot). */
export const PLOT_NOTES: Record<string, string> = {
  width:
    "Each dot: one run of the train run kind on the Train panel's data and λ, certified against the global optimum of the convex program (in a worker); colour: α. Lines: geometric mean of the certified gaps over seeds. × in the top band: runs that diverged (no certificate). Open circles on the bottom edge: gap 0 (certified global to rounding).",
  cones:
    "Boursier et al., Theorem 1: for each dataset and width m, random cones of m signed patterns, each solved exactly and classified by the cones run. Lines: the summary's fractions (mean over datasets, bars ± one standard deviation); dotted grey: the coupon-collector prediction of the patterns hit; dashed vertical: all N signed patterns.",
  "init-scale":
    "Boursier et al., Theorem 2: each run trained on the research's data, polished to the exact best network of its cone and certified against the global optimum P*. Dots: runs coloured by verdict; line: the summary's median gap per α. Open circles on the bottom edge: gap 0.",
  orthogonal:
    "Boursier et al., Theorem 3: per width, the fraction of trainings (polished, certified) that reach the global minimum, and of random cones of m signed patterns that hold one; the dashed vertical line is the width threshold 2ⁿ.",
  gaps:
    "Freeman & Bruna: per width, K networks trained on two moons (logistic loss, λ‖a‖₁ with ‖wⱼ‖ ≤ 1), every pair joined by dynamic string sampling at the lowest level found (bisection on L₀). Dots: pairs' energy gaps (level − max(L_A, L_B)); lines: the summary's median and maximum. The permutation tests are in the report below once the grid is done.",
  phase:
    "Luo et al.: per cell (γ, γ′) the slope of log sup RD against log m and its regime, as the phase summary gives them (blue: linear, red: condensed, white: critical); a cell is outlined where the regime differs from the theory's; black line: the theory's boundary. Grey: fewer than two widths finished.",
};

const VERDICT_COLORS: Record<string, string> = {
  global: SERIES[2],
  "spurious-local-minimum": SERIES[1],
  saddle: SERIES[3],
  "not-stationary": "#888888",
  undetermined: SERIES[4],
};
const verdictColor = (v: unknown) => VERDICT_COLORS[String(v)] ?? "#888888";

const M = { left: 64, right: 230, top: 16, bottom: 40 };

const finite = (x: unknown): x is number => typeof x === "number" && Number.isFinite(x);

/** A log scale over positive values, one decade of room below (values ≤ 0 sit on the bottom edge). */
function logRange(values: number[], lo0 = 1e-6, hi0 = 1): [number, number] {
  const pos = values.filter((v) => finite(v) && v > 0);
  const lo = pos.length ? Math.min(...pos) : lo0, hi = pos.length ? Math.max(...pos) : hi0;
  return [10 ** (Math.floor(Math.log10(lo)) - 1), 10 ** Math.ceil(Math.log10(Math.max(hi, lo * 10)) + 1e-9)];
}

function widthScale(c: Canvas2D, ms: number[]): Scale {
  const xs = ms.length ? ms : [1, 10];
  return new Scale(Math.min(...xs) / 1.4, Math.max(...xs) * 1.4, M.left, c.width - M.right, true);
}

const width: PanelPlot = (c, records, o) => {
  const { rows, summary } = widthSummary(records);
  const ms = o.widths as number[], alphas = o.alphas as number[];
  const ok = rows.filter((r) => !r.diverged && finite(r.gap));
  const x = widthScale(c, ms);
  const [lo, hi] = logRange(ok.map((r) => r.gap!));
  const top = M.top + 18; // a band above the frame for diverged runs
  const y = new Scale(lo, hi, c.height - M.bottom, top, true);
  drawAxes(c, { x, y, xTicks: ms, xLabel: "width m (neurons, log)", yLabel: `certified gap L − min L after ≤ ${Number(o.maxEpochs).toLocaleString("en")} epochs (log)` });
  const { ctx } = c;
  ctx.fillStyle = MUTED;
  ctx.font = FONT;
  ctx.textAlign = "left";
  ctx.textBaseline = "middle";
  ctx.fillText("diverged", M.left + 4, M.top + 6);
  alphas.forEach((alpha, i) => {
    const color = SERIES[i % SERIES.length];
    const mine = rows.filter((r) => r.alpha === alpha);
    for (const m of ms) {
      const n = mine.filter((r) => r.m === m && r.diverged).length;
      if (!n) continue;
      const px = x.at(m) + (i - (alphas.length - 1) / 2) * 16;
      cross(c, px, M.top + 6, color);
      if (n > 1) {
        ctx.fillStyle = color;
        ctx.textAlign = "left";
        ctx.fillText(String(n), px + 6, M.top + 6);
      }
    }
    clip(c, x, y);
    const at = (r: { gap?: number }) => (r.gap! > 0 ? y.at(r.gap!) : y.p0);
    dots(c, mine.filter((r) => !r.diverged && finite(r.gap) && r.gap! > 0).map((r) => [x.at(r.m), at(r)]), color);
    ring(c, mine.filter((r) => !r.diverged && r.gap === 0).map((r) => [x.at(r.m), y.p0 - 4]), color);
    line(c, ms.map((m) => {
      const s = summary.find((q) => q.m === m && q.alpha === alpha);
      return s && finite(s.gapGeoMean) ? [x.at(m), y.at(s.gapGeoMean)] : null;
    }), color, []);
    ctx.restore();
  });
  alphas.forEach((alpha, i) => legend(c, i, `α = ${alpha}`, SERIES[i % SERIES.length], []));
  const diverged = rows.filter((r) => r.diverged).length;
  notes(c, alphas.length, ["dots: runs; lines: geometric", "mean over seeds", `× diverged: ${diverged} of ${rows.length}`]);
};

/** Words of a summary column: fracSpurious → "spurious", coneFracGlobal → "cones: global". */
function fracLabel(key: string, names: Record<string, string>): string {
  if (names[key]) return names[key];
  const m = /^(.*?)[fF]rac(.*)$/.exec(key)!;
  const words = (s: string) => s.replace(/([A-Z])/g, " $1").trim().toLowerCase();
  return `${m[1] ? `${words(m[1])}: ` : ""}${words(m[2]) || "fraction"}`;
}

/** The fraction columns of summary rows (numbers named …frac…, without their …Std companions). */
function fracColumns(rows: object[]): string[] {
  const keys: string[] = [];
  for (const r of rows) for (const [k, v] of Object.entries(r)) if (/frac/i.test(k) && !/Std$/.test(k) && typeof v === "number" && !keys.includes(k)) keys.push(k);
  return keys;
}

/** Fractions against the width: one line (± std bars when the summary has them) per fraction column. */
function fractionsPlot(c: Canvas2D, rows: Record<string, number>[], ms: number[], names: Record<string, string>, xLabel: string, group?: (r: Record<string, number>) => string): { x: Scale; y: Scale; series: number } {
  const x = widthScale(c, ms);
  const y = new Scale(0, 1, c.height - M.bottom, M.top);
  drawAxes(c, { x, y, xTicks: ms, xLabel, yLabel: "fraction" });
  const keys = fracColumns(rows);
  const groups = [...new Set(rows.map((r) => group?.(r) ?? ""))];
  const dashes = [[], [6, 3], [2, 2], [8, 2, 2, 2]];
  clip(c, x, y);
  keys.forEach((key, i) => {
    const color = SERIES[i % SERIES.length];
    groups.forEach((g, gi) => {
      const mine = rows.filter((r) => (group?.(r) ?? "") === g && finite(r[key])).sort((a, b) => a.m - b.m);
      const std = `${key}Std`;
      for (const r of mine) if (finite(r[std])) bar(c, x.at(r.m), y.at(Math.max(0, r[key] - r[std])), y.at(Math.min(1, r[key] + r[std])), color);
      dots(c, mine.map((r) => [x.at(r.m), y.at(r[key])]), color);
      line(c, mine.map((r) => [x.at(r.m), y.at(r[key])]), color, dashes[gi % dashes.length]);
    });
  });
  c.ctx.restore();
  keys.forEach((key, i) => legend(c, i, fracLabel(key, names), SERIES[i % SERIES.length], []));
  if (groups.length > 1) groups.forEach((g, gi) => legend(c, keys.length + gi, g, INK, dashes[gi % dashes.length]));
  return { x, y, series: keys.length + (groups.length > 1 ? groups.length : 0) };
}

const cones: PanelPlot = (c, records, o) => {
  const { summary } = conesSummary(records);
  const rows = summary as unknown as Record<string, number>[];
  const ms = [...new Set(rows.map((r) => r.m))].sort((a, b) => a - b);
  const { x, y, series } = fractionsPlot(c, rows, ms.length ? ms : (o.widths as number[]), { fracGlobal: "holds a global minimum", fracSpurious: "holds a spurious minimum", fracHit: "signed patterns hit" }, "width m (signed patterns drawn per cone, log)", (r) => `n = ${r.n}, d = ${r.d}`);
  clip(c, x, y);
  // the coupon-collector prediction and N, as the summary gives them
  const groups = [...new Set(rows.map((r) => `${r.n}/${r.d}`))];
  for (const g of groups) {
    const mine = rows.filter((r) => `${r.n}/${r.d}` === g);
    line(c, mine.map((r) => [x.at(r.m), y.at(r.coupon)]), "#999999", [1, 3]);
    vline(c, x, y, mine[0].signedPatterns, groups.length === 1 ? `all ${Math.round(mine[0].signedPatterns)} signed patterns` : "");
  }
  c.ctx.restore();
  legend(c, series, "coupon collector", "#999999", [1, 3]);
  notes(c, series + 1, ["lines: mean over datasets", "bars: ± one std. dev."]);
};

const initScale: PanelPlot = (c, records, o) => {
  const { rows, summary } = initScaleSummary(records);
  const alphas = [...(o.alphas as number[])].sort((a, b) => a - b);
  const [lo, hi] = logRange(rows.map((r) => r.gap));
  const x = new Scale(alphas[0] / 1.6, alphas[alphas.length - 1] * 1.6, M.left, c.width - M.right, true);
  const y = new Scale(lo, hi, c.height - M.bottom, M.top, true);
  drawAxes(c, { x, y, xTicks: alphas.map((a) => Number(a.toPrecision(3))), xLabel: "initialization scale α (log)", yLabel: "certified gap L − P* after polishing (log)" });
  clip(c, x, y);
  for (const r of rows) {
    if (r.gap > 0) dots(c, [[x.at(r.alpha), y.at(r.gap)]], verdictColor(r.verdict));
    else ring(c, [[x.at(r.alpha), y.p0 - 4]], verdictColor(r.verdict));
  }
  line(c, [...summary].sort((a, b) => a.alpha - b.alpha).map((s) => [x.at(s.alpha), s.medianGap > 0 ? y.at(s.medianGap) : y.p0 - 4]), INK, []);
  c.ctx.restore();
  const seen = [...new Set([...Object.keys(VERDICT_COLORS), ...rows.map((r) => r.verdict)])];
  seen.forEach((v, i) => legend(c, i, v, verdictColor(v), []));
  legend(c, seen.length, "median gap", INK, []);
  notes(c, seen.length + 1, ["dots: runs, by verdict"]);
};

const orthogonal: PanelPlot = (c, records, o) => {
  const { summary } = orthogonalSummary(records, orthogonalPoints(o as never));
  // against m/2ⁿ (Theorem 3's threshold at 1), one line per n
  const rows = (summary as unknown as Record<string, number>[])
    .filter((r) => r.trainings > 0 || r.cones > 0)
    .map((r) => ({ n: r.n, m: r.mOver2n, fracGlobal: r.fracGlobal, coneFracGlobal: r.coneFracGlobal }));
  const xs = [...new Set(rows.map((r) => r.m))].sort((a, b) => a - b);
  const { x, y, series } = fractionsPlot(c, rows, xs.length ? xs : (o.widthFactors as number[]), { fracGlobal: "trainings reaching a global min", coneFracGlobal: "cones holding a global min" }, "width relative to 2ⁿ: m/2ⁿ (log)", (r) => `n = ${r.n}`);
  clip(c, x, y);
  vline(c, x, y, 1, "m = 2ⁿ");
  c.ctx.restore();
  notes(c, series, [`d = n + ${o.extraDims}`, "dots: per width"]);
};

const gaps: PanelPlot = (c, records, o) => {
  const ms = o.widths as number[];
  const t = gapsTables(records, ms);
  const [lo, hi] = logRange(t.rows.map((r) => r.gap), 1e-4, 1e-2);
  const x = widthScale(c, ms);
  const y = new Scale(lo, hi, c.height - M.bottom, M.top, true);
  drawAxes(c, { x, y, xTicks: ms, xLabel: "width m (neurons, log)", yLabel: "energy gap along the string (log)" });
  clip(c, x, y);
  dots(c, t.rows.filter((r) => r.gap > 0).map((r) => [x.at(r.width), y.at(r.gap)]), SERIES[0]);
  ring(c, t.rows.filter((r) => !(r.gap > 0)).map((r) => [x.at(r.width), y.p0 - 4]), SERIES[0]);
  const at = (k: "median" | "max") => t.summary.map((s) => [x.at(s.width), s[k] > 0 ? y.at(s[k]) : y.p0 - 4]);
  line(c, at("median"), SERIES[0], []);
  line(c, at("max"), SERIES[1], [6, 3]);
  c.ctx.restore();
  legend(c, 0, "median over pairs", SERIES[0], []);
  legend(c, 1, "maximum over pairs", SERIES[1], [6, 3]);
  notes(c, 2, ["dots: pairs", "circles at the bottom: gap 0"]);
};

const phase: PanelPlot = (c, records, o) => {
  const { diagrams } = phaseDiagrams(records, o as unknown as ResolvedPhaseOptions);
  const gs = [...(o.gammas as number[])].sort((a, b) => a - b), gps = [...(o.gammaPrimes as number[])].sort((a, b) => a - b);
  const step = (v: number[]) => (v.length > 1 ? Math.min(...v.slice(1).map((x, i) => x - v[i])) : 1);
  const sx = step(gps), sy = step(gs);
  const { ctx } = c;
  const gap = 40;
  const w = (c.width - M.left - M.right - gap * (diagrams.length - 1)) / diagrams.length;
  diagrams.forEach((dg, di) => {
    const left = M.left + di * (w + gap);
    const x = new Scale(gps[0] - sx / 2, gps[gps.length - 1] + sx / 2, left, left + w);
    const y = new Scale(gs[0] - sy / 2, gs[gs.length - 1] + sy / 2, c.height - M.bottom, M.top + 18);
    ctx.font = FONT;
    ctx.textAlign = "center";
    ctx.textBaseline = "middle";
    ctx.fillStyle = INK;
    ctx.fillText(`${dg.name}: ${dg.agree}/${dg.points.length} agree with the theory`, left + w / 2, M.top + 4);
    for (const g of gs) {
      for (const gp of gps) {
        const p = dg.points.find((q) => q.gamma === g && q.gammaPrime === gp);
        const x0 = x.at(gp - sx / 2), x1 = x.at(gp + sx / 2), y0 = y.at(g + sy / 2), y1 = y.at(g - sy / 2);
        ctx.fillStyle = p ? rgb(diverging(Math.max(-1, Math.min(1, p.slope / 1.5))), p.supRD.length < (o.widths as number[]).length ? 0.5 : 1) : "#f0f2f5";
        ctx.fillRect(x0 + 1, y0 + 1, x1 - x0 - 2, y1 - y0 - 2);
        if (!p) continue;
        if (p.regime !== p.theory) {
          ctx.strokeStyle = INK;
          ctx.lineWidth = 2;
          ctx.setLineDash([3, 2]);
          ctx.strokeRect(x0 + 3, y0 + 3, x1 - x0 - 6, y1 - y0 - 6);
          ctx.setLineDash([]);
        }
        ctx.fillStyle = Math.abs(p.slope) > 1 ? "#ffffff" : INK;
        ctx.fillText(p.slope.toFixed(2), (x0 + x1) / 2, (y0 + y1) / 2);
      }
    }
    drawAxes(c, { x, y, xTicks: gps, yTicks: gs, xLabel: "γ′ = −log(β₁/β₂)/log m", yLabel: di === 0 ? "γ = −log(β₁β₂/κ)/log m" : "" }, false);
    // Luo et al.'s boundary: γ = 1 for γ′ ≤ 0, and γ′ = γ − 1 for γ ≥ 1
    clip(c, x, y);
    ctx.strokeStyle = INK;
    ctx.lineWidth = 2.5;
    ctx.beginPath();
    ctx.moveTo(x.at(gps[0] - sx), y.at(1));
    ctx.lineTo(x.at(0), y.at(1));
    ctx.lineTo(x.at(gs[gs.length - 1] + sy - 1), y.at(gs[gs.length - 1] + sy));
    ctx.stroke();
    ctx.restore();
  });
  legend(c, 0, "Luo et al.'s boundary", INK, []);
  const lx = c.width - M.right + 16;
  (["linear", "critical", "condensed"] as const).forEach((label, i) => {
    ctx.fillStyle = rgb(diverging(i - 1));
    ctx.fillRect(lx, 30 + 22 * (i + 1) - 6, 22, 12);
    ctx.strokeStyle = "#c0c6cc";
    ctx.lineWidth = 1;
    ctx.strokeRect(lx + 0.5, 30 + 22 * (i + 1) - 5.5, 21, 11);
    ctx.fillStyle = INK;
    ctx.textAlign = "left";
    ctx.fillText(`${label} (slope ${[`< −${o.tol}`, `within ±${o.tol}`, `> ${o.tol}`][i]})`, lx + 28, 30 + 22 * (i + 1));
  });
  notes(c, 4, ["numbers: slope of log sup RD vs log m", "dashed outline: regime ≠ theory", "pale: some widths not finished", "grey: not finished"]);
};

export const PLOTS: Record<string, PanelPlot> = { width, cones, "init-scale": initScale, orthogonal, gaps, phase };

/** Clips drawing to the plot frame (restore after). */
function clip(c: Canvas2D, x: Scale, y: Scale): void {
  c.ctx.save();
  c.ctx.beginPath();
  c.ctx.rect(x.p0, y.p1, x.p1 - x.p0, y.p0 - y.p1);
  c.ctx.clip();
}

/** Filled dots (half transparent), or open rings. */
function dots(c: Canvas2D, pts: number[][], color: string, open = false): void {
  const { ctx } = c;
  ctx.fillStyle = ctx.strokeStyle = color;
  ctx.lineWidth = 1.5;
  ctx.globalAlpha = open ? 1 : 0.5;
  for (const [px, py] of pts) {
    ctx.beginPath();
    ctx.arc(px, py, 3.5, 0, 2 * Math.PI);
    if (open) ctx.stroke();
    else ctx.fill();
  }
  ctx.globalAlpha = 1;
}

const ring = (c: Canvas2D, pts: number[][], color: string) => dots(c, pts, color, true);

function cross(c: Canvas2D, px: number, py: number, color: string): void {
  const { ctx } = c;
  ctx.strokeStyle = color;
  ctx.lineWidth = 2;
  ctx.beginPath();
  ctx.moveTo(px - 4, py - 4);
  ctx.lineTo(px + 4, py + 4);
  ctx.moveTo(px + 4, py - 4);
  ctx.lineTo(px - 4, py + 4);
  ctx.stroke();
}

function bar(c: Canvas2D, px: number, y0: number, y1: number, color: string): void {
  const { ctx } = c;
  ctx.strokeStyle = color;
  ctx.globalAlpha = 0.6;
  ctx.lineWidth = 1.5;
  ctx.beginPath();
  ctx.moveTo(px, y0);
  ctx.lineTo(px, y1);
  ctx.moveTo(px - 3, y0);
  ctx.lineTo(px + 3, y0);
  ctx.moveTo(px - 3, y1);
  ctx.lineTo(px + 3, y1);
  ctx.stroke();
  ctx.globalAlpha = 1;
}

/** A dashed vertical line at x = v with a label on the side that has room. */
function vline(c: Canvas2D, x: Scale, y: Scale, v: number, label: string): void {
  const { ctx } = c;
  const px = Math.round(x.at(v)) + 0.5;
  if (!(px >= x.p0 && px <= x.p1)) return;
  ctx.strokeStyle = MUTED;
  ctx.lineWidth = 1;
  ctx.setLineDash([2, 3]);
  ctx.beginPath();
  ctx.moveTo(px, y.p0);
  ctx.lineTo(px, y.p1);
  ctx.stroke();
  ctx.setLineDash([]);
  if (!label) return;
  ctx.fillStyle = MUTED;
  ctx.font = FONT;
  const right = px > (x.p0 + x.p1) / 2;
  ctx.textAlign = right ? "right" : "left";
  ctx.textBaseline = "top";
  ctx.fillText(label, right ? px - 4 : px + 4, y.p1 + 4);
}

function line(c: Canvas2D, pts: (number[] | null)[], color: string, dash: number[]): void {
  const { ctx } = c;
  ctx.strokeStyle = color;
  ctx.lineWidth = 2;
  ctx.setLineDash(dash);
  ctx.beginPath();
  let pen = false;
  for (const p of pts) {
    if (!p || !p.every(Number.isFinite)) {
      pen = false;
      continue;
    }
    if (pen) ctx.lineTo(p[0], p[1]);
    else ctx.moveTo(p[0], p[1]);
    pen = true;
  }
  ctx.stroke();
  ctx.setLineDash([]);
}

function legend(c: Canvas2D, i: number, label: string, color: string, dash: number[]): void {
  const { ctx } = c;
  const lx = c.width - M.right + 16, ly = 30 + 22 * i;
  ctx.strokeStyle = color;
  ctx.lineWidth = 2.5;
  ctx.setLineDash(dash);
  ctx.beginPath();
  ctx.moveTo(lx, ly);
  ctx.lineTo(lx + 22, ly);
  ctx.stroke();
  ctx.setLineDash([]);
  ctx.fillStyle = INK;
  ctx.font = FONT;
  ctx.textAlign = "left";
  ctx.textBaseline = "middle";
  ctx.fillText(label, lx + 28, ly);
}

function notes(c: Canvas2D, after: number, lines: string[]): void {
  const { ctx } = c;
  ctx.fillStyle = MUTED;
  ctx.font = FONT;
  ctx.textAlign = "left";
  ctx.textBaseline = "middle";
  lines.forEach((t, i) => ctx.fillText(t, c.width - M.right + 16, 30 + 22 * after + 10 + 16 * i));
}
