// A two-layer ReLU network f(x) = Σⱼ aⱼ·relu(wⱼ·x): W (m rows of d numbers), a (m numbers).
import type { Data } from "./data.js";
import { InputError } from "./errors.js";

export interface Network {
  /** Input weights: row j is wⱼ (d numbers; with a bias the last entry multiplies the constant 1). */
  W: number[][];
  /** Output weights, one per neuron. */
  a: number[];
}

/** Checks a network against the data dimension d. `field` prefixes errors (e.g. "init", "network"). */
export function toNetwork(input: unknown, d: number, field = "network"): Network {
  const net = input as Partial<Network> | null;
  if (!net || !Array.isArray(net.W) || !Array.isArray(net.a)) {
    throw new InputError(field, "must have W (m rows of d numbers) and a (m numbers)");
  }
  if (net.W.length !== net.a.length) {
    throw new InputError(`${field}.a`, `has ${net.a.length} entries but W has ${net.W.length} rows: one output weight per neuron`);
  }
  net.W.forEach((w, j) => {
    if (!Array.isArray(w) || w.length !== d) {
      throw new InputError(`${field}.W[${j}]`, `has ${Array.isArray(w) ? w.length : 0} entries; the data has d = ${d} (bias included)`);
    }
    w.forEach((v, k) => {
      if (typeof v !== "number" || !Number.isFinite(v)) throw new InputError(`${field}.W[${j}][${k}]`, "must be a finite number");
    });
  });
  net.a.forEach((v, j) => {
    if (typeof v !== "number" || !Number.isFinite(v)) throw new InputError(`${field}.a[${j}]`, "must be a finite number");
  });
  return { W: net.W.map((w) => [...w]), a: [...net.a] };
}

/**
 * The key of a signed activation pattern, the one format of the package: "+:0101…" — the sign of the
 * output weight, then 1[xₖ·w > 0] for k = 1..n in the row order of X.
 */
export function signedPatternKey(sign: number, bits: ArrayLike<number>): string {
  let key = sign > 0 ? "+:" : "-:";
  for (let k = 0; k < bits.length; k++) key += bits[k] ? "1" : "0";
  return key;
}

/**
 * The distinct signed activation patterns among the network's active neurons (aⱼ ≠ 0 and a
 * non-empty pattern): keys "s:bits", s = + or −, bits = 1[xₖ·wⱼ > 0] for k = 1..n.
 */
export function signedPatternKeys(net: Network, data: Data): Set<string> {
  const { n } = data;
  const keys = new Set<string>();
  const bits = new Uint8Array(n);
  for (let j = 0; j < net.a.length; j++) {
    const a = net.a[j];
    if (a === 0) continue;
    const z = preActivations(data, net.W[j]);
    let any = false;
    for (let k = 0; k < n; k++) {
      bits[k] = z[k] > 0 ? 1 : 0;
      any ||= z[k] > 0;
    }
    if (any) keys.add(signedPatternKey(a, bits));
  }
  return keys;
}

// The forward pass in TypeScript, one copy (the core has its own, in WASM, for training):

/** The outputs f(xₖ) = (1/κ)·Σⱼ aⱼ·relu(wⱼ·xₖ). */
export function predict(net: Network, data: Data, kappa = 1): Float64Array {
  const { X, n, d } = data;
  const f = new Float64Array(n);
  for (let j = 0; j < net.a.length; j++) {
    const w = net.W[j];
    for (let k = 0; k < n; k++) {
      let z = 0;
      for (let i = 0; i < d; i++) z += X[k * d + i] * w[i];
      if (z > 0) f[k] += net.a[j] * z;
    }
  }
  if (kappa !== 1) for (let k = 0; k < n; k++) f[k] /= kappa;
  return f;
}

/** ‖xₖ‖ for every row. */
export function rowNorms(data: Data): Float64Array {
  const { X, n, d } = data;
  const out = new Float64Array(n);
  for (let k = 0; k < n; k++) {
    let s = 0;
    for (let i = 0; i < d; i++) s += X[k * d + i] ** 2;
    out[k] = Math.sqrt(s);
  }
  return out;
}

/** zₖ = xₖ·w for every row. */
export function preActivations(data: Data, w: ArrayLike<number>): Float64Array {
  const { X, n, d } = data;
  const z = new Float64Array(n);
  for (let k = 0; k < n; k++) {
    let s = 0;
    for (let i = 0; i < d; i++) s += X[k * d + i] * w[i];
    z[k] = s;
  }
  return z;
}
