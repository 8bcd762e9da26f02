// Small helpers shared by tests: a deterministic data generator independent of the package's own
// generator (so tests do not assume what they check), and comparison utilities.

/** Park–Miller LCG based normal-ish generator: deterministic, independent of the package. */
export function lcg(seed: number): () => number {
  let s = seed % 2147483647;
  if (s <= 0) s += 2147483646;
  return () => {
    s = (s * 16807) % 2147483647;
    return (s - 1) / 2147483646;
  };
}

export function gaussian(rand: () => number): number {
  return Math.sqrt(-2 * Math.log(1 - rand())) * Math.cos(2 * Math.PI * rand());
}

export function randomMatrix(rows: number, cols: number, seed: number, scale = 1): number[][] {
  const r = lcg(seed);
  return Array.from({ length: rows }, () => Array.from({ length: cols }, () => scale * gaussian(r)));
}

export function randomVector(len: number, seed: number, scale = 1): number[] {
  const r = lcg(seed);
  return Array.from({ length: len }, () => scale * gaussian(r));
}

/** Max |a−b| / max(|b|, floor) over nested arrays. */
export function maxRelDiff(a: number[] | number[][], b: number[] | number[][], floor = 1e-300): number {
  const fa = (a as unknown[]).flat(2) as number[];
  const fb = (b as unknown[]).flat(2) as number[];
  if (fa.length !== fb.length) return Infinity;
  let m = 0;
  for (let i = 0; i < fa.length; i++) m = Math.max(m, Math.abs(fa[i] - fb[i]) / Math.max(Math.abs(fb[i]), floor));
  return m;
}

/** Max |a−b| / max‖b‖∞ (relative to the scale of the whole array). */
export function relErr(a: number[] | number[][], b: number[] | number[][]): number {
  const fa = (a as unknown[]).flat(2) as number[];
  const fb = (b as unknown[]).flat(2) as number[];
  if (fa.length !== fb.length) return Infinity;
  const scale = Math.max(...fb.map(Math.abs), 1e-300);
  let m = 0;
  for (let i = 0; i < fa.length; i++) m = Math.max(m, Math.abs(fa[i] - fb[i]));
  return m / scale;
}

/** The fixtures of an independent float64 implementation (copied from shared/fixtures, see its README). */
export const FIXTURES = new URL("./fixtures", import.meta.url).pathname;
