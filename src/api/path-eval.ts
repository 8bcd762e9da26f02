// Loss evaluation along straight segments between networks, in batches: the data are laid out in
// the core once per evaluator; each call evaluates many points t of a segment in one core call.
// Parameters are flat vectors, neuron by neuron: [wⱼ (d numbers), aⱼ] (see `flatten`).
import { type CoreExports, getCore } from "../core/loader.js";
import { Arena, f64View } from "../core/memory.js";
import type { Data } from "./data.js";
import { InputError } from "./errors.js";
import type { Network } from "./network.js";

/** The loss being measured: the training objective's settings. */
export interface LossSettings {
  /** Weight decay λ (or the ℓ1 coefficient). @default 0 */
  lambda?: number;
  /** @default "squared" */
  loss?: "squared" | "logistic";
  /** @default "l2" */
  regularizer?: "l2" | "l1-unit";
  /** Output scaling κ. @default 1 */
  kappa?: number;
}

/** A network as one vector: neuron j occupies [j(d+1), (j+1)(d+1)): wⱼ then aⱼ. */
export function flatten(net: Network): Float64Array {
  const m = net.a.length, d = m ? net.W[0].length : 0;
  const v = new Float64Array(m * (d + 1));
  for (let j = 0; j < m; j++) {
    v.set(net.W[j], j * (d + 1));
    v[j * (d + 1) + d] = net.a[j];
  }
  return v;
}

/** The inverse of `flatten`. */
export function unflatten(v: Float64Array, m: number, d: number): Network {
  const W: number[][] = [], a: number[] = [];
  for (let j = 0; j < m; j++) {
    W.push(Array.from(v.subarray(j * (d + 1), j * (d + 1) + d)));
    a.push(v[j * (d + 1) + d]);
  }
  return { W, a };
}

/** Euclidean distance of two flat vectors. */
export function distance(u: Float64Array, v: Float64Array): number {
  let s = 0;
  for (let i = 0; i < u.length; i++) s += (u[i] - v[i]) ** 2;
  return Math.sqrt(s);
}

export class PathEvaluator {
  private readonly arena: Arena;
  private readonly X: number; // transposed, see pathLosses
  private readonly Y: number;
  private readonly cfg: number;
  private readonly scratch: number;
  private A = 0;
  private B = 0;
  private T = 0;
  private out = 0;
  private cap = 0;
  /** Core calls made and points evaluated (for reports). */
  calls = 0;
  points = 0;

  private constructor(readonly core: CoreExports, readonly data: Data, readonly m: number, readonly settings: Required<LossSettings>) {
    const a = (this.arena = new Arena(core));
    // X transposed (feature k of every sample in one row of np = n rounded up to even entries)
    const np = data.n + (data.n % 2), XT = new Float64Array(data.d * np);
    for (let r = 0; r < data.n; r++) for (let k = 0; k < data.d; k++) XT[k * np + r] = data.X[r * data.d + k];
    this.X = a.f64(XT);
    this.Y = a.f64(data.y);
    const s = settings;
    this.cfg = a.f64([s.loss === "logistic" ? 1 : 0, s.regularizer === "l1-unit" ? 1 : 0, s.lambda, 1 / s.kappa]);
    this.scratch = a.alloc(8 * (data.n + 1 + data.d + 1));
    this.A = a.alloc(8 * m * (data.d + 1));
    this.B = a.alloc(8 * m * (data.d + 1));
  }

  /** An evaluator of networks of width m on `data`. */
  static async create(data: Data, m: number, settings: LossSettings = {}, core?: CoreExports): Promise<PathEvaluator> {
    if (!Number.isInteger(m) || m < 1) throw new InputError("m", `is ${m}: give a positive width`);
    const s: Required<LossSettings> = { lambda: 0, loss: "squared", regularizer: "l2", kappa: 1, ...settings };
    if (!(s.lambda >= 0)) throw new InputError("lambda", `is ${s.lambda}: give λ ≥ 0`);
    if (!(s.kappa > 0)) throw new InputError("kappa", `is ${s.kappa}: give κ > 0`);
    return new PathEvaluator(core ?? (await getCore()), data, m, s);
  }

  private check(v: Float64Array, field: string): void {
    if (v.length !== this.m * (this.data.d + 1)) {
      throw new InputError(field, `has ${v.length} numbers; a width-${this.m} network on d = ${this.data.d} has ${this.m * (this.data.d + 1)}`);
    }
  }

  /** L and the data loss at (1 − t)·A + t·B for every t in `ts`. */
  segment(A: Float64Array, B: Float64Array, ts: ArrayLike<number>): { loss: Float64Array; dataLoss: Float64Array } {
    this.check(A, "A");
    this.check(B, "B");
    const count = ts.length;
    if (count > this.cap) {
      this.cap = Math.max(count, 2 * this.cap, 64);
      this.T = this.arena.alloc(8 * this.cap);
      this.out = this.arena.alloc(16 * this.cap);
    }
    const c = this.core, len = A.length;
    f64View(c, this.A, len).set(A);
    f64View(c, this.B, len).set(B);
    f64View(c, this.T, count).set(ts);
    c.pathLosses(this.X, this.Y, this.data.n, this.data.d, this.m, this.A, this.B, this.T, count, this.cfg, this.scratch, this.out);
    this.calls++;
    this.points += count;
    const o = f64View(c, this.out, 2 * count);
    const loss = new Float64Array(count), dataLoss = new Float64Array(count);
    for (let i = 0; i < count; i++) {
      loss[i] = o[2 * i];
      dataLoss[i] = o[2 * i + 1];
    }
    return { loss, dataLoss };
  }

  /** L at one point. */
  loss(theta: Float64Array): number {
    return this.segment(theta, theta, [0]).loss[0];
  }

  /** Frees the core memory. */
  dispose(): void {
    this.arena.free();
  }
}
