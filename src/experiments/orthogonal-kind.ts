// One training of the orthogonal-data experiment: balanced init at scale α, GD, polished to its
// cone's exact minimum and certified against the global optimum (train-polish.ts).
import { globalOptimum } from "../convex/index.js";
import { orthogonalData } from "../data/orthogonal.js";
import { registerRunKind, type RunContext } from "../sweep/run-kinds.js";
import { datasetSeed } from "./cones/options.js";
import { trainAndPolish } from "./train-polish.js";

const cache = new Map<string, Promise<{ data: Awaited<ReturnType<typeof orthogonalData>>; opt: Awaited<ReturnType<typeof globalOptimum>> }>>();

export async function orthogonalTrainingRun(config: Record<string, unknown>, ctx: RunContext): Promise<Record<string, unknown>> {
  const n = config.n as number, d = config.d as number, lambda = config.lambda as number;
  const seed = datasetSeed(config.seed0 as number, n, d, config.dataset as number);
  const key = `${n}:${d}:${seed}:${lambda}`;
  let p = cache.get(key);
  if (!p) {
    p = orthogonalData({ n, d, seed }).then(async (data) => ({ data, opt: await globalOptimum(data, lambda) }));
    cache.set(key, p);
  }
  const { data, opt } = await p;
  const { trained: r, polished, gap, verdict } = await trainAndPolish(
    data,
    lambda,
    { m: config.m as number, alpha: config.alpha as number, initScheme: "balanced", lr: config.lr as number, lrSchedule: "halve-on-rise", maxEpochs: config.maxEpochs as number, seed: ctx.seed },
    opt,
    config.tol as number,
  );
  return {
    loss: r.loss,
    epochs: r.epochs,
    stopReason: r.stopReason,
    polishedLoss: polished.loss,
    globalValue: opt.value,
    gap,
    verdict,
  };
}

registerRunKind("orthogonal-training", orthogonalTrainingRun);
