// The host side of the one seeded generator (assembly/rng.ts): every random draw of the package goes
// through it, so a seed gives the same numbers in Node and in any browser.
import type { CoreExports } from "./loader.js";
import { f64View, i32View } from "./memory.js";

const RNG_BYTES = 32;

/** Splits a non-negative integer seed (< 2^53) into the two 32-bit halves the core takes. */
export function seedHalves(seed: number): [number, number] {
  const hi = Math.floor(seed / 2 ** 32);
  return [hi >>> 0, (seed - hi * 2 ** 32) >>> 0];
}

/** A seeded stream of random numbers living in the core's memory. Call `dispose()` when done. */
export class Rng {
  readonly state: number;
  private scratch = 0;
  private scratchLen = 0;
  constructor(readonly core: CoreExports, seed: number) {
    this.state = core.alloc(RNG_BYTES);
    const [hi, lo] = seedHalves(seed);
    core.rngSeed(this.state, hi, lo);
  }
  private buffer(bytes: number): number {
    if (bytes > this.scratchLen) {
      if (this.scratch) this.core.free(this.scratch);
      this.scratch = this.core.alloc(bytes);
      this.scratchLen = bytes;
    }
    return this.scratch;
  }
  /** `count` draws from N(0, sd²). */
  normal(count: number, sd = 1): Float64Array {
    const p = this.buffer(count * 8);
    this.core.rngFillNormal(this.state, p, count, sd);
    return f64View(this.core, p, count).slice();
  }
  /** `count` draws uniform in [lo, hi). */
  uniform(count: number, lo = 0, hi = 1): Float64Array {
    const p = this.buffer(count * 8);
    this.core.rngFillUniform(this.state, p, count, lo, hi);
    return f64View(this.core, p, count).slice();
  }
  /** A uniformly random permutation of 0..n-1. */
  permutation(n: number): Int32Array {
    const p = this.buffer(n * 4);
    this.core.rngPermutation(this.state, p, n);
    return i32View(this.core, p, n).slice();
  }
  /** An integer uniform in [0, k). */
  below(k: number): number {
    return Math.min(k - 1, Math.floor(this.uniform(1)[0] * k));
  }
  /** [cos t₀, sin t₀, cos t₁, …] computed in the core: the same bits in every engine. */
  cosSin(t: ArrayLike<number>): Float64Array {
    const count = t.length;
    const p = this.buffer(count * 24);
    f64View(this.core, p, count).set(t);
    this.core.cosSin(p, count, p + count * 8);
    return f64View(this.core, p + count * 8, 2 * count).slice();
  }
  dispose(): void {
    if (this.scratch) this.core.free(this.scratch);
    this.core.free(this.state);
  }
}
