// One job of the lab's cones experiment: one dataset and one width m, through the package's own
// cones run (src/experiments/cones-kind.ts): random cones of m signed patterns, each classified as
// holding a global minimum, a spurious local minimum, or neither.
import { conesRun } from "../experiments/cones/kind.js";
import type { LabSettings } from "./settings.js";

/** Cone tolerance: a cone holds a global minimum when P(S) − P(all) ≤ tol·max(1, P(all)). */
export const CONES_TOL = 1e-6;

/** Dataset `dataset` (its seed derived from the data seed as the CLI's cones does) at width s.m, cones drawn with s.seed. */
export async function conesJob(s: LabSettings, dataset: number): Promise<Record<string, unknown>> {
  const t0 = performance.now();
  const r = await conesRun(
    { n: s.cn, d: s.cd, m: s.m, lambda: s.lambda, tol: CONES_TOL, cones: s.ccones, data: s.cdata, sampler: "uniform", seed0: s.dseed, dataset },
    { seed: s.seed },
  );
  return { ...r, seconds: (performance.now() - t0) / 1000 };
}
