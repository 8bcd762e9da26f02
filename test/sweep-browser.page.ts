// The page of the browser sweep test: runs a small sweep on a pool of two module Web Workers and
// publishes the records on globalThis.__sweep.
import { SweepPool } from "../src/sweep/pool.js";
import { browserWorkerFactory } from "../src/sweep/browser-workers.js";
import { expandSweep } from "../src/sweep/grid.js";
import { runAll } from "../src/sweep/loop.js";
import type { RunRecord } from "../src/sweep/record.js";
import { BROWSER_SWEEP } from "./sweep-browser.sweep.js";

const g = globalThis as { __sweep?: { records?: RunRecord[]; error?: string } };
(async () => {
  const pool = await SweepPool.create({ workers: 2, spawn: browserWorkerFactory(new URL("./sweep-worker.js", location.href)) });
  const records: RunRecord[] = [];
  await runAll(pool, expandSweep(BROWSER_SWEEP), { kind: "train", measure: BROWSER_SWEEP.measure, onRecord: (r) => records.push(r) });
  pool.close();
  g.__sweep = { records };
})().catch((e) => (g.__sweep = { error: String(e?.stack ?? e) }));
