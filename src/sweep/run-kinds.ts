// The registry of run kinds: what one run of a sweep computes.
//
//   A run kind is   (config: Record<string, unknown>, ctx: { seed: number }) => Promise<Record<string, unknown>>
//
// - `config` is the run's configuration: the sweep's `base` merged with one point of its `axes`, plus
//   `rep` (the repetition index, 0..repetitions−1). Plain JSON values only.
// - `ctx.seed` is the run's seed, an integer in [0, 2^53) derived from the sweep seed and the run's
//   hash: draw every random number from it (a `Rng`, or a TrainOptions seed), so a run gives the same
//   result on any machine, worker or order. `ctx.measure` (optional) lists the measurements the sweep
//   records; a kind may skip work nobody asked for.
// - The returned object holds the measurements (JSON values: numbers, strings, booleans, small
//   arrays). The engine records it as one JSON line; a thrown error is recorded as the run's error
//   and the sweep goes on (throw InputError for bad settings).
// - Kinds run inside a worker (worker_threads in Node, Web Workers in browsers), each worker with its
//   own WASM core (`getCore()` inside a worker is that worker's instance). A kind must therefore be
//   registered in the module that the worker loads: add an `import "./your-kind.js"` line to
//   src/sweep/builtin-kinds.ts (kinds of the package), or pass `modules: [url]` to the sweep (your
//   own kinds: each module calls `registerRunKind` when imported, in the worker and in the caller).
// - `validate` (optional) checks one configuration in the calling thread before anything runs and
//   throws InputError naming the key, so a typo fails at once instead of in every run; `measures`
//   (optional) lists what the kind can return, so a misspelt `measure` entry fails at once too.
//
//   registerRunKind("cone-count", async (config, { seed }) => ({ cones: await countCones(config, seed) }));

/** Extra information a run kind receives. */
export interface RunContext {
  /** The run's seed, derived from the sweep seed and the run's hash; integer in [0, 2^53). */
  seed: number;
  /** The measurements the sweep records (undefined: the kind's defaults). */
  measure?: readonly string[];
}

/** What one run of a sweep computes. */
export type RunKind = (config: Record<string, unknown>, ctx: RunContext) => Promise<Record<string, unknown>>;

export interface RunKindOptions {
  /** Checks one configuration before the sweep starts; throws InputError naming the key at fault. */
  validate?: (config: Record<string, unknown>) => void;
  /** The measurements the kind can return (to check a sweep's `measure` list before it runs). */
  measures?: readonly string[];
}

interface Entry extends RunKindOptions {
  run: RunKind;
}

// one registry per thread, shared by every copy of this module (dist/index.js, dist/cli.js and
// dist/sweep-worker.js each bundle one), so a kind registered through any of them is found by all
const KEY = Symbol.for("relu-landscape.run-kinds");
const holder = globalThis as unknown as Record<symbol, Map<string, Entry> | undefined>;
const kinds: Map<string, Entry> = (holder[KEY] ??= new Map<string, Entry>());

/** A run kind with its name and checks, as a package module exports it (registered by the caller). */
export interface RunKindDefinition extends RunKindOptions {
  name: string;
  run: RunKind;
}

/** Registers (or replaces) run kinds given as definitions. */
export function registerRunKinds(defs: readonly RunKindDefinition[]): void {
  for (const { name, run, ...options } of defs) registerRunKind(name, run, options);
}

/** Registers (or replaces) a run kind under `name`. */
export function registerRunKind(name: string, run: RunKind, options: RunKindOptions = {}): void {
  kinds.set(name, { run, ...options });
}

/** The run kind registered under `name`, or undefined. */
export function getRunKind(name: string): (RunKindOptions & { run: RunKind }) | undefined {
  return kinds.get(name);
}

/** The names of the registered run kinds. */
export function runKindNames(): string[] {
  return [...kinds.keys()].sort();
}
