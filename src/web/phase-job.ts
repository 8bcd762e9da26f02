// One job of the lab's phase diagram: one width m at one grid point (γ, γ′), through the package's
// own phase run (src/experiments/phase/run.ts): the scaled model trained to its loss target, with
// sup_t RD(t) = ‖W(t) − W(0)‖_F / ‖W(0)‖_F recorded. No weight decay, κ = 1 (the CLI's defaults).
import { getCore } from "../core/loader.js";
import { phaseData, pointExponents } from "../experiments/phase/diagram.js";
import { phaseRun } from "../experiments/phase/run.js";
import type { LabSettings } from "./settings.js";

export async function phaseJob(s: LabSettings, gamma: number, gammaPrime: number): Promise<Record<string, unknown>> {
  const r = await phaseRun(await getCore(), phaseData(), pointExponents(gamma, gammaPrime, 0, null), s.m, s.seed, {});
  return { ...r };
}
