// Training from TypeScript: lays a problem out in the core's memory once, then runs the core's
// trainer in chunks of many epochs (V8 optimizes a WASM function only between calls), recording a
// trace at log-spaced epochs. A Trainer can be advanced step by step, observed and stopped; `train`
// runs one to the end.
import * as L from "../../assembly/layout.js";
import { type CoreExports, getCore } from "../core/loader.js";
import { f32View, f64View, CORE_MAX_BYTES, Arena } from "../core/memory.js";
import { seedHalves } from "../core/rng.js";
import type { Data } from "./data.js";
import { InputError } from "./errors.js";
import { type Network, toNetwork } from "./network.js";
import { type Problem, type ProblemInput, parseProblem } from "./problem.js";
import { type TrainOptions, type ResolvedTrainOptions, checkLabels, resolveTrainOptions } from "./train-options.js";
import { VERSION } from "../version.js";

/** Why training stopped. */
export type StopReason = "gradTol" | "maxEpochs" | "plateau" | "diverged" | "stopped";
const STOP_NAMES: Record<number, StopReason> = {
  [L.STOP_GRAD_TOL]: "gradTol",
  [L.STOP_MAX_EPOCHS]: "maxEpochs",
  [L.STOP_PLATEAU]: "plateau",
  [L.STOP_DIVERGED]: "diverged",
};

/** The state of a run at one epoch (all on the full data). */
export interface TrainState {
  epoch: number;
  /** L = data loss + regularizer. */
  loss: number;
  /** (1/n)·Σ ℓ(f(xₖ), yₖ). */
  dataLoss: number;
  /** ‖W‖²_F + ‖a‖². */
  normSq: number;
  /** ‖∇L‖². */
  gradNormSq: number;
  /** Distinct signed activation patterns among active neurons. */
  patterns: number;
  /** The learning rate in force (schedules change it). */
  lr: number;
}

export interface TrainResult extends Network {
  loss: number;
  dataLoss: number;
  normSq: number;
  gradNormSq: number;
  epochs: number;
  stopReason: StopReason;
  trace: TrainState[];
  /** Wall-clock seconds spent training. */
  seconds: number;
  /** The settings that produced this result (defaults filled in). */
  settings: ResolvedTrainOptions & { lambda: number; bias: boolean; n: number; d: number };
  /** The package version that produced it. */
  version: string;
}

export interface RunOptions {
  /** Called between chunks with the latest state (at most every `progressMs`). */
  onProgress?: (state: TrainState) => void;
  /** Stops the run between chunks (stop reason `stopped`). */
  signal?: AbortSignal;
  /** Milliseconds between progress calls and yields to the event loop. @default 100 */
  progressMs?: number;
}

const now = () => (typeof performance !== "undefined" ? performance.now() : Date.now());

/** Bytes of WASM memory a run needs (to refuse sizes that cannot fit before allocating). */
export function trainBytes(n: number, d: number, m: number, batch: number, f32: boolean): number {
  const es = f32 ? 4 : 8;
  const mp = Math.ceil(m / 16) * 16;
  return es * (n * d + n + 4 * (d + 1) * mp + n * mp + batch * (d + 1)) + 8 * (n * d + m * (d + 1)) + 28 * n + 4 * m + 1024;
}

export class Trainer {
  readonly options: ResolvedTrainOptions;
  readonly problem: Problem;
  readonly m: number;
  private readonly arena: Arena;
  private readonly ctx: number;
  private readonly mp: number;
  private readonly f32: boolean;
  /** Scratch for counting activation patterns in the core: X (f64), W row-major, a, classes. */
  private readonly pat: { X: number; W: number; a: number; cls: number };
  private trace: TrainState[] = [];
  private nextTrace = 0;
  private chunk = 1;
  private stopped: StopReason | undefined;
  private elapsed = 0;

