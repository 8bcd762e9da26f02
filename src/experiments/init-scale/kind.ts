// One run of the initialization-scale experiment: the research's data, balanced init at scale α,
// full-batch GD to ‖∇L‖² < gradTol or maxEpochs, then polished to the exact best network of its
// activation cone (so the verdict does not depend on GD's chatter) and certified against the global
// optimum.
import { globalOptimum } from "../../convex/index.js";
import type { Network } from "../../api/network.js";
import { smallInitData } from "../../data/small-init.js";
import type { RunContext, RunKindDefinition } from "../../sweep/run-kinds.js";
import { distinctDirections, effectiveRank } from "../shared/neuron-geometry.js";
import { trainAndPolish } from "../shared/train-polish.js";

const optimumCache = new Map<string, ReturnType<typeof globalOptimum>>();

export async function initScaleData(config: Record<string, unknown>) {
  return smallInitData({ n: config.n as number, noise: config.noise as number, seed: config.dataSeed as number });
}

/** The global optimum of the experiment's data (once per thread). */
export async function initScaleOptimum(config: Record<string, unknown>) {
  const key = `${config.n}:${config.noise}:${config.dataSeed}:${config.lambda}`;
  let p = optimumCache.get(key);
  if (!p) optimumCache.set(key, (p = initScaleData(config).then((data) => globalOptimum(data, config.lambda as number))));
  return p;
}

export async function initScaleRun(config: Record<string, unknown>, ctx: RunContext): Promise<Record<string, unknown>> {
  const data = await initScaleData(config);
  const lambda = config.lambda as number, tol = config.tol as number, angle = config.angle as number;
  const opt = await initScaleOptimum(config);
  const { trained, polished, gap, verdict } = await trainAndPolish(
    data,
    lambda,
    {
      m: config.m as number, lr: config.lr as number, maxEpochs: config.maxEpochs as number, gradTol: config.gradTol as number,
      initScheme: "balanced", alpha: config.alpha as number, seed: ctx.seed,
    },
    opt,
    tol,
  );
  const net: Network = { W: trained.W, a: trained.a };
  const pstar = opt.value;
  return {
    alpha: config.alpha,
    loss: trained.loss,
    dataLoss: trained.dataLoss,
    normSq: trained.normSq,
    gradNormSq: trained.gradNormSq,
    epochs: trained.epochs,
    stopReason: trained.stopReason,
    globalValue: pstar,
    polishedLoss: polished.loss,
    gapTrained: trained.loss - pstar,
    gap,
    verdict,
    directionsPositive: distinctDirections(net, 1, angle),
    directionsNegative: distinctDirections(net, -1, angle),
    effectiveRank: effectiveRank(net.W),
    W: net.W,
    a: net.a,
  };
}

/** The run kind of the initialization-scale experiment. */
export const initScaleKind: RunKindDefinition = { name: "init-scale", run: initScaleRun };
