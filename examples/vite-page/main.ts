// A Vite page running a sweep on a pool of module Web Workers, each with its own WASM core.
// `relu-landscape/sweep-worker` is the package's self-contained worker script: `?url` makes Vite copy
// it into the build and hand over its URL. (`browserWorkerFactory()` with no argument finds the same
// file beside the package's code, which also works in a Vite build.)
//   npx vite build examples/vite-page   then serve examples/vite-page/dist/
import { SweepPool, browserCoreCount, browserWorkerFactory, expandSweep, runAll } from "relu-landscape";
import sweepWorkerUrl from "relu-landscape/sweep-worker?url";
import { SWEEP } from "./sweep.js";

type Published = { records?: unknown[]; error?: string };
const page = globalThis as { __sweep?: Published };
const status = document.getElementById("status")!;

async function main(): Promise<void> {
  const pool = await SweepPool.create({ workers: Math.min(2, browserCoreCount()), spawn: browserWorkerFactory(sweepWorkerUrl) });
  const records: { index: number; config: Record<string, unknown>; result?: Record<string, unknown>; error?: string }[] = [];
  try {
    await runAll(pool, expandSweep(SWEEP), {
      kind: "train",
      measure: SWEEP.measure,
      onRecord: (r) => records.push(r),
      onProgress: (p) => (status.textContent = `${p.done} of ${p.total} runs`),
    });
  } finally {
    pool.close();
  }
  records.sort((a, b) => a.index - b.index);
  const table = document.getElementById("runs") as HTMLTableElement;
  table.innerHTML = "<tr><th>m</th><th>method</th><th>loss</th><th>stop</th></tr>";
  for (const r of records) {
    const row = table.insertRow();
    for (const v of [r.config.m, r.config.method, r.result?.loss ?? r.error, r.result?.stopReason]) row.insertCell().textContent = String(v);
  }
  status.textContent = `${records.length} runs done`;
  page.__sweep = { records };
}

main().catch((e: unknown) => {
  status.textContent = `error: ${e instanceof Error ? e.message : String(e)}`;
  page.__sweep = { error: e instanceof Error ? (e.stack ?? e.message) : String(e) };
});
