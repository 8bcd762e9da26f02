// The solver of the convex program P(S) for a given set S of signed patterns, driving the core's
// barrier method (assembly/convex.ts) along the central path and certifying every answer with a
// verified dual bound (bound.ts, cone.ts). Large S is solved by pattern generation: the program on a
// small working set (first loosely, then to the target), every pattern of S priced against its dual
// point, violators added (and dead patterns dropped) until the certificate closes — the optimum uses
// few patterns (at most n + 1 neurons).
//
// The barrier runs on the data scaled by powers of two (scale.ts: exact relations, so its numbers are
// near 1 at any data scale); every dual point is priced on the data as given, over every pattern of S
// (a pattern whose cone interior the solver cannot find still counts in the bound, it only stays out
// of the working set), so the lower bound is a true bound whatever the barrier did.
import * as C from "../../assembly/convex-layout.js";
import type { CoreExports } from "../core/loader.js";
import { f64View, u8View, Arena, CORE_MAX_BYTES } from "../core/memory.js";
import { InputError } from "../api/errors.js";
import { coreCall } from "../api/patterns.js";
import type { Data } from "../api/data.js";
import { crossover } from "./crossover.js";
import { PatternPool, type SignedPatterns, subset } from "./signed-patterns.js";
import { CellStream } from "./cell-stream.js";
import { type ProgramSettings, type ResolvedSettings, resolveSettings } from "./settings.js";
import { type DataScale, dataScale, safeNorm } from "./scale.js";
import { boundFromSigma, dualDomain, dualPointOf } from "./bound.js";

export type { SignedPatterns } from "./signed-patterns.js";

/** The core's convex exports beyond CoreExports' (assembly/convex.ts). */
type ConvexCore = CoreExports & { convexPredict(ctx: number, dtau: number): number; convexGram(ctx: number, list: number): void };

/**
 * Whether a Newton step on m patterns solves the m·d system directly rather than Woodbury's n×n one, by
 * their operation counts: Woodbury forms the capacitance matrix (~ m·d·n²/8) and factors it (n³/6); the
 * direct form factors (m·d)³/6 and, unless the loss is the squared one without row scales (`fixed`:
 * its Gram matrix is formed once per solve), forms the weighted Gram matrix each step (~ n·(m·d)²/8).
 */
function useDirect(n: number, d: number, m: number, fixed = false): boolean {
  const md = m * d;
  return md ** 3 / 6 + (fixed ? 0 : (n * md * md) / 8) <= (md * n * n) / 8 + n ** 3 / 6;
}

/**
 * The first working set and the most patterns a round of pattern generation adds: a Newton step's cost
 * grows with the working set while a round's steps hardly depend on it, so small sets are fastest
 * (measured on two moons with a bias, n = 200 and 1000: sets of 32 + 16 per round take 3–15× less time
 * than n + 1 per round, with about as many Newton steps).
 */
const FIRST_SET = 32, ROUND_ADD = 16;
/** A warm start resumes at τ/WARM_BACKOFF. */
const WARM_BACKOFF = 10;

/** Factors τ grows by once centred: far from the target, and within 1000× of it. */
const MU_FAR = 50, MU_NEAR = 8;
const DEBUG = typeof process !== "undefined" && !!process.env?.RELU_CONVEX_DEBUG;

/** Settings of the solver. */
export interface SolverOptions {
  /** Target relative duality gap (upper − lower bound) / |upper|. @default 1e-9 */
  tol?: number;
  /** Most Newton steps over all phases (two moons n = 1000 with a bias, squared loss, takes ~2,700). @default 5000 */
  maxIterations?: number;
  /** Up to this many signed patterns are solved at once; more by pattern generation (price all, solve on a working set). @default 64 */
  directLimit?: number;
  /** Called after every round of pattern generation (and once at the start). @default none */
  onProgress?: (p: SolveProgress) => void;
}

/** Where a solve stands. */
export interface SolveProgress {
  /** Rounds of pattern generation done. */
  round: number;
  /** Patterns in the working set. */
  workingSet: number;
  /** (best value − certified bound)/|best value| so far. */
  relativeGap: number;
  /** Newton steps so far. */
  iterations: number;
  seconds: number;
}

export const SOLVER_DEFAULTS: Required<Omit<SolverOptions, "onProgress">> = { tol: 1e-9, maxIterations: 5000, directLimit: 64 };

/**
 * Bytes of core memory one barrier solve on m patterns needs (n samples, d the solver's dimension):
 * the per-pattern factors and images, the n×n capacitance matrix, the scratch.
 */
function barrierBytes(n: number, d: number, m: number): number {
  const d1 = d + 1;
  const sys = useDirect(n, d, m, true) ? 2 * (m * d) ** 2 + m * d + m : n * n;
  return 8 * (m * (4 * d1 + d1 * d1 + 2 * n + 3) + sys + 6 * n + (n + d + 2) * d1 + (d + 1) * n) + m * n + 4096;
}

/** Refuses a barrier solve that cannot fit in the core's memory, naming the sizes. */
function checkBarrierSize(n: number, d: number, m: number): void {
  const bytes = barrierBytes(n, d, m);
  if (bytes > CORE_MAX_BYTES / 2) {
    throw new InputError("X", `n=${n}, d=${d}: a Newton step on ${m} patterns needs ${(bytes / 2 ** 30).toFixed(1)} GiB, more than half the core's 4 GiB: use fewer samples`);
  }
}

