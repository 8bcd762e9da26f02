// The per-sample data losses, one copy for the trainer (train.ts), the path losses (paths.ts) and the
// convex solver (convex.ts): ℓ(f, y) = (f − y)² or log(1 + e^{−y·f}), with derivatives in f.

/** log(1 + eᵐ) without overflow. */
// @ts-ignore: decorator
@inline export function softplus(m: f64): f64 { return m > 0 ? m + Math.log1p(Math.exp(-m)) : Math.log1p(Math.exp(m)); }

/** ℓ(f, y): (f − y)² or log(1 + e^{−y·f}). */
// @ts-ignore: decorator
@inline export function lossAt(logistic: bool, f: f64, y: f64): f64 {
  if (logistic) return softplus(-y * f);
  const e = f - y;
  return e * e;
}

/** ∂ℓ/∂f: 2(f − y) or −y·σ(−y·f) = −y/(1 + e^{y·f}). */
// @ts-ignore: decorator
@inline export function lossGrad(logistic: bool, f: f64, y: f64): f64 {
  if (logistic) return -y / (1.0 + Math.exp(y * f));
  return 2.0 * (f - y);
}

/** ∂²ℓ/∂f²: 2 or y²·σ(m)·σ(−m), m = −y·f. */
// @ts-ignore: decorator
@inline export function lossCurv(logistic: bool, f: f64, y: f64): f64 {
  if (!logistic) return 2.0;
  const sg = 1.0 / (1.0 + Math.exp(y * f));
  return y * y * sg * (1 - sg);
}
