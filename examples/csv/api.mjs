// The CSV workflow through the API: read a CSV file with csvData (a header row, numeric features, a
// target column that is numeric or has two labels → ±1; features standardized by default), train a
// network on it, and compare it with the exact global optimum. Prints one JSON line.
//   node examples/csv/api.mjs [file.csv] [target-column]
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { certify, csvData, globalOptimum, rows, train } from "relu-landscape";

const file = process.argv[2] ?? fileURLToPath(new URL("./rings.csv", import.meta.url));
const target = process.argv[3] ?? "label";
const data = csvData(readFileSync(file, "utf8"), { target, source: file });

const problem = { X: rows(data), y: Array.from(data.y), lambda: 0.01, bias: true };
const net = await train(problem, { m: 16, lr: 0.05, maxEpochs: 20000, seed: 1 });
const optimum = await globalOptimum(problem);
const cert = await certify(problem, net);

console.log(JSON.stringify({
  n: data.n, d: data.d, columns: data.columns, labels: data.labels,
  loss: net.loss, optimum: optimum.value, certifiedLowerBound: cert.lowerBound, verdict: cert.verdict,
}));