/** What the solver returns: uᵢ for the patterns it kept, with their indices into S. */
export interface SolverResult {
  /** Indices into S of the patterns in `U` (the working set of the last phase). */
  index: number[];
  /** index.length×d, row-major: the uᵢ. */
  U: Float64Array;
  /** The program's objective at U. */
  primal: number;
  /** A certified lower bound on P(S): g(r) at the dual point r below, every σᵢ(r) ≤ β verified with rounding bounds. */
  lowerBound: number;
  /** The dual point r ∈ Rⁿ certifying lowerBound (already scaled into the feasible set). */
  r: Float64Array;
  iterations: number;
  converged: boolean;
  /** Patterns of S whose cone interior the solver could not find: never in its working set, but priced in the bound like every other. */
  dropped: number;
  /** Why it stopped short, when it did. */
  message?: string;
  /**
   * The signed patterns `index` refers to, when they are not the S given: a streamed solve
   * (solveStreamed) keeps only the patterns it met.
   */
  patterns?: SignedPatterns;
}

/** (1/n)·Σₖ ℓ(0, yₖ): the program's value at u = 0 (the zero network's L). */
export function zeroValue(s: Pick<ResolvedSettings, "loss">, y: Float64Array): number {
  if (s.loss === "logistic") return Math.LN2;
  let yy = 0;
  for (let k = 0; k < y.length; k++) yy += y[k] * y[k];
  return yy / y.length;
}

/** Verified pricing of a stored set of signed patterns: σ̄ᵢ(r) ≥ σᵢ(r) on the data as given (cone.ts). */
export class PatternPricer {
  private readonly arena: Arena;
  private readonly Xp: number;
  private readonly Sbits: number;
  private readonly Ssigns: number;
  private readonly scratch: number;
  private readonly rp: number;
  private readonly prevp: number;
  private readonly sigmap: number;
  private readonly indexp: number;
  private readonly outp: number;
  private readonly warmp: number;
  /** Whether sigmap holds valid bounds at the dual point in prevp (the Lipschitz cache). */
  private cached = false;

  constructor(readonly core: CoreExports, readonly data: Data, readonly S: SignedPatterns) {
    const { n, d } = data;
    const a = (this.arena = new Arena(core));
    this.Xp = a.f64(data.X);
    this.Sbits = a.alloc(S.count * n);
    u8View(core, this.Sbits, S.count * n).set(S.bits);
    this.Ssigns = a.f64(S.signs);
    this.scratch = a.alloc(core.conePriceScratchBytes(n, d));
    this.rp = a.alloc(n * 8);
    this.prevp = a.alloc(n * 8);
    this.sigmap = a.alloc(S.count * 8);
    this.indexp = a.alloc(core.conePriceIndexBytes(S.count));
    this.outp = a.alloc(16);
    this.warmp = n <= 64 ? a.alloc(S.count * 8) : 0;
    if (this.warmp) u8View(core, this.warmp, S.count * 8).fill(0);
  }

  /**
   * σ̄ᵢ(r) ≥ σᵢ(r) for every pattern, the max exact (to rounding): the projection's value for every
   * pattern that can be among the `keep` largest above `threshold`, a valid cheap bound for the others
   * (‖vᵢ‖, one half-space, or the previous call's bound plus its Lipschitz slack). `kth` is the
   * keep-th largest projection value (threshold when fewer): the patterns with σ̄ᵢ ≥ kth are the top.
   */
  price(r: Float64Array, threshold: number, keep = Infinity): { sigma: Float64Array; max: number; kth: number } {
    const { n, d } = this.data;
    f64View(this.core, this.rp, n).set(r);
    const k = Math.max(1, Math.min(this.S.count, keep));
    const max = this.core.conePrice(this.Xp, n, d, this.Sbits, this.Ssigns, this.S.count, this.rp, threshold, this.sigmap, this.scratch, this.cached ? this.prevp : 0, k, this.indexp, this.outp, this.warmp);
    f64View(this.core, this.prevp, n).set(r);
    this.cached = true;
    if (DEBUG) console.error(`    pricing: ${(this.core as unknown as { conePriceProjections(): number }).conePriceProjections()} projections of ${this.S.count} (threshold ${threshold.toExponential(3)}, keep ${keep}, max ${max.toExponential(4)})`);
    return { sigma: f64View(this.core, this.sigmap, this.S.count).slice(), max, kth: f64View(this.core, this.outp, 1)[0] };
  }

  dispose(): void {
    this.arena.free();
  }
}

/** Anything that prices every signed pattern of the program with verified bounds (the max exact above the threshold). */
export interface Pricing {
  readonly data: Data;
  price(r: Float64Array, threshold: number, keep: number): { max: number };
}

/**
 * The program's signed patterns as the solver sees them: `pool` holds the patterns it refers to by
 * index (all of S when stored; those met so far when streamed), `price` bounds every realizable one.
 */
export interface PatternSource extends Pricing {
  readonly pool: SignedPatterns;
  /** Signed patterns in the program. */
  readonly count: number;
  /**
   * The verified max σ̄ over every pattern at r, and the `keep` largest above `threshold` as pool
   * indices in descending order (their σ̄ exact to rounding); `sigma(i)` is a valid upper bound for
   * any pool pattern (exact for those in `top`); `sigmaOf(idx)` the same for a list, exact to
   * rounding for streamed pools (projected on demand).
   */
  price(r: Float64Array, threshold: number, keep: number): PricedPatterns;
  dispose(): void;
}

/** What PatternSource.price returns. */
export interface PricedPatterns {
  max: number;
  kth: number;
  top: number[];
  sigma: (i: number) => number;
  sigmaOf: (idx: number[]) => Float64Array;
}

