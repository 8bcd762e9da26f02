// Distance from an initialization θ₀ = (W₀, a₀) (d = 1, width m) to the set of global optima of the
// 1-D scaled model (optimum-1d.ts), in the Euclidean norm of θ = (W, a) ∈ R^{2m}.
//
// λ > 0 (balanced set). A neuron on the positive side is (t, σ₊t), t ≥ 0, σ₊ = sign A*; on the negative
// side (−t, σ₋t); otherwise zero; with Σ₊ 2t² = 2|A*| =: R₊², Σ₋ 2t² = R₋². Writing r = √2·t and
// c₊ⱼ = (w⁰ⱼ + σ₊a⁰ⱼ)/√2, c₋ⱼ = (−w⁰ⱼ + σ₋a⁰ⱼ)/√2:
//   dist² = ‖θ₀‖² + R₊² + R₋² − 2·max_{S₊ ∩ S₋ = ∅} [R₊·N(c₊, S₊) + R₋·N(c₋, S₋)],
// N(c, S) = ‖(c)⁺ on S‖ if some cⱼ > 0 on S, else max_S cⱼ (all the side's mass on one neuron).
// Given the assignment this is exact (Cauchy–Schwarz on the sphere ∩ orthant). Only neurons with both
// c₊ⱼ > 0 and c₋ⱼ > 0 (possible only when σ₊ = σ₋, namely σa⁰ⱼ > |w⁰ⱼ|) have to choose a side. The
// assignment is exact by enumeration for ≤ 16 such neurons (and 2^k·m ≤ 4e6); beyond, the best threshold assignment
// (sorted by c₊²/c₋², then single-neuron moves) is used and a lower bound from the continuous
// relaxation (threshold plus one fractional neuron) is reported — `exact` says which.
//
// λ = 0 (set {Σ aⱼ relu(wⱼ) = A*, Σ aⱼ relu(−wⱼ) = B*}, sides without data unconstrained). Numeric:
// each neuron keeps the side of w⁰ⱼ; per side the projection onto the quadric Σ aⱼwⱼ = A* is
// (wⱼ, aⱼ) = (w⁰ⱼ − μa⁰ⱼ, a⁰ⱼ − μw⁰ⱼ)/(1 − μ²) with the unique root μ ∈ (−1, 1) (the global projection
// onto the quadric); a neuron whose wⱼ would change sign is held at wⱼ = 0 (aⱼ = a⁰ⱼ) and the side
// re-solved. The result is a point of the optimal set (so the distance is an upper bound, exact when no
// neuron is held at 0 and no neuron would be better on the other side); `exact` is false.
import { InputError } from "./errors.js";
import type { Network } from "./network.js";
import type { Optimum1d } from "./optimum-1d.js";

export interface Distance1d {
  /** ‖θ₀ − θ̂‖ for the nearest optimum θ̂ found. */
  distance: number;
  /** A lower bound on the true distance (equal to `distance` when `exact`). */
  lowerBound: number;
  /** True when `distance` is the exact distance to the optimal set. */
  exact: boolean;
  /** ‖θ₀‖. */
  initNorm: number;
  /** ‖θ̂‖. */
  optimumNorm: number;
  /** The nearest optimum found (a width-m network in the optimal set). */
  nearest: Network;
  /** How it was computed. */
  method: "balanced-assignment" | "quadric-projection";
}

export interface DistanceOptions {
  /** λ > 0: enumerate side assignments when at most this many neurons could go either way (and 2^k·m ≤ 4e6). @default 16 */
  enumerateUpTo?: number;
}

const SQ2 = Math.SQRT2;

function check(opt: Optimum1d, init: Network): void {
  if (init.W.some((w) => w.length !== 1)) throw new InputError("init.W", "rows must have one entry (d = 1, no bias)");
  if (init.W.length !== init.a.length) throw new InputError("init.a", "needs one entry per row of W");
  if (!Number.isFinite(norm(init) ** 2)) throw new InputError("init", `has ‖θ₀‖² = ${norm(init) ** 2}: weights beyond f64's range, rescale the initialization`);
  if (opt.lambda > 0 && init.a.length < opt.minWidth) throw new InputError("init.a", `width ${init.a.length} cannot reach the optimum (needs m ≥ ${opt.minWidth})`);
}

