// One run of the cones experiment: one dataset (n, d, index) and one width m. Draws `cones` random
// activation cones of m signed patterns each (duplicates merged), solves the convex program restricted
// to each cone, rebuilds its optimum as a network and classifies it with the package's one classifier
// (src/convex/verdict.ts), given the dataset's P(all), its certified lower bound and every signed
// pattern (solved once per dataset and kept, so the classifier solves no global program):
//   verdict         at the minimal width — the optimum merged into its minimal network, the research's
//                   convention: global | spurious-local-minimum | saddle | not-stationary | undetermined,
//                   each with its witness (the README's verdict table says what each proves);
//   verdictAtWidth  at the cone's own width m — one neuron per drawn pattern, the ones the optimum
//                   leaves unused at zero. A non-global optimum with a zero neuron is never a local
//                   minimum there: growing that neuron in a cell where the optimum's dual point is
//                   infeasible lowers L (the README's "Which width");
//   researchLabel   the research's own first-order test on the minimal network (absolute tolerances
//                   5e-5); what the research calls a spurious minimum is first-order-stationary and not
//                   global.
// The scaling grid (config.point) only asks whether a cone holds a global minimum: its cones are not
// classified further (their verdict is `global` when the certified gap says so, null otherwise; the
// other verdict fields null).
import type { Data } from "../../api/data.js";
import { enumeratePatterns } from "../../api/patterns.js";
import { samplePatterns } from "../../api/pattern-samplers.js";
import { solveProgram } from "../../convex/program.js";
import { type SignedPatterns, signedPatternsOf } from "../../convex/signed-patterns.js";
import { rebuildNetwork } from "../../convex/optimum.js";
import { type Verdict, type VerdictResult, classifyBothWidths } from "../../convex/verdict.js";
import { type FirstOrderLabel, researchFirstOrderLabel } from "../../convex/verdict-label.js";
import { getCore } from "../../core/loader.js";
import { teacherData } from "../../data/teacher.js";
import { orthogonalData } from "../../data/orthogonal.js";
import type { RunContext, RunKindDefinition } from "../../sweep/run-kinds.js";
import { datasetSeed } from "./options.js";
import { verdictFractions } from "./summary.js";
import type { ConeRow } from "./rows.js";
import { signedPatternKey } from "../../api/network.js";
import { cached } from "../shared/cached.js";

export type { ConeRow, ConeVerdict } from "./rows.js";


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
  return cached(cache, `${kind}:${n}:${d}:${seed}:${lambda}`, async () => {
    const data = kind === "orthogonal" ? await orthogonalData({ n, d, seed }) : await teacherData({ n, d, seed });
    const set = await enumeratePatterns(data);
    const all = signedPatternsOf(set);
    const sol = solveProgram(await getCore(), data, lambda, all);
    return { data, patterns: set.count, globalValue: sol.primal, globalLower: sol.lowerBound, all };
  });
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
    const key = signedPatternKey(signs[i], bits.subarray(i * n, (i + 1) * n));
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

/**
 * Neurons of a cone's optimum with ‖w‖² + a² ≤ CONE_FLOOR·max are zero neurons: the barrier solver leaves
 * residues of about 1e-8 of the largest neuron on patterns the optimum does not use, and coneOptimum
 * (the package's cone optimum as a network) prunes ‖u‖ ≤ 1e-7·max (its pruneTol), the same neurons.
 */
export const CONE_FLOOR = 1e-7;

const descentOf = (v: VerdictResult) => ({ loss: v.descent?.loss ?? null, kind: v.descent?.kind ?? null });

export async function conesRun(config: Record<string, unknown>, ctx: RunContext): Promise<Record<string, unknown>> {
  // the paper grid names n, d, m as axes; the scaling grid gives them as one point {n, d, m}
  const { n, d, m } = (config.point ?? config) as { n: number; d: number; m: number };
  const classify = config.point === undefined;
  const lambda = config.lambda as number, tol = config.tol as number, cones = config.cones as number;
  const dataSeed = datasetSeed(config.seed0 as number, n, d, config.dataset as number);
  const info = await datasetInfo(config.data as string, n, d, dataSeed, lambda);
  const core = await getCore();
  const sample = await samplePatterns(info.data, m * cones, { sampler: config.sampler as "uniform" | "gaussian", signed: true, seed: ctx.seed });
  // the classifier's settings: the dataset's global optimum known, `global` at the experiment's tol
  const known = { lowerBound: info.globalLower, globalValue: info.globalValue, allPatterns: info.all, gapTol: tol, floor: CONE_FLOOR, core };
  const rows: ConeRow[] = [];
  for (let c = 0; c < cones; c++) {
    const S = dedupe(sample.patterns.subarray(c * m * n, (c + 1) * m * n), sample.signs.subarray(c * m, (c + 1) * m), m, n);
    const sol = solveProgram(core, info.data, lambda, S);
    const excess = (sol.primal - info.globalValue) / Math.max(Math.abs(info.globalValue), 1e-300);
    const base = { cone: c, distinct: S.count, hit: S.hit, converged: sol.converged, value: sol.primal, excess };
    const net = rebuildNetwork(sol, S, info.data.d);
    if (!classify) {
      // the certified gap alone, as the classifier's first step computes it (L − max(given lower bound, …))
      const relativeGap = (sol.primal - Math.min(info.globalLower, sol.primal)) / Math.abs(sol.primal);
      rows.push({
        ...base, relativeGap, verdict: relativeGap <= tol ? "global" : null, neurons: null, descentLoss: null, descentKind: null,
        localSlack: null, localRadius: null, verdictAtWidth: null, descentLossAtWidth: null, descentKindAtWidth: null,
        researchLabel: null, researchMaxEntry: null,
      });
      continue;
    }
    const { atWidth, minimal } = await classifyBothWidths(info.data, net, { lambda, width: m, ...known });
    const label = researchFirstOrderLabel(info.data, lambda, minimal.network);
    const dm = descentOf(minimal), dw = descentOf(atWidth);
    rows.push({
      ...base,
      relativeGap: minimal.relativeGap,
      verdict: minimal.verdict,
      neurons: minimal.width,
      descentLoss: dm.loss,
      descentKind: dm.kind,
      localSlack: minimal.local?.relativeSlack ?? null,
      localRadius: minimal.local?.radius ?? null,
      verdictAtWidth: atWidth.verdict,
      descentLossAtWidth: dw.loss,
      descentKindAtWidth: dw.kind,
      researchLabel: label.label,
      researchMaxEntry: label.maxEntry,
    });
  }
  return {
    signedPatterns: 2 * info.patterns,
    globalValue: info.globalValue,
    ...verdictFractions(rows),
    fracHit: rows.reduce((s, r) => s + r.hit, 0) / cones / (2 * info.patterns),
    rows,
  };
}

/** The run kind of the cones experiment. */
export const conesKind: RunKindDefinition = { name: "cones", run: conesRun };
