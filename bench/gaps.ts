// Energy gaps: time of the batched path losses (points per second), of one string between two
// trained width-64 networks on moons (n = 200), and of the networks' training (for scale).
import { Trainer, type Network } from "../src/index.js";
import { PathEvaluator, flatten } from "../src/api/path-eval.js";
import { segmentProfile } from "../src/api/paths.js";
import { stringBetween } from "../src/api/string.js";
import { gapsProblem } from "../src/experiments/gaps/data.js";
import { GAPS_TRAIN_DEFAULTS } from "../src/experiments/gaps/options.js";

const { problem } = await gapsProblem({ dataset: "moons", n: 200 }, 1e-3);
const train = { ...GAPS_TRAIN_DEFAULTS, m: 64 };
const nets: Network[] = [];
let trainSeconds = 0;
for (const seed of [0, 1, 2, 3]) {
  const t = await Trainer.create(problem, { ...train, seed });
  const r = await t.run();
  trainSeconds += r.seconds;
  nets.push({ W: r.W, a: r.a });
  t.dispose();
}
console.log(`training: ${(trainSeconds / 4).toFixed(2)} s per width-64 network (${train.maxEpochs} epochs, n = 200)`);

const ev = await PathEvaluator.create(problem.data, 64, { lambda: problem.lambda, loss: "logistic", regularizer: "l1-unit" });
const A = flatten(nets[0]), B = flatten(nets[1]);
segmentProfile(ev, A, B, 1025); // warm up
const t0 = performance.now();
let pts = 0;
while (performance.now() - t0 < 1000) {
  segmentProfile(ev, A, B, 1025);
  pts += 1025;
}
const pps = pts / ((performance.now() - t0) / 1000);
console.log(`path losses: ${Math.round(pps)} points/s at m = 64, n = 200, d = 3 (${((pps * 200 * 64 * 3) / 1e9).toFixed(2)} G neuron·sample·dim/s)`);

for (const [i, j] of [[0, 1], [0, 2], [1, 3]]) {
  const s = await stringBetween(problem, nets[i], nets[j], train, {}, ev);
  console.log(`string (${i},${j}): ${s.seconds.toFixed(2)} s, ${s.beads} beads, ${s.epochs} bead epochs, ${s.success ? "below L₀" : s.stop}, gap ${s.gap.toExponential(2)}, length ${s.length.toFixed(3)}`);
}
ev.dispose();