/** Distance from `init` to the set of global optima `opt` (see the file comment for exactness). */
export function distanceToOptimum1d(opt: Optimum1d, init: Network, options: DistanceOptions = {}): Distance1d {
  check(opt, init);
  const r = opt.lambda > 0 ? balancedDistance(opt, init, options.enumerateUpTo ?? 16) : quadricDistance(opt, init);
  for (const k of ["distance", "lowerBound", "initNorm", "optimumNorm"] as const) {
    if (!Number.isFinite(r[k])) throw new InputError("init", `gives ${k} = ${r[k]}: weights or data beyond f64's range, rescale them`);
  }
  return r;
}

function norm(net: Network): number {
  let s = 0;
  for (let j = 0; j < net.a.length; j++) s += net.W[j][0] ** 2 + net.a[j] ** 2;
  return Math.sqrt(s);
}

/** Value R·N(c, S) for one side; -Infinity when R > 0 and S is empty. Also returns the radii. */
function sideValue(R: number, c: number[], S: number[]): { value: number; r: Map<number, number> } {
  const r = new Map<number, number>();
  if (R === 0) return { value: 0, r };
  if (S.length === 0) return { value: -Infinity, r };
  let ss = 0;
  for (const j of S) if (c[j] > 0) ss += c[j] * c[j];
  if (ss > 0) {
    const nrm = Math.sqrt(ss);
    for (const j of S) if (c[j] > 0) r.set(j, (R * c[j]) / nrm);
    return { value: R * nrm, r };
  }
  let best = S[0];
  for (const j of S) if (c[j] > c[best]) best = j;
  r.set(best, R);
  return { value: R * c[best], r };
}

