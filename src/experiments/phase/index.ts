// The lazy / feature-learning phase diagram of the scaled model f = (1/κ)Σ aⱼ relu(wⱼ·x) (Luo, Xu, Ma,
// Zhang, JMLR 2021), with and without weight decay: for each grid point (γ, γ′) and width m one
// training run records sup_t RD(t); the slope of log sup RD against log m classifies the point
// (diagram.ts). The report adds the 1-D poster setting's ‖θ*‖ vs ‖θ₀‖ scaling in closed form.
import { defineExperiment } from "../experiment.js";
import { phaseKind } from "./kind.js";
import { PHASE_QUICK, phaseDecays, phaseOptions } from "./options.js";
import { phaseReport } from "./report.js";

export const phase = defineExperiment({
  name: "phase",
  title: "phase diagram of the scaled model f = (1/κ)Σ aⱼ relu(wⱼ·x): slope of log sup RD vs log m over (γ, γ′), with and without weight decay, and ‖θ*‖ vs ‖θ₀‖ in the 1-D poster setting",
  about:
    "Each run is one width m at one grid point (γ, γ′) of one diagram (no decay; λ = m^−γ_λ), β₁ = m^−γ₁, β₂ = m^−γ₂ with\n" +
    "γ₁ = (γ − γ_κ + γ′)/2, γ₂ = (γ − γ_κ − γ′)/2, trained by GD from the same standard normals. A point is linear (slope < −tol),\n" +
    "condensed (> tol) or critical. Files: rows.csv/.jsonl (every run), summary.json (points, fits), poster.json, settings.json,\n" +
    "phase.svg, phase-decay.svg, poster-norms.svg.",
  options: phaseOptions,
  presets: { quick: PHASE_QUICK },
  kinds: [phaseKind],
  sweep: (o) => ({
    name: "phase",
    kind: "phase",
    seed: o.seed,
    // the same standard normals at every grid point: the init's seed is the setting, not the run's
    base: { gammaKappa: o.gammaKappa, initSeed: o.seed, maxEpochs: o.maxEpochs, lossTarget: o.lossTarget },
    axes: { gammaLambda: phaseDecays(o), gamma: o.gammas, gammaPrime: o.gammaPrimes, m: o.widths },
  }),
  report: phaseReport,
});

export { phaseOptions, PHASE_DEFAULTS, PHASE_QUICK, resolvePhaseOptions, parsePosterPairs, phaseDecays, type PhaseOptions, type ResolvedPhaseOptions } from "./options.js";
export {
  PHASE_DATA, phaseData, theoryRegime, pointExponents, fitSlope, classify, summarizePoint, gridPoints,
  type Regime, type PhasePoint, type PhaseRow,
} from "./diagram.js";
export { phaseRun, scaledInit, gaussNewtonTrace, type PhaseExponents, type PhaseRunOptions, type PhaseRunResult } from "./run.js";
export { phaseKind, phaseKindRun } from "./kind.js";
export { posterData, posterRows, posterFits, type PosterRow, type PosterFit } from "./poster.js";
export { phaseHeatmapSpec, posterNormsSpec } from "./figures.js";
export { phaseReport, phaseDiagrams, diagramName, type PhaseDiagram, type PhaseSummary } from "./report.js";
