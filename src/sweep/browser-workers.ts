// Sweep workers in browsers: module Web Workers running dist/sweep-worker.js (bundlers such as Vite
// resolve `new URL("./sweep-worker.js", import.meta.url)`; pass your own URL otherwise).
import type { WorkerFactory, WorkerLike } from "./pool.js";

/** A factory of Web Workers running the sweep worker at `url`. */
export function browserWorkerFactory(url: string | URL = new URL("./sweep-worker.js", import.meta.url)): WorkerFactory {
  return (): WorkerLike => {
    const w = new Worker(url, { type: "module" });
    return {
      postMessage: (m) => w.postMessage(m),
      listen(onMessage, onFailure) {
        w.onmessage = (e) => onMessage(e.data);
        w.onerror = (e) => onFailure(new Error(e.message || "worker error"));
      },
      terminate: () => w.terminate(),
    };
  };
}

/** The number of logical cores the browser reports (at least 1). */
export function browserCoreCount(): number {
  return Math.max(1, (typeof navigator !== "undefined" && navigator.hardwareConcurrency) || 1);
}