function balancedDistance(opt: Optimum1d, init: Network, enumerateUpTo: number): Distance1d {
  const m = init.a.length;
  const sp = Math.sign(opt.A) || 1, sn = Math.sign(opt.B) || 1;
  const Rp = Math.sqrt(2 * Math.abs(opt.A)), Rn = Math.sqrt(2 * Math.abs(opt.B));
  const cp: number[] = [], cn: number[] = [];
  for (let j = 0; j < m; j++) {
    cp.push((init.W[j][0] + sp * init.a[j]) / SQ2);
    cn.push((-init.W[j][0] + sn * init.a[j]) / SQ2);
  }
  // neurons outside the conflict set go to the side where they help (or either; they are interchangeable
  // for an all-nonpositive side, so they are offered to both sides via `free`)
  const conflict: number[] = [], toP: number[] = [], toN: number[] = [], free: number[] = [];
  for (let j = 0; j < m; j++) {
    const p = Rp > 0 && cp[j] > 0, q = Rn > 0 && cn[j] > 0;
    if (p && q) conflict.push(j);
    else if (p) toP.push(j);
    else if (q) toN.push(j);
    else free.push(j);
  }
  const evaluate = (inP: boolean[]) => {
    const SP = [...toP], SN = [...toN];
    conflict.forEach((j, i) => (inP[i] ? SP : SN).push(j));
    // a side with no positive c takes its best free neuron (the other side does not need free neurons)
    const vp = sideValue(Rp, cp, SP.some((j) => cp[j] > 0) ? SP : [...SP, ...free]);
    const vn = sideValue(Rn, cn, SN.some((j) => cn[j] > 0) ? SN : [...SN, ...free.filter((j) => !vp.r.has(j))]);
    return { value: vp.value + vn.value, rp: vp.r, rn: vn.r };
  };
  let bestAssign: boolean[];
  let exact = true;
  let upper = -Infinity; // upper bound on the max (relaxation), when not enumerating
  const k = conflict.length;
  if (k <= Math.min(enumerateUpTo, 20) && 2 ** k * m <= 4e6) {
    bestAssign = new Array<boolean>(k).fill(true);
    let best = -Infinity;
    for (let mask = 0; mask < 1 << k; mask++) {
      const a = conflict.map((_, i) => ((mask >> i) & 1) === 1);
      const v = evaluate(a).value;
      if (v > best) {
        best = v;
        bestAssign = a;
      }
    }
  } else {
    exact = false;
    const order = conflict.map((_, i) => i).sort((i, l) => cp[conflict[l]] ** 2 / cn[conflict[l]] ** 2 - cp[conflict[i]] ** 2 / cn[conflict[i]] ** 2);
    let U0 = 0, V0 = 0;
    for (const j of toP) U0 += cp[j] ** 2;
    for (const j of toN) V0 += cn[j] ** 2;
    // in this branch every conflict neuron has c₊ > 0 and c₋ > 0, so both sides always hold a positive c
    // and the value is Rp·√U + Rn·√V: thresholds and moves are evaluated from the sums in O(1)
    const val = (U: number, V: number) => Rp * Math.sqrt(U) + Rn * Math.sqrt(V);
    const p2 = conflict.map((j) => cp[j] ** 2), q2 = conflict.map((j) => cn[j] ** 2);
    let U = U0, V = V0;
    for (const i of order) V += q2[i];
    let best = val(U, V), bestT = 0;
    upper = best;
    // thresholds: the first t conflict neurons (by ratio) on the positive side
    for (let t = 1; t <= k; t++) {
      const i = order[t - 1];
      // relaxation on the segment between thresholds t−1 and t (concave: ternary search)
      upper = Math.max(upper, segmentMax(Rp, Rn, U, V, p2[i], q2[i]));
      U += p2[i];
      V -= q2[i];
      if (val(U, V) > best) (best = val(U, V), (bestT = t));
    }
    bestAssign = new Array<boolean>(k).fill(false);
    U = U0;
    V = V0;
    for (let s = 0; s < k; s++) {
      const i = order[s];
      bestAssign[i] = s < bestT;
      if (s < bestT) U += p2[i];
      else V += q2[i];
    }
    // single-neuron moves until no improvement (a few passes at most)
    for (let improved = true, pass = 0; improved && pass < 5; pass++) {
      improved = false;
      for (let i = 0; i < k; i++) {
        const dU = bestAssign[i] ? -p2[i] : p2[i], dV = bestAssign[i] ? q2[i] : -q2[i];
        const v = val(U + dU, V + dV);
        if (v > best + 1e-15 * Math.abs(best)) {
          best = v;
          U += dU;
          V += dV;
          bestAssign[i] = !bestAssign[i];
          improved = true;
        }
      }
    }
  }
  const { value, rp, rn } = evaluate(bestAssign);
  if (!exact && upper - value <= 1e-12 * Math.abs(value)) exact = true; // the relaxation bound is attained
  const n0 = norm(init);
  const d2 = Math.max(n0 * n0 + Rp * Rp + Rn * Rn - 2 * value, 0);
  const lb2 = exact ? d2 : Math.max(n0 * n0 + Rp * Rp + Rn * Rn - 2 * Math.max(upper, value), 0);
  const W: number[][] = [], a: number[] = [];
  for (let j = 0; j < m; j++) {
    const t = (rp.get(j) ?? 0) / SQ2, u = (rn.get(j) ?? 0) / SQ2;
    if (t > 0) (W.push([t]), a.push(sp * t));
    else if (u > 0) (W.push([-u]), a.push(sn * u));
    else (W.push([0]), a.push(0));
  }
  const nearest = { W, a };
  return { distance: Math.sqrt(d2), lowerBound: Math.sqrt(lb2), exact, initNorm: n0, optimumNorm: norm(nearest), nearest, method: "balanced-assignment" };
}

