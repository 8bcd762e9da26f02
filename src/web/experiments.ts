// The experiments of the lab's Experiments panel: for each, its grid of independent jobs (in the
// order they run: one repeat of every point first, so the plot fills evenly), the columns that name
// a job, a summary of the settings, and its plot.
import { datasetSeed } from "../experiments/cones/options.js";
import { INIT_SCALE_DEFAULTS as ISD } from "../experiments/init-scale/options.js";
import { EXPERIMENTS_IN_BUILD } from "./capabilities.js";
import { type Canvas2D, Scale, drawAxes, SERIES, FONT, INK, MUTED, diverging, rgb } from "./plot.js";
import { DATASETS, type ExperimentId, type LabSettings } from "./settings.js";

/** One finished job: the columns naming it, then its measurements. */
export type Row = Record<string, unknown>;

export interface Job {
  settings: LabSettings;
  /** The columns that name this job in the exported table. */
  columns: Row;
  /** Extra numbers the job needs beyond the settings (e.g. a dataset index). */
  params?: Record<string, number>;
}

export interface Experiment {
  title: string;
  available: boolean;
  /** Shown under the plot. */
  note: string;
  /** Shown instead of the plot when the experiment is not in this build. */
  missing: string;
  /** Label of the repeat count (eseeds). */
  repeats: string;
  /** Which grid controls apply. */
  uses: (keyof LabSettings)[];
  jobs(s: LabSettings): Job[];
  summary(s: LabSettings): string;
  draw(c: Canvas2D, rows: Row[], s: LabSettings): void;
}

const num = (r: Row, k: string) => r[k] as number;

/** Gaps are drawn at least this large (a log axis has no 0). */
const GAP_FLOOR = 1e-10;

const width: Experiment = {
  title: "Where training ends vs width m and init scale α: certified gap to the global minimum",
  available: EXPERIMENTS_IN_BUILD.width,
  note: "Each dot: one GD/SGD run on the Train panel's data, λ, learning rate and optimizer, for the given epochs, certified against the global optimum of the convex program (final loss instead when the problem has too many activation patterns to solve live). Lines: geometric mean over seeds. Runs are independent, spread over workers; the plot fills in as they finish.",
  missing: "",
  repeats: "seeds per point",
  uses: ["ems", "ealphas", "eseeds", "eepochs"],
  jobs(s) {
    const out: Job[] = [];
    for (let r = 0; r < s.eseeds; r++) {
      for (const alpha of s.ealphas) {
        for (const m of s.ems) {
          const seed = s.seed + r;
          out.push({
            settings: { ...s, m, alpha, seed, epochs: s.eepochs },
            columns: { experiment: "width", dataset: s.ds, n: s.n, d: s.d, bias: s.bias, dataSeed: s.dseed, lambda: s.lambda, lr: s.lr, method: s.method, batch: s.batch, init: s.init, epochsMax: s.eepochs, m, alpha, seed },
          });
        }
      }
    }
    return out;
  },
  summary(s) {
    const ds = DATASETS[s.ds];
    return `From the Train panel: ${ds.label}, n = ${s.n}, d = ${s.d}${s.bias ? " + bias" : ""}, data seed ${s.dseed}; ` +
      `λ = ${s.lambda}, lr = ${s.lr}, ${s.method.toUpperCase()}${s.method === "sgd" ? ` (B = ${s.batch})` : ""}, ${s.init} init; ` +
      `seeds ${s.seed} … ${s.seed + s.eseeds - 1}. ${s.ems.length * s.ealphas.length * s.eseeds} runs.`;
  },
  draw(c, all, s) {
    // the certified gap L − min L when the global optimum is known, else the final loss
    const useGap = all.length > 0 && all.every((r) => typeof r.gap === "number");
    const key = useGap ? "gapShown" : "loss";
    const rows = all
      .map((r) => (useGap ? { ...r, gapShown: Math.max(num(r, "gap"), GAP_FLOOR) } : r))
      .filter((r) => num(r, key) > 0 && Number.isFinite(num(r, key)));
    const ms = s.ems, alphas = s.ealphas;
    let lo = Infinity, hi = -Infinity;
    for (const r of rows) (lo = Math.min(lo, num(r, key))), (hi = Math.max(hi, num(r, key)));
    if (!(hi >= lo)) (lo = 1e-3), (hi = 1);
    const M = { left: 64, right: 180, top: 16, bottom: 40 };
    const x = new Scale(Math.min(...ms) / 1.4, Math.max(...ms) * 1.4, M.left, c.width - M.right, true);
    const y = new Scale(10 ** (Math.floor(Math.log10(lo)) - (useGap && lo <= GAP_FLOOR ? 1 : 0)), 10 ** Math.ceil(Math.log10(hi) + 1e-9), c.height - M.bottom, M.top, true);
    const after = `after ≤ ${s.eepochs.toLocaleString("en")} epochs`;
    drawAxes(c, { x, y, xTicks: ms, xLabel: "width m (neurons, log)", yLabel: useGap ? `certified gap L − min L ${after} (log)` : `final loss L ${after} (log)` });
    clip(c, x, y);
    alphas.forEach((alpha, i) => {
      const color = SERIES[i % SERIES.length];
      const mine = rows.filter((r) => r.alpha === alpha);
      dots(c, mine.map((r) => [x.at(num(r, "m")), y.at(num(r, key))]), color);
      const means = ms.map((m) => {
        const at = mine.filter((r) => r.m === m);
        return at.length ? [x.at(m), y.at(10 ** (at.reduce((t, r) => t + Math.log10(num(r, key)), 0) / at.length))] : null;
      });
      line(c, means, color, []);
    });
    c.ctx.restore();
    alphas.forEach((alpha, i) => legend(c, M.right, i, `α = ${alpha}`, SERIES[i % SERIES.length], []));
    notes(c, M.right, alphas.length, ["dots: single runs", "lines: geometric mean", "over seeds", ...(useGap ? [`gaps < ${GAP_FLOOR} at ${GAP_FLOOR}`] : [])]);
  },
};

