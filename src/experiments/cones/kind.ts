// One run of the cones experiment: one dataset (n, d, index) and one width m. Draws `cones` random
// activation cones of m signed patterns each (duplicates merged), solves the convex program restricted
// to each cone, and classifies it against the global optimum P(all) of the dataset:
//   global    P(S) within tol of P(all): the cone holds a global minimum;
//   spurious  not global, and the cone's optimum rebuilt as a minimal network is a stationary point
//             of L (a spurious local minimum; ‖∇L‖ ≤ EXPERIMENT_STAT_TOL, see train-polish.ts);
//   neither   otherwise (the cone's best point lies on its boundary, not a local minimum of L).
import type { Data } from "../../api/data.js";
import { enumeratePatterns } from "../../api/patterns.js";
import { samplePatterns } from "../../api/pattern-samplers.js";
import { solveProgram } from "../../convex/program.js";
import { type SignedPatterns, signedPatternsOf } from "../../convex/signed-patterns.js";
import { rebuildNetwork } from "../../convex/optimum.js";
import { certify } from "../../convex/certify.js";
import { getCore } from "../../core/loader.js";
import { teacherData } from "../../data/teacher.js";
import { orthogonalData } from "../../data/orthogonal.js";
import type { RunContext, RunKindDefinition } from "../../sweep/run-kinds.js";
import { datasetSeed } from "./options.js";
import { EXPERIMENT_STAT_TOL } from "../shared/train-polish.js";

export type ConeVerdict = "global" | "spurious" | "neither";

export interface ConeRow {
  cone: number;
  /** Distinct non-empty signed patterns in the cone (the program's size). */
  distinct: number;
  /** Distinct signed patterns drawn, the empty pattern included (the coverage count). */
  hit: number;
  /** Whether the cone program reached its target gap. */
  converged: boolean;
  /** P(S), the best loss in the cone. */
  value: number;
  /** (P(S) − P(all)) / P(all). */
  excess: number;
  verdict: ConeVerdict;
}

interface DatasetInfo {
  data: Data;
  /** Realizable patterns (unsigned). */
  patterns: number;
  /** P(all). */
  globalValue: number;
  globalLower: number;
  /** All non-empty signed patterns. */
  all: SignedPatterns;
}

/** Datasets are shared by every width: solved once per worker and kept. */
const cache = new Map<string, Promise<DatasetInfo>>();

async function datasetInfo(kind: string, n: number, d: number, seed: number, lambda: number): Promise<DatasetInfo> {
  const key = `${kind}:${n}:${d}:${seed}:${lambda}`;
  let p = cache.get(key);
  if (!p) {
    p = (async () => {
      const data = kind === "orthogonal" ? await orthogonalData({ n, d, seed }) : await teacherData({ n, d, seed });
      const set = await enumeratePatterns(data);
      const all = signedPatternsOf(set);
      const sol = solveProgram(await getCore(), data, lambda, all);
      return { data, patterns: set.count, globalValue: sol.primal, globalLower: sol.lowerBound, all };
    })();
    cache.set(key, p);
  }
  return p;
}

/** Merges duplicate signed patterns and leaves out the empty pattern (a dead neuron adds nothing). */
function dedupe(bits: Uint8Array, signs: ArrayLike<number>, m: number, n: number): SignedPatterns & { hit: number } {
  const seen = new Map<string, number>();
  let empty = 0;
  for (let i = 0; i < m; i++) {
    if (!bits.subarray(i * n, (i + 1) * n).some((v) => v !== 0)) {
      empty |= signs[i] > 0 ? 1 : 2;
      continue;
    }
    const key = (signs[i] > 0 ? "+" : "-") + bits.subarray(i * n, (i + 1) * n).join("");
    if (!seen.has(key)) seen.set(key, i);
  }
  const idx = [...seen.values()];
  const out = new Uint8Array(idx.length * n);
  const s = new Float64Array(idx.length);
  idx.forEach((i, c) => {
    out.set(bits.subarray(i * n, (i + 1) * n), c * n);
    s[c] = signs[i] > 0 ? 1 : -1;
  });
  return { count: idx.length, bits: out, signs: s, hit: idx.length + (empty & 1) + (empty >> 1) };
}

export async function conesRun(config: Record<string, unknown>, ctx: RunContext): Promise<Record<string, unknown>> {
  // the paper grid names n, d, m as axes; the scaling grid gives them as one point {n, d, m}
  const { n, d, m } = (config.point ?? config) as { n: number; d: number; m: number };
  const lambda = config.lambda as number, tol = config.tol as number, cones = config.cones as number;
  const dataSeed = datasetSeed(config.seed0 as number, n, d, config.dataset as number);
  const info = await datasetInfo(config.data as string, n, d, dataSeed, lambda);
  const core = await getCore();
  const sample = await samplePatterns(info.data, m * cones, { sampler: config.sampler as "uniform" | "gaussian", signed: true, seed: ctx.seed });
  const rows: ConeRow[] = [];
  for (let c = 0; c < cones; c++) {
    const S = dedupe(sample.patterns.subarray(c * m * n, (c + 1) * m * n), sample.signs.subarray(c * m, (c + 1) * m), m, n);
    const sol = solveProgram(core, info.data, lambda, S);
    const excess = (sol.primal - info.globalValue) / Math.max(Math.abs(info.globalValue), 1e-300);
    let verdict: ConeVerdict = "global";
    if (excess > tol) {
      const net = rebuildNetwork(sol, S, info.data.d);
      const cert = await certify(info.data, lambda, net, { lowerBound: info.globalLower, gradTol: EXPERIMENT_STAT_TOL });
      verdict = cert.verdict === "spurious-local-minimum" ? "spurious" : "neither";
    }
    rows.push({ cone: c, distinct: S.count, hit: S.hit, converged: sol.converged, value: sol.primal, excess, verdict });
  }
  const frac = (v: ConeVerdict) => rows.filter((r) => r.verdict === v).length / cones;
  return {
    signedPatterns: 2 * info.patterns,
    globalValue: info.globalValue,
    fracGlobal: frac("global"),
    fracSpurious: frac("spurious"),
    fracHit: rows.reduce((s, r) => s + r.hit, 0) / cones / (2 * info.patterns),
    rows,
  };
}

/** The run kind of the cones experiment. */
export const conesKind: RunKindDefinition = { name: "cones", run: conesRun };
