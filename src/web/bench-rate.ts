// Training steps per second of a lab problem, measured the same way in Node and in a browser worker.
import { Trainer } from "../api/train.js";
import { labProblem, labTrainOptions } from "./datasets.js";
import type { LabSettings } from "./settings.js";

/** Steps/s of `advance` on the settings' problem, after a warm-up, timed over at least `minMs`. */
export async function trainingRate(s: LabSettings, minMs = 1000): Promise<number> {
  const { problem } = await labProblem(s);
  const t = await Trainer.create(problem, { ...labTrainOptions(s), gradTol: 0, maxEpochs: 1e12, traceGrowth: 1e9 });
  try {
    t.advance(2000); // let the engine tier the kernel up
    let reps = 100;
    for (;;) {
      const t0 = performance.now();
      t.advance(reps);
      const dt = performance.now() - t0;
      if (dt > minMs) return reps / (dt / 1000);
      reps *= Math.max(2, Math.ceil(minMs / Math.max(dt, 1)));
    }
  } finally {
    t.dispose();
  }
}
