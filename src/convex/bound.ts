// Certified lower bounds on the program from any dual point r ∈ Rⁿ.
//
// Duality. Write the data term with the Fenchel conjugate of each sample's loss φₖ(p) = ℓ(p, yₖ):
// φₖ(p) = sup_v (v·p − φₖ*(v)); with v = −n·rₖ, (1/n)Σₖφₖ(pₖ) = sup_r [−rᵀp − (1/n)Σₖφₖ*(−n·rₖ)]. Then,
// for every r and every feasible uᵢ (p = Σ sᵢDᵢXuᵢ),
//   (1/n)Σφₖ(pₖ) + βΣ‖uᵢ‖ ≥ g(r) + Σᵢ (β‖uᵢ‖ − sᵢ·rᵀDᵢXuᵢ) ≥ g(r)   when σᵢ(r) ≤ β for every i,
// with g(r) = −(1/n)Σₖφₖ*(−n·rₖ) and σᵢ(r) = max_{u∈Kᵢ, ‖u‖≤1} sᵢ·rᵀDᵢXu (the projection norm of
// cone.ts). So any r with max σᵢ ≤ β gives P(S) ≥ g(r); σ is positively homogeneous, so c·r with
// c ≤ β/max σᵢ is feasible, and the bound is max over such c of g(c·r).
//  - squared, φ(p) = (p − y)²: φ*(v) = v·y + v²/4, so g(r) = rᵀy − (n/4)‖r‖² (maximized over c in
//    closed form, c = 2rᵀy/(n‖r‖²)). At the optimum r = (2/n)(y − p).
//  - logistic, φ(p) = log(1 + e^{−y·p}) = h(−y·p) with h(z) = log(1 + eᶻ), h*(q) = q·log q +
//    (1 − q)·log(1 − q) on [0, 1]: φ*(v) = h*(−v/y) (y ≠ 0), so with qₖ = n·rₖ/yₖ ∈ [0, 1]
//    g(r) = (1/n)Σₖ H(qₖ), H(q) = −q·log q − (1 − q)·log(1 − q) the binary entropy (nats); for yₖ = 0
//    φₖ ≡ log 2, rₖ must be 0 and the term is log 2. g(c·r) is concave in c (maximized by golden
//    section on c ∈ [0, min(β/max σᵢ, 1/max qₖ)]). At the optimum r = yσ(−y·p)/n, q = σ(−y·p).
// In general r = −φ'(f)/n at the network's outputs f (dualPointOf), exact at the optimum.
//
// Rounding. σ̄ᵢ ≥ σᵢ(r) exactly (cone.ts); c is chosen with c·σ̄ ≤ β after its own rounding; and g is
// evaluated with a rounding bound subtracted (|fl(Σ) − Σ| ≤ γₘΣ|terms| for the sums, a relative 64u
// on each entropy term), so the result is a lower bound on P(S) in exact arithmetic.
import type { ResolvedSettings } from "./settings.js";

const U = 2 ** -53, ETA = 2 ** -1074;
const gamma = (m: number) => (m * U) / (1 - m * U);

/** The dual point of outputs f: r = −φ'(f)/n (exact at the program's optimum). */
export function dualPointOf(s: Pick<ResolvedSettings, "loss">, y: ArrayLike<number>, f: ArrayLike<number>): Float64Array {
  const n = y.length;
  const r = new Float64Array(n);
  for (let k = 0; k < n; k++) {
    if (s.loss === "squared") r[k] = (2 / n) * (y[k] - f[k]);
    else {
      const m = -y[k] * f[k];
      r[k] = y[k] / (1 + Math.exp(-m)) / n; // y·σ(−y·f)/n
    }
  }
  return r;
}

/** r moved into the domain of the conjugate (logistic: 0 ≤ n·rₖ/yₖ ≤ 1, rₖ = 0 where yₖ = 0). */
export function dualDomain(s: Pick<ResolvedSettings, "loss">, y: ArrayLike<number>, r: ArrayLike<number>): Float64Array {
  const out = Float64Array.from(r, (v) => (Number.isFinite(v) ? v : 0));
  if (s.loss === "logistic") {
    const n = y.length;
    for (let k = 0; k < n; k++) {
      if (y[k] === 0 || out[k] * y[k] < 0) out[k] = 0;
      else if (Math.abs(out[k]) > Math.abs(y[k]) / n) out[k] = y[k] / n;
    }
  }
  return out;
}

/** H(q) = −q log q − (1 − q) log(1 − q) for q ∈ [0, 1]. */
function entropy(q: number): number {
  if (q <= 0 || q >= 1) return 0;
  return -q * Math.log(q) - (1 - q) * Math.log1p(-q);
}

