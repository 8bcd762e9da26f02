// The lab's certifier (in its own worker, so training never waits for it): once per session the
// exact global optimum of the problem (the convex program over every signed activation pattern), then
// for the networks the page sends, a certified gap to it and a verdict (src/convex/).
// Problems with many patterns skip the global solve (it can take minutes) and certify each network
// with its own scaled residual as the dual point: still a certified gap, a looser one.
import { allSignedPatterns, certify, globalOptimum } from "../convex/index.js";
import type { Network } from "../api/network.js";
import { type LabProblem, labProblem } from "./datasets.js";
import type { LabSettings } from "./settings.js";

/** Above this many signed patterns the global optimum is not solved live. */
export const LIVE_SOLVE_PATTERNS = 4000;

export interface OptimumInfo {
  /** Signed patterns of the data. */
  patterns: number;
  /** The global optimum's certified lower bound and value, when solved. */
  lowerBound: number | null;
  value: number | null;
  /** The optimal (minimal) network, flat: W row-major (neurons×d) and a, when solved. */
  W: Float64Array | null;
  a: Float64Array | null;
  seconds: number;
}

export class Certifier {
  private constructor(
    readonly lp: LabProblem,
    readonly optimum: OptimumInfo,
  ) {}

  static async create(s: LabSettings): Promise<Certifier> {
    const t0 = performance.now();
    const lp = await labProblem(s);
    const { data, lambda } = lp.problem;
    const patterns = (await allSignedPatterns(data)).count;
    let lowerBound: number | null = null, value: number | null = null, W: Float64Array | null = null, a: Float64Array | null = null;
    if (patterns <= LIVE_SOLVE_PATTERNS) {
      const g = await globalOptimum(data, lambda);
      lowerBound = g.lowerBound;
      value = g.value;
      W = Float64Array.from(g.network.W.flat());
      a = Float64Array.from(g.network.a);
    }
    return new Certifier(lp, { patterns, lowerBound, value, W, a, seconds: (performance.now() - t0) / 1000 });
  }

  /** The certificate of a network given as flat W (m×d) and a. */
  async certify(W: Float64Array, a: Float64Array, m: number, d: number) {
    const net: Network = { W: Array.from({ length: m }, (_, j) => Array.from(W.subarray(j * d, (j + 1) * d))), a: Array.from(a) };
    const { data, lambda } = this.lp.problem;
    const lb = this.optimum.lowerBound;
    return certify(data, lambda, net, lb === null ? { solve: false } : { lowerBound: lb });
  }
}
