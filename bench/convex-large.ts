// The global optimum at real sizes: time to a certified optimum (relative gap ≤ 1e-9) and peak memory
// (maxRSS of a child process running just that case), for the targets:
//   two moons, n = 200, bias (79,602 signed patterns), λ = 1e-3, squared and logistic: < 10 s
//   teacher data n = 20, d = 12 (1,720,414 signed patterns), λ = 0.01: < 60 s
//   teacher data n = 4, d = 1000 and d = 20000 (16 patterns; the row space): < 1 s
//   two moons, n = 1000, bias (1,998,002 signed patterns, streamed: none stored), λ = 1e-3, squared and
//   logistic: < 60 s
// Peak memory target: < 1 GB each. Three columns in general position are priced by streaming over
// the cells (src/convex/cell-stream.ts), other data by the stored enumeration.
//   npx tsx bench/convex-large.ts [case …]
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { globalOptimum, teacherData, type Data } from "../src/index.js";
import { moonsData } from "../src/data/moons.js";

type Case = { name: string; data: () => Promise<Data>; lambda: number; loss: "squared" | "logistic"; target: number };

function withBias(data: Data): Data {
  const { n, d } = data, X = new Float64Array(n * (d + 1));
  for (let k = 0; k < n; k++) { X.set(data.X.subarray(k * d, (k + 1) * d), k * (d + 1)); X[k * (d + 1) + d] = 1; }
  return { X, y: data.y, n, d: d + 1 };
}

const CASES: Case[] = [
  { name: "moons-200-squared", data: async () => withBias(await moonsData({ n: 200 })), lambda: 1e-3, loss: "squared", target: 10 },
  { name: "moons-200-logistic", data: async () => withBias(await moonsData({ n: 200 })), lambda: 1e-3, loss: "logistic", target: 10 },
  { name: "teacher-20x12", data: () => teacherData({ n: 20, d: 12, seed: 0 }), lambda: 0.01, loss: "squared", target: 60 },
  { name: "teacher-4x1000", data: () => teacherData({ n: 4, d: 1000, seed: 0 }), lambda: 0.01, loss: "squared", target: 1 },
  { name: "teacher-4x20000", data: () => teacherData({ n: 4, d: 20000, seed: 0 }), lambda: 0.01, loss: "squared", target: 1 },
  { name: "moons-1000-logistic", data: async () => withBias(await moonsData({ n: 1000 })), lambda: 1e-3, loss: "logistic", target: 60 },
  { name: "moons-1000-squared", data: async () => withBias(await moonsData({ n: 1000 })), lambda: 1e-3, loss: "squared", target: 60 },
];

const child = process.argv[2] === "--child";
if (child) {
  const c = CASES.find((k) => k.name === process.argv[3])!;
  const data = await c.data();
  const t0 = performance.now();
  try {
    const g = await globalOptimum(data, { lambda: c.lambda, loss: c.loss, maxPatterns: 1e7, maxIterations: 10000 });
    const s = (performance.now() - t0) / 1000;
    console.log(JSON.stringify({ seconds: s, patterns: g.patterns, gap: g.relativeGap, converged: g.converged, iterations: g.iterations, neurons: g.neurons, rssMB: process.resourceUsage().maxRSS / 1024 }));
  } catch (e) {
    console.log(JSON.stringify({ error: (e as Error).message, seconds: (performance.now() - t0) / 1000, rssMB: process.resourceUsage().maxRSS / 1024 }));
  }
} else {
  const want = process.argv.slice(2);
  const self = fileURLToPath(import.meta.url);
  console.log("global optimum at real sizes (each case in its own process: time, peak RSS); shared machine, noisy timings");
  for (const c of CASES.filter((k) => want.length === 0 || want.includes(k.name))) {
    const r = spawnSync(process.execPath, ["--import", "tsx", self, "--child", c.name], { encoding: "utf8", timeout: 900_000 });
    const line = r.stdout.trim().split("\n").at(-1) ?? "";
    let out: Record<string, unknown> = {};
    try { out = JSON.parse(line); } catch { out = { error: (r.stderr || "no output").trim().split("\n").at(-1) }; }
    const rss = `${Math.round(out.rssMB as number)} MB`;
    if (out.error) console.log(`  ${c.name.padEnd(20)} refused/failed after ${(out.seconds as number)?.toFixed?.(2) ?? "?"} s, peak ${rss}: ${out.error}`);
    else console.log(`  ${c.name.padEnd(20)} ${(out.seconds as number).toFixed(2).padStart(7)} s (target < ${c.target} s)  peak ${rss.padStart(7)} (target < 1000 MB)  ${out.patterns} signed patterns, ${out.iterations} Newton steps, ${out.neurons} neurons (minimal width), gap ${(out.gap as number).toExponential(1)}${out.converged ? "" : " NOT CONVERGED"}`);
  }
}