  private constructor(readonly core: CoreExports, problem: Problem, overrides: TrainOptions | undefined) {
    this.problem = problem;
    const o = (this.options = resolveTrainOptions({ ...problem.train, ...overrides }));
    checkLabels(problem.data.y, o.loss);
    const { n, d } = problem.data;
    const m = (this.m = problem.init ? problem.init.a.length : o.m);
    if (m === 0) throw new InputError("init.W", "has no neurons: give at least one row");
    this.mp = Math.max(16, Math.ceil(m / 16) * 16);
    this.f32 = o.precision === "f32";
    const batch = o.method === "sgd" ? Math.min(o.batchSize, n) : 1;
    const bytes = trainBytes(n, d, m, batch, this.f32);
    if (bytes > CORE_MAX_BYTES) {
      throw new InputError("train.m", `m·d and n·m need ${(bytes / 2 ** 30).toFixed(1)} GiB, more than WASM memory (4 GiB): use fewer neurons or samples`);
    }
    const es = this.f32 ? 4 : 8;
    const a = (this.arena = new Arena(core));
    const ctx = (this.ctx = a.alloc(L.CTX_SIZE * 8));
    const pb = (d + 1) * this.mp * es;
    const set = (slot: number, v: number) => (f64View(core, ctx, L.CTX_SIZE)[slot] = v);
    const put = (src: Float64Array) => {
      const p = a.alloc(src.length * es);
      (this.f32 ? f32View(core, p, src.length) : f64View(core, p, src.length)).set(src);
      return p;
    };
    const xPtr = put(problem.data.X);
    set(L.CTX_X, xPtr);
    this.pat = { X: this.f32 ? a.f64(problem.data.X) : xPtr, W: a.alloc(m * d * 8), a: a.alloc(m * 8), cls: a.alloc(m * 4) };
    set(L.CTX_Y, put(problem.data.y));
    set(L.CTX_W, a.alloc(pb));
    set(L.CTX_W2, a.alloc(pb));
    set(L.CTX_BACKUP, a.alloc(pb));
    set(L.CTX_PROX, o.regularizer === "l1-unit" ? a.alloc(pb) : 0);
    set(L.CTX_H, a.alloc(n * this.mp * es));
    set(L.CTX_R, a.alloc(24 * n));
    set(L.CTX_XB, a.alloc(batch * d * es));
    set(L.CTX_YB, a.alloc(batch * es));
    set(L.CTX_PERM, a.alloc(4 * n));
    set(L.CTX_SAVED, a.alloc(64));
    const rng = a.alloc(32);
    const [hi, lo] = seedHalves(o.seed);
    core.rngSeed(rng, hi, lo);
    set(L.CTX_RNG, rng);
    set(L.CTX_N, n);
    set(L.CTX_D, d);
    set(L.CTX_M, m);
    set(L.CTX_MP, this.mp);
    set(L.CTX_CUR, 0);
    set(L.CTX_LAMBDA, problem.lambda);
    set(L.CTX_LR, o.lr);
    set(L.CTX_INV_KAPPA, 1 / o.kappa);
    set(L.CTX_LOSS_KIND, o.loss === "logistic" ? 1 : 0);
    set(L.CTX_REG_KIND, o.regularizer === "l1-unit" ? 1 : 0);
    set(L.CTX_METHOD, o.method === "sgd" ? 1 : 0);
    set(L.CTX_BATCH, batch);
    set(L.CTX_PRECISION, this.f32 ? 1 : 0);
    set(L.CTX_GRAD_TOL, o.gradTol);
    set(L.CTX_LOSS_TOL, o.lossTol);
    set(L.CTX_LOSS_WINDOW, o.lossWindow);
    set(L.CTX_SCHEDULE, o.lrSchedule === "step" ? 1 : o.lrSchedule === "halve-on-rise" ? 2 : 0);
    set(L.CTX_SCHED_FACTOR, o.lrFactor);
    set(L.CTX_SCHED_EVERY, o.lrEvery);
    set(L.CTX_MAX_EPOCHS, o.maxEpochs);
    set(L.CTX_EPOCH, 0);
    set(L.CTX_REF_LOSS, Infinity);
    set(L.CTX_PREV_LOSS, Infinity);
    if (problem.init) this.setParams(problem.init);
    else core.trainInit(ctx, o.initScheme === "balanced" ? 1 : 0, o.alpha);
    // a first chunk of about a million multiply-adds; adapted to ~5 ms per call as it runs
    this.chunk = Math.max(1, Math.floor(1e6 / (n * this.mp * (d + 2))));
  }

