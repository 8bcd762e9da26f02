// The sweep the browser test runs in Chromium's Web Workers and in Node.
export const BROWSER_SWEEP = {
  seed: 11,
  repetitions: 2,
  base: { n: 8, d: 3, lambda: 0.01, maxEpochs: 200, lr: 0.02 },
  axes: { m: [3, 5], method: ["gd", "sgd"] },
  measure: ["loss", "dataLoss", "normSq", "gradNormSq", "epochs", "stopReason", "patterns", "W", "a"],
};
