// Sweep throughput: runs/s of a sweep of small training runs with 1 and 2 worker threads, and the
// overhead per run of the pool (messages, records, the results file) against calling the trainer
// directly in one thread. Targets: overhead < 5%; 2 workers ≥ 1.8× one on a 2-core machine.
//   npx tsx bench/sweep.ts [runs]
import { mkdtempSync, rmSync } from "node:fs";
import { loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import * as fs from "node:fs";
import { expandSweep, type RunSpec } from "../src/sweep/grid.js";
import { trainRun } from "../src/sweep/train-kind.js";
import { SweepPool } from "../src/sweep/pool.js";
import { nodeWorkerFactory, coreCount } from "../src/sweep/node-workers.js";
import { runAll } from "../src/sweep/loop.js";
import { ResultsWriter } from "../src/sweep/results.js";
import { fileURLToPath, pathToFileURL } from "node:url";

const noopModule = pathToFileURL(fileURLToPath(new URL("../test/sweep-kinds.fixture.ts", import.meta.url))).href;

/** The pool's own cost per run: an empty run kind through 1 worker (wall and CPU µs per run, steady state). */
async function emptyRuns(workers: number, n = 5000): Promise<{ wall: number; cpu: number }> {
  const list = expandSweep({ kind: "test-noop", axes: { k: { from: 0, to: n - 1, step: 1 } } });
  const pool = await SweepPool.create({ workers, spawn: nodeWorkerFactory(), modules: [noopModule] });
  const dir = mkdtempSync(join(tmpdir(), "bench-sweep-"));
  const writer = new ResultsWriter(fs, join(dir, "results.jsonl"));
  await runAll(pool, list.slice(0, 500), { kind: "test-noop", onRecord: () => {} });
  const c0 = cpu(), t0 = performance.now();
  await runAll(pool, list, { kind: "test-noop", onRecord: (r) => writer.append(r) });
  const out = { wall: ((performance.now() - t0) / n) * 1000, cpu: ((cpu() - c0) / n) * 1e6 };
  pool.close();
  writer.close();
  rmSync(dir, { recursive: true, force: true });
  return out;
}

const count = Number(process.argv[2] ?? 240);
// small runs of a few milliseconds each: n = 20, d = 5, widths 8..32, 1500 epochs of GD
const sweep = {
  seed: 1,
  repetitions: Math.ceil(count / 12),
  base: { n: 20, d: 5, lambda: 0.01, lr: 0.01, maxEpochs: 1500, gradTol: 0 },
  axes: { m: [8, 16, 32], alpha: [0.1, 0.3, 1, 3] },
};
const runs = expandSweep(sweep).slice(0, count);

const cpu = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1e6;
};

/** Wall seconds and CPU seconds (all threads of this process) of calling the trainer directly. */
async function direct(list: RunSpec[]): Promise<{ seconds: number; cpu: number }> {
  const c0 = cpu(), t0 = performance.now();
  for (const r of list) await trainRun(r.config, { seed: r.seed });
  return { seconds: (performance.now() - t0) / 1000, cpu: cpu() - c0 };
}

/** A pool started and warmed up (each worker compiles the WASM core anew; V8 tiers hot code up after some runs). */
async function warmPool(workers: number): Promise<{ pool: SweepPool; startup: number }> {
  const s0 = performance.now();
  const pool = await SweepPool.create({ workers, spawn: nodeWorkerFactory() });
  await runAll(pool, runs.slice(0, 48 * workers).map((r) => ({ ...r, id: `warm-${r.id}` })), { kind: "train", onRecord: () => {} });
  return { pool, startup: (performance.now() - s0) / 1000 };
}

/** Wall and CPU seconds (all threads) of the runs through a pool, each record appended to a results file. */
async function pooled(pool: SweepPool, list: RunSpec[]): Promise<{ seconds: number; cpu: number }> {
  const dir = mkdtempSync(join(tmpdir(), "bench-sweep-"));
  const writer = new ResultsWriter(fs, join(dir, "results.jsonl"));
  const c0 = cpu(), t0 = performance.now();
  await runAll(pool, list, { kind: "train", onRecord: (r) => writer.append(r) });
  const seconds = (performance.now() - t0) / 1000, used = cpu() - c0;
  writer.close();
  rmSync(dir, { recursive: true, force: true });
  return { seconds, cpu: used };
}