/** Every pattern stored, priced by PatternPricer. */
export class StoredSource implements PatternSource {
  readonly pricer: PatternPricer;
  readonly count: number;
  constructor(core: CoreExports, readonly data: Data, readonly pool: SignedPatterns) {
    this.pricer = new PatternPricer(core, data, pool);
    this.count = pool.count;
  }
  price(r: Float64Array, threshold: number, keep: number) {
    const { sigma, max, kth } = this.pricer.price(r, threshold, keep);
    const top: number[] = [];
    for (let i = 0; i < sigma.length; i++) if (sigma[i] >= kth && sigma[i] > threshold) top.push(i);
    top.sort((p, q) => sigma[q] - sigma[p]);
    return { max, kth, top, sigma: (i: number) => sigma[i], sigmaOf: (idx: number[]) => Float64Array.from(idx, (i) => sigma[i]) };
  }
  dispose(): void {
    this.pricer.dispose();
  }
}

/**
 * Every realizable signed pattern priced by streaming over the arrangement's cells (cell-stream.ts:
 * X with three columns in general position); the patterns a pass reports join the pool.
 */
export class StreamedSource implements PatternSource {
  readonly pool: PatternPool;
  readonly count: number;
  constructor(readonly core: CoreExports, readonly stream: CellStream, readonly emptyRealizable: boolean) {
    this.pool = new PatternPool(stream.data.n);
    this.count = 2 * (stream.cells - (emptyRealizable ? 1 : 0));
  }
  get data(): Data {
    return this.stream.data;
  }
  price(r: Float64Array, threshold: number, keep: number) {
    const { max, kth, top } = this.stream.price(r, threshold, keep);
    const { n } = this.stream.data;
    const found: [number, number][] = [];
    for (let c = 0; c < top.count; c++) {
      const bits = top.bits.subarray(c * n, (c + 1) * n);
      if (!bits.some((v) => v !== 0)) continue; // the empty pattern adds no neuron
      found.push([this.pool.add(bits, top.signs[c]), top.sigma[c]]);
    }
    found.sort((p, q) => q[1] - p[1]);
    const sig = new Map(found);
    const sigmaOf = (idx: number[]): Float64Array => {
      const out = Float64Array.from(idx, (i) => sig.get(i) ?? NaN);
      const todo = idx.filter((i) => !sig.has(i));
      if (todo.length) {
        const pricer = new PatternPricer(this.core, this.stream.data, subset(this.pool, n, todo));
        try {
          const exact = pricer.price(r, 0, Infinity).sigma;
          todo.forEach((i, c) => sig.set(i, exact[c]));
        } finally {
          pricer.dispose();
        }
        idx.forEach((i, c) => (out[c] = sig.get(i)!));
      }
      return out;
    };
    return { max, kth, top: found.map(([i]) => i), sigma: (i: number) => sig.get(i) ?? kth, sigmaOf };
  }
  dispose(): void {
    this.stream.dispose();
  }
}

/**
 * A streamed source over every realizable signed pattern of data, when the sweep can run (three
 * columns, general position, no zero row: cell-stream.ts); undefined otherwise (enumerate and store).
 */
export function streamedSource(core: CoreExports, data: Data): StreamedSource | undefined {
  if (data.d !== 3 || data.n < 3) return undefined;
  const stream = new CellStream(core, data);
  if (!stream.ok) { stream.dispose(); return undefined; }
  // is the empty pattern a cell (some u with Xu < 0)? a verified interior point of its cone says so
  const a = new Arena(core);
  let empty = false;
  try {
    const { n } = data;
    const Xp = a.f64(data.X), bits = a.alloc(n), out = a.alloc(3 * 8), scratch = a.alloc(core.coneScratchBytes(n, 3));
    u8View(core, bits, n).fill(0);
    empty = core.coneInterior(Xp, n, 3, bits, 1, out, scratch) === 0;
  } finally {
    a.free();
  }
  return new StreamedSource(core, stream, empty);
}

/**
 * The certified bound of any dual point r (on the data as given): r moved into the conjugate's
 * domain, every σᵢ priced with rounding bounds, then the best feasible scale (bound.ts).
 */
export function certifyDualPoint(pricer: Pricing, s: ResolvedSettings, r: ArrayLike<number>): { bound: number; dual: Float64Array; scale: number; sigmaMax: number } {
  const y = pricer.data.y;
  const rr = dualDomain(s, y, r);
  const { max } = pricer.price(rr, s.beta * 0.999, 1);
  const { bound, scale } = boundFromSigma(s, y, rr, max);
  return { bound, dual: rr.map((v) => v * scale), scale, sigmaMax: max };
}

/** The core-side state of one solve: the scaled data in WASM memory, all of S priced on the original. */
export class ConvexSolver {
  readonly settings: ResolvedSettings;
  readonly scale: DataScale;
  /** Prices every pattern of the program (stored S, unless a streamed source is given). */
  readonly source: PatternSource;
  private readonly ownsSource: boolean;
  private readonly arena: Arena;
  private readonly Xp: number;
  private readonly XTp: number;
  private readonly Yp: number;
  private readonly Cp: number;
  private readonly scratch: number;
  /** Interior directions of the cones met so far (null: none found), computed on first use. */
  private readonly dirs = new Map<number, Float64Array | null>();
  iterations = 0;