/** A lower bound (exact arithmetic) on g(c·r) for c ≥ 0 with c·r in the conjugate's domain. */
function dualValueLower(s: Pick<ResolvedSettings, "loss">, y: ArrayLike<number>, r: ArrayLike<number>, c: number): number {
  const n = y.length;
  if (s.loss === "squared") {
    let ry = 0, ary = 0, rr = 0;
    for (let k = 0; k < n; k++) { const p = r[k] * y[k]; ry += p; ary += Math.abs(p); rr += r[k] * r[k]; }
    const ryLo = ry - gamma(n + 1) * ary * (1 + 4 * U) - (n + 1) * ETA;
    const rrHi = rr * (1 + gamma(n + 2)) + (n + 1) * ETA;
    const t1 = c * ryLo, t2 = (n / 4) * c * c * rrHi;
    return t1 - t2 - 8 * U * (Math.abs(t1) + t2) - 4 * ETA;
  }
  // each term: 64u relative for the logs, plus |H'(q)|·δq for the rounding δq ≤ 4u·q of q itself
  let sum = 0, margin = 0;
  for (let k = 0; k < n; k++) {
    if (y[k] === 0) { sum += Math.LN2; margin += 64 * U * Math.LN2; continue; }
    const q = c * n * (r[k] / y[k]);
    const h = entropy(q);
    sum += h;
    margin += 64 * U * h + (q > 0 && q < 1 ? 4 * U * q * Math.abs(Math.log((1 - q) / q)) : 0) + ETA;
  }
  return (sum - gamma(n + 1) * sum - margin) / n * (1 - 4 * U) - ETA;
}

/** g(c·r) as computed (no rounding bound): the objective the scale c is chosen by. */
function dualValue(s: Pick<ResolvedSettings, "loss">, y: ArrayLike<number>, r: ArrayLike<number>, c: number): number {
  const n = y.length;
  let sum = 0;
  for (let k = 0; k < n; k++) sum += y[k] === 0 ? Math.LN2 : entropy(c * n * (r[k] / y[k]));
  return sum / n;
}

/**
 * The certified bound of r given σ̄ ≥ max σᵢ(r): the best feasible scale c and a lower bound on
 * g(c·r) (see above). r must lie in the conjugate's domain (dualDomain).
 */
export function boundFromSigma(s: Pick<ResolvedSettings, "loss" | "beta">, y: ArrayLike<number>, r: ArrayLike<number>, sigmaMax: number): { bound: number; scale: number } {
  const n = y.length;
  // the largest feasible scale, rounded down so that c·σ̄ ≤ β holds exactly
  let cmax = sigmaMax > 0 ? (s.beta / sigmaMax) * (1 - 4 * U) : Infinity;
  if (!(cmax >= 0)) cmax = 0;
  let c: number;
  if (s.loss === "squared") {
    let ry = 0, rr = 0;
    for (let k = 0; k < n; k++) { ry += r[k] * y[k]; rr += r[k] * r[k]; }
    c = rr > 0 ? Math.max(0, Math.min(cmax, (2 * ry) / (n * rr))) : 0;
  } else {
    let qmax = 0;
    for (let k = 0; k < n; k++) if (y[k] !== 0) qmax = Math.max(qmax, n * (r[k] / y[k]));
    const hi = Math.min(cmax, qmax > 0 ? (1 / qmax) * (1 - 8 * U) : 0);
    // golden section on the concave g(c·r) over [0, hi]
    let lo = 0, up = hi;
    const phi = (Math.sqrt(5) - 1) / 2;
    let c1 = up - phi * (up - lo), c2 = lo + phi * (up - lo);
    let g1 = dualValue(s, y, r, c1), g2 = dualValue(s, y, r, c2);
    for (let it = 0; it < 80 && up - lo > 1e-15 * hi; it++) {
      if (g1 < g2) { lo = c1; c1 = c2; g1 = g2; c2 = lo + phi * (up - lo); g2 = dualValue(s, y, r, c2); }
      else { up = c2; c2 = c1; g2 = g1; c1 = up - phi * (up - lo); g1 = dualValue(s, y, r, c1); }
    }
    c = hi > 0 ? (g1 > g2 ? c1 : c2) : 0;
    // the end point when g still rises there (H is maximal at q = 1/2, often beyond hi)
    if (hi > 0 && dualValue(s, y, r, hi) >= Math.max(g1, g2)) c = hi;
  }
  if (!Number.isFinite(c)) c = 0;
  return { bound: dualValueLower(s, y, r, c), scale: c };
}