const cones: Experiment = {
  title: "Cones vs width: how often a random activation cone holds a global minimum",
  available: EXPERIMENTS_IN_BUILD.cones,
  note: "Boursier et al., Theorem 1: for each dataset and width m, random cones of m signed patterns (uniform over the enumeration, duplicates merged), each solved exactly (convex program restricted to the cone) and classified: holds a global minimum, holds a spurious local minimum, or neither. Mean over datasets; dots: single datasets.",
  missing: "Cones vs width needs the cones experiment (relu-landscape cones) and the convex solver, which are not in this build of the lab yet. The panel runs them once the package ships them.",
  repeats: "datasets",
  uses: ["ems", "eseeds", "cn", "cd", "cdata", "ccones"],
  jobs(s) {
    const out: Job[] = [];
    for (let r = 0; r < s.eseeds; r++) {
      for (const m of s.ems) {
        const seed = s.seed + 1000 * r + m;
        out.push({
          settings: { ...s, m, seed },
          params: { dataset: r },
          columns: { experiment: "cones", data: s.cdata, n: s.cn, d: s.cd, lambda: s.lambda, cones: s.ccones, seed0: s.dseed, dataset: r, dataSeed: datasetSeed(s.dseed, s.cn, s.cd, r), m, seed },
        });
      }
    }
    return out;
  },
  summary(s) {
    return `${s.cdata === "teacher" ? "Teacher" : "Orthogonal"} data, n = ${s.cn}, d = ${s.cd}, ${s.eseeds} datasets (seeds derived from data seed ${s.dseed} as in relu-landscape cones); ` +
      `λ = ${s.lambda} (Train panel); ${s.ccones} cones per width. ${s.ems.length * s.eseeds} jobs, ${s.ems.length * s.eseeds * s.ccones} convex solves.`;
  },
  draw(c, rows, s) {
    const ms = s.ems;
    const M = { left: 64, right: 220, top: 16, bottom: 40 };
    const x = new Scale(Math.min(...ms) / 1.4, Math.max(...ms) * 1.4, M.left, c.width - M.right, true);
    const y = new Scale(0, 1, c.height - M.bottom, M.top);
    drawAxes(c, { x, y, xTicks: ms, xLabel: "width m (signed patterns drawn per cone, log)", yLabel: "fraction" });
    const { ctx } = c;
    const N = rows.length ? num(rows[0], "signedPatterns") : 0;
    clip(c, x, y);
    if (N > 0) {
      const px = Math.round(x.at(N)) + 0.5;
      if (px >= x.p0 && px <= x.p1) {
        ctx.strokeStyle = MUTED;
        ctx.setLineDash([2, 3]);
        ctx.beginPath();
        ctx.moveTo(px, y.p0);
        ctx.lineTo(px, y.p1);
        ctx.stroke();
        ctx.setLineDash([]);
        ctx.fillStyle = MUTED;
        ctx.font = FONT;
        const right = px > (x.p0 + x.p1) / 2; // label on the side with room
        ctx.textAlign = right ? "right" : "left";
        ctx.fillText(`all ${N} signed patterns`, right ? px - 4 : px + 4, y.p1 + 10);
      }
      // the coupon-collector prediction of the fraction of signed patterns a cone hits
      const pts = [];
      for (let i = 0; i <= 100; i++) {
        const m = x.inv(x.p0 + (i / 100) * (x.p1 - x.p0));
        pts.push([x.at(m), y.at(1 - (1 - 1 / N) ** m)]);
      }
      line(c, pts, "#999999", [1, 3]);
    }
    const series: [string, string, string, number[]][] = [
      ["fracGlobal", "holds a global minimum", SERIES[2], []],
      ["fracSpurious", "holds a spurious minimum", SERIES[1], [6, 3]],
      ["fracHit", "signed patterns hit", SERIES[0], [2, 2]],
    ];
    for (const [key, , color, dash] of series) {
      dots(c, rows.map((r) => [x.at(num(r, "m")), y.at(num(r, key))]), color);
      line(c, ms.map((m) => {
        const at = rows.filter((r) => r.m === m);
        return at.length ? [x.at(m), y.at(at.reduce((t, r) => t + num(r, key), 0) / at.length)] : null;
      }), color, dash);
    }
    ctx.restore();
    series.forEach(([, label, color, dash], i) => legend(c, M.right, i, label, color, dash));
    legend(c, M.right, 3, "coupon collector", "#999999", [1, 3]);
    notes(c, M.right, 4, ["coupon collector: 1 − (1 − 1/N)ᵐ", "lines: mean over datasets", "dots: single datasets"]);
  },
};