  constructor(readonly core: CoreExports, readonly data: Data, settings: ProgramSettings | ResolvedSettings, readonly S: SignedPatterns, scale?: DataScale, source?: PatternSource) {
    this.settings = "beta" in settings ? settings : resolveSettings(settings);
    this.scale = scale ?? dataScale(data, this.settings);
    const { n } = data, d = this.scale.scaled.d;
    const a = (this.arena = new Arena(core));
    this.Xp = a.f64(this.scale.scaled.X);
    const Xs = this.scale.scaled.X, XT = new Float64Array(n * d);
    for (let k = 0; k < n; k++) for (let j = 0; j < d; j++) XT[j * n + k] = Xs[k * d + j];
    this.XTp = a.f64(XT);
    this.Yp = a.f64(this.scale.scaled.y);
    this.Cp = this.scale.rowScale ? a.f64(this.scale.rowScale) : 0;
    this.scratch = a.alloc(core.coneScratchBytes(n, d));
    this.ownsSource = !source;
    this.source = source ?? new StoredSource(core, data, S);
  }

  dispose(): void {
    if (this.ownsSource) this.source.dispose();
    this.arena.free();
  }

  /** σ̄ᵢ(r) for every pattern of S at a dual point r of the original data, and the max (PatternPricer.price; stored S only). */
  price(r: Float64Array, threshold: number, keep = Infinity): { sigma: Float64Array; max: number; kth: number } {
    if (!(this.source instanceof StoredSource)) throw new Error("ConvexSolver.price: the patterns are streamed, not stored");
    return this.source.pricer.price(r, threshold, keep);
  }

  /** The source's pricing (PatternSource.price), timed when debugging. */
  priceTop(r: Float64Array, threshold: number, keep: number): PricedPatterns {
    const t0 = DEBUG ? performance.now() : 0;
    const out = this.source.price(r, threshold, keep);
    if (DEBUG) this.priceMs += performance.now() - t0;
    return out;
  }
  priceMs = 0;

  /** Which of the patterns `idx` have a cone interior the barrier can start from (computed once each). */
  hasInterior(idx: number[]): boolean[] {
    const { n, d } = this.scale.scaled;
    const todo = idx.filter((i) => !this.dirs.has(i));
    if (todo.length) {
      const a = new Arena(this.core);
      try {
        const sub = subset(this.S, n, todo);
        const bits = a.alloc(todo.length * n);
        u8View(this.core, bits, todo.length * n).set(sub.bits);
        const out = a.alloc(todo.length * d * 8);
        this.core.coneInterior(this.Xp, n, d, bits, todo.length, out, this.scratch);
        const dirs = f64View(this.core, out, todo.length * d);
        todo.forEach((i, c) => {
          const w = dirs.slice(c * d, (c + 1) * d);
          this.dirs.set(i, w.some((v) => v !== 0) ? w : null);
        });
      } finally {
        a.free();
      }
    }
    return idx.map((i) => this.dirs.get(i) !== null);
  }

  /** The core's context for the patterns `idx` of S: the data, their bits and signs, the buffers of a Newton step. */
  private context(a: Arena, idx: number[]) {
    const core = this.core;
    const { n, d } = this.scale.scaled;
    const d1 = d + 1, m = idx.length;
    const ctx = a.alloc(C.CV_SIZE * 8);
    const set = (slot: number, v: number) => (f64View(core, ctx, C.CV_SIZE)[slot] = v);
    const get = (slot: number) => f64View(core, ctx, C.CV_SIZE)[slot];
    const sub = subset(this.S, n, idx);
    const bits = a.alloc(m * n);
    u8View(core, bits, m * n).set(sub.bits);
    set(C.CV_N, n); set(C.CV_D, d); set(C.CV_M, m);
    set(C.CV_X, this.Xp); set(C.CV_XT, this.XTp); set(C.CV_Y, this.Yp); set(C.CV_BITS, bits); set(C.CV_SIGN, a.f64(sub.signs));
    set(C.CV_LAMBDA, this.scale.beta / 2); // the core weighs Σtᵢ by 2λ
    set(C.CV_LOSS, this.settings.loss === "logistic" ? 1 : 0);
    set(C.CV_ROWSCALE, this.Cp);
    set(C.CV_HESS, a.alloc(n * 8));
    const Up = a.alloc(m * d1 * 8);
    set(C.CV_U, Up);
    set(C.CV_GRAD, a.alloc(m * d1 * 8)); set(C.CV_DIR, a.alloc(m * d1 * 8)); set(C.CV_LFAC, a.alloc(m * d1 * d1 * 8));
    set(C.CV_XU, a.alloc(m * n * 8)); set(C.CV_DXU, a.alloc(m * n * 8)); set(C.CV_SOC, a.alloc(m * 3 * 8));
    const direct = useDirect(n, d, m, this.settings.loss === "squared" && !this.Cp);
    set(C.CV_DIRECT, direct ? 1 : 0);
    set(C.CV_P, a.alloc(n * 8)); set(C.CV_DP, a.alloc(n * 8)); set(C.CV_Q, a.alloc(Math.max(n, m) * 8));
    set(C.CV_CAP, a.alloc(direct ? (m * d) ** 2 * 8 : n * n * 8));
    set(C.CV_SCR, a.alloc(((n + d + 2) * d1 + (d + 1) * n + 2) * 8)); set(C.CV_R, a.alloc(n * 8)); set(C.CV_RES, a.alloc(m * d1 * 8));
    if (direct) {
      set(C.CV_GRAM, a.alloc((m * d) ** 2 * 8)); set(C.CV_VEC, a.alloc(m * d * 8));
      // the squared loss's AᵀA does not change during a solve: computed once
      if (this.settings.loss === "squared" && !this.Cp) (core as ConvexCore).convexGram(ctx, a.alloc(m * 4));
    }
    return { ctx, set, get, Up };
  }

