// One run of an experiment grid, as a pool worker executes it.
import { Trainer } from "../api/train.js";
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
    return {
      loss: st.loss,
      dataLoss: st.dataLoss,
      normSq: st.normSq,
      gradNormSq: st.gradNormSq,
      patterns: st.patterns,
      epochs: st.epoch,
      stopReason: t.stopReason ?? "stopped",
      seconds: (performance.now() - t0) / 1000,
    };
  } finally {
    t.dispose();
  }
}

/** One job of an experiment grid: its measurements (JSON values). */
export async function runExperimentJob(kind: string, s: LabSettings): Promise<Record<string, unknown>> {
  if (kind === "width") return { ...(await trainJob(s)) };
  throw new Error(`the "${kind}" experiment is not in this build of the lab`);
}