/** max over s ∈ [0,1] of Rp·√(U + s·p2) + Rn·√(V − s·q2) (concave in s). */
function segmentMax(Rp: number, Rn: number, U: number, V: number, p2: number, q2: number): number {
  const g = (s: number) => Rp * Math.sqrt(Math.max(U + s * p2, 0)) + Rn * Math.sqrt(Math.max(V - s * q2, 0));
  let lo = 0, hi = 1;
  for (let it = 0; it < 100; it++) {
    const m1 = lo + (hi - lo) / 3, m2 = hi - (hi - lo) / 3;
    if (g(m1) < g(m2)) lo = m1;
    else hi = m2;
  }
  return Math.max(g(0), g(1), g((lo + hi) / 2));
}

/** Projection onto {Σ_{j∈S} aⱼwⱼ = target} for the neurons S of one side, holding sign changes at w = 0. */
function projectSide(S: number[], sign: 1 | -1, target: number, W: number[], a: number[], W0: number[], a0: number[]): boolean {
  let active = [...S];
  let held = false;
  for (let round = 0; round <= S.length; round++) {
    // in u = (s·w + a)/√2, v = (s·w − a)/√2 (s = side sign, s·w = |w|): a·|w| = (u² − v²)/2
    let su = 0, sv = 0;
    for (const j of active) {
      su += (sign * W0[j] + a0[j]) ** 2 / 2;
      sv += (sign * W0[j] - a0[j]) ** 2 / 2;
    }
    const c = 2 * target;
    const h = (mu: number) => su / (1 + mu) ** 2 - sv / (1 - mu) ** 2 - c;
    let lo = -1, hi = 1;
    for (let it = 0; it < 200; it++) {
      const mid = (lo + hi) / 2;
      if (h(mid) > 0) lo = mid;
      else hi = mid;
    }
    const mu = (lo + hi) / 2;
    const flips: number[] = [];
    for (const j of active) {
      const w = (sign * W0[j] - mu * a0[j]) / (1 - mu * mu);
      const aa = (a0[j] - mu * sign * W0[j]) / (1 - mu * mu);
      W[j] = sign * w;
      a[j] = aa;
      if (!(w > 0)) flips.push(j);
    }
    if (flips.length === 0) return held;
    held = true;
    for (const j of flips) {
      W[j] = 0;
      a[j] = a0[j];
    }
    active = active.filter((j) => !flips.includes(j));
    if (active.length === 0) return held;
  }
  return held;
}

function quadricDistance(opt: Optimum1d, init: Network): Distance1d {
  const m = init.a.length;
  const W0 = init.W.map((w) => w[0]), a0 = [...init.a];
  const W = [...W0], a = [...a0];
  const P: number[] = [], N: number[] = [];
  for (let j = 0; j < m; j++) (W0[j] > 0 ? P : W0[j] < 0 ? N : []).push(j);
  if (!opt.pos.free) projectSide(P, 1, opt.A, W, a, W0, a0);
  if (!opt.neg.free) projectSide(N, -1, opt.B, W, a, W0, a0);
  let d2 = 0;
  for (let j = 0; j < m; j++) d2 += (W[j] - W0[j]) ** 2 + (a[j] - a0[j]) ** 2;
  const nearest = { W: W.map((w) => [w]), a };
  // A side whose target is unreachable (no neuron left) yields a point off the set: report NaN.
  const got = (s: 1 | -1) => W.reduce((acc, w, j) => acc + (s * w > 0 ? a[j] * Math.abs(w) : 0), 0);
  const ok = (opt.pos.free || Math.abs(got(1) - opt.A) <= 1e-9 * (1 + Math.abs(opt.A))) && (opt.neg.free || Math.abs(got(-1) - opt.B) <= 1e-9 * (1 + Math.abs(opt.B)));
  const dist = ok ? Math.sqrt(d2) : NaN;
  return { distance: dist, lowerBound: 0, exact: false, initNorm: norm(init), optimumNorm: norm(nearest), nearest, method: "quadric-projection" };
}