  /**
   * The program's objective at ûᵢ (the solver's units, for the patterns `idx`), by the core's own
   * evaluation (convexEvaluate), in the original units; Infinity when some ûᵢ leaves its cone (a row
   * on the wrong side by more than 1e-12·‖x̃ₖ‖·‖ûᵢ‖).
   */
  objective(idx: number[], U: Float64Array): number {
    const core = this.core;
    const { n, d, X } = this.scale.scaled;
    const d1 = d + 1, m = idx.length;
    const a = new Arena(core);
    try {
      const { ctx, get, Up } = this.context(a, idx);
      const V = f64View(core, Up, m * d1);
      for (let c = 0; c < m; c++) for (let j = 0; j < d; j++) V[c * d1 + j] = U[c * d + j];
      core.convexEvaluate(ctx);
      const XU = f64View(core, get(C.CV_XU), m * n);
      const xNorm = Array.from({ length: n }, (_, k) => { let xx = 0; for (let j = 0; j < d; j++) xx += X[k * d + j] ** 2; return Math.sqrt(xx); });
      for (let c = 0; c < m; c++) {
        const i = idx[c];
        let nu = 0;
        for (let j = 0; j < d; j++) nu += U[c * d + j] ** 2;
        nu = Math.sqrt(nu);
        for (let k = 0; k < n; k++) {
          const z = XU[c * n + k], tol = 1e-12 * xNorm[k] * nu;
          if (this.S.bits[i * n + k] ? z < -tol : z > tol) return Infinity;
        }
      }
      return get(C.CV_PRIMAL) * this.scale.valueFactor;
    } finally {
      a.free();
    }
  }

  /**
   * The barrier method on the patterns `idx` of S (all with an interior, see hasInterior), from a
   * fresh interior start, until the central path's gap ν/τ is below relGap·|primal| and the iterate
   * is well centred (or `budget` steps). U and τ are the solver's (scaled); the callback gets the
   * primal value and the dual point r of the original data.
   */
  barrier(
    idx: number[], relGap: number, budget: number,
    onCentred?: (U: Float64Array, primal: number, r: Float64Array) => boolean,
    warm?: { U: Float64Array; tau: number },
  ): { U: Float64Array; primal: number; ok: boolean; steps: number; tau: number } {
    const r = this.barrierFrom(idx, relGap, budget, onCentred, warm);
    // a warm start that fails (new patterns far from the centre at a high τ) is retried cold
    return warm && !r.ok ? this.barrierFrom(idx, relGap, budget - r.steps, onCentred) : r;
  }

