// Energy gaps: time of the batched path losses (points per second); of the level search between
// trained width-64 networks on moons (n = 200) against the single-L₀ string it starts with (the ratio
// is what the bisection costs); of the global minimum's solve and of certifying one network against it
// (what each worker and each model run of `gaps` pay); and of the networks' training (for scale).
import { Trainer, type Network } from "../src/index.js";
import { PathEvaluator, flatten } from "../src/api/path-eval.js";
import { segmentProfile } from "../src/api/paths.js";
import { stringBetween, stringLevel } from "../src/api/string.js";
import { certify } from "../src/convex/certify.js";
import { globalOptimum } from "../src/convex/optimum.js";
import { allSignedPatterns } from "../src/convex/signed-patterns.js";
import { gapsProblem } from "../src/experiments/gaps/data.js";
import { programSettings } from "../src/experiments/gaps/kind.js";
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

let single = 0, level = 0;
for (const [i, j] of [[0, 1], [0, 2], [1, 3]]) {
  const s = await stringBetween(problem, nets[i], nets[j], train, { align: false }, ev);
  const { direct: d } = await stringLevel(problem, nets[i], nets[j], train, {}, ev);
  single += s.seconds;
  level += d.seconds;
  console.log(
    `pair (${i},${j}): single L₀ ${s.seconds.toFixed(2)} s, gap ${s.gap.toExponential(2)} (${s.success ? "below L₀" : s.stop}); ` +
      `level search ${d.seconds.toFixed(2)} s, ${d.rounds.length} rounds, ${d.beads} beads, gap ${d.gap.toExponential(2)} (bracket ${(d.bracket[1] - d.bracket[0]).toExponential(1)}, resolution ${d.resolution.toExponential(1)})`,
  );
}
console.log(`level search / single-L₀ string: ${(level / single).toFixed(1)}× the time`);
ev.dispose();

const settings = programSettings(problem.lambda, train);
let t = performance.now();
const opt = await globalOptimum(problem.data, settings, { maxPatterns: 1e6 });
const solveSeconds = (performance.now() - t) / 1000;
const all = await allSignedPatterns(problem.data);
t = performance.now();
for (const net of nets) await certify(problem.data, settings, net, { lowerBound: opt.lowerBound, globalValue: opt.value, allPatterns: all, solve: false });
const certifySeconds = (performance.now() - t) / 1000 / nets.length;
console.log(
  `global minimum: ${solveSeconds.toFixed(1)} s (${opt.patterns} signed patterns, relative gap ${opt.relativeGap.toExponential(1)}; once per worker); ` +
    `certify one network against it: ${certifySeconds.toFixed(2)} s = ${(certifySeconds / (trainSeconds / 4)).toFixed(2)}× its training`,
);
