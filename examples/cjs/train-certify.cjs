// Node, CommonJS: the same computation as examples/esm/train-certify.mjs through require(); the same
// seed gives the same numbers, bit for bit. Prints one JSON line.
//   node examples/cjs/train-certify.cjs
const { VERSION, certify, globalOptimum, rows, teacherData, train } = require("relu-landscape");

async function main() {
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
}

main().catch((e) => {
  console.error(`error: ${e.message}`);
  process.exit(1);
});
