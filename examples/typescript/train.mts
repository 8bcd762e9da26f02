// TypeScript, ES module (module node16/nodenext, strict, skipLibCheck false): the package's types.
//   npx tsc -p examples/typescript && node examples/typescript/out/train.mjs
import { type Certificate, type TrainResult, certify, lineChart, rows, teacherData, train } from "relu-landscape";

const data = await teacherData({ n: 10, d: 2, seed: 3 });
const problem = { X: rows(data), y: Array.from(data.y), lambda: 0.01 };
const net: TrainResult = await train(problem, { m: 6, maxEpochs: 5000, seed: 4 });
const cert: Certificate = await certify(problem, net);
// a vega-lite spec (a plain object): render it with vega-lite, or `relu-landscape plot`
const spec = lineChart({ data: net.trace.map((s) => ({ epoch: s.epoch, loss: s.loss })), x: "epoch", y: "loss", logX: true });
console.log(JSON.stringify({ loss: net.loss, verdict: cert.verdict, figure: typeof spec.$schema }));