  /** Validates the problem and options and lays everything out in the core. */
  static async create(problem: ProblemInput | Problem, options?: TrainOptions, core?: CoreExports): Promise<Trainer> {
    const p = "data" in problem ? (problem as Problem) : parseProblem(problem);
    return new Trainer(core ?? (await getCore()), p, options);
  }

  private ctxView(): Float64Array {
    return f64View(this.core, this.ctx, L.CTX_SIZE);
  }

  private paramsView(): Float64Array | Float32Array {
    const c = this.ctxView();
    const ptr = c[L.CTX_CUR] === 0 ? c[L.CTX_W] : c[L.CTX_W2];
    const len = (this.problem.data.d + 1) * this.mp;
    return this.f32 ? f32View(this.core, ptr, len) : f64View(this.core, ptr, len);
  }

  /** The current network. */
  params(): Network {
    const { d } = this.problem.data;
    const v = this.paramsView();
    const W: number[][] = [];
    const a: number[] = [];
    for (let j = 0; j < this.m; j++) {
      const w = new Array<number>(d);
      for (let k = 0; k < d; k++) w[k] = v[k * this.mp + j];
      W.push(w);
      a.push(v[d * this.mp + j]);
    }
    return { W, a };
  }

  /** Replaces the current network (m must match). */
  setParams(net: Network): void {
    const { d } = this.problem.data;
    const checked = toNetwork(net, d);
    if (checked.a.length !== this.m) throw new InputError("network.a", `has ${checked.a.length} neurons; this trainer has m = ${this.m}`);
    const v = this.paramsView();
    v.fill(0);
    for (let j = 0; j < this.m; j++) {
      for (let k = 0; k < d; k++) v[k * this.mp + j] = checked.W[j][k];
      v[d * this.mp + j] = checked.a[j];
    }
    this.ctxView()[L.CTX_EVALUATED] = 0;
  }

  get epoch(): number {
    return this.ctxView()[L.CTX_EPOCH];
  }

  /** The state at the current epoch (evaluated on demand). */
  state(): TrainState {
    if (this.ctxView()[L.CTX_EVALUATED] !== 1) this.core.trainEvaluate(this.ctx);
    const c = this.ctxView();
    return {
      epoch: c[L.CTX_EPOCH],
      loss: c[L.CTX_LOSS],
      dataLoss: c[L.CTX_DATA_LOSS],
      normSq: c[L.CTX_NORM_SQ],
      gradNormSq: c[L.CTX_GRAD_SQ],
      patterns: this.patternCount(),
      lr: c[L.CTX_LR],
    };
  }

  /** Distinct signed activation patterns among active neurons (the core's patternsOfNeurons). */
  private patternCount(): number {
    const { n, d } = this.problem.data;
    const v = this.paramsView();
    const W = f64View(this.core, this.pat.W, this.m * d), A = f64View(this.core, this.pat.a, this.m);
    for (let j = 0; j < this.m; j++) {
      for (let k = 0; k < d; k++) W[j * d + k] = v[k * this.mp + j];
      A[j] = v[d * this.mp + j];
    }
    return this.core.patternsOfNeurons(this.pat.X, n, d, this.pat.W, this.pat.a, this.m, 1, this.pat.cls);
  }

  /** The stop reason, once a stopping rule has fired. */
  get stopReason(): StopReason | undefined {
    return this.stopped;
  }

  private record(): void {
    const s = this.state();
    if (this.trace.length && this.trace[this.trace.length - 1].epoch === s.epoch) this.trace[this.trace.length - 1] = s;
    else this.trace.push(s);
  }