const VERDICT_COLORS: Record<string, string> = { global: SERIES[2], "spurious-local-minimum": SERIES[1], "not-stationary": "#888888" };

const initscale: Experiment = {
  title: "Initialization scale: small α ends in spurious minima (Boursier et al., Theorem 2)",
  available: EXPERIMENTS_IN_BUILD.initscale,
  note: `The research's data (n = d = ${ISD.n} near-collinear unit vectors, linear teacher) and settings (m = ${ISD.m}, lr = ${ISD.lr}, λ = ${ISD.lambda}, balanced init): GD for the epoch budget, then polished to the exact best network of its activation cone and certified against the global optimum. Dots: runs, coloured by verdict; line: geometric mean of the gap.`,
  missing: "The initialization-scale experiment is not in this build of the lab.",
  repeats: "seeds per α",
  uses: ["ealphas", "eseeds", "eepochs"],
  jobs(s) {
    const out: Job[] = [];
    for (let r = 0; r < s.eseeds; r++) {
      for (const alpha of s.ealphas) {
        const seed = s.seed + r;
        out.push({
          settings: { ...s, alpha, seed, epochs: s.eepochs },
          columns: { experiment: "init-scale", n: ISD.n, m: ISD.m, lr: ISD.lr, lambda: ISD.lambda, dataSeed: s.dseed, maxEpochs: s.eepochs, alpha, seed },
        });
      }
    }
    return out;
  },
  summary(s) {
    return `α ∈ {${s.ealphas.join(", ")}} × ${s.eseeds} seeds (${s.seed} …), up to ${s.eepochs.toLocaleString("en")} epochs each (the research runs to ‖∇L‖² < 1e-16 or 1e8); data seed ${s.dseed}. ${s.ealphas.length * s.eseeds} runs.`;
  },
  draw(c, all, s) {
    const rows: (Row & { g: number })[] = all.map((r) => ({ ...r, g: Math.max(num(r, "gap"), GAP_FLOOR) })).filter((r) => Number.isFinite(r.g));
    const alphas = [...s.ealphas].sort((p, q) => p - q);
    let lo = GAP_FLOOR, hi = 1e-3;
    for (const r of rows) (lo = Math.min(lo, r.g)), (hi = Math.max(hi, r.g));
    const M = { left: 64, right: 220, top: 16, bottom: 40 };
    const x = new Scale(alphas[0] / 1.6, alphas[alphas.length - 1] * 1.6, M.left, c.width - M.right, true);
    // one decade of room below the lowest gap, so dots at the floor stay visible
    const y = new Scale(10 ** (Math.floor(Math.log10(lo)) - 1), 10 ** Math.ceil(Math.log10(hi) + 1e-9), c.height - M.bottom, M.top, true);
    drawAxes(c, { x, y, xTicks: alphas.map((a) => Number(a.toPrecision(3))), xLabel: "initialization scale α (log)", yLabel: "certified gap L − min L after polishing (log)" });
    clip(c, x, y);
    for (const r of rows) dots(c, [[x.at(num(r, "alpha")), y.at(r.g)]], VERDICT_COLORS[r.verdict as string] ?? "#888888");
    line(c, alphas.map((a) => {
      const at = rows.filter((r) => r.alpha === a);
      return at.length ? [x.at(a), y.at(10 ** (at.reduce((t, r) => t + Math.log10(r.g), 0) / at.length))] : null;
    }), INK, []);
    c.ctx.restore();
    legend(c, M.right, 0, "global minimum", VERDICT_COLORS.global, []);
    legend(c, M.right, 1, "spurious local minimum", VERDICT_COLORS["spurious-local-minimum"], []);
    legend(c, M.right, 2, "not stationary", VERDICT_COLORS["not-stationary"], []);
    legend(c, M.right, 3, "geometric mean", INK, []);
    notes(c, M.right, 4, ["dots: runs, by verdict", `gaps < ${GAP_FLOOR} at ${GAP_FLOOR}`]);
  },
};

