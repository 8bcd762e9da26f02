// A pool of sweep workers (worker_threads in Node, Web Workers in browsers; see node-workers.ts and
// browser-workers.ts for the factories). Each worker holds its own WASM core and runs one task at a
// time; the pool keeps up to two tasks queued at each worker so none waits on a round trip. A worker
// that dies fails the task it was running (recorded as that run's error), is replaced, and its
// queued task goes back to the queue.
import type { RunOutcome, RunTask } from "./execute.js";
import { executeRun, importKindModules } from "./execute.js";

/** The little the pool needs of a worker. */
export interface WorkerLike {
  postMessage(msg: unknown): void;
  /** Registers the handlers (messages; a crash or exit with an error). */
  listen(onMessage: (msg: unknown) => void, onFailure: (error: Error) => void): void;
  terminate(): unknown;
}

/** Creates one worker running the sweep worker entry. */
export type WorkerFactory = () => WorkerLike;

export interface PoolOptions {
  /** Number of workers; 0 runs every task inline in this thread (no workers). */
  workers: number;
  /** Creates a worker (Node: nodeWorkerFactory(); browsers: browserWorkerFactory()). Required when workers > 0. */
  spawn?: WorkerFactory;
  /** Module URLs registering extra run kinds, imported in every worker. @default [] */
  modules?: string[];
}

interface Slot {
  worker: WorkerLike;
  ready: Promise<void>;
  tasks: { task: RunTask; resolve: (o: RunOutcome) => void }[];
  dead: boolean;
  /** Set once the worker has loaded its run kinds. */
  isReady: boolean;
  failReady: (e: Error) => void;
}

const DEPTH = 2;

export class SweepPool {
  private slots: Slot[] = [];
  private queue: { task: RunTask; resolve: (o: RunOutcome) => void }[] = [];
  private closed = false;
  private kindsInWorkers: string[] | undefined;

  private constructor(private readonly opts: PoolOptions) {}

  /** Starts the workers and waits until each has loaded the kind modules. */
  static async create(opts: PoolOptions): Promise<SweepPool> {
    const pool = new SweepPool(opts);
    if (opts.workers > 0) {
      if (!opts.spawn) throw new Error("SweepPool: give a worker factory (spawn) when workers > 0");
      for (let i = 0; i < opts.workers; i++) pool.slots.push(pool.start());
      try {
        await Promise.all(pool.slots.map((s) => s.ready));
      } catch (e) {
        pool.close();
        throw e;
      }
    } else {
      await importKindModules(opts.modules ?? []);
    }
    return pool;
  }

  /** The run kinds the workers know (undefined when running inline or before the workers are ready). */
  get workerKinds(): string[] | undefined {
    return this.kindsInWorkers;
  }

  get size(): number {
    return this.opts.workers;
  }

  private start(): Slot {
    const worker = this.opts.spawn!();
    let readyOk!: () => void, readyFail!: (e: Error) => void;
    const ready = new Promise<void>((res, rej) => ((readyOk = res), (readyFail = rej)));
    ready.catch(() => {}); // observed by create(); a later death is handled below
    const slot: Slot = { worker, ready, tasks: [], dead: false, isReady: false, failReady: readyFail };
    worker.listen(
      (raw) => {
        const msg = raw as { type: string; outcome?: RunOutcome; error?: string; kinds?: string[] };
        if (msg.type === "ready") {
          this.kindsInWorkers = msg.kinds;
          slot.isReady = true;
          readyOk();
        } else if (msg.type === "init-error") readyFail(new Error(`sweep worker could not load its run kinds: ${msg.error}`));
        else if (msg.type === "done") {
          const t = slot.tasks.shift();
          t?.resolve(msg.outcome!);
          this.pump();
        }
      },
      (error) => this.died(slot, error),
    );
    worker.postMessage({ type: "init", modules: this.opts.modules ?? [] });
    return slot;
  }

  private died(slot: Slot, error: Error): void {
    if (slot.dead) return;
    slot.dead = true;
    if (!slot.isReady) {
      // died while starting: the script cannot run here; no restart loop
      slot.failReady(new Error(`sweep worker failed to start: ${error.message}`));
      try {
        slot.worker.terminate();
      } catch {
        /* already gone */
      }
      this.queue.unshift(...slot.tasks.splice(0));
      if (this.slots.every((s) => s.dead)) this.failAll(`no sweep worker is left running: ${error.message}`);
      else this.pump();
      return;
    }
    const [running, ...queued] = slot.tasks;
    slot.tasks = [];
    if (running) running.resolve({ id: running.task.id, error: `worker died: ${error.message}`, seconds: 0 });
    this.queue.unshift(...queued);
    try {
      slot.worker.terminate();
    } catch {
      /* already gone */
    }
    const i = this.slots.indexOf(slot);
    if (i >= 0 && !this.closed) {
      const fresh = this.start();
      this.slots[i] = fresh;
      fresh.ready.then(() => this.pump(), () => this.failAll(`sweep worker could not be restarted: ${error.message}`));
    }
  }

  private failAll(error: string): void {
    for (const t of this.queue.splice(0)) t.resolve({ id: t.task.id, error, seconds: 0 });
  }

  private pump(): void {
    for (let depth = 1; depth <= DEPTH && this.queue.length; depth++) {
      for (const s of this.slots) {
        if (!this.queue.length) break;
        if (s.dead || s.tasks.length >= depth) continue;
        const t = this.queue.shift()!;
        s.tasks.push(t);
        s.worker.postMessage({ type: "run", task: t.task });
      }
    }
  }

  /** Runs one task; never rejects (errors come back in the outcome). */
  run(task: RunTask): Promise<RunOutcome> {
    if (this.closed) return Promise.resolve({ id: task.id, error: "the pool is closed", seconds: 0 });
    if (this.opts.workers === 0) return executeRun(task);
    return new Promise((resolve) => {
      this.queue.push({ task, resolve });
      if (this.slots.every((s) => s.dead)) this.failAll("no sweep worker is left running (they failed to restart)");
      else this.pump();
    });
  }

  /** Stops every worker (tasks not yet finished are dropped). */
  close(): void {
    this.closed = true;
    for (const s of this.slots) s.worker.terminate();
    this.slots = [];
  }
}
