// The lab's worker: runs the WASM Trainer off the page's thread. One worker holds the live training
// session (run / pause / step, a tick after each ~30 ms slice of epochs); a certifier worker solves
// the global optimum once and certifies the networks sent to it; `bench` measures training speed here.
// (The Experiments tab runs on the package's sweep workers instead.)
import { Trainer } from "../api/train.js";
import { trainingRate } from "./bench-rate.js";
import { Certifier } from "./certifier.js";
import { labProblem, labTrainOptions } from "./datasets.js";
import type { FromWorker, ToWorker } from "./protocol.js";

interface WorkerScope {
  postMessage(message: FromWorker, transfer?: Transferable[]): void;
  onmessage: ((e: MessageEvent<ToWorker>) => void) | null;
}
const scope = self as unknown as WorkerScope;
const post = (m: FromWorker, transfer: Transferable[] = []) => scope.postMessage(m, transfer);

/** Milliseconds of training between two ticks. */
const SLICE_MS = 30;

interface Session {
  id: number;
  trainer: Trainer;
  running: boolean;
  /** Epochs per millisecond, measured (sizes the calls to about 4 ms each). */
  perMs: number;
  /** For the displayed rate: epoch and time when the run (re)started (−1: not running). */
  runEpoch0: number;
  runT0: number;
  /** The trace is sent up to this epoch. */
  sentEpoch: number;
}

let session: Session | undefined;
let certifier: { session: number; ready: Promise<Certifier> } | undefined;

function tick(s: Session): void {
  const t = s.trainer;
  const res = t.result();
  const st = t.state();
  const net = { W: res.W, a: res.a };
  const trace = res.trace.filter((p) => p.epoch > s.sentEpoch).map((p) => ({ epoch: p.epoch, loss: p.loss, dataLoss: p.dataLoss }));
  s.sentEpoch = st.epoch;
  const d = t.problem.data.d;
  const W = new Float64Array(t.m * d);
  net.W.forEach((w, j) => W.set(w, j * d));
  const a = Float64Array.from(net.a);
  const elapsed = performance.now() - s.runT0;
  post(
    {
      type: "tick",
      session: s.id,
      epoch: st.epoch,
      loss: st.loss,
      dataLoss: st.dataLoss,
      normSq: st.normSq,
      gradNormSq: st.gradNormSq,
      patterns: st.patterns,
      stopReason: t.stopReason ?? null,
      running: s.running,
      rate: s.runEpoch0 >= 0 && elapsed > 0 ? ((st.epoch - s.runEpoch0) / elapsed) * 1000 : 0,
      W,
      a,
      m: t.m,
      d,
      trace,
    },
    [W.buffer, a.buffer],
  );
}

function loop(s: Session): void {
  if (session !== s || !s.running) return;
  const t = s.trainer;
  const t0 = performance.now();
  while (performance.now() - t0 < SLICE_MS) {
    const e0 = t.epoch;
    const c0 = performance.now();
    const stop = t.advance(Math.max(1, Math.round(s.perMs * 4)));
    const dt = performance.now() - c0;
    if (dt > 0.05) s.perMs = Math.max(1e-3, 0.5 * s.perMs + (0.5 * (t.epoch - e0)) / dt);
    if (stop) {
      s.running = false;
      break;
    }
  }
  tick(s);
  if (s.running) setTimeout(() => loop(s), 0);
  else s.runEpoch0 = -1; // the rate shown stays that of the run that just ended
}

async function handle(msg: ToWorker): Promise<void> {
  switch (msg.type) {
    case "init": {
      session?.trainer.dispose();
      session = undefined;
      const lp = await labProblem(msg.settings);
      // a dense trace (every 5% in epochs) for the loss curve; the trace does not change the numbers
      const trainer = await Trainer.create(lp.problem, { ...labTrainOptions(msg.settings), traceGrowth: 1.05 });
      const s: Session = { id: msg.session, trainer, running: false, perMs: 1, runEpoch0: -1, runT0: performance.now(), sentEpoch: -1 };
      session = s;
      post({ type: "data", session: s.id, X: lp.raw.X, y: lp.raw.y, n: lp.raw.n, dIn: lp.raw.d, bias: lp.problem.bias, basis: lp.basis });
      tick(s);
      return;
    }
    case "run": {
      const s = session;
      if (!s || s.id !== msg.session || s.running || s.trainer.stopReason) return;
      s.running = true;
      s.runEpoch0 = s.trainer.epoch;
      s.runT0 = performance.now();
      loop(s);
      return;
    }
    case "pause": {
      const s = session;
      if (!s || s.id !== msg.session) return;
      s.running = false;
      tick(s);
      s.runEpoch0 = -1;
      return;
    }
    case "step": {
      const s = session;
      if (!s || s.id !== msg.session || s.running) return;
      s.trainer.advance(msg.epochs);
      tick(s);
      return;
    }
    case "certInit": {
      const ready = Certifier.create(msg.settings);
      certifier = { session: msg.session, ready };
      const c = await ready;
      if (certifier?.session === msg.session) post({ type: "optimum", session: msg.session, ...c.optimum });
      return;
    }
    case "certify": {
      if (certifier?.session !== msg.session) throw new Error("a network of an older run"); // answered, ignored
      const c = await certifier.ready;
      const cert = await c.certify(msg.W, msg.a, msg.m, msg.d);
      post({ type: "certificate", session: msg.session, epoch: msg.epoch, ...cert });
      return;
    }
    case "bench": {
      post({ type: "benchDone", stepsPerSecond: await trainingRate(msg.settings, msg.minMs) });
      return;
    }
  }
}

// messages are handled one at a time, in order (init awaits the core; a run started meanwhile waits)
let queue: Promise<void> = Promise.resolve();
scope.onmessage = (e) => {
  const msg = e.data;
  queue = queue.then(() =>
    handle(msg).catch((err: unknown) => {
      const message = err instanceof Error ? err.message : String(err);
      post({ type: "error", session: "session" in msg ? msg.session : undefined, message });
    }),
  );
};
