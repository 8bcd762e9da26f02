// A run kind of your own: how many output weights weight decay drives to zero, by width. Importing this
// module registers it (in the calling thread and in every sweep worker, which import it too).
import { registerRunKind, rows, teacherData, train } from "relu-landscape";

/** One run: teacher data (n samples, d = 3, data seed = the repetition), a network of width m. */
export async function sparsity(config, { seed }) {
  const data = await teacherData({ n: config.n, d: 3, seed: config.rep });
  const r = await train({ X: rows(data), y: Array.from(data.y), lambda: config.lambda }, { m: config.m, lr: 0.05, maxEpochs: config.epochs, seed });
  return { loss: r.loss, zeroNeurons: r.a.filter((v) => Math.abs(v) < 1e-3).length };
}

registerRunKind("sparsity", sparsity, {
  measures: ["loss", "zeroNeurons"],
  validate(config) {
    for (const k of ["n", "m", "epochs"]) {
      if (!Number.isInteger(config[k]) || config[k] < 1) throw new Error(`${k}: give an integer ≥ 1`);
    }
  },
});
