// Sweep workers in Node (worker_threads). The worker script is dist/sweep-worker.js beside the built
// package; when running from the TypeScript sources (tests, `tsx`), it is src/sweep-worker.ts
// started through a small bootstrap that registers tsx in the worker first.
import { existsSync } from "node:fs";
import { createRequire } from "node:module";
import { availableParallelism, cpus } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { Worker } from "node:worker_threads";
import type { WorkerFactory, WorkerLike } from "./pool.js";

declare const __filename: string | undefined;

/** This module's own URL (ESM; in the CommonJS build, from __filename). */
function hereUrl(): string {
  let url: string | undefined;
  try {
    url = import.meta.url;
  } catch {
    url = undefined;
  }
  if (url) return url;
  if (typeof __filename === "string") return pathToFileURL(__filename).href;
  throw new Error("cannot locate the sweep worker script: set RELU_LANDSCAPE_SWEEP_WORKER to dist/sweep-worker.js");
}

/** The worker script: RELU_LANDSCAPE_SWEEP_WORKER, else sweep-worker.js beside this code, else the .ts source. */
export function nodeWorkerScript(): { url: string; typescript: boolean } {
  const env = process.env.RELU_LANDSCAPE_SWEEP_WORKER;
  if (env) return { url: env.startsWith("file:") ? env : pathToFileURL(env).href, typescript: env.endsWith(".ts") };
  const here = hereUrl();
  for (const [name, ts] of [["./sweep-worker.js", false], ["../sweep-worker.ts", true]] as const) {
    const url = new URL(name, here);
    if (existsSync(fileURLToPath(url))) return { url: url.href, typescript: ts };
  }
  throw new Error(`cannot find sweep-worker.js beside ${fileURLToPath(here)}: reinstall the package, or set RELU_LANDSCAPE_SWEEP_WORKER`);
}

function tsxApiUrl(from: string): string {
  const req = createRequire(from);
  return pathToFileURL(join(dirname(req.resolve("tsx")), "esm/api/index.mjs")).href;
}

/** A factory of worker_threads workers running the sweep worker. */
export function nodeWorkerFactory(): WorkerFactory {
  const script = nodeWorkerScript();
  let code: string | undefined;
  if (script.typescript) {
    const api = tsxApiUrl(script.url);
    code = `import(${JSON.stringify(api)}).then((m) => { m.register(); return import(${JSON.stringify(script.url)}); })` +
      `.catch((e) => { require("node:worker_threads").parentPort.postMessage({ type: "init-error", error: String(e && e.message || e) }); });`;
  }
  return (): WorkerLike => {
    const w = code !== undefined ? new Worker(code, { eval: true }) : new Worker(new URL(script.url));
    return {
      postMessage: (m) => w.postMessage(m),
      listen(onMessage, onFailure) {
        w.on("message", onMessage);
        w.on("error", onFailure);
        w.on("exit", (code) => onFailure(new Error(`exited with code ${code}`)));
      },
      terminate: () => {
        w.removeAllListeners("exit");
        w.removeAllListeners("error");
        return w.terminate();
      },
    };
  };
}

/** The number of cores (the default number of workers). */
export function coreCount(): number {
  return typeof availableParallelism === "function" ? availableParallelism() : cpus().length;
}
