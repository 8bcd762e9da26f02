// The lazy / feature-learning phase diagram (Luo, Xu, Ma, Zhang, "Phase diagram for two-layer ReLU
// neural networks at infinite-width limit", JMLR 2021) for the scaled model of run.ts: the grid's
// coordinates, the fit and the classification of a point (used by the report and the lab).
//
// Coordinates: γ = lim −log(β₁β₂/κ)/log m, γ′ = lim −log(β₁/β₂)/log m. We fix κ = m^{γ_κ} (γ_κ a
// setting, default 0: no output scaling) and set β₁ = m^{−γ₁}, β₂ = m^{−γ₂} with
//   γ₁ = (γ − γ_κ + γ′)/2,  γ₂ = (γ − γ_κ − γ′)/2,
// so every grid point (γ, γ′) is exactly (γ₁ + γ₂ + γ_κ, γ₁ − γ₂). For each point and each width m
// a network is trained (run.ts) and sup_t RD recorded; the slope of log sup RD against log m
// (least squares over the widths) classifies the point: linear (slope < −tol), condensed
// (slope > tol), critical otherwise. Theory: linear iff γ < 1 or γ′ > γ − 1; condensed iff γ > 1 and
// γ′ < γ − 1; critical on the boundary. With weight decay (not part of that theory) a run that
// converges ends at the regularized optimum, whose norm does not depend on the init: RD(∞) ≈
// √(1 + ‖W*‖²/‖W₀‖²) with ‖W₀‖_F ~ m^{1/2 − γ₂}, so the slope tends to 0 where γ₂ + γ_κ/2 ≤ 1/2 and is
// positive beyond, whatever Luo et al.'s regime; lazy runs do not converge within the epoch cap.
import { type Data, toData } from "../../api/data.js";
import type { PhaseExponents, PhaseRunResult } from "./run.js";
import { fitLine } from "../shared/stats.js";

export type Regime = "linear" | "critical" | "condensed";

/** One grid point's summary. */
export interface PhasePoint {
  gamma: number;
  gammaPrime: number;
  gamma1: number;
  gamma2: number;
  /** Least-squares slope of log sup RD against log m. */
  slope: number;
  /** R² of that fit. */
  r2: number;
  regime: Regime;
  /** Luo et al.'s classification of (γ, γ′). */
  theory: Regime;
  /** sup RD per width (in the order of `widths`). */
  supRD: number[];
  /** How many of the point's runs converged. */
  converged: number;
}

/** What phaseData is, in words (settings.json). */
export const PHASE_DATA = "x = −1, −0.5, 0, 0.5, 1 with a bias column, y = x² − 0.3";

/** The data of the diagram: five points on [−1, 1] with a bias column, y = x² − 0.3 (needs a kink). */
export function phaseData(): Data {
  const xs = [-1, -0.5, 0, 0.5, 1];
  return toData(
    xs.map((x) => [x]),
    xs.map((x) => x * x - 0.3),
    true,
  );
}

/** Luo et al.'s regime of (γ, γ′) (boundary within 1e-9 is critical). */
export function theoryRegime(gamma: number, gammaPrime: number): Regime {
  const e = 1e-9;
  if (gamma < 1 - e || gammaPrime > gamma - 1 + e) return "linear";
  if (gamma > 1 + e && gammaPrime < gamma - 1 - e) return "condensed";
  return "critical";
}

/** The exponents of a grid point. */
export function pointExponents(gamma: number, gammaPrime: number, gammaKappa: number, gammaLambda: number | null): PhaseExponents {
  return { gamma1: (gamma - gammaKappa + gammaPrime) / 2, gamma2: (gamma - gammaKappa - gammaPrime) / 2, gammaKappa, gammaLambda };
}

/** Least-squares slope and R² of y against x. */
export function fitSlope(x: number[], y: number[]): { slope: number; r2: number } {
  const { slope, r2 } = fitLine(x, y);
  return { slope, r2 };
}

/** The observed regime of a fitted slope: |slope| ≤ tol is critical. */
export function classify(slope: number, tol: number): Regime {
  return slope < -tol ? "linear" : slope > tol ? "condensed" : "critical";
}

/** Summarizes one point's runs (widths in order). */
export function summarizePoint(gamma: number, gammaPrime: number, ex: PhaseExponents, runs: PhaseRunResult[], tol: number): PhasePoint {
  const { slope, r2 } = fitSlope(runs.map((r) => Math.log(r.m)), runs.map((r) => Math.log(r.supRD)));
  return {
    gamma, gammaPrime, gamma1: ex.gamma1, gamma2: ex.gamma2, slope, r2,
    regime: classify(slope, tol), theory: theoryRegime(gamma, gammaPrime),
    supRD: runs.map((r) => r.supRD), converged: runs.filter((r) => r.converged).length,
  };
}

/** One run of the diagram (a line of rows.jsonl): its diagram's decay, its grid point, its result. */
export interface PhaseRow extends PhaseRunResult {
  /** λ = m^{−γ_λ}; null for the diagram without decay. */
  gammaLambda: number | null;
  gamma: number;
  gammaPrime: number;
}

/** The grid's points in run order (row-major over γ then γ′). */
export function gridPoints(o: { gammas: number[]; gammaPrimes: number[] }): Array<{ gamma: number; gammaPrime: number }> {
  const pts: Array<{ gamma: number; gammaPrime: number }> = [];
  for (const gamma of o.gammas) for (const gammaPrime of o.gammaPrimes) pts.push({ gamma, gammaPrime });
  return pts;
}
