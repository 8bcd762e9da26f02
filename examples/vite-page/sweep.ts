// The sweep the page runs: 2 widths × 2 methods × 2 repetitions of the built-in "train" run kind.
export const SWEEP = {
  seed: 11,
  repetitions: 2,
  base: { n: 8, d: 3, lambda: 0.01, maxEpochs: 200, lr: 0.02 },
  axes: { m: [3, 5], method: ["gd", "sgd"] },
  measure: ["loss", "dataLoss", "normSq", "gradNormSq", "epochs", "stopReason", "patterns", "W", "a"],
};
