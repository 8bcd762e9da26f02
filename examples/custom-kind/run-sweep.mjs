// Runs the sparsity sweep (sweep.json) on worker threads through the API, into a results directory
// (resumable: run it again and nothing is run twice), then prints the mean per width as JSON.
//   node examples/custom-kind/run-sweep.mjs [outDir]
// The same from the command line:
//   npx relu-landscape sweep examples/custom-kind/sweep.json --module examples/custom-kind/sparsity-kind.mjs --out sparsity-out
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parseJsonl, runSweep } from "relu-landscape";

const here = (p) => new URL(p, import.meta.url);
const out = process.argv[2] ?? "sparsity-out";
const sweep = JSON.parse(readFileSync(here("./sweep.json"), "utf8"));
await runSweep(sweep, { out, workers: 2, modules: [here("./sparsity-kind.mjs").href] });

const { records } = parseJsonl(readFileSync(join(out, "results.jsonl"), "utf8"));
const byWidth = {};
for (const r of records) (byWidth[r.config.m] ??= []).push(r.result.zeroNeurons);
console.log(JSON.stringify(Object.entries(byWidth).map(([m, z]) => ({ m: Number(m), meanZeroNeurons: z.reduce((a, b) => a + b, 0) / z.length }))));
