// Sets of signed activation patterns (sᵢ, Dᵢ): the variables of the convex program. Bits are kept as
// a count×n 0/1 array (the core's layout); a network's neurons map to their signed patterns here.
import type { CoreExports } from "../core/loader.js";
import type { Data } from "../api/data.js";
import { type Network, signedPatternKeys } from "../api/network.js";
import { jsonArrays } from "../api/json-arrays.js";
import { enumeratePatterns, isGeneralPosition, patternCountFormula, type PatternSet } from "../api/patterns.js";
import { InputError } from "../api/errors.js";

/** The most memory the stored signed patterns of a program may take. */
const STORED_PATTERN_BYTES = 1.5 * 2 ** 30;

/**
 * Why the signed patterns of n samples in d dimensions cannot be stored (every one is held as n
 * bytes, in JS and in the core, and once more while enumerating: 3 bytes a sample each), or
 * undefined when they fit in STORED_PATTERN_BYTES.
 */
export function storedPatternsTooLarge(n: number, d: number): string | undefined {
  const cells = patternCountFormula(n, d), bytes = 2 * cells * n * 3;
  if (bytes <= STORED_PATTERN_BYTES) return undefined;
  return `n=${n}, d=${d}: up to ${(2 * cells).toExponential(2)} signed patterns of ${n} bytes each need about ${(bytes / 2 ** 30).toFixed(1)} GiB to store, more than the limit of ${(STORED_PATTERN_BYTES / 2 ** 30).toFixed(1)} GiB`;
}

/** A set of signed patterns (sᵢ, Dᵢ). */
export interface SignedPatterns {
  count: number;
  /** count×n, row-major, 0/1. */
  bits: Uint8Array;
  /** count entries, +1 or −1. */
  signs: Float64Array;
}

/** Subset of signed patterns by indices. */
export function subset(sp: SignedPatterns, n: number, idx: number[]): SignedPatterns {
  const bits = new Uint8Array(idx.length * n);
  const signs = new Float64Array(idx.length);
  idx.forEach((i, c) => {
    bits.set(sp.bits.subarray(i * n, (i + 1) * n), c * n);
    signs[c] = sp.signs[i];
  });
  return jsonArrays({ count: idx.length, bits, signs });
}

/**
 * A growing set of distinct signed patterns (the patterns a streamed solve meets: its working sets and
 * candidates), addressed by stable indices; bits and signs are views of the current contents.
 */
export class PatternPool implements SignedPatterns {
  count = 0;
  private buf: Uint8Array;
  private sg: Float64Array;
  private readonly keys = new Map<string, number>();

  constructor(readonly n: number, capacity = 64) {
    this.buf = new Uint8Array(capacity * n);
    this.sg = new Float64Array(capacity);
  }

  get bits(): Uint8Array {
    return this.buf.subarray(0, this.count * this.n);
  }

  get signs(): Float64Array {
    return this.sg.subarray(0, this.count);
  }

  /** The index of the signed pattern (sign, bits), added when new. */
  add(bits: ArrayLike<number>, sign: number): number {
    const { n } = this;
    let key = sign > 0 ? "+" : "-";
    for (let k = 0; k < n; k += 16) {
      let c = 0;
      for (let b = 0; b < 16 && k + b < n; b++) if (bits[k + b]) c |= 1 << b;
      key += String.fromCharCode(c);
    }
    const at = this.keys.get(key);
    if (at !== undefined) return at;
    if (this.count === this.sg.length) {
      const nb = new Uint8Array(2 * this.sg.length * n), ns = new Float64Array(2 * this.sg.length);
      nb.set(this.buf); ns.set(this.sg);
      this.buf = nb; this.sg = ns;
    }
    const i = this.count++;
    for (let k = 0; k < n; k++) this.buf[i * n + k] = bits[k] ? 1 : 0;
    this.sg[i] = sign > 0 ? 1 : -1;
    this.keys.set(key, i);
    return i;
  }

  /** A plain copy of the contents. */
  snapshot(): SignedPatterns {
    return jsonArrays({ count: this.count, bits: this.bits.slice(), signs: this.signs.slice() });
  }
}

/** How completeness of an enumeration was checked at run time. */
export interface CompletenessCheck {
  /** Realizable patterns found (cells of the arrangement, the empty pattern included). */
  count: number;
  /** Cover's count 2·Σ_{k<d} C(n−1, k): the most any X (n×d) can have, reached exactly in general position. */
  formula: number;
  /**
   * `cover`: count = Cover's count, so nothing is missing (no X has more); `degenerate`: X is not in
   * general position, where fewer cells are expected and the count cannot be checked against Cover's
   * (the enumeration handles such X exactly, every witness verified against X).
   */
  check: "cover" | "degenerate";
}

/**
 * Every realizable non-empty activation pattern of data.X, with both signs, and its completeness
 * check: a count equal to Cover's is complete; a smaller one must come with X not in general
 * position, else the enumeration missed cells and this throws (a certificate over it would be wrong).
 */
export async function allSignedPatterns(data: Data, maxPatterns = 1e6, core?: CoreExports): Promise<SignedPatterns & { completeness: CompletenessCheck }> {
  const big = patternCountFormula(data.n, data.d) <= maxPatterns ? storedPatternsTooLarge(data.n, data.d) : undefined;
  if (big) throw new InputError("maxPatterns", `${big}: use fewer samples or dimensions`);
  const set = await enumeratePatterns(data, { maxPatterns, core, witnesses: false });
  let check: CompletenessCheck["check"] = "cover";
  if (set.count !== set.formula) {
    const gp = set.count < set.formula ? await isGeneralPosition(data, { core, maxSubsets: Infinity }) : true;
    if (gp) throw new Error(`pattern enumeration incomplete: ${set.count} cells found for X (n=${data.n}, d=${data.d}) in general position, where Cover's count is ${set.formula}; a certificate over them would not be valid (please report this data)`);
    check = "degenerate";
  }
  return { ...signedPatternsOf(set), completeness: { count: set.count, formula: set.formula, check } };
}

/** The non-empty patterns of an enumeration, with both signs. */
export function signedPatternsOf(set: PatternSet): SignedPatterns {
  const { n } = set;
  const rows: number[] = [];
  for (let c = 0; c < set.count; c++) if (set.patterns.subarray(c * n, (c + 1) * n).some((v) => v !== 0)) rows.push(c);
  const bits = new Uint8Array(2 * rows.length * n);
  const signs = new Float64Array(2 * rows.length);
  rows.forEach((c, q) => {
    for (const s of [0, 1]) {
      bits.set(set.patterns.subarray(c * n, (c + 1) * n), (2 * q + s) * n);
      signs[2 * q + s] = s === 0 ? 1 : -1;
    }
  });
  return jsonArrays({ count: signs.length, bits, signs });
}

/** The distinct signed patterns (sign(aⱼ), 1[Xwⱼ > 0]) of a network's active neurons. */
export function networkSignedPatterns(data: Data, net: Network): SignedPatterns {
  const keys = [...signedPatternKeys(net, data)];
  const { n } = data;
  const bits = new Uint8Array(keys.length * n);
  const signs = new Float64Array(keys.length);
  keys.forEach((key, i) => {
    signs[i] = key[0] === "-" ? -1 : 1;
    for (let k = 0; k < n; k++) bits[i * n + k] = key.charCodeAt(2 + k) === 49 ? 1 : 0;
  });
  return jsonArrays({ count: keys.length, bits, signs });
}