  private barrierFrom(
    idx: number[], relGap: number, budget: number,
    onCentred?: (U: Float64Array, primal: number, r: Float64Array) => boolean,
    warm?: { U: Float64Array; tau: number },
  ): { U: Float64Array; primal: number; ok: boolean; steps: number; tau: number } {
    const core = this.core;
    const { n, d, X, y } = this.scale.scaled;
    const lambda = this.scale.beta / 2; // the core weighs Σtᵢ by 2λ
    const toPrimal = (v: number) => v * this.scale.valueFactor;
    const toDual = (r: Float64Array) => r.map((v) => v * this.scale.rFactor);
    const d1 = d + 1, m = idx.length;
    checkBarrierSize(n, d, m);
    const a = new Arena(core);
    const tb = DEBUG ? performance.now() : 0;
    try {
      const { ctx, set, get, Up } = this.context(a, idx);
      // start: a small multiple of each cone's central direction, tᵢ = 2‖uᵢ‖
      let yy = 0, xmax = 0, nValid = 0;
      for (let k = 0; k < n; k++) {
        yy += y[k] * y[k];
        let xx = 0;
        for (let j = 0; j < d; j++) xx += X[k * d + j] ** 2;
        if (xx > 0) nValid++;
        xmax = Math.max(xmax, Math.sqrt(xx));
      }
      if (this.scale.rowScale) xmax *= this.scale.rowNorm;
      // start on the scale of the centre: ‖uᵢ‖ where the cone's barrier balances 2λτ₀, τ₀ = ν/F₀(0);
      // outputs on the scale of y (of 1 for the logistic loss's margins)
      const logistic = this.settings.loss === "logistic";
      const f0 = logistic ? Math.LN2 : yy / n, yScale = logistic ? 1 : Math.sqrt(yy / n);
      const nu = m * (2 + nValid);
      const tau0 = nu / Math.max(f0, 1e-300);
      const eps0 = Math.min((nValid + 1) / (2 * lambda * tau0), (yScale || 1) / ((xmax || 1) * Math.max(1, m)) * 10);
      // a warm start keeps the rows it has (tᵢ > 0) and starts new patterns on the centre's scale at its τ
      const epsWarm = warm ? (nValid + 1) / (2 * lambda * warm.tau) : eps0;
      const U = f64View(core, Up, m * d1);
      idx.forEach((i, c) => {
        if (warm && warm.U[c * d1 + d] > 0) {
          U.set(warm.U.subarray(c * d1, (c + 1) * d1), c * d1);
          return;
        }
        const eps = warm ? epsWarm : eps0;
        const w = this.dirs.get(i)!;
        let nw = 0;
        for (let j = 0; j < d; j++) nw += w[j] * w[j];
        nw = Math.sqrt(nw);
        for (let j = 0; j < d; j++) U[c * d1 + j] = (eps * w[j]) / nw;
        U[c * d1 + d] = 2 * eps;
      });
      core.convexEvaluate(ctx);
      let tau = warm ? warm.tau : tau0;
      set(C.CV_TAU, tau);
      let steps = 0, ok = true, reached = false, final = false, extra = 0, retries = 0;
      let lastCentred: { U: Float64Array; tau: number } | undefined;
      let primal = get(C.CV_PRIMAL);
      while (steps < budget) {
        let dec = core.convexNewton(ctx);
        steps++;
        if (DEBUG && process.env.RELU_CONVEX_DEBUG === "2") console.error(`  step ${steps} m=${m} tau=${tau.toExponential(2)} dec=${dec.toExponential(2)} step=${get(C.CV_STEP).toFixed(3)}`);
        if (!(dec >= 0)) {
          // a rounding-level negative decrement: centred as far as f64 goes; else f64 gives out here
          if (dec > -1e-6) dec = 0;
          else { ok = false; break; }
        }
        if (!final) {
          if (dec >= 0.1) continue;
          core.convexEvaluate(ctx);
          primal = get(C.CV_PRIMAL);
          lastCentred = { U: f64View(core, Up, m * d1).slice(), tau };
          // at the target τ: centre tightly (the dual point's accuracy depends on it), then certify
          if (nu / tau <= relGap * Math.abs(primal)) { final = true; extra = 0; continue; }
          const next = tau * (nu / tau > 1e3 * relGap * Math.abs(primal) ? MU_FAR : MU_NEAR);
          // predictor along the central path's tangent (the last step's factors), then correct at the new τ
          (core as ConvexCore).convexPredict(ctx, next - tau);
          tau = next;
          set(C.CV_TAU, tau);
          continue;
        }
        if (dec >= 1e-10 && ++extra < 8) continue;
        core.convexEvaluate(ctx);
        primal = get(C.CV_PRIMAL);
        reached = true;
        // the certificate decides: stop when it meets the target (or after a few more τ levels)
        const certified = onCentred ? onCentred(f64View(core, Up, m * d1).slice(), toPrimal(primal), toDual(f64View(core, get(C.CV_R), n).slice())) : true;
        if (certified || ++retries > 3) break;
        tau *= MU_NEAR;
        set(C.CV_TAU, tau);
        final = false;
      }
      if (!reached && lastCentred && onCentred) {
        // stopped short of the target τ (f64 limits, or the budget): certify the last centred iterate,
        // centred tightly at its own τ
        f64View(core, Up, m * d1).set(lastCentred.U);
        set(C.CV_TAU, (tau = lastCentred.tau));
        for (let k = 0; k < 8; k++) {
          const dec = core.convexNewton(ctx);
          steps++;
          if (!(dec >= 1e-10)) break;
        }
        core.convexEvaluate(ctx);
        onCentred(f64View(core, Up, m * d1).slice(), toPrimal(get(C.CV_PRIMAL)), toDual(f64View(core, get(C.CV_R), n).slice()));
      }
      this.iterations += steps;
      core.convexEvaluate(ctx);
      if (DEBUG) console.error(`barrier m=${m} steps=${steps} tau=${tau.toExponential(2)} primal=${get(C.CV_PRIMAL)} ok=${ok} (${(performance.now() - tb).toFixed(0)} ms, pricing so far ${this.priceMs.toFixed(0)} ms)`);
      return { U: f64View(core, Up, m * d1).slice(), primal: toPrimal(get(C.CV_PRIMAL)), ok: ok && reached, steps, tau };
    } finally {
      a.free();
    }
  }
}

/** The solver's ûᵢ (its dimension) as uᵢ of the data as given: u = uFactor·basisᵀ·û. */
function toOriginal(U: Float64Array, m: number, sc: DataScale, d: number): Float64Array {
  if (!sc.basis) return U.map((v) => v * sc.uFactor);
  const r = sc.scaled.d, out = new Float64Array(m * d);
  for (let c = 0; c < m; c++) {
    for (let t = 0; t < r; t++) {
      const f = U[c * r + t] * sc.uFactor;
      for (let j = 0; j < d; j++) out[c * d + j] += f * sc.basis[t * d + j];
    }
  }
  return out;
}

/** uᵢ (without tᵢ) of a barrier iterate. */
function stripT(U1: Float64Array, m: number, d: number): Float64Array {
  const U = new Float64Array(m * d);
  for (let i = 0; i < m; i++) for (let j = 0; j < d; j++) U[i * d + j] = U1[i * (d + 1) + j];
  return U;
}

/**
 * Merging neighbouring cells in the loose phase (mergeNeighbours): an optimal neuron on a face shared by
 * adjacent cells lies in the closure of each, and the barrier (which keeps every uᵢ interior) spreads it
 * over all of them — on two moons n = 1000 nine in ten patterns of the working set had a heavier
 * neighbour (same sign, ≤ 4 rows apart) within 1 − cos < 1e-5 of its direction, so the set only grew
 * (to ~450 patterns). Merging them keeps it under 150 (61 rounds, 2639 Newton steps; 60 → 17 s there,
 * 15 → 10 s for the logistic loss). Only working sets of at least MERGE_MIN patterns are merged: small
 * ones cost little, and keep their path.
 */
const MERGE_COS = 1e-5, MERGE_HAM = 4, MERGE_MIN = 64;

/**
 * Merges working-set patterns into heavier neighbours: same sign, bits differing in at most MERGE_HAM
 * rows, directions within 1 − cos ≤ MERGE_COS (the leader's cone holds the merged neuron's closure
 * point, so the restricted optimum is kept up to the neighbour's contribution; a pattern needed after
 * all comes back as a violator, and is never merged again: `merged`). U (rows of prevWork) is updated
 * in place: the leader's uᵢ scaled to carry the merged weight, its tᵢ the sum.
 */
