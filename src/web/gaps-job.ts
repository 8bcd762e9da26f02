// One job of the lab's energy-gap panel: one width m of the package's gap experiment
// (src/experiments/gaps/): K networks trained on two moons (logistic loss, λ‖a‖₁ with ‖wⱼ‖ ≤ 1,
// as in Freeman & Bruna), every pair joined by a dynamic string; the energy gap of each pair.
// The experiment's runs of that width, one after the other in this worker.
import { gaps } from "../experiments/gaps/index.js";
import { gapsRun } from "../experiments/gaps/kind.js";
import { gapsTables } from "../experiments/gaps/summary.js";
import { expandSweep } from "../sweep/grid.js";
import { toRecord } from "../sweep/record.js";
import type { RunRecord } from "../sweep/record.js";
import type { LabSettings } from "./settings.js";

/** Training epochs per bead of a string (the CLI's --quick value). */
export const LAB_BEAD_EPOCHS = 1000;

export async function gapsJob(s: LabSettings): Promise<Record<string, unknown>> {
  const t0 = performance.now();
  const o = gaps.options.resolve({
    dataset: "moons", n: s.n, noise: s.noise, dataSeed: s.dseed, lambda: s.lambda,
    widths: [s.m], models: s.gk, seed: s.seed, permutations: 1, maxEpochs: s.eepochs, beadEpochs: LAB_BEAD_EPOCHS,
  });
  const records: RunRecord[] = [];
  for (const run of expandSweep(gaps.sweep(o))) {
    const t = performance.now();
    const result = await gapsRun(run.config);
    records.push(toRecord(run, { result, seconds: (performance.now() - t) / 1000 }));
  }
  const r = gapsTables(records, o.widths);
  const { width: _w, pairs, ...summary } = r.summary[0];
  return { pairs, ...summary, gaps: r.rows.map((x) => x.gap), seconds: (performance.now() - t0) / 1000 };
}
