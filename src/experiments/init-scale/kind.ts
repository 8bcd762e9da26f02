// One run of the initialization-scale experiment: the research's data, balanced init at scale α,
// full-batch GD to ‖∇L‖² < gradTol or maxEpochs; the trained network classified as GD left it (at its
// own width m: the headline), then polished to the exact best network of its activation cone and that
// classified too, with the distance GD stopped from it (shared/train-polish.ts).
import { allSignedPatterns, globalOptimum } from "../../convex/index.js";
import type { Network } from "../../api/network.js";
import { smallInitData } from "../../data/small-init.js";
import { deriveSeed } from "../../sweep/hash.js";
import type { RunContext, RunKindDefinition } from "../../sweep/run-kinds.js";
import { distinctDirections, effectiveRank } from "../shared/neuron-geometry.js";
import { cached } from "../shared/cached.js";
import { trainAndPolish, verdictColumns } from "../shared/train-polish.js";

const optimumCache = new Map<string, ReturnType<typeof knownOptimum>>();

/**
 * The seed of a run's data perturbation: the experiment's `dataSeed`, or with `redraw` one derived
 * from it and the run's seed (every run its own perturbation, as the research drew it).
 */
export function initScaleDataSeed(config: Record<string, unknown>, ctx?: RunContext): number {
  if (config.redraw !== true) return config.dataSeed as number;
  if (!ctx) throw new Error("initScaleDataSeed: a redrawn perturbation needs the run's seed");
  return deriveSeed(config.dataSeed as number, `data:${ctx.seed}`);
}

/** The research's data with the perturbation of seed `dataSeed`. */
export async function initScaleData(config: Record<string, unknown>, dataSeed = config.dataSeed as number) {
  return smallInitData({ n: config.n as number, noise: config.noise as number, seed: dataSeed });
}

async function knownOptimum(config: Record<string, unknown>, dataSeed: number) {
  const data = await initScaleData(config, dataSeed);
  const [opt, allPatterns] = await Promise.all([globalOptimum(data, { lambda: config.lambda as number }), allSignedPatterns(data)]);
  return { data, opt, allPatterns };
}

function cachedOptimum(config: Record<string, unknown>, dataSeed: number) {
  return cached(optimumCache, `${config.n}:${config.noise}:${dataSeed}:${config.lambda}`, () => knownOptimum(config, dataSeed));
}

/** The global optimum of the experiment's data (of `dataSeed`; once per thread). */
export async function initScaleOptimum(config: Record<string, unknown>, dataSeed = config.dataSeed as number) {
  return (await cachedOptimum(config, dataSeed)).opt;
}

export async function initScaleRun(config: Record<string, unknown>, ctx: RunContext): Promise<Record<string, unknown>> {
  const dataSeed = initScaleDataSeed(config, ctx);
  const { data, opt, allPatterns } = await cachedOptimum(config, dataSeed);
  const lambda = config.lambda as number, tol = config.tol as number, angle = config.angle as number;
  const r = await trainAndPolish(
    data,
    lambda,
    {
      m: config.m as number, lr: config.lr as number, maxEpochs: config.maxEpochs as number, gradTol: config.gradTol as number,
      initScheme: "balanced", alpha: config.alpha as number, seed: ctx.seed,
    },
    { value: opt.value, lowerBound: opt.lowerBound, allPatterns },
    tol,
  );
  const { trained } = r;
  const net: Network = { W: trained.W, a: trained.a };
  return {
    alpha: config.alpha,
    loss: trained.loss,
    dataLoss: trained.dataLoss,
    normSq: trained.normSq,
    gradNormSq: trained.gradNormSq,
    epochs: trained.epochs,
    stopReason: trained.stopReason,
    globalValue: opt.value,
    ...(config.redraw === true ? { dataSeed } : {}),
    gapTrained: trained.loss - opt.value,
    stationarityTrained: r.trainedVerdict.stationarity.relative,
    // the trained network as GD left it (width m), then the polished one: verdicts, certified gaps, witnesses
    ...verdictColumns(r),
    distance: r.distance,
    directionsPositive: distinctDirections(net, 1, angle),
    directionsNegative: distinctDirections(net, -1, angle),
    effectiveRank: effectiveRank(net.W),
    W: net.W,
    a: net.a,
  };
}

/** The run kind of the initialization-scale experiment. */
export const initScaleKind: RunKindDefinition = { name: "init-scale", run: initScaleRun };