function mergeNeighbours(work: number[], prevWork: number[], U: Float64Array, S: SignedPatterns, n: number, d: number, merged: Set<number>): number[] {
  const d1 = d + 1, at = new Map(prevWork.map((i, c) => [i, c])), bits = S.bits, signs = S.signs;
  const norm = (i: number) => { const p = at.get(i)!; let s = 0; for (let j = 0; j < d; j++) s += U[p * d1 + j] ** 2; return Math.sqrt(s); };
  const nm = new Map(work.map((i) => [i, norm(i)]));
  const order = [...work].sort((p, q) => nm.get(q)! - nm.get(p)!);
  const leaders: number[] = [];
  const out = new Set<number>();
  for (const i of order) {
    let into = -1;
    if (!merged.has(i)) {
      const pi = at.get(i)!, ni = nm.get(i)!;
      for (const j of leaders) {
        if (signs[i] !== signs[j]) continue;
        const pj = at.get(j)!;
        let dt = 0;
        for (let q = 0; q < d; q++) dt += U[pi * d1 + q] * U[pj * d1 + q];
        if (1 - dt / (ni * norm(j)) > MERGE_COS) continue;
        let hd = 0;
        for (let k = 0; k < n && hd <= MERGE_HAM; k++) if (bits[i * n + k] !== bits[j * n + k]) hd++;
        if (hd <= MERGE_HAM) { into = j; break; }
      }
    }
    if (into < 0) { leaders.push(i); out.add(i); continue; }
    const pi = at.get(i)!, pj = at.get(into)!, nj = norm(into), f = (nj + nm.get(i)!) / nj;
    for (let q = 0; q < d; q++) U[pj * d1 + q] *= f;
    U[pj * d1 + d] += U[pi * d1 + d];
    merged.add(i);
  }
  return work.filter((i) => out.has(i));
}

/**
 * Solves P(S) to the target relative gap (or says why not). The core running out of memory is a
 * one-line error naming n and d.
 */
export function solveProgram(core: CoreExports, data: Data, settings: ProgramSettings | number, S: SignedPatterns, options: SolverOptions = {}): SolverResult {
  return coreCall(data.n, data.d, () => solveWith(core, data, settings, undefined, S, options));
}

/**
 * Solves the program over every realizable signed pattern of data priced by a streamed source (no
 * pattern stored): as solveProgram, with `patterns` in the result holding the patterns `index` refers to.
 */
export function solveStreamed(core: CoreExports, data: Data, settings: ProgramSettings | number, source: StreamedSource, options: SolverOptions = {}): SolverResult {
  return coreCall(data.n, data.d, () => {
    const sol = solveWith(core, data, settings, source, source.pool, options);
    return { ...sol, patterns: source.pool.snapshot() };
  });
}

