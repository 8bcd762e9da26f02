// Verified pricing by streaming over the cells of the arrangement (assembly/cell-sweep.ts), for X with
// three columns (two-dimensional data with a bias, or any n×3 X) in general position: every realizable
// signed pattern is priced in one rotational sweep, O(n² log n) time, memory O(n + K·n) for the K
// patterns reported — no pattern is stored. The sweep's combinatorics use exact predicates only, so the
// cells it visits are exactly the arrangement's (N(N−1) + 2 of them, Cover's count, checked on every
// pass); data it cannot sweep (repeated or collinear points, a zero row, an entry below 2⁻²⁵⁰ of its row)
// is reported by `status`, and the caller enumerates and stores the patterns instead.
import type { CoreExports } from "../core/loader.js";
import { f64View, u8View, Arena } from "../core/memory.js";
import type { Data } from "../api/data.js";
import { patternCountFormula } from "../api/patterns.js";

/** The core's sweep exports (assembly/cell-sweep.ts). */
interface SweepExports {
  sweepNew(X: number, n: number, d: number, cacheBytes: number): number;
  sweepStatus(h: number): number;
  sweepFree(h: number): void;
  sweepPrice(h: number, r: number, threshold: number, keep: number, outSigma: number, outSign: number, outBits: number, info: number): number;
}

/** Why a sweep cannot run (assembly/cell-sweep.ts's codes). */
const SWEEP_STATUS = ["ok", "not three columns with a nonzero axis coordinate on every row", "an entry too small next to its row's largest", "not in general position (repeated or collinear points)", "inconsistent sweep", "overflow", "more than 46,341 rows (the events N(N−1) overflow the sweep's counters)"] as const;

/**
 * The sweep's combinatorics do not depend on the dual point: the first pass records its sequence of
 * events (4 bytes per cell) and later passes replay it, when it takes at most this much; beyond it every
 * pass recomputes them (memory O(n)).
 */
const STREAM_CACHE_BYTES = 64 * 2 ** 20;

/** The patterns a pricing pass reports: the `keep` largest σ̄ above the threshold. */
export interface StreamTop {
  /** count×n bytes, 0/1. */
  bits: Uint8Array;
  signs: Float64Array;
  sigma: Float64Array;
  count: number;
}

/** Pricing over every cell of a rank-3 arrangement without storing the cells. */
export class CellStream {
  private readonly core: CoreExports & SweepExports;
  private readonly arena: Arena;
  private readonly handle: number;
  private readonly rp: number;
  private readonly infop: number;
  /** 0 when the sweep can run (SWEEP_STATUS). */
  readonly status: number;
  /** Cells of the arrangement when the sweep runs (Cover's count: X is in general position). */
  readonly cells: number;

  constructor(core: CoreExports, readonly data: Data, cacheBytes = STREAM_CACHE_BYTES) {
    this.core = core as CoreExports & SweepExports;
    const { n, d } = data;
    this.arena = new Arena(core);
    const Xp = this.arena.f64(data.X);
    this.handle = this.core.sweepNew(Xp, n, d, cacheBytes);
    this.rp = this.arena.alloc(n * 8);
    this.infop = this.arena.alloc(4 * 8);
    let status = this.core.sweepStatus(this.handle);
    if (status === 0) {
      // one pass at r = 0 runs the combinatorics once: degenerate data shows here
      this.core.sweepPrice(this.handle, this.rp, 0, 0, 0, 0, 0, this.infop);
      status = f64View(this.core, this.infop, 4)[3];
    }
    this.status = status;
    this.cells = status === 0 ? patternCountFormula(n, d) : 0;
  }

  /** Whether the sweep runs on these data (d = 3, general position, no zero row). */
  get ok(): boolean {
    return this.status === 0;
  }

  /**
   * One pass: max σ̄ over every realizable signed pattern at r (a verified upper bound, exact to
   * rounding above `threshold`), and the `keep` largest above `threshold` (their σ̄ exact to rounding).
   * `kth` is the keep-th largest (threshold when fewer). Throws if the pass finds the data degenerate
   * (then `status` says why) — never returns an unverified max.
   */
  price(r: ArrayLike<number>, threshold: number, keep: number): { max: number; kth: number; top: StreamTop } {
    const core = this.core;
    const { n } = this.data;
    f64View(core, this.rp, n).set(r);
    const k = Math.max(0, Math.floor(keep));
    const a = new Arena(core);
    try {
      const sig = a.alloc(k * 8), sgn = a.alloc(k * 8), bits = a.alloc(k * n);
      const max = core.sweepPrice(this.handle, this.rp, threshold, k, sig, sgn, bits, this.infop);
      const info = f64View(core, this.infop, 4);
      const status = info[3], count = info[0], kth = info[1], faces = info[2];
      if (status !== 0) throw new Error(`cell sweep: ${SWEEP_STATUS[status] ?? status}`);
      if (faces !== this.cells) throw new Error(`cell sweep visited ${faces} cells where Cover's count is ${this.cells}: please report these data`);
      return {
        max, kth,
        top: { count, sigma: f64View(core, sig, count).slice(), signs: f64View(core, sgn, count).slice(), bits: u8View(core, bits, count * n).slice() },
      };
    } finally {
      a.free();
    }
  }

  dispose(): void {
    this.core.sweepFree(this.handle);
    this.arena.free();
  }
}
