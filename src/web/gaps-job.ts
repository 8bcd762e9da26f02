// One job of the lab's energy-gap panel: one width m of the package's gap sweep
// (src/experiments/gaps.ts): K networks trained on two moons (logistic loss, λ‖a‖₁ with ‖wⱼ‖ ≤ 1,
// as in Freeman & Bruna), every pair joined by a dynamic string; the energy gap of each pair.
import { moonsData } from "../data/moons.js";
import { gapsSweep } from "../experiments/gaps.js";
import { withBias } from "../experiments/gaps-data.js";
import type { LabSettings } from "./settings.js";

/** Training epochs per bead of a string (the CLI's --quick value). */
export const LAB_BEAD_EPOCHS = 1000;

export async function gapsJob(s: LabSettings): Promise<Record<string, unknown>> {
  const data = withBias(await moonsData({ n: s.n, noise: s.noise, seed: s.dseed }));
  const r = await gapsSweep(
    { data, lambda: s.lambda, bias: true, train: {} },
    { widths: [s.m], models: s.gk, seed: s.seed, permutations: 1, train: { maxEpochs: s.eepochs }, string: { beadEpochs: LAB_BEAD_EPOCHS } },
  );
  const { width: _w, pairs, ...summary } = r.summary[0];
  return { pairs, ...summary, gaps: r.rows.map((x) => x.gap), seconds: r.seconds };
}
