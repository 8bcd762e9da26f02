// Powers of two and exponents, exact, and a norm that neither overflows nor underflows: the one
// TypeScript copy (the solver's scaling, convex/scale.ts; the enumeration's row conditioning,
// api/patterns.ts; the crossover and the optimum's checks).

/** 2^k (exact for −1074 ≤ k ≤ 1023). */
export function pow2(k: number): number {
  return k > 1000 ? 2 ** 1000 * 2 ** (k - 1000) : k < -1000 ? 2 ** -1000 * 2 ** (k + 1000) : 2 ** k;
}

/** The exponent e with 2^e ≤ |x| < 2^(e+1) (x finite, ≠ 0). */
export function exponentOf(x: number): number {
  let e = Math.floor(Math.log2(Math.abs(x)));
  // log2 may round across a power of two: fix by comparison
  while (pow2(e) > Math.abs(x)) e--;
  while (pow2(e + 1) <= Math.abs(x)) e++;
  return e;
}

/** ‖v‖ without overflow or underflow in the squares. */
export function safeNorm(v: ArrayLike<number>, from = 0, to = v.length): number {
  let mx = 0;
  for (let i = from; i < to; i++) mx = Math.max(mx, Math.abs(v[i]));
  if (mx === 0 || !Number.isFinite(mx)) return mx;
  // scaled to [1, 2), or by 2^1000 when mx is below 2^−1000 (2^−e would overflow for subnormal mx;
  // the squares, ≥ 2^−148, stay normal)
  const e = Math.max(exponentOf(mx), -1000), c = pow2(-e);
  let s = 0;
  for (let i = from; i < to; i++) { const t = v[i] * c; s += t * t; }
  return Math.sqrt(s) * pow2(e);
}
