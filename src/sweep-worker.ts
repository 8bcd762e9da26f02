// The sweep worker's entry (dist/sweep-worker.js; `relu-landscape/sweep-worker`): registers the
// package's run kinds, then serves runs (src/sweep/worker-loop.ts) in a worker thread or Web Worker.
import { registerBuiltinKinds } from "./experiments/registry.js";
import { startSweepWorker } from "./sweep/worker-loop.js";

registerBuiltinKinds();
await startSweepWorker();
