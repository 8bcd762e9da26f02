// The sweep worker's entry (dist/sweep-worker.js; `relu-landscape/sweep-worker`): registers the
// package's run kinds, then serves runs (src/sweep/worker-loop.ts) in a worker thread or Web Worker.
import { registerBuiltinKinds } from "./experiments/registry.js";
import { registerOwnName } from "./sweep/own-name.js";
import { startSweepWorker } from "./sweep/worker-loop.js";

registerBuiltinKinds();
// kind modules outside an installation of the package may import "relu-landscape" (Node)
await registerOwnName();
await startSweepWorker();
