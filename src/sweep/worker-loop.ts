// The sweep worker's loop: a worker_threads worker in Node, a module Web Worker in browsers. It imports
// the caller's kind modules, then runs tasks one at a time with its own WASM core. The entry that
// registers the package's run kinds and starts this loop is src/sweep-worker.ts (dist/sweep-worker.js).
//   in:  { type: "init", modules: string[] }   { type: "run", task: RunTask }
//   out: { type: "ready", kinds: string[] } | { type: "init-error", error } | { type: "done", outcome: RunOutcome }
import { executeRun, importKindModules, type RunTask } from "./execute.js";
import { runKindNames } from "./run-kinds.js";

type Msg = { type: "init"; modules: string[] } | { type: "run"; task: RunTask };
type Post = (msg: unknown) => void;

function serve(post: Post): (msg: Msg) => void {
  let queue: Promise<unknown> = Promise.resolve();
  return (msg) => {
    // tasks run strictly in order, one at a time
    queue = queue.then(async () => {
      if (msg.type === "init") {
        try {
          await importKindModules(msg.modules);
          post({ type: "ready", kinds: runKindNames() });
        } catch (e) {
          post({ type: "init-error", error: e instanceof Error ? e.message : String(e) });
        }
      } else if (msg.type === "run") {
        post({ type: "done", outcome: await executeRun(msg.task) });
      }
    });
  };
}

/** Serves tasks on this worker's port (worker_threads) or scope (Web Worker). */
export async function startSweepWorker(): Promise<void> {
const isNode = typeof process !== "undefined" && !!process.versions?.node;
if (isNode) {
  const name = "node:worker_threads";
  const { parentPort } = (await import(/* @vite-ignore */ name)) as typeof import("node:worker_threads");
  if (parentPort) {
    const port = parentPort;
    port.on("message", serve((m) => port.postMessage(m)));
  }
} else {
  const scope = self as unknown as { postMessage: Post; onmessage: ((e: MessageEvent) => void) | null };
  const handle = serve((m) => scope.postMessage(m));
  scope.onmessage = (e) => handle(e.data as Msg);
}
}