  /**
   * Runs at most `epochs` more epochs, synchronously, in chunks. Returns the stop reason if a
   * stopping rule fired, else undefined.
   */
  advance(epochs = Infinity): StopReason | undefined {
    if (this.stopped) return this.stopped;
    const t0 = now();
    let left = epochs;
    if (this.trace.length === 0) {
      this.record();
      this.nextTrace = 1;
    }
    while (left > 0) {
      const epoch = this.epoch;
      const iters = Math.max(1, Math.min(left, this.nextTrace - epoch, this.chunk));
      const c0 = now();
      const code = this.core.trainRun(this.ctx, iters);
      const dt = now() - c0;
      // keep each call near 5 ms: long enough to amortize, short enough for V8 to tier up between calls
      if (iters === this.chunk) this.chunk = Math.max(1, Math.min(this.chunk * 2, Math.floor((this.chunk * 5) / Math.max(dt, 0.05))));
      left -= this.epoch - epoch;
      if (code !== L.STOP_NONE) {
        this.stopped = STOP_NAMES[code];
        this.record();
        break;
      }
      if (this.epoch >= this.nextTrace) {
        this.record();
        this.nextTrace = Math.max(this.epoch + 1, Math.floor(this.epoch * this.options.traceGrowth));
      }
      if (this.epoch === epoch) break; // nothing advanced (cannot happen, but never spin)
    }
    // at the epoch limit the core stops on its next evaluation: make that now, so the stop reason
    // is known as soon as the limit is reached (it evaluates only; no step is taken)
    if (!this.stopped && this.epoch >= this.options.maxEpochs) {
      const code = this.core.trainRun(this.ctx, 1);
      if (code !== L.STOP_NONE) {
        this.stopped = STOP_NAMES[code];
        this.record();
      }
    }
    this.elapsed += (now() - t0) / 1000;
    return this.stopped;
  }

  /** Runs to a stopping rule (or the signal), yielding to the event loop between slices. */
  async run(opts: RunOptions = {}): Promise<TrainResult> {
    const slice = opts.progressMs ?? 100;
    while (!this.stopped) {
      if (opts.signal?.aborted) {
        this.stopped = "stopped";
        this.record();
        break;
      }
      const t0 = now();
      // advance in small sub-slices until the slice's time is used
      while (!this.stopped && now() - t0 < slice) this.advance(Math.max(1, this.chunk * 4));
      if (opts.onProgress) opts.onProgress(this.state());
      if (!this.stopped) await new Promise((r) => setTimeout(r, 0));
    }
    return this.result();
  }

  /**
   * The run as an async iterator: yields the state every `everyMs` of training until a stopping
   * rule fires (break out of the loop to pause; iterate again to resume).
   */
  async *states(everyMs = 100): AsyncGenerator<TrainState> {
    while (!this.stopped) {
      const t0 = now();
      while (!this.stopped && now() - t0 < everyMs) this.advance(Math.max(1, this.chunk * 4));
      yield this.state();
      await new Promise((r) => setTimeout(r, 0));
    }
  }

  /** The result at the current state. */
  result(): TrainResult {
    const s = this.state();
    const { n, d } = this.problem.data;
    return {
      ...this.params(),
      loss: s.loss,
      dataLoss: s.dataLoss,
      normSq: s.normSq,
      gradNormSq: s.gradNormSq,
      epochs: s.epoch,
      stopReason: this.stopped ?? "stopped",
      trace: [...this.trace],
      seconds: this.elapsed,
      settings: { ...this.options, lambda: this.problem.lambda, bias: this.problem.bias, n, d },
      version: VERSION,
    };
  }

  /** Frees the core memory of this trainer. */
  dispose(): void {
    this.arena.free();
  }
}

/** Trains a network on a problem to a stopping rule and returns the result. */
export async function train(problem: ProblemInput | Problem, options?: TrainOptions, run?: RunOptions): Promise<TrainResult> {
  const t = await Trainer.create(problem, options);
  try {
    return await t.run(run);
  } finally {
    t.dispose();
  }
}

/** Evaluates L, data loss, ‖θ‖², ‖∇L‖² of a network on data (no training). */
export async function evaluateNetwork(net: Network, data: Data, lambda: number, options?: TrainOptions): Promise<TrainState> {
  const t = await Trainer.create({ data, lambda, bias: false, init: toNetwork(net, data.d), train: {} }, options);
  try {
    return t.state();
  } finally {
    t.dispose();
  }
}
