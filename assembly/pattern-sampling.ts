// Samplers of activation patterns and their coverage, and the signed patterns of a network's neurons.
// Sampler kinds:
//   0 uniform over an enumeration (a handle of patternsEnumerate): every realizable pattern 1/N;
//   1 Gaussian neuron: the pattern 1[Xw > 0] of w ~ N(0, I_d);
//   2 uniform over the realizable patterns without enumerating: a uniformly random 0/1 vector over the
//     nonzero rows, accepted when realizable (lp.ts), else drawn again (at most maxTries draws).
// Signed: a sign s = ±1 (probability ½ each) drawn after the pattern; unsigned: s = +1.
// A signed pattern is keyed by its n bits plus bit n set when s = −1.
import { CellList, listNew, listFree, listAdd, listFind, keyAt, witAt, setBit, getBit, zalloc } from "./cell-list";
import { rngNext, rngNormal, rngBelow } from "./rng";
import { realizable } from "./lp";
import { dot, norm } from "./linalg";

/** Draws one pattern into bits (u8 per row) and w; returns false when rejection ran out of tries. */
function drawPattern(kind: i32, X: usize, n: i32, d: i32, h: usize, rng: usize, maxTries: i32, bits: usize, w: usize): bool {
  if (kind == 0) {
    const l = changetype<CellList>(h);
    const c = <i32>rngBelow(rng, <u32>l.count);
    const k = keyAt(l, c);
    for (let i = 0; i < n; i++) store<u8>(bits + <usize>i, getBit(k, i) ? 1 : 0);
    memory.copy(w, witAt(l, c), <usize>d * 8);
    return true;
  }
  if (kind == 1) {
    for (let j = 0; j < d; j++) store<f64>(w + (<usize>j << 3), rngNormal(rng));
    for (let i = 0; i < n; i++) store<u8>(bits + <usize>i, dot(X + <usize>(i * d) * 8, w, d) > 0 ? 1 : 0);
    return true;
  }
  for (let t = 0; t < maxTries; t++) {
    let r: u64 = 0;
    for (let i = 0; i < n; i++) {
      if ((i & 63) == 0) r = rngNext(rng);
      const zero = norm(X + <usize>(i * d) * 8, d) == 0;
      store<u8>(bits + <usize>i, zero ? 0 : <u8>(r & 1));
      r >>= 1;
    }
    if (realizable(X, n, d, bits, w)) return true;
  }
  return false;
}

/**
 * Draws m patterns of the given kind: bits (m×n u8), signs (m f64, ±1), witnesses (m×d f64).
 * Returns m, or the number drawn before rejection ran out of tries.
 */
export function patternsSample(kind: i32, X: usize, n: i32, d: i32, h: usize, rng: usize, m: i32, signed: i32, maxTries: i32, tol: f64, outBits: usize, outSigns: usize, outWits: usize): i32 {
  for (let j = 0; j < m; j++) {
    if (!drawPattern(kind, X, n, d, h, rng, maxTries, outBits + <usize>(j * n), outWits + <usize>(j * d) * 8)) return j;
    store<f64>(outSigns + (<usize>j << 3), signed != 0 && (rngNext(rng) & 1) != 0 ? -1.0 : 1.0);
  }
  return m;
}

/**
 * Coverage by simulation: for each of `trials` trials, draws m (signed) patterns and writes how many
 * distinct ones were hit to outCounts (f64 per trial). Returns 0, or -1 when rejection ran out of tries.
 */
export function patternsCoverage(kind: i32, X: usize, n: i32, d: i32, h: usize, rng: usize, m: i32, signed: i32, trials: i32, maxTries: i32, tol: f64, outCounts: usize): i32 {
  const words = (n + 64) >> 6; // n bits plus the sign bit
  const bits = zalloc(<usize>n), w = zalloc(<usize>d * 8), key = zalloc(<usize>words * 8);
  let status = 0;
  for (let t = 0; t < trials && status == 0; t++) {
    const seen = listNew(words, 0, m < 16 ? 16 : m);
    for (let j = 0; j < m; j++) {
      if (!drawPattern(kind, X, n, d, h, rng, maxTries, bits, w)) { status = -1; break; }
      memory.fill(key, 0, <usize>words * 8);
      for (let i = 0; i < n; i++) if (load<u8>(bits + <usize>i) != 0) setBit(key, i);
      if (signed != 0 && (rngNext(rng) & 1) != 0) setBit(key, n);
      listAdd(seen, key);
    }
    store<f64>(outCounts + (<usize>t << 3), <f64>seen.count);
    listFree(seen);
  }
  heap.free(bits); heap.free(w); heap.free(key);
  return status;
}

/**
 * The signed patterns of a network's neurons (W m×d row-major, a m): writes for each neuron the index
 * of its distinct signed pattern (order of first appearance) to outClass (i32), or -1 when activeOnly
 * and the neuron is inactive (aⱼ = 0 or an all-zero pattern). sign(0) counts as +. Returns the number
 * of distinct signed patterns.
 */
export function patternsOfNeurons(X: usize, n: i32, d: i32, W: usize, a: usize, m: i32, activeOnly: i32, outClass: usize): i32 {
  const words = (n + 64) >> 6;
  const key = zalloc(<usize>words * 8);
  const seen = listNew(words, 0, 16);
  for (let j = 0; j < m; j++) {
    memory.fill(key, 0, <usize>words * 8);
    const wj = W + <usize>(j * d) * 8;
    let any = false;
    for (let i = 0; i < n; i++) {
      if (dot(X + <usize>(i * d) * 8, wj, d) > 0) { setBit(key, i); any = true; }
    }
    const aj = load<f64>(a + (<usize>j << 3));
    if (activeOnly != 0 && (aj == 0 || !any)) { store<i32>(outClass + (<usize>j << 2), -1); continue; }
    if (aj < 0) setBit(key, n);
    let c = listAdd(seen, key);
    if (c < 0) c = listFind(seen, key);
    store<i32>(outClass + (<usize>j << 2), c);
  }
  const count = seen.count;
  listFree(seen);
  heap.free(key);
  return count;
}