/** Least-squares slope of y against x. */
function slopeOf(x: number[], y: number[]): number {
  const n = x.length, mx = x.reduce((a, b) => a + b, 0) / n, my = y.reduce((a, b) => a + b, 0) / n;
  let sxx = 0, sxy = 0;
  for (let i = 0; i < n; i++) (sxx += (x[i] - mx) ** 2), (sxy += (x[i] - mx) * (y[i] - my));
  return sxy / sxx;
}

/** |slope| ≤ this is critical (the CLI's default tolerance). */
const PHASE_TOL = 0.1;

const phase: Experiment = {
  title: "Phase diagram of the scaled model: lazy vs condensed training (Luo et al.)",
  available: EXPERIMENTS_IN_BUILD.phase,
  note: "Each cell (γ, γ′): the scaled model trained at every width to its loss target (no weight decay, κ = 1); the slope of log sup_t RD against log m, RD = ‖W(t) − W(0)‖/‖W(0)‖. Blue: slope < −0.1 (linear/lazy), red: > 0.1 (condensed), white: critical. Black line: Luo et al.'s boundary; a cell outlined where the measured regime differs from the theory's.",
  missing: "The phase diagram is not in this build of the lab.",
  repeats: "",
  uses: ["pg", "pgp", "pw"],
  jobs(s) {
    const out: Job[] = [];
    for (const gamma of s.pg) {
      for (const gammaPrime of s.pgp) {
        for (const m of s.pw) {
          out.push({ settings: { ...s, m }, params: { gamma, gammaPrime }, columns: { experiment: "phase", gamma, gammaPrime, m, initSeed: s.seed } });
        }
      }
    }
    return out;
  },
  summary(s) {
    return `γ ∈ {${s.pg.join(", ")}}, γ′ ∈ {${s.pgp.join(", ")}}, widths ${s.pw.join(", ")}; init seed ${s.seed} (Train panel). ${s.pg.length * s.pgp.length * s.pw.length} runs.`;
  },
  draw(c, rows, s) {
    const gs = [...s.pg].sort((a, b) => a - b), gps = [...s.pgp].sort((a, b) => a - b);
    const step = (v: number[]) => (v.length > 1 ? Math.min(...v.slice(1).map((x, i) => x - v[i])) : 1);
    const sx = step(gps), sy = step(gs);
    const M = { left: 64, right: 220, top: 16, bottom: 40 };
    const w = c.width - M.left - M.right, h = c.height - M.top - M.bottom;
    const x = new Scale(gps[0] - sx / 2, gps[gps.length - 1] + sx / 2, M.left, M.left + w);
    const y = new Scale(gs[0] - sy / 2, gs[gs.length - 1] + sy / 2, M.top + h, M.top);
    const { ctx } = c;
    ctx.font = FONT;
    ctx.textAlign = "center";
    ctx.textBaseline = "middle";
    for (const g of gs) {
      for (const gp of gps) {
        const mine = rows.filter((r) => r.gamma === g && r.gammaPrime === gp && num(r, "supRD") > 0);
        const x0 = x.at(gp - sx / 2), x1 = x.at(gp + sx / 2), y0 = y.at(g + sy / 2), y1 = y.at(g - sy / 2);
        if (mine.length < s.pw.length) {
          ctx.fillStyle = "#f0f2f5";
          ctx.fillRect(x0 + 1, y0 + 1, x1 - x0 - 2, y1 - y0 - 2);
          continue;
        }
        const k = slopeOf(mine.map((r) => Math.log(num(r, "m"))), mine.map((r) => Math.log(num(r, "supRD"))));
        ctx.fillStyle = rgb(diverging(Math.max(-1, Math.min(1, k / 1.5))));
        ctx.fillRect(x0 + 1, y0 + 1, x1 - x0 - 2, y1 - y0 - 2);
        const measured = k < -PHASE_TOL ? "linear" : k > PHASE_TOL ? "condensed" : "critical";
        const e = 1e-9;
        const theory = g < 1 - e || gp > g - 1 + e ? "linear" : g > 1 + e && gp < g - 1 - e ? "condensed" : "critical";
        if (measured !== theory) {
          ctx.strokeStyle = INK;
          ctx.lineWidth = 2;
          ctx.setLineDash([3, 2]);
          ctx.strokeRect(x0 + 3, y0 + 3, x1 - x0 - 6, y1 - y0 - 6);
          ctx.setLineDash([]);
        }
        ctx.fillStyle = Math.abs(k) > 1 ? "#ffffff" : INK;
        ctx.fillText(k.toFixed(2), (x0 + x1) / 2, (y0 + y1) / 2);
      }
    }
    drawAxes(c, { x, y, xTicks: gps, yTicks: gs, xLabel: "γ′ = −log(β₁/β₂)/log m", yLabel: "γ = −log(β₁β₂/κ)/log m" }, false);
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
    legend(c, M.right, 0, "Luo et al.'s boundary", INK, []);
    const lx = c.width - M.right + 16;
    [["slope < 0: linear (lazy)", -1], ["slope ≈ 0: critical", 0], ["slope > 0: condensed", 1]].forEach(([label, t], i) => {
      ctx.fillStyle = rgb(diverging(t as number));
      ctx.fillRect(lx, 30 + 22 * (i + 1) - 6, 22, 12);
      ctx.strokeStyle = "#c0c6cc";
      ctx.lineWidth = 1;
      ctx.strokeRect(lx + 0.5, 30 + 22 * (i + 1) - 5.5, 21, 11);
      ctx.fillStyle = INK;
      ctx.textAlign = "left";
      ctx.fillText(label as string, lx + 28, 30 + 22 * (i + 1));
    });
    notes(c, M.right, 4, ["numbers: slope of log sup RD", "vs log m", "dashed outline: differs from", "the theory", "grey: not finished"]);
  },
};

