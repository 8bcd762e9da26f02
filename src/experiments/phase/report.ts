// The phase experiment's report: every point of each diagram summarized from its runs (the slope of
// log sup RD against log m, the observed and the theory's regime), the rows of every run, the 1-D
// poster setting in closed form (poster.ts), the figures and the printed summary. Browser-safe.
import { getCore } from "../../core/loader.js";
import type { RunRecord } from "../../sweep/record.js";
import { VERSION } from "../../version.js";
import type { ExperimentReport } from "../experiment.js";
import { PHASE_DATA, type PhasePoint, type PhaseRow, gridPoints, pointExponents, summarizePoint } from "./diagram.js";
import { phaseHeatmapSpec, posterNormsSpec } from "./figures.js";
import { parsePosterPairs, phaseDecays, type ResolvedPhaseOptions } from "./options.js";
import { type PosterFit, type PosterRow, posterFits, posterRows } from "./poster.js";
import type { PhaseRunResult } from "./run.js";

/** One diagram: its decay (null: none) and its points (those with at least two finished widths). */
export interface PhaseDiagram {
  /** "no decay" or "λ = m^−γ_λ". */
  name: string;
  gammaLambda: number | null;
  /** Points whose observed regime is Luo et al.'s. */
  agree: number;
  points: PhasePoint[];
}

/** summary.json. */
export interface PhaseSummary {
  version: string;
  /** gridSeconds + the poster's seconds. */
  seconds: number;
  /** The runs' own seconds, summed (over every worker and every invocation that ran them). */
  gridSeconds: number;
  failed: Array<{ config: Record<string, unknown>; error: string }>;
  diagrams: PhaseDiagram[];
  poster: { fits: PosterFit[]; seconds: number };
}

/** The name of a diagram. */
export const diagramName = (gammaLambda: number | null): string => (gammaLambda === null ? "no decay" : `λ = m^−${gammaLambda}`);

/** The diagrams, the rows (decay, γ, γ′, then widths in order) and the failed runs of finished records. */
export function phaseDiagrams(records: RunRecord[], o: ResolvedPhaseOptions): { diagrams: PhaseDiagram[]; rows: PhaseRow[]; failed: PhaseSummary["failed"] } {
  const key = (gl: unknown, g: unknown, gp: unknown, m: unknown) => JSON.stringify([gl, g, gp, m]);
  const byKey = new Map<string, PhaseRunResult>();
  const failed: PhaseSummary["failed"] = [];
  for (const r of records) {
    const c = r.config;
    if (r.result) byKey.set(key(c.gammaLambda, c.gamma, c.gammaPrime, c.m), r.result as unknown as PhaseRunResult);
    else failed.push({ config: c, error: r.error ?? "unknown error" });
  }
  const rows: PhaseRow[] = [];
  const diagrams = phaseDecays(o).map((gammaLambda): PhaseDiagram => {
    const points: PhasePoint[] = [];
    for (const { gamma, gammaPrime } of gridPoints(o)) {
      const runs = o.widths.map((m) => byKey.get(key(gammaLambda, gamma, gammaPrime, m))).filter((r): r is PhaseRunResult => !!r);
      for (const r of runs) rows.push({ gammaLambda, gamma, gammaPrime, ...r });
      if (runs.length >= 2) points.push(summarizePoint(gamma, gammaPrime, pointExponents(gamma, gammaPrime, o.gammaKappa, gammaLambda), runs, o.tol));
    }
    return { name: diagramName(gammaLambda), gammaLambda, agree: points.filter((p) => p.regime === p.theory).length, points };
  });
  return { diagrams, rows, failed };
}

export async function phaseReport(records: RunRecord[], o: ResolvedPhaseOptions): Promise<ExperimentReport> {
  const { diagrams, rows, failed } = phaseDiagrams(records, o);
  const gridSeconds = records.reduce((s, r) => s + r.seconds, 0);
  const p0 = performance.now();
  const pairs = parsePosterPairs(o.posterPairs);
  const prow: PosterRow[] = posterRows(await getCore(), pairs, o.c1, o.posterWidths, o.seed);
  const fits = posterFits(prow);
  const posterSeconds = (performance.now() - p0) / 1000;
  const summary: PhaseSummary = { version: VERSION, seconds: gridSeconds + posterSeconds, gridSeconds, failed, diagrams, poster: { fits, seconds: posterSeconds } };

  const figures: ExperimentReport["figures"] = {};
  for (const d of diagrams) {
    if (!d.points.length) continue;
    const title = `sup RD scaling, ${d.name}${o.gammaKappa ? `, κ = m^${o.gammaKappa}` : ""} (widths ${o.widths.join(", ")})`;
    figures[d.gammaLambda === null ? "phase" : "phase-decay"] = phaseHeatmapSpec(d.points, title);
  }
  figures["poster-norms"] = posterNormsSpec(prow, o.c1);

  const text: string[] = [];
  for (const d of diagrams) {
    text.push(`${d.name}: ${d.agree}/${d.points.length} points agree with Luo et al.'s regimes (tol ${o.tol}); ${d.points.filter((p) => p.converged < o.widths.length).length} points with unconverged runs`);
    for (const p of d.points.filter((q) => q.regime !== q.theory)) text.push(`  γ=${p.gamma} γ′=${p.gammaPrime}: slope ${p.slope.toFixed(3)} → ${p.regime}, theory ${p.theory}`);
  }
  text.push(`runs: ${gridSeconds.toFixed(1)} s (summed over runs)`);
  text.push(`poster setting (c₁ = ${o.c1}): fitted exponents of ‖θ₀‖, ‖θ*‖, dist vs m (theory ‖θ₀‖ ~ m^(1/2−b₁), ‖θ*‖ ~ m^(a₁/2))`);
  for (const f of fits) text.push(`  a₁=${f.a1} b₁=${f.b1}: ${f.initSlope.toFixed(3)} (${f.initTheory}), ${f.optimumSlope.toFixed(3)} (${f.optimumTheory}), ${f.distanceSlope.toFixed(3)}`);

  return {
    tables: { rows },
    json: { summary, poster: { rows: prow, fits } },
    figures,
    text,
    settings: { decays: phaseDecays(o), data: PHASE_DATA },
  };
}