await direct(runs.slice(0, 96)); // warm-up of this thread
const p1 = await warmPool(1);
const p2 = await warmPool(2);
const rounds = Number(process.argv[3] ?? 4);
const best = { direct: Infinity, w1: Infinity, w2: Infinity, cpuDirect: Infinity, cpu1: Infinity, start1: p1.startup, start2: p2.startup };
for (let k = 0; k < rounds; k++) {
  const d = await direct(runs);
  best.direct = Math.min(best.direct, d.seconds);
  best.cpuDirect = Math.min(best.cpuDirect, d.cpu);
  const one = await pooled(p1.pool, runs);
  best.w1 = Math.min(best.w1, one.seconds);
  best.cpu1 = Math.min(best.cpu1, one.cpu);
  const two = await pooled(p2.pool, runs);
  best.w2 = Math.min(best.w2, two.seconds);
}
p1.pool.close();
p2.pool.close();
const ms = (s: number) => ((s / runs.length) * 1000).toFixed(3);
const pct = (a: number, b: number) => `${(((a - b) / b) * 100).toFixed(1)}% (${(((a - b) / runs.length) * 1e6).toFixed(0)} µs/run)`;
console.log(`sweep of ${runs.length} training runs (n=20, d=5, m=8..32, 1500 GD epochs), best of ${rounds}, ${coreCount()} cores, load ${loadavg()[0].toFixed(1)}`);
console.log(`  direct (trainRun in this thread): ${(runs.length / best.direct).toFixed(1)} runs/s, ${ms(best.direct)} ms/run wall, ${ms(best.cpuDirect)} ms/run CPU`);
console.log(`  pool, 1 worker:  ${(runs.length / best.w1).toFixed(1)} runs/s, ${ms(best.w1)} ms/run wall, ${ms(best.cpu1)} ms/run CPU (all threads)`);
console.log(`    overhead of the pool vs direct [target < 5%]: wall ${pct(best.w1, best.direct)}, CPU ${pct(best.cpu1, best.cpuDirect)}`);
console.log(`  pool, 2 workers: ${(runs.length / best.w2).toFixed(1)} runs/s, ${ms(best.w2)} ms/run; speed-up over 1 worker ${(best.w1 / best.w2).toFixed(2)}× [target ≥ 1.8×]`);
console.log(`  pool start-up (spawn + 48 warm-up runs per worker): ${best.start1.toFixed(2)} s with 1 worker, ${best.start2.toFixed(2)} s with 2 (from TS sources via tsx; faster from dist)`);
// the same sweep with runs 8× longer (~15 ms): the pool's per-run cost, and the main thread's share
// of the two cores, matter less
{
  const long = expandSweep({ ...sweep, base: { ...sweep.base, maxEpochs: 12000 } }).slice(0, Math.ceil(count / 4));
  const q1 = await warmPool(1), q2 = await warmPool(2);
  let w1 = Infinity, w2 = Infinity;
  for (let k = 0; k < 2; k++) {
    w1 = Math.min(w1, (await pooled(q1.pool, long)).seconds);
    w2 = Math.min(w2, (await pooled(q2.pool, long)).seconds);
  }
  q1.pool.close();
  q2.pool.close();
  console.log(`  runs of 12000 epochs (${long.length} runs, ~${((w1 / long.length) * 1000).toFixed(0)} ms each): speed-up of 2 workers over 1: ${(w1 / w2).toFixed(2)}×`);
}
const empty = await emptyRuns(1);
console.log(`  pool cost per run, empty run kind (message round trip, record, results file): ${empty.wall.toFixed(1)} µs wall, ${empty.cpu.toFixed(1)} µs CPU = ${((empty.wall / 1e6 / (best.direct / runs.length)) * 100).toFixed(2)}% of a direct training run here`);
console.log("  (wall times are noisy when other processes use the cores: see the load above)");
