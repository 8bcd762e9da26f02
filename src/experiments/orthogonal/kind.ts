// One run of the orthogonal-data experiment, by its `task`, at one grid point (n, d, m):
//   training  balanced init at scale α, GD (the rate halved when a step raises L); the trained
//             network classified as GD left it (at its width m), then polished to its cone's exact
//             minimum and that classified too (shared/train-polish.ts);
//   cones     this repetition's share of the grid point's random cones (cone c in repetition
//             c mod trainings), each solved and classified by the cones experiment's run
//             (cones/kind.ts) on the same orthogonal data.
import { InputError } from "../../api/errors.js";
import { allSignedPatterns, globalOptimum } from "../../convex/index.js";
import { orthogonalData } from "../../data/orthogonal.js";
import type { RunContext, RunKindDefinition } from "../../sweep/run-kinds.js";
import { type ConeRow, conesRun } from "../cones/kind.js";
import { datasetSeed } from "../cones/options.js";
import { cached } from "../shared/cached.js";
import { trainAndPolish, verdictColumns } from "../shared/train-polish.js";
import { ORTHOGONAL_TASKS } from "./options.js";

type Known = { data: Awaited<ReturnType<typeof orthogonalData>>; opt: Awaited<ReturnType<typeof globalOptimum>>; all: Awaited<ReturnType<typeof allSignedPatterns>> };
const cache = new Map<string, Promise<Known>>();

/** A run's grid point. */
export function orthogonalPoint(config: Record<string, unknown>): { n: number; d: number; m: number } {
  return config.point as { n: number; d: number; m: number };
}

/** The data set of a run and its global optimum (once per thread). */
function dataAndOptimum(config: Record<string, unknown>): Promise<Known> {
  const { n, d } = orthogonalPoint(config);
  const lambda = config.lambda as number;
  const seed = datasetSeed(config.seed0 as number, n, d, config.dataset as number);
  return cached(cache, `${n}:${d}:${seed}:${lambda}`, async () => {
    const data = await orthogonalData({ n, d, seed });
    return { data, opt: await globalOptimum(data, { lambda }), all: await allSignedPatterns(data) };
  });
}

/** One training: trained and classified, polished and classified. */
export async function orthogonalTrainingRun(config: Record<string, unknown>, ctx: RunContext): Promise<Record<string, unknown>> {
  const { data, opt, all } = await dataAndOptimum(config);
  const { m } = orthogonalPoint(config);
  const r = await trainAndPolish(
    data,
    config.lambda as number,
    { m, alpha: config.alpha as number, initScheme: "balanced", lr: config.lr as number, lrSchedule: "halve-on-rise", maxEpochs: config.maxEpochs as number, seed: ctx.seed },
    { value: opt.value, lowerBound: opt.lowerBound, allPatterns: all },
    config.tol as number,
  );
  return { loss: r.trained.loss, epochs: r.trained.epochs, stopReason: r.trained.stopReason, globalValue: opt.value, ...verdictColumns(r) };
}

/** The cones c = rep, rep + trainings, … < cones of a width: how many, and the index of the k-th. */
export function coneShare(rep: number, trainings: number, cones: number): { count: number; index: (k: number) => number } {
  return { count: rep < cones ? Math.ceil((cones - rep) / trainings) : 0, index: (k) => rep + k * trainings };
}

/** A repetition's share of the random cones at width m (rows carry the cone's index within the width). */
export async function orthogonalConesRun(config: Record<string, unknown>, ctx: RunContext): Promise<Record<string, unknown>> {
  const share = coneShare(config.rep as number, config.trainings as number, config.cones as number);
  if (share.count === 0) return { cones: 0, rows: [] };
  const { n, d, m } = orthogonalPoint(config);
  const r = await conesRun(
    {
      n, d, m, lambda: config.lambda, tol: config.tol, cones: share.count,
      seed0: config.seed0, dataset: config.dataset, data: "orthogonal", sampler: "uniform",
    },
    ctx,
  );
  const rows = (r.rows as ConeRow[]).map((row) => ({ ...row, cone: share.index(row.cone) }));
  return { cones: share.count, ...r, rows };
}

function checkTask(config: Record<string, unknown>): void {
  if (!(ORTHOGONAL_TASKS as readonly unknown[]).includes(config.task)) throw new InputError("task", `must be one of ${ORTHOGONAL_TASKS.join(", ")} (got ${JSON.stringify(config.task)})`);
  const p = config.point as Record<string, unknown> | undefined;
  for (const k of ["n", "d", "m"] as const) {
    if (!(p && Number.isInteger(p[k]) && (p[k] as number) >= 1)) throw new InputError(`point.${k}`, "give a positive whole number (the grid point {n, d, m})");
  }
  if ((p!.d as number) < (p!.n as number)) throw new InputError("point.d", `must be ≥ n = ${p!.n}: orthogonal data has n ≤ d orthonormal rows`);
}

export async function orthogonalRun(config: Record<string, unknown>, ctx: RunContext): Promise<Record<string, unknown>> {
  checkTask(config);
  return config.task === "cones" ? orthogonalConesRun(config, ctx) : orthogonalTrainingRun(config, ctx);
}

/** The run kind of the orthogonal-data experiment. */
export const orthogonalKind: RunKindDefinition = {
  name: "orthogonal",
  run: orthogonalRun,
  validate: checkTask,
};
