// Training defaults of the gap experiments: the setting of Freeman & Bruna and Baturin (logistic loss,
// λ‖a‖₁ with every ‖wⱼ‖ ≤ 1), GD with a step that trains every width of the default sweep.
import type { TrainOptions } from "../api/train-options.js";

export const GAPS_TRAIN_DEFAULTS: TrainOptions = {
  loss: "logistic",
  regularizer: "l1-unit",
  lr: 0.5,
  alpha: 0.1,
  maxEpochs: 20000,
  gradTol: 0,
};
