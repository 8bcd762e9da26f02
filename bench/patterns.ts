// Activation-pattern enumeration speed: time and patterns/s for the cases (targets: each
// under 1 s on one core), first call (cold: V8 runs baseline code until the call returns) and the
// best of a few warm calls; plus a few larger cases and the samplers.
//   npx tsx bench/patterns.ts
import { enumeratePatterns, patternCountFormula, samplePatterns, toData, type Data } from "../src/index.js";
import { randomMatrix } from "../test/helpers.js";

const dataOf = (n: number, d: number, seed: number): Data => {
  const X = randomMatrix(n, d, seed);
  return toData(X, X.map(() => 0));
};

type Method = "auto" | "lines" | "incremental";
async function timeEnum(data: Data, method: Method): Promise<{ count: number; cold: number; warm: number }> {
  let t0 = performance.now();
  const s = await enumeratePatterns(data, { method });
  const cold = (performance.now() - t0) / 1000;
  let warm = Infinity;
  for (let r = 0; r < 3; r++) {
    t0 = performance.now();
    await enumeratePatterns(data, { method });
    warm = Math.min(warm, (performance.now() - t0) / 1000);
  }
  return { count: s.count, cold, warm };
}

const cases: [number, number, boolean][] = [[100, 3, true], [40, 4, true], [12, 12, true], [20, 6, false], [30, 5, false], [16, 10, false], [20, 12, false]];
console.log("enumeration (Gaussian X, seeded; noisy when other work runs on this machine):");
console.log("   n   d  method         patterns   Cover    cold s    warm s   patterns/s (warm)  target < 1 s");
for (const [n, d, target] of cases) {
  const data = dataOf(n, d, 7 * n + d);
  for (const method of ["auto", "lines", "incremental"] as Method[]) {
    if (method === "lines" && d >= 12 && n > d) continue; // minutes: each cell met once per extreme ray
    const r = await timeEnum(data, method);
    const ok = target && method === "auto" ? (r.cold < 1 ? "ok" : "MISSED") : "";
    console.log(`${String(n).padStart(4)} ${String(d).padStart(3)}  ${method.padEnd(12)} ${String(r.count).padStart(9)} ${String(patternCountFormula(n, d)).padStart(7)} ${r.cold.toFixed(4).padStart(9)} ${r.warm.toFixed(4).padStart(9)} ${Math.round(r.count / r.warm).toString().padStart(14)}      ${ok}`);
  }
}

console.log("\nsamplers (n=12, d=4; m draws, signed):");
const small = dataOf(12, 4, 3);
for (const sampler of ["uniform", "gaussian", "rejection"] as const) {
  const m = 20000;
  await samplePatterns(small, 100, { sampler, signed: true, seed: 1 });
  const t0 = performance.now();
  await samplePatterns(small, m, { sampler, signed: true, seed: 2 });
  const s = (performance.now() - t0) / 1000;
  console.log(`  ${sampler.padEnd(10)} ${Math.round(m / s).toString().padStart(10)} samples/s`);
}
