// One job of the lab's initialization-scale experiment: one (α, seed) run of the package's own
// init-scale run (src/experiments/init-scale/kind.ts) on the research's data and settings: balanced
// init, GD to the epoch budget, polished to the exact best network of its cone, certified.
import { INIT_SCALE_DEFAULTS } from "../experiments/init-scale/options.js";
import { initScaleRun } from "../experiments/init-scale/kind.js";
import type { LabSettings } from "./settings.js";

/** The research's settings the panel uses (all but α, the seed and the epoch budget). */
export const INIT_SCALE_LAB = { n: INIT_SCALE_DEFAULTS.n, m: INIT_SCALE_DEFAULTS.m, lr: INIT_SCALE_DEFAULTS.lr, lambda: INIT_SCALE_DEFAULTS.lambda };

export async function initScaleJob(s: LabSettings): Promise<Record<string, unknown>> {
  const { alphas: _a, seeds: _s, seed: _seed, ...base } = INIT_SCALE_DEFAULTS;
  const t0 = performance.now();
  const r = await initScaleRun({ ...base, dataSeed: s.dseed, alpha: s.alpha, maxEpochs: s.epochs }, { seed: s.seed });
  return { ...r, seconds: (performance.now() - t0) / 1000 };
}
