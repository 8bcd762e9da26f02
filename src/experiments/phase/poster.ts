// The poster's 1-D setting (Eshima & Yamada, OIST): f(x) = (1/κ)·Σ aⱼ relu(wⱼx) on 1-D data, no bias,
// κ = m^{a₁}, both layers ~ N(0, τ²) with τ = m^{−b₁}, weight decay λ = m^{−c₁} (c₁ > a₁ keeps λκ → 0,
// so the optimum does not collapse as m grows). For each width: ‖θ₀‖, the closed-form optimum's norm
// ‖θ*‖ = √(2(|A*| + |B*|)) and the distance from θ₀ to the optimal set (src/api/optimum-1d-distance.ts).
// Theory: ‖θ₀‖ ~ m^{1/2 − b₁}, ‖θ*‖ ~ m^{a₁/2} (A* ≈ κ·Q/P once nλκ ≪ |Q|).
import { toData, type Data } from "../../api/data.js";
import { optimum1d } from "../../api/optimum-1d.js";
import { distanceToOptimum1d } from "../../api/optimum-1d-distance.js";
import type { CoreExports } from "../../core/loader.js";
import { Rng } from "../../core/rng.js";
import { fitSlope } from "./diagram.js";
import { powOf } from "./run.js";

export interface PosterRow {
  a1: number;
  b1: number;
  c1: number;
  m: number;
  kappa: number;
  lambda: number;
  initNorm: number;
  optimumNorm: number;
  distance: number;
  /** Whether the distance is exact (else an upper bound with `lowerBound`). */
  exact: boolean;
  lowerBound: number;
  collapsed: boolean;
}

export interface PosterFit {
  a1: number;
  b1: number;
  /** Fitted exponents of ‖θ₀‖, ‖θ*‖, dist against m, and the theory's. */
  initSlope: number;
  optimumSlope: number;
  distanceSlope: number;
  initTheory: number;
  optimumTheory: number;
}

/** Four points, two per side: x = ±0.5, ±1, y = x² − 0.3. */
export function posterData(): Data {
  const xs = [-1, -0.5, 0.5, 1];
  return toData(xs.map((x) => [x]), xs.map((x) => x * x - 0.3));
}

/** Rows for every (a₁, b₁) pair and width; the init of width m is drawn from Rng(seed): W then a. */
export function posterRows(core: CoreExports, pairs: Array<[number, number]>, c1: number, widths: number[], seed: number): PosterRow[] {
  const data = posterData();
  const rows: PosterRow[] = [];
  for (const [a1, b1] of pairs) {
    for (const m of widths) {
      const kappa = powOf(m, a1), tau = powOf(m, -b1), lambda = powOf(m, -c1);
      const rng = new Rng(core, seed);
      const w = rng.normal(m, tau), a = rng.normal(m, tau);
      rng.dispose();
      const init = { W: Array.from(w, (v) => [v]), a: Array.from(a) };
      const opt = optimum1d(data, lambda, kappa);
      const d = distanceToOptimum1d(opt, init);
      rows.push({ a1, b1, c1, m, kappa, lambda, initNorm: d.initNorm, optimumNorm: Math.sqrt(opt.normSq), distance: d.distance, exact: d.exact, lowerBound: d.lowerBound, collapsed: opt.collapsed });
    }
  }
  return rows;
}

/** Fitted log-log slopes per (a₁, b₁) next to the theory's exponents. */
export function posterFits(rows: PosterRow[]): PosterFit[] {
  const keys = [...new Set(rows.map((r) => `${r.a1},${r.b1}`))];
  return keys.map((k) => {
    const rs = rows.filter((r) => `${r.a1},${r.b1}` === k);
    const lm = rs.map((r) => Math.log(r.m));
    const f = (v: number[]) => fitSlope(lm, v.map((x) => Math.log(Math.max(x, 1e-300)))).slope;
    return {
      a1: rs[0].a1, b1: rs[0].b1,
      initSlope: f(rs.map((r) => r.initNorm)), optimumSlope: f(rs.map((r) => r.optimumNorm)), distanceSlope: f(rs.map((r) => r.distance)),
      initTheory: 0.5 - rs[0].b1, optimumTheory: rs[0].a1 / 2,
    };
  });
}
