// Executes one run (in a worker or inline): looks up its kind, runs it, keeps the measurements asked
// for, and turns a thrown error into a recorded one.
import { getRunKind, runKindNames } from "./run-kinds.js";

/** What a worker is asked to run. */
export interface RunTask {
  id: string;
  kind: string;
  seed: number;
  config: Record<string, unknown>;
  measure?: string[];
}

/** What comes back: the measurements or the error, and the wall-clock seconds. */
export interface RunOutcome {
  id: string;
  result?: Record<string, unknown>;
  error?: string;
  seconds: number;
}

const now = () => (typeof performance !== "undefined" ? performance.now() : Date.now());

/** Imports modules that register run kinds (once each). */
const imported = new Map<string, Promise<unknown>>();
export function importKindModules(modules: readonly string[]): Promise<unknown[]> {
  return Promise.all(
    modules.map((m) => {
      let p = imported.get(m);
      if (!p) imported.set(m, (p = import(/* @vite-ignore */ m)));
      return p;
    }),
  );
}

export async function executeRun(task: RunTask): Promise<RunOutcome> {
  const t0 = now();
  try {
    const kind = getRunKind(task.kind);
    if (!kind) throw new Error(`unknown run kind "${task.kind}" (registered: ${runKindNames().join(", ") || "none"})`);
    const all = await kind.run(task.config, { seed: task.seed, measure: task.measure });
    let result = all;
    if (task.measure) {
      result = {};
      for (const k of task.measure) if (k in all) result[k] = all[k];
    }
    return { id: task.id, result, seconds: (now() - t0) / 1000 };
  } catch (e) {
    const error = e instanceof Error ? e.message || e.name : String(e);
    return { id: task.id, error, seconds: (now() - t0) / 1000 };
  }
}
