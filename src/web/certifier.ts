// The lab's certifier (in its own worker, so training never waits for it): once per session the
// exact global optimum of the problem (the convex program over every signed activation pattern), then
// for the networks the page sends, a certified gap to it and a verdict with what backs it (certify:
// global, spurious-local-minimum with its local-minimum certificate, saddle or not-stationary with a
// descent step, undetermined with its reason).
// Problems with many patterns skip the global solve (it can take minutes) and certify each network
// with its own scaled residual as the dual point: still a certified gap, a looser one.
import { type SignedPatterns, type Verdict, allSignedPatterns, certify, globalOptimum } from "../convex/index.js";
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

/** What the page is told of a certificate (see VerdictResult in src/convex/verdict.ts). */
export interface CertificateInfo {
  /** L of the network. */
  loss: number;
  /** Certified lower bound on the global minimum of L. */
  lowerBound: number;
  /** loss − lowerBound. */
  gap: number;
  verdict: Verdict;
  /** One line: what backs the verdict. */
  reason: string;
  /** The width m at which "local minimum?" was asked. */
  width: number;
  /** saddle, not-stationary: the evaluated descent step (L(θ + step·v) = loss). */
  descent?: { kind: string; step: number; loss: number };
  /** The local-minimum certificate, when computed: L(θ′) ≥ L(θ) − slack for ‖θ′ − θ‖ < radius. */
  local?: { slack: number; radius: number; passed: boolean };
}

export class Certifier {
  private constructor(
    readonly lp: LabProblem,
    readonly optimum: OptimumInfo,
    /** Every signed pattern of the data: enumerated once per session, not once per network certified. */
    private readonly all: SignedPatterns,
  ) {}

  static async create(s: LabSettings): Promise<Certifier> {
    const t0 = performance.now();
    const lp = await labProblem(s);
    const { data, lambda } = lp.problem;
    const all = await allSignedPatterns(data);
    const patterns = all.count;
    let lowerBound: number | null = null, value: number | null = null, W: Float64Array | null = null, a: Float64Array | null = null;
    if (patterns <= LIVE_SOLVE_PATTERNS) {
      const g = await globalOptimum(data, { lambda });
      lowerBound = g.lowerBound;
      value = g.value;
      W = Float64Array.from(g.network.W.flat());
      a = Float64Array.from(g.network.a);
    }
    return new Certifier(lp, { patterns, lowerBound, value, W, a, seconds: (performance.now() - t0) / 1000 }, all);
  }

  /**
   * The certificate of a network given as flat W (m×d) and a: against the global optimum's certified
   * lower bound and value when solved, else with the network's own dual bound (no solve).
   */
  async certify(W: Float64Array, a: Float64Array, m: number, d: number): Promise<CertificateInfo> {
    const net: Network = { W: Array.from({ length: m }, (_, j) => Array.from(W.subarray(j * d, (j + 1) * d))), a: Array.from(a) };
    const { data, lambda } = this.lp.problem;
    const { lowerBound, value } = this.optimum;
    const c = await certify(data, net, { lambda, allPatterns: this.all, ...(lowerBound === null ? { solve: false } : { lowerBound, globalValue: value ?? undefined }) });
    return {
      loss: c.loss, lowerBound: c.lowerBound, gap: c.gap, verdict: c.verdict, reason: c.reason, width: c.width,
      ...(c.descent ? { descent: { kind: c.descent.kind, step: c.descent.step, loss: c.descent.loss } } : {}),
      ...(c.local ? { local: { slack: c.local.slack, radius: c.local.radius, passed: c.local.passed } } : {}),
    };
  }
}