const gaps: Experiment = {
  title: "Energy gaps between trained networks vs width (Freeman & Bruna)",
  available: EXPERIMENTS_IN_BUILD.gaps,
  note: "Per width: K networks trained on two moons (the Train panel's n, noise, data seed and λ; logistic loss, λ‖a‖₁ with every ‖wⱼ‖ ≤ 1), each pair joined by dynamic string sampling; the energy gap is the highest loss along the string minus the larger endpoint loss. Dots: pairs; lines: median and maximum over pairs.",
  missing: "The energy-gap experiment is not in this build of the lab.",
  repeats: "",
  uses: ["ems", "gk", "eepochs"],
  jobs(s) {
    return s.ems.map((m) => ({
      settings: { ...s, m },
      columns: { experiment: "gaps", dataset: "moons", n: s.n, noise: s.noise, dataSeed: s.dseed, lambda: s.lambda, models: s.gk, epochs: s.eepochs, width: m, seed: s.seed },
    }));
  },
  summary(s) {
    return `Two moons, n = ${s.n}, noise ${s.noise}, data seed ${s.dseed}, λ = ${s.lambda} (Train panel); widths ${s.ems.join(", ")}; ${s.gk} networks each (seeds ${s.seed} …), ${s.eepochs.toLocaleString("en")} epochs; ${s.ems.length * (s.gk * (s.gk - 1)) / 2} strings.`;
  },
  draw(c, rows, s) {
    const ms = s.ems;
    const pts: [number, number][] = [];
    for (const r of rows) for (const g of (r.gaps as number[]) ?? []) pts.push([num(r, "width"), Math.max(g, GAP_FLOOR)]);
    let lo = 1e-4, hi = 1e-2;
    for (const [, g] of pts) (lo = Math.min(lo, g)), (hi = Math.max(hi, g));
    const M = { left: 64, right: 220, top: 16, bottom: 40 };
    const x = new Scale(Math.min(...ms) / 1.4, Math.max(...ms) * 1.4, M.left, c.width - M.right, true);
    const y = new Scale(10 ** (Math.floor(Math.log10(lo)) - 1), 10 ** Math.ceil(Math.log10(hi) + 1e-9), c.height - M.bottom, M.top, true);
    drawAxes(c, { x, y, xTicks: ms, xLabel: "width m (neurons, log)", yLabel: "energy gap along the string (log)" });
    clip(c, x, y);
    dots(c, pts.map(([m, g]) => [x.at(m), y.at(g)]), SERIES[0]);
    const at = (m: number) => rows.find((r) => r.width === m);
    line(c, ms.map((m) => (at(m) ? [x.at(m), y.at(Math.max(num(at(m)!, "median"), GAP_FLOOR))] : null)), SERIES[0], []);
    line(c, ms.map((m) => (at(m) ? [x.at(m), y.at(Math.max(num(at(m)!, "max"), GAP_FLOOR))] : null)), SERIES[1], [6, 3]);
    c.ctx.restore();
    legend(c, M.right, 0, "median over pairs", SERIES[0], []);
    legend(c, M.right, 1, "maximum over pairs", SERIES[1], [6, 3]);
    notes(c, M.right, 2, ["dots: single pairs", `gaps < ${GAP_FLOOR} at ${GAP_FLOOR}`, "permutation tests: CLI gaps"]);
  },
};

