// One run of an experiment grid, as a pool worker executes it.
import { Trainer } from "../api/train.js";
import { Certifier } from "./certifier.js";
import { conesJob } from "./cones-job.js";
import { initScaleJob } from "./init-scale-job.js";
import { phaseJob } from "./phase-job.js";
import { gapsJob } from "./gaps-job.js";
import { labProblem, labTrainOptions } from "./datasets.js";
import type { JobResult } from "./protocol.js";
import type { LabSettings } from "./settings.js";

/** Trains the settings' network to its epoch budget (or a stopping rule) and reports where it ended. */
export async function trainJob(s: LabSettings): Promise<JobResult> {
  const { problem } = await labProblem(s);
  const t = await Trainer.create(problem, { ...labTrainOptions(s), traceGrowth: 1e9 });
  try {
    const t0 = performance.now();
    t.advance(s.epochs);
    const st = t.state();
    const seconds = (performance.now() - t0) / 1000;
    // the certified gap to the global optimum (solved once per problem in this worker)
    const c = await certifierFor(s);
    let gap: number | undefined, verdict: string | undefined;
    if (c.optimum.lowerBound !== null) {
      const net = t.params();
      const cert = await c.certify(Float64Array.from(net.W.flat()), Float64Array.from(net.a), t.m, problem.data.d);
      gap = cert.gap;
      verdict = cert.verdict;
    }
    return {
      loss: st.loss,
      dataLoss: st.dataLoss,
      normSq: st.normSq,
      gradNormSq: st.gradNormSq,
      patterns: st.patterns,
      epochs: st.epoch,
      stopReason: t.stopReason ?? (st.epoch >= s.epochs ? "maxEpochs" : "stopped"),
      seconds,
      optimum: c.optimum.lowerBound ?? undefined,
      gap,
      verdict,
    };
  } finally {
    t.dispose();
  }
}

const certifiers = new Map<string, Promise<Certifier>>();

/** The problem's certifier (its global optimum), shared by every run on the same data and λ. */
function certifierFor(s: LabSettings): Promise<Certifier> {
  const key = JSON.stringify([s.ds, s.n, s.d, s.noise, s.dseed, s.bias, s.lambda]);
  let c = certifiers.get(key);
  if (!c) certifiers.set(key, (c = Certifier.create(s)));
  return c;
}

/** One job of an experiment grid: its measurements (JSON values). */
export async function runExperimentJob(kind: string, s: LabSettings, params: Record<string, number> = {}): Promise<Record<string, unknown>> {
  if (kind === "width") return { ...(await trainJob(s)) };
  if (kind === "cones") return conesJob(s, params.dataset ?? 0);
  if (kind === "initscale") return initScaleJob(s);
  if (kind === "gaps") return gapsJob(s);
  if (kind === "phase") return phaseJob(s, params.gamma ?? 1, params.gammaPrime ?? 0);
  throw new Error(`the "${kind}" experiment is not in this build of the lab`);
}
