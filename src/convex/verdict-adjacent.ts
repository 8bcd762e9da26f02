// The patterns next to a network (verdict.ts: "Adjacent patterns") and the certified lower bounds the
// local-minimum certificate rests on.
import type { CoreExports } from "../core/loader.js";
import type { Data } from "../api/data.js";
import { type Network, preActivations, rowNorms, signedPatternKey } from "../api/network.js";
import { enumeratePatterns, patternCountFormula } from "../api/patterns.js";
import { ConvexSolver } from "./program.js";
import { certifiedBound } from "./optimum.js";
import type { ResolvedSettings } from "./settings.js";
import type { SignedPatterns } from "./signed-patterns.js";
import { boundFromSigma, dualDomain } from "./bound.js";
import { kinkRows } from "./verdict-objective.js";

export interface Adjacency {
  S: SignedPatterns;
  /** For each neuron, the indices into S of its adjacent signed patterns. */
  ofNeuron: number[][];
  /** Neurons each pattern of S is adjacent to. */
  neurons: number[][];
  radius: number;
  /** Some neuron has w = 0 (then every pattern is adjacent). */
  freeNeuron: boolean;
  /** Neurons with w = 0 left out of S (`weighZeroW`: the ℓ1-unit certificate prices them separately). */
  zeroW: number[];
}

const patternKey = (S: SignedPatterns, n: number, i: number) => signedPatternKey(S.signs[i], S.bits.subarray(i * n, (i + 1) * n));

/**
 * S_adj, per-neuron adjacency and the radius (see the file's comment), or how many patterns exceeded
 * `max` (refused up front when Cover's count of a neuron's kink rows alone exceeds it).
 */
export async function adjacentPatterns(data: Data, net: Network, all: SignedPatterns, kinkTol: number, max: number, core: CoreExports, weighZeroW = false): Promise<Adjacency | { tooMany: number }> {
  const { X, n, d } = data;
  const xn = rowNorms(data);
  const m = net.a.length;
  const isFree = (j: number) => net.W[j].every((v) => v === 0);
  const zeroW = weighZeroW ? net.a.map((_, j) => j).filter(isFree) : [];
  const freeNeuron = !weighZeroW && net.a.some((_, j) => isFree(j));
  // with a neuron at w = 0 every realizable pattern is adjacent: S_adj is `all`
  const keys = new Map<string, number>();
  const bitsOut: number[] = [], signsOut: number[] = [];
  const neurons: number[][] = [];
  if (freeNeuron) {
    if (all.count > max) return { tooMany: all.count };
    for (let i = 0; i < all.count; i++) { keys.set(patternKey(all, n, i), i); neurons.push([]); }
  }
  const ofNeuron: number[][] = [];
  let radius = Infinity;
  const add = (s: number, bits: ArrayLike<number>, j: number): boolean => {
    let any = false;
    for (let k = 0; k < n; k++) if (bits[k]) { any = true; break; }
    if (!any) return true;
    const key = signedPatternKey(s, bits);
    let i = keys.get(key);
    if (i === undefined) {
      if (freeNeuron) return true; // not realizable as a cell (a kink row that is not one): `all` has every cell
      if (signsOut.length >= max) return false;
      i = signsOut.length;
      keys.set(key, i);
      signsOut.push(s);
      for (let k = 0; k < n; k++) bitsOut.push(bits[k] ? 1 : 0);
      neurons.push([]);
    }
    if (neurons[i][neurons[i].length - 1] !== j) neurons[i].push(j);
    if (ofNeuron[j][ofNeuron[j].length - 1] !== i) ofNeuron[j].push(i);
    return true;
  };
  const bySign = new Map<number, number[]>();
  for (let j = 0; j < m; j++) {
    ofNeuron.push([]);
    const w = net.W[j], a = net.a[j];
    const signs = a > 0 ? [1] : a < 0 ? [-1] : [1, -1];
    if (a !== 0) radius = Math.min(radius, Math.abs(a));
    if (isFree(j) && weighZeroW) continue;
    if (isFree(j)) {
      const key = a > 0 ? 1 : a < 0 ? -1 : 0;
      if (!bySign.has(key)) bySign.set(key, [...Array(all.count).keys()].filter((i) => signs.includes(all.signs[i])));
      ofNeuron[j] = bySign.get(key)!;
      continue;
    }
    const wn = Math.hypot(...w);
    const z = preActivations(data, w);
    const K = kinkRows(z, xn, wn, kinkTol);
    const onK = new Set(K);
    for (let k = 0; k < n; k++) if (xn[k] > 0 && !onK.has(k)) radius = Math.min(radius, Math.abs(z[k]) / xn[k]);
    const base: number[] = Array.from(z, (v) => (v > 0 ? 1 : 0));
    const cells: number[][] = [];
    if (K.length === 0) cells.push([]);
    else {
      const cover = patternCountFormula(K.length, d);
      if (cover > max) return { tooMany: cover };
      const sub = new Float64Array(K.length * d);
      K.forEach((k, r) => sub.set(X.subarray(k * d, (k + 1) * d), r * d));
      const set = await enumeratePatterns({ X: sub, y: new Float64Array(K.length), n: K.length, d }, { core, maxPatterns: Math.max(max, 2) });
      for (let c = 0; c < set.count; c++) cells.push(Array.from(set.patterns.subarray(c * K.length, (c + 1) * K.length)));
    }
    for (const cell of cells) {
      const bits = [...base];
      K.forEach((k, r) => (bits[k] = cell[r]));
      for (const s of signs) if (!add(s, bits, j)) return { tooMany: signsOut.length + 1 };
    }
  }
  const S = freeNeuron ? all : { count: signsOut.length, bits: Uint8Array.from(bitsOut), signs: Float64Array.from(signsOut) };
  return { S, ofNeuron, neurons, radius, freeNeuron, zeroW };
}

/** σ of every pattern of S at r (exact above 0.999·threshold) and the max; nothing to price for an empty S. */
export function priceAll(core: CoreExports, data: Data, program: ResolvedSettings, S: SignedPatterns, r: Float64Array, threshold: number): { sigma: Float64Array; max: number } {
  if (S.count === 0) return { sigma: new Float64Array(0), max: 0 };
  const solver = new ConvexSolver(core, data, program, S);
  try {
    return solver.price(r, 0.999 * threshold);
  } finally {
    solver.dispose();
  }
}

/**
 * Verified σ̄ ≥ max σᵢ(r) over each set, at r moved into the conjugate's domain (`rr`, bound.ts:
 * dualDomain); with boundFromSigma this gives certified lower bounds (certifiedBound is the case of one
 * set). Several sets: the ℓ1-unit certificate weighs the patterns of zero neurons differently
 * (verdict.ts: "ℓ1-unit, zero neurons").
 */
export async function verifiedSigma(data: Data, st: ResolvedSettings, r: ArrayLike<number>, sets: SignedPatterns[], core: CoreExports): Promise<{ rr: Float64Array; sigma: number[] }> {
  const rr = dualDomain(st, data.y, r);
  const sigma: number[] = [];
  for (const S of sets) sigma.push(S.count === 0 ? 0 : (await certifiedBound(data, st, rr, { S, core })).sigmaMax);
  return { rr, sigma };
}

/** The certified bound of rr given σ̄ (bound.ts: boundFromSigma), and the scale c it uses. */
export function boundOf(data: Data, st: ResolvedSettings, rr: Float64Array, sigma: number): { bound: number; scale: number } {
  return boundFromSigma(st, data.y, rr, sigma);
}
