// Node, ES modules: train a network on teacher data, solve the convex reformulation for the global
// optimum, and certify the trained network against it. Prints one JSON line.
//   node examples/esm/train-certify.mjs
import { VERSION, certify, globalOptimum, rows, teacherData, train } from "relu-landscape";

const data = await teacherData({ n: 12, d: 3, seed: 1 });
const problem = { X: rows(data), y: Array.from(data.y), lambda: 0.01 };

const net = await train(problem, { m: 8, lr: 0.05, maxEpochs: 20000, seed: 2 });
const optimum = await globalOptimum(problem);
const cert = await certify(problem, net);

console.log(JSON.stringify({
  version: VERSION,
  loss: net.loss, epochs: net.epochs, stopReason: net.stopReason,
  optimum: optimum.value, optimumLowerBound: optimum.lowerBound, optimumNeurons: optimum.neurons,
  certifiedLowerBound: cert.lowerBound, gap: cert.gap, verdict: cert.verdict,
}));
