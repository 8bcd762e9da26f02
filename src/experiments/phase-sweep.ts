// The phase diagram on the sweep engine (Node): every (diagram, γ, γ′, m) run is one "phase" run on a
// pool of worker threads (all cores), appended to <out>/runs as it finishes (rerunning with the same
// --out and settings resumes). The points are then summarized exactly as runPhaseGrid does.
import * as fs from "node:fs";
import { join } from "node:path";
import { readResults } from "../sweep/results.js";
import { runSweep } from "../sweep/run-sweep.js";
import type { SweepProgress } from "../sweep/loop.js";
import type { SweepSpec } from "../sweep/spec.js";
import type { PhaseRunOptions, PhaseRunResult } from "./phase-run.js";
import { type PhasePoint, type PhaseRow, gridPoints, pointExponents, summarizePoint } from "./phase.js";
import "./phase-kind.js";

export interface PhaseSweepSettings {
  gammas: number[];
  gammaPrimes: number[];
  widths: number[];
  gammaKappa: number;
  /** One diagram per entry: λ = m^{−γ_λ}, null for no decay. */
  decays: Array<number | null>;
  seed: number;
  tol: number;
  run: PhaseRunOptions;
}

export interface PhaseSweepResult {
  diagrams: Array<{ gammaLambda: number | null; points: PhasePoint[] }>;
  rows: Array<PhaseRow & { gammaLambda: number | null }>;
  failed: Array<{ config: Record<string, unknown>; error: string }>;
}

export function phaseSweepSpec(s: PhaseSweepSettings): SweepSpec {
  return {
    name: "phase",
    kind: "phase",
    seed: s.seed,
    base: { gammaKappa: s.gammaKappa, initSeed: s.seed, ...Object.fromEntries(Object.entries(s.run).filter(([, v]) => v !== undefined)) },
    axes: { gammaLambda: s.decays, gamma: s.gammas, gammaPrime: s.gammaPrimes, m: s.widths },
  };
}

/** Runs the grid(s) on `workers` threads (0: inline in this thread) and summarizes every point. */
export async function runPhaseSweep(s: PhaseSweepSettings, out: string, opts: { workers?: number; onProgress?: (p: SweepProgress) => void } = {}): Promise<PhaseSweepResult> {
  const dir = join(out, "runs");
  await runSweep(phaseSweepSpec(s), { out: dir, workers: opts.workers, onProgress: opts.onProgress });
  const byKey = new Map<string, PhaseRunResult>();
  const failed: PhaseSweepResult["failed"] = [];
  const key = (gl: unknown, g: unknown, gp: unknown, m: unknown) => JSON.stringify([gl, g, gp, m]);
  for (const { records } of readResults(fs, dir)) {
    for (const r of records) {
      const c = r.config;
      if (r.result) byKey.set(key(c.gammaLambda, c.gamma, c.gammaPrime, c.m), r.result as unknown as PhaseRunResult);
      else failed.push({ config: c, error: r.error ?? "unknown error" });
    }
  }
  const rows: PhaseSweepResult["rows"] = [];
  const diagrams = s.decays.map((gammaLambda) => {
    const points: PhasePoint[] = [];
    for (const { gamma, gammaPrime } of gridPoints(s)) {
      const runs = s.widths.map((m) => byKey.get(key(gammaLambda, gamma, gammaPrime, m))).filter((r): r is PhaseRunResult => !!r);
      for (const r of runs) rows.push({ gammaLambda, gamma, gammaPrime, ...r });
      if (runs.length >= 2) points.push(summarizePoint(gamma, gammaPrime, pointExponents(gamma, gammaPrime, s.gammaKappa, gammaLambda), runs, s.tol));
    }
    return { gammaLambda, points };
  });
  return { diagrams, rows, failed };
}
