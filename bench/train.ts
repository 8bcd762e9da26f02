// Training speed: WASM f64 and f32 against the plain TypeScript reference, and against the peak
// f64x2 multiply-add throughput of this machine, all measured in this process.
//   npx tsx bench/train.ts
import { Trainer } from "../src/index.js";
import { getCore } from "../src/internals.js";
import * as ref from "../test/reference/train-reference.js";
import { randomMatrix, randomVector } from "../test/helpers.js";

/** Floating-point operations of one full-batch step (forward, backward, update), as counted here. */
export const stepFlops = (n: number, d: number, m: number) => 4 * n * m * d + 5 * n * m + 4 * m * (d + 1);

function timeIt(fn: (reps: number) => void, minMs = 400): number {
  let reps = 1;
  fn(1); // warm-up (and tier-up)
  for (;;) {
    const t0 = performance.now();
    fn(reps);
    const dt = performance.now() - t0;
    if (dt > minMs) return reps / (dt / 1000);
    reps *= Math.max(2, Math.ceil(minMs / Math.max(dt, 1)));
  }
}

async function wasmRate(n: number, d: number, m: number, precision: "f64" | "f32"): Promise<number> {
  const X = randomMatrix(n, d, 1), y = randomVector(n, 2);
  const t = await Trainer.create({ X, y, lambda: 0.01 }, { m, alpha: 0.1, lr: 1e-4, gradTol: 0, maxEpochs: 1e12, precision, traceGrowth: 1e9 });
  t.advance(2000); // let V8 tier the kernel up
  const rate = timeIt((reps) => t.advance(reps), 1000);
  t.dispose();
  return rate;
}

function refRate(n: number, d: number, m: number): number {
  const X = randomMatrix(n, d, 1), y = randomVector(n, 2);
  let net = { W: randomMatrix(m, d, 3, 0.1), a: randomVector(m, 4, 0.1) };
  const p = { X, y, lambda: 0.01 };
  return timeIt((reps) => { for (let i = 0; i < reps; i++) net = ref.step(p, net, 1e-4); });
}

export async function benchTrain(): Promise<void> {
  const core = await getCore();
  const peakIters = 1e6;
  const peak = timeIt((reps) => { for (let i = 0; i < reps; i++) core.peakMulAddF64(peakIters); }) * peakIters * 12 * 2 * 2 / 1e9;
  console.log(`peak f64x2 multiply-add: ${peak.toFixed(2)} GFLOP/s (one core)`);
  for (const [n, d, m] of [[20, 5, 1000], [4, 4, 100]]) {
    const f = stepFlops(n, d, m);
    const r64 = await wasmRate(n, d, m, "f64");
    const r32 = await wasmRate(n, d, m, "f32");
    const rts = refRate(n, d, m);
    const g = (r: number) => ((r * f) / 1e9).toFixed(2);
    console.log(`n=${n} d=${d} m=${m} (${f} flop/step)`);
    console.log(`  wasm f64 : ${Math.round(r64).toLocaleString("en")} steps/s  ${g(r64)} GFLOP/s  ${((100 * r64 * f) / 1e9 / peak).toFixed(0)}% of peak  ${(r64 / rts).toFixed(1)}× reference`);
    console.log(`  wasm f32 : ${Math.round(r32).toLocaleString("en")} steps/s  ${g(r32)} GFLOP/s  ${(r32 / r64).toFixed(2)}× f64`);
    console.log(`  plain TS : ${Math.round(rts).toLocaleString("en")} steps/s  ${g(rts)} GFLOP/s (test/reference)`);
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await benchTrain();