export const EXPERIMENTS: Record<ExperimentId, Experiment> = { width, cones, initscale, phase, gaps };

/** Clips drawing to the plot frame (restore after). */
function clip(c: Canvas2D, x: Scale, y: Scale): void {
  c.ctx.save();
  c.ctx.beginPath();
  c.ctx.rect(x.p0, y.p1, x.p1 - x.p0, y.p0 - y.p1);
  c.ctx.clip();
}

function dots(c: Canvas2D, pts: number[][], color: string): void {
  const { ctx } = c;
  ctx.fillStyle = color;
  ctx.globalAlpha = 0.4;
  for (const [px, py] of pts) {
    ctx.beginPath();
    ctx.arc(px, py, 3.5, 0, 2 * Math.PI);
    ctx.fill();
  }
  ctx.globalAlpha = 1;
}

function line(c: Canvas2D, pts: (number[] | null)[], color: string, dash: number[]): void {
  const { ctx } = c;
  ctx.strokeStyle = color;
  ctx.lineWidth = 2;
  ctx.setLineDash(dash);
  ctx.beginPath();
  let pen = false;
  for (const p of pts) {
    if (!p) {
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

function legend(c: Canvas2D, right: number, i: number, label: string, color: string, dash: number[]): void {
  const { ctx } = c;
  const lx = c.width - right + 16, ly = 30 + 22 * i;
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

function notes(c: Canvas2D, right: number, after: number, lines: string[]): void {
  const { ctx } = c;
  ctx.fillStyle = MUTED;
  ctx.font = FONT;
  ctx.textAlign = "left";
  ctx.textBaseline = "middle";
  lines.forEach((t, i) => ctx.fillText(t, c.width - right + 16, 30 + 22 * after + 10 + 16 * i));
}