function solveWith(core: CoreExports, data: Data, settings: ProgramSettings | number, source: PatternSource | undefined, S: SignedPatterns, options: SolverOptions): SolverResult {
  const t0 = typeof performance !== "undefined" ? performance.now() : Date.now();
  const o = { ...SOLVER_DEFAULTS, ...options };
  const st = resolveSettings(settings);
  const { n, y } = data;
  const beta = st.beta;
  const solver = new ConvexSolver(core, data, st, S, undefined, source);
  const src = solver.source;
  const sc = solver.scale;
  const d = sc.scaled.d; // the solver's dimension (the row space's when d > n)
  try {
    // the zero network and its certificate r = −φ'(0)/n (optimal iff λ ≥ λ_max)
    const r0 = dualPointOf(st, y, new Float64Array(n));
    const z0 = certifyDualPoint(src, st, r0);
    /** best: primal in the original units, U in the solver's (scaled) units until the end. */
    const best: SolverResult = { index: [], U: new Float64Array(0), primal: zeroValue(st, y), lowerBound: z0.bound, r: z0.dual, iterations: 0, converged: false, dropped: 0 };
    const done = () => best.primal - best.lowerBound <= o.tol * Math.abs(best.primal);
    const progress = (round: number, workingSet: number) => o.onProgress?.({
      round, workingSet, relativeGap: (best.primal - best.lowerBound) / Math.abs(best.primal), iterations: solver.iterations,
      seconds: ((typeof performance !== "undefined" ? performance.now() : Date.now()) - t0) / 1000,
    });
    progress(0, 0);
    let last: PricedPatterns | undefined;
    // every centred iterate near the end: a feasible point (upper bound) and a dual point (lower bound)
    const track = (idx: number[], loose = false) => (U: Float64Array, primal: number, r: Float64Array): boolean => {
      if (primal < best.primal) { best.primal = primal; best.U = stripT(U, idx.length, d); best.index = idx; }
      const rr = dualDomain(st, y, r);
      // exact where it matters: the violators the next round may add (the working set's own sit at β)
      // (the violators rank first: a few rounds' worth beyond the working set is all a round can use)
      const priced = (last = solver.priceTop(rr, beta * 0.999, idx.length + 4 * ROUND_ADD + 1));
      const { bound, scale } = boundFromSigma(st, y, rr, priced.max);
      if (DEBUG) console.error(`   centred m=${idx.length} primal=${primal} maxσ/β−1=${(priced.max / beta - 1).toExponential(2)} bound=${bound} relgap=${((primal - bound) / primal).toExponential(2)}`);
      if (bound > best.lowerBound) { best.lowerBound = bound; best.r = rr.map((v) => v * scale); }
      if (loose || done()) return true;
      // patterns outside the working set violated: more τ cannot help, the caller adds them
      const inWork = new Set(idx);
      return priced.top.some((i) => priced.sigma(i) > beta && !inWork.has(i));
    };
    /** The first `count` patterns of `order` the barrier can start from (the others are counted as dropped). */
    const dropped = new Set<number>();
    const merged = new Set<number>();
    const takeWithInterior = (order: number[], count: number): number[] => {
      const out: number[] = [];
      for (let at = 0; at < order.length && out.length < count; ) {
        const batch = order.slice(at, at + count - out.length);
        at += batch.length;
        const ok = solver.hasInterior(batch);
        batch.forEach((i, c) => { if (ok[c]) out.push(i); else dropped.add(i); });
      }
      return out;
    };
    if (src.count > 0 && !done()) {
      // large S: column generation from the patterns most violated by the zero network's dual point
      let work: number[];
      let loose = false;
      let warm: { U: Float64Array; tau: number } | undefined;
      if (src.count > o.directLimit || source) {
        work = takeWithInterior(solver.priceTop(r0, 0, 4 * FIRST_SET).top, Math.min(2 * (n + 1), FIRST_SET));
        loose = true;
      } else work = takeWithInterior([...Array(S.count).keys()], S.count);
      // solve on the working set; price all of S at its dual point and add violators until the gap
      // closes (first loosely, to find the patterns the optimum uses, then to the target)
      for (let round = 0; round < 100 && !done() && work.length > 0; round++) {
        const left = o.maxIterations - solver.iterations;
        if (left <= 0) break;
        const b = solver.barrier(work, loose ? 1e-4 : 0.5 * o.tol, left, track(work, loose), warm);
        progress(round + 1, work.length);
        warm = undefined;
        if (done() || !last) break;
        const sigma = last.sigma;
        const inWork = new Set(work);
        const sorted = last.top.filter((i) => sigma(i) > beta && !inWork.has(i) && !dropped.has(i));
        // cells meeting at one maximizer of F(u) = Σₖ rₖ·relu(xₖ·u) share their σ, and the optimum needs
        // only one of them (it lies in the closure of each): one per value, more distinct maximizers per round
        const cand = sorted.filter((i, c) => c === 0 || sigma(sorted[c - 1]) - sigma(i) > 1e-9 * sigma(i));
        const add = takeWithInterior(cand, Math.min(n + 1, ROUND_ADD));
        if (DEBUG) console.error(`  round ${round}: ${work.length} patterns, ${add.length} added, gap ${((best.primal - best.lowerBound) / best.primal).toExponential(2)}`);
        if (add.length === 0) {
          if (loose) { loose = false; continue; }
          break; // the gap is the working set's own accuracy (f64 limits) or the budget's
        }
        const prevWork = work;
        if (loose) {
          // keep the working set small: drop patterns that carry no weight and are slack in the dual
          const d1 = d + 1;
          const norms = work.map((_, c) => safeNorm(b.U, c * d1, c * d1 + d));
          const top = norms.reduce((p, v) => Math.max(p, v), 0);
          const sw = last.sigmaOf(work);
          work = work.filter((_, c) => norms[c] > 1e-3 * top || sw[c] > beta * (1 - 1e-3));
          // and merge cells that share one optimal neuron (MERGE_COS)
          if (work.length >= MERGE_MIN) {
            const before = work.length;
            work = mergeNeighbours(work, prevWork, b.U, S, n, d, merged);
            if (DEBUG) console.error(`  merged ${before - work.length} patterns into neighbours`);
          }
        }
        // warm start: the kept patterns where they are, the added ones fresh, τ backed off
        const d1 = d + 1;
        const at = new Map(prevWork.map((i, c) => [i, c]));
        const next = [...work, ...add];
        const W = new Float64Array(next.length * d1);
        next.forEach((i, c) => { const p = at.get(i); if (p !== undefined) W.set(b.U.subarray(p * d1, (p + 1) * d1), c * d1); });
        warm = { U: W, tau: Math.max(b.tau / WARM_BACKOFF, 1) };
        work = next;
      }
    }
    if (!done() && best.index.length > 0 && st.loss === "squared") {
      // crossover (in the solver's units): the smooth system of the optimum's patterns and faces, by
      // Newton; with row scales the active set is judged by outputs, at a few thresholds
      for (const activeTol of sc.rowScale ? [0, 1e-4, 1e-6] : [1e-6]) {
        const x = crossover(core, sc.scaled, sc.beta / 2, S, best.index, best.U, 1e-7, sc.rowScale, activeTol);
        if (!x) continue;
        const c = certifyDualPoint(src, st, x.r.map((v) => v * sc.rFactor));
        if (DEBUG) console.error(`crossover (active ${activeTol}): bound ${c.bound} σmax/β−1 ${(c.sigmaMax / st.beta - 1).toExponential(2)}`);
        if (c.bound > best.lowerBound) { best.lowerBound = c.bound; best.r = c.dual; }
        const primal = solver.objective(best.index, x.U);
        if (primal < best.primal) { best.primal = primal; best.U = x.U; }
        if (done()) break;
      }
    }
    best.U = toOriginal(best.U, best.index.length, sc, data.d);
    best.iterations = solver.iterations;
    best.dropped = dropped.size;
    best.converged = done();
    if (!best.converged) {
      const rel = (best.primal - best.lowerBound) / Math.abs(best.primal);
      best.message = `stopped at relative gap ${rel.toExponential(2)} > ${o.tol} after ${best.iterations} Newton steps (the barrier method's numerical limit on this problem, or the iteration budget)`;
    }
    return best;
  } finally {
    solver.dispose();
  }
}
