// The one seeded generator of relu-landscape: xoshiro256** seeded by splitmix64. Its state is 4 u64
// words at a pointer the host owns (RNG_BYTES bytes), so any number of independent streams can live
// in one instance. Normal draws use Box–Muller with AssemblyScript's own Math (compiled into the
// module), so the same seed gives bit-identical numbers in every engine.

export const RNG_BYTES: i32 = 32;

// @ts-ignore: decorator
@inline function rotl(x: u64, k: u64): u64 {
  return (x << k) | (x >> (64 - k));
}

/** Seeds the state at `s` from a seed given as two 32-bit halves (JS numbers stay exact). */
export function rngSeed(s: usize, seedHi: u32, seedLo: u32): void {
  let z: u64 = ((<u64>seedHi) << 32) | <u64>seedLo;
  for (let i = 0; i < 4; i++) {
    z += 0x9e3779b97f4a7c15;
    let t = z;
    t = (t ^ (t >> 30)) * 0xbf58476d1ce4e5b9;
    t = (t ^ (t >> 27)) * 0x94d049bb133111eb;
    store<u64>(s + (<usize>i << 3), t ^ (t >> 31));
  }
}

/** Next 64 random bits. */
export function rngNext(s: usize): u64 {
  const s0 = load<u64>(s), s1 = load<u64>(s, 8), s2 = load<u64>(s, 16), s3 = load<u64>(s, 24);
  const result = rotl(s1 * 5, 7) * 9;
  const t = s1 << 17;
  let n2 = s2 ^ s0;
  let n3 = s3 ^ s1;
  const n1 = s1 ^ n2;
  const n0 = s0 ^ n3;
  n2 ^= t;
  n3 = rotl(n3, 45);
  store<u64>(s, n0);
  store<u64>(s, n1, 8);
  store<u64>(s, n2, 16);
  store<u64>(s, n3, 24);
  return result;
}

/** Uniform in [0, 1) with 53 random bits. */
export function rngUniform(s: usize): f64 {
  return <f64>(rngNext(s) >> 11) * 1.1102230246251565e-16;
}

/** Uniform integer in [0, k), unbiased (rejection). */
export function rngBelow(s: usize, k: u32): u32 {
  const kk = <u64>k;
  const limit = (0xffffffffffffffff - kk + 1) % kk; // 2^64 mod k
  let r = rngNext(s);
  while (r < limit) r = rngNext(s);
  return <u32>(r % kk);
}

/** Standard normal (Box–Muller, cosine branch). */
export function rngNormal(s: usize): f64 {
  const u1 = 1.0 - rngUniform(s); // (0, 1]
  const u2 = rngUniform(s);
  return Math.sqrt(-2.0 * Math.log(u1)) * Math.cos(6.283185307179586 * u2);
}

/** Fills `count` f64 at `out` with N(0, sd²) draws. */
export function rngFillNormal(s: usize, out: usize, count: i32, sd: f64): void {
  for (let i = 0; i < count; i++) store<f64>(out + (<usize>i << 3), sd * rngNormal(s));
}

/** Fills `count` f64 at `out` with uniform draws in [lo, hi). */
export function rngFillUniform(s: usize, out: usize, count: i32, lo: f64, hi: f64): void {
  for (let i = 0; i < count; i++) store<f64>(out + (<usize>i << 3), lo + (hi - lo) * rngUniform(s));
}

/** Writes a uniformly random permutation of 0..n-1 (i32) at `out` (Fisher–Yates). */
export function rngPermutation(s: usize, out: usize, n: i32): void {
  for (let i = 0; i < n; i++) store<i32>(out + (<usize>i << 2), i);
  for (let i = n - 1; i > 0; i--) {
    const j = <i32>rngBelow(s, <u32>(i + 1));
    const pi = out + (<usize>i << 2), pj = out + (<usize>j << 2);
    const t = load<i32>(pi);
    store<i32>(pi, load<i32>(pj));
    store<i32>(pj, t);
  }
}
