// The Train panel: controls for data, network and optimizer; a worker running the Trainer; live
// statistics, the input-space picture and the loss curve, redrawn at most once per animation frame.
import {
  type Control, type OnChange, checkControl, el, logSliderControl, numberControl, segmentedControl, selectControl,
} from "./controls.js";
import { type View, drawInput, makeView } from "./draw-input.js";
import { LossHistory, drawLoss } from "./draw-loss.js";
import { fitCanvas } from "./plot.js";
import type { Verdict } from "../convex/verdict.js";
import type { CertificateInfo } from "./certifier.js";
import type { Certificate, DataMsg, FromWorker, OptimumMsg, Tick, ToWorker } from "./protocol.js";
import { DATASETS, type DatasetId, type LabSettings, RUN_KEYS } from "./settings.js";
import type { Store } from "./store.js";

/** What the page exposes for tests and curious users (window.__lab.train). */
export interface TrainView {
  session: number;
  data?: DataMsg;
  tick?: Tick;
  certificate?: Certificate;
  /** The global optimum of the session's problem (from the certifier worker). */
  optimum?: OptimumMsg;
  /** Why there is no certificate, when the certifier failed. */
  certError?: string;
  history: LossHistory;
  error?: string;
  /** True once the current session's data and first state have arrived. */
  ready: boolean;
  /** Animation frames per second, measured. */
  fps: number;
  /** Milliseconds the last redraw of the figures took. */
  drawMs: number;
}

/** A running network is certified once L improves by less than this (relative)… */
export const PLATEAU_REL = 1e-6;
/** …over the last this many epochs (or more). */
export const PLATEAU_EPOCHS = 1000;
/** The rule, as the page states it. */
export const VERDICT_RULE = `verdicts are given when training is paused or stopped, or once L improves by less than ${PLATEAU_REL.toExponential(0).replace("e-", "e−")} (relative) over ${PLATEAU_EPOCHS.toLocaleString("en")} epochs`;

/** The verdicts as the page shows them, and their colour class. */
const VERDICT_WORDS: Record<Verdict, [string, string]> = {
  global: ["global min", "good"],
  "spurious-local-minimum": ["spurious local min", "bad"],
  saddle: ["saddle", "warn"],
  "not-stationary": ["not stationary", ""],
  undetermined: ["undetermined", ""],
};

/**
 * How the page shows a certificate: the verdict's word, its colour class, and the line saying what
 * backs it (the classifier's reason: the certified gap, the local-minimum certificate, the descent
 * step, or what was tried).
 */
export function verdictText(c: Pick<CertificateInfo, "verdict" | "reason">, epoch: number): { word: string; cls: string; detail: string } {
  const [word, cls] = VERDICT_WORDS[c.verdict] ?? [c.verdict, ""];
  return { word, cls, detail: `epoch ${epoch.toLocaleString("en")}: ${c.reason}` };
}

export const fmt = (v: number | undefined): string => {
  if (v === undefined || Number.isNaN(v)) return "—";
  if (v === 0) return "0";
  if (!Number.isFinite(v)) return v > 0 ? "∞" : "−∞";
  const a = Math.abs(v);
  return a >= 1e5 || a < 1e-3 ? v.toExponential(3).replace("+", "") : v.toPrecision(5);
};

export class TrainPanel {
  readonly view: TrainView = { session: 0, history: new LossHistory(), ready: false, fps: 0, drawMs: 0 };
  private worker: Worker;
  /** The certifier runs in its own worker (a new one per session: a long solve is simply dropped). */
  private certWorker?: Worker;
  private certBusy = false;
  private certEpoch = -1;
  /** Requests sent to the certifier and not answered yet, and since when it has been working. */
  private certOutstanding = 0;
  private certSince = 0;
  private controls: Control[] = [];
  private plane?: View;
  private dirty = true;
  private wantRun = false;
  private lastRate = 0;

  constructor(private store: Store, private workerUrl: string) {
    this.worker = new Worker(workerUrl);
    this.worker.onmessage = (e: MessageEvent<FromWorker>) => this.receive(e.data);
    this.worker.onerror = (e) => this.fail(e.message || "the training worker failed to start");
    this.buildControls();
    this.reflect(store.get());
    store.subscribe((s, changed) => {
      this.reflect(s);
      if (RUN_KEYS.some((k) => changed.has(k))) this.newSession(this.wantRun);
      if (changed.has("logx")) this.dirty = true;
    });
    byId("btn-run").addEventListener("click", () => this.toggle());
    byId("btn-step").addEventListener("click", () => this.step());
    byId("btn-reset").addEventListener("click", () => this.reset());
    new ResizeObserver(() => (this.dirty = true)).observe(byId("panel-train"));
    this.newSession(false);
    this.frameLoop();
  }

  private send(m: ToWorker): void {
    this.worker.postMessage(m);
  }

  private buildControls(): void {
    const on: OnChange = (key, value) => {
      if (key === "ds") {
        const ds = DATASETS[value as DatasetId];
        this.store.set({ ds: value as DatasetId, n: ds.n, d: ds.d, bias: ds.bias });
      } else this.store.set({ [key]: value } as Partial<LabSettings>);
    };
    const side = byId("train-controls");
    const section = (title: string, ...cs: Control[]) => {
      side.append(el("h3", {}, title));
      for (const c of cs) {
        side.append(c.row);
        this.controls.push(c);
      }
    };
    section(
      "Data",
      selectControl("ds", "dataset", Object.entries(DATASETS).map(([k, v]) => [k, v.label]), on, "1-D regression: y = 1.8x/(1 + 3x²) + 0.4x² + noise; 2-D teacher: X ~ N(0, I), y from a random ReLU teacher of width 10; two moons: labels ±1; small-init: the research's n = d unit vectors with a linear teacher (Boursier et al., Thm 2); orthogonal: rows of a Haar-random orthogonal matrix, teacher labels"),
      numberControl("n", "samples n", undefined, { min: 1, max: 2000, int: true }, on),
      numberControl("d", "input dim d", undefined, { min: 1, max: 64, int: true }, on, "input dimension (teacher, orthogonal); the picture shows the plane of the top two principal directions when d > 2"),
      numberControl("noise", "label noise", "std. dev.", { min: 0, max: 10 }, on),
      numberControl("dseed", "data seed", undefined, { min: 0, max: 2 ** 53 - 1, int: true }, on),
      checkControl("bias", "bias", on, "append a constant-1 feature to every x (the model's bias)"),
    );
    section(
      "Network",
      logSliderControl("m", "width m", "neurons", { lo: 1, hi: 2000, min: 1, max: 10000, int: true }, on),
      logSliderControl("alpha", "init scale α", "std. dev. of weights", { lo: 1e-4, hi: 10, min: 0, max: 1000 }, on),
      segmentedControl("init", "init scheme", [["gaussian", "Gaussian"], ["balanced", "balanced"]], on, "Gaussian: W, a ~ N(0, α²); balanced: W ~ N(0, α²), aⱼ = ±‖wⱼ‖"),
      numberControl("seed", "init seed", undefined, { min: 0, max: 2 ** 53 - 1, int: true }, on),
    );
    section(
      "Training",
      logSliderControl("lambda", "weight decay λ", undefined, { lo: 1e-6, hi: 1, min: 0, max: 1000 }, on),
      logSliderControl("lr", "learning rate", "step size", { lo: 1e-4, hi: 1, min: 1e-12, max: 1000 }, on),
      segmentedControl("method", "optimizer", [["gd", "GD"], ["sgd", "SGD"]], on, "GD: full-batch gradient descent; SGD: seeded minibatches of size B"),
      numberControl("batch", "batch size B", "samples (SGD)", { min: 1, max: 5000, int: true }, on),
      numberControl("epochs", "stop at epoch", undefined, { min: 1, max: 1e12, int: true }, on),
      checkControl("logx", "log epoch axis", on),
    );
  }

  private reflect(s: LabSettings): void {
    for (const c of this.controls) c.set(s[c.key as keyof LabSettings]);
    const enable = (key: keyof LabSettings, on: boolean) => {
      const c = this.controls.find((x) => x.key === key)!;
      c.enable(on);
      c.row.classList.toggle("off", !on);
    };
    enable("d", s.ds === "teacher" || s.ds === "orthogonal");
    enable("noise", s.ds === "regression1d" || s.ds === "moons");
    enable("batch", s.method === "sgd");
  }

  private newSession(run: boolean): void {
    const v = this.view;
    v.session++;
    v.ready = false;
    v.tick = undefined;
    v.certificate = undefined;
    v.optimum = undefined;
    v.certError = undefined;
    v.error = undefined;
    v.history = new LossHistory();
    this.lastRate = 0;
    this.wantRun = run;
    this.send({ type: "init", session: v.session, settings: this.store.get() });
    if (run) this.send({ type: "run", session: v.session });
    // one certifier worker, replaced only when it is stuck in a long solve of an older problem
    if (!this.certWorker || (this.certOutstanding > 0 && performance.now() - this.certSince > 1000)) {
      this.certWorker?.terminate();
      this.certWorker = new Worker(this.workerUrl);
      this.certWorker.onmessage = (e: MessageEvent<FromWorker>) => this.receive(e.data, true);
      this.certOutstanding = 0;
    }
    this.certBusy = false;
    this.certEpoch = -1;
    this.certPost({ type: "certInit", session: v.session, settings: this.store.get() });
    this.optimumStatus();
    this.updateButtons();
  }

  toggle(): void {
    const t = this.view.tick;
    if (t?.stopReason) return;
    this.wantRun = !this.wantRun;
    this.send({ type: this.wantRun ? "run" : "pause", session: this.view.session });
    this.updateButtons();
  }

  step(): void {
    if (this.wantRun) return;
    this.send({ type: "step", session: this.view.session, epochs: 1 });
  }

  reset(): void {
    this.newSession(false);
  }

  /**
   * Whether the current network is certified (and given a verdict): when training is paused or
   * stopped, or once L has stopped improving — by less than PLATEAU_REL (relative) over the last
   * PLATEAU_EPOCHS epochs or more. A network still converging fast gets no verdict.
   */
  settled(): boolean {
    const t = this.view.tick;
    if (!t) return false;
    if (!t.running) return true;
    const h = this.view.history;
    let i = h.epoch.length - 1;
    while (i >= 0 && h.epoch[i] > t.epoch - PLATEAU_EPOCHS) i--;
    return i >= 0 && h.loss[i] - t.loss <= PLATEAU_REL * Math.abs(t.loss);
  }

  /** Sends the latest network to the certifier when it is free and the network has settled. */
  private maybeCertify(): void {
    const t = this.view.tick;
    if (!t || !this.view.optimum || this.certBusy || t.epoch === this.certEpoch || !this.certWorker || !this.settled()) return;
    this.certBusy = true;
    this.certEpoch = t.epoch;
    this.certPost({ type: "certify", session: this.view.session, epoch: t.epoch, W: t.W, a: t.a, m: t.m, d: t.d });
  }

  private certPost(m: ToWorker): void {
    if (this.certOutstanding++ === 0) this.certSince = performance.now();
    this.certWorker!.postMessage(m);
  }

  private optimumStatus(): void {
    const v = this.view, o = v.optimum, e = byId("opt-status");
    e.textContent = v.certError
      ? `certificate unavailable: ${v.certError}`
      : !o
        ? "certifier: enumerating activation patterns, then solving for the global minimum…"
        : o.lowerBound !== null
          ? `global min of L ≥ ${fmt(o.lowerBound)} (convex program, ${o.patterns.toLocaleString("en")} signed patterns, ${o.seconds.toFixed(2)} s)`
          : `${o.patterns.toLocaleString("en")} signed patterns: global min not solved live; gaps use each network's own dual bound`;
  }

  private receive(m: FromWorker, fromCertifier = false): void {
    const v = this.view;
    if (fromCertifier) {
      // every certifier request gets exactly one answer
      this.certOutstanding = Math.max(0, this.certOutstanding - 1);
      this.certSince = performance.now();
    }
    if ("session" in m && m.session !== v.session) return; // a message of an older run
    if (fromCertifier) {
      if (m.type === "optimum") v.optimum = m;
      else if (m.type === "certificate") {
        v.certificate = m;
        this.certBusy = false;
      } else if (m.type === "error") v.certError = m.message;
      this.optimumStatus();
      this.updateStats();
      this.maybeCertify();
      this.dirty = true;
      return;
    }
    switch (m.type) {
      case "data":
        v.data = m;
        this.plane = makeView(m);
        this.legend(m);
        break;
      case "tick":
        v.tick = m;
        for (const p of m.trace) v.history.push(p.epoch, p.loss, p.dataLoss);
        v.history.push(m.epoch, m.loss, m.dataLoss);
        v.ready = v.data !== undefined;
        if (!m.running && this.wantRun && m.stopReason) this.wantRun = false;
        this.updateStats();
        this.updateButtons();
        this.maybeCertify();
        break;
      case "error":
        this.fail(m.message);
        return;
    }
    this.dirty = true;
  }

  private fail(message: string): void {
    this.view.error = message;
    this.wantRun = false;
    this.updateButtons();
    const st = byId("run-status");
    st.textContent = `error: ${message}`;
    st.style.color = "#b42318";
  }

  private updateButtons(): void {
    const stopped = Boolean(this.view.tick?.stopReason);
    const run = byId("btn-run") as HTMLButtonElement;
    run.textContent = this.wantRun ? "Pause" : stopped ? "Done" : "Start";
    run.disabled = stopped;
    (byId("btn-step") as HTMLButtonElement).disabled = this.wantRun || stopped;
    if (this.view.error) return;
    const t = this.view.tick;
    const st = byId("run-status");
    st.style.color = "";
    st.textContent = !t
      ? "preparing…"
      : t.stopReason
        ? `stopped (${stopReasonText(t.stopReason)}) at epoch ${t.epoch.toLocaleString("en")}. Reset (r) to start over.`
        : this.wantRun
          ? "training in a Web Worker…"
          : t.epoch === 0
            ? "at the initialization. Start (space) or step (s)."
            : "paused.";
  }

  private updateStats(): void {
    const v = this.view;
    const t = v.tick;
    const c = v.certificate;
    const set = (id: string, text: string, exact?: number, cls?: string) => {
      const e = byId(id);
      e.textContent = text;
      if (exact !== undefined) {
        e.dataset.value = String(exact);
        e.title = String(exact);
      }
      e.className = `v${cls ? " " + cls : ""}`;
    };
    if (!t) return;
    set("st-epoch", t.epoch.toLocaleString("en"), t.epoch);
    set("st-loss", fmt(t.loss), t.loss);
    set("st-data", fmt(t.dataLoss), t.dataLoss);
    set("st-norm", fmt(t.normSq), t.normSq);
    set("st-grad", fmt(t.gradNormSq), t.gradNormSq);
    set("st-patterns", String(t.patterns), t.patterns);
    const settled = this.settled();
    const why = byId("verdict-status");
    const lb = v.optimum?.lowerBound ?? null;
    if (c && (c.epoch === t.epoch || settled)) {
      // the certificate of the latest settled network the certifier has finished (grey while it catches up)
      const stale = c.epoch !== t.epoch ? " stale" : "";
      set("st-gap", fmt(c.gap), c.gap, stale.trim() || undefined);
      byId("st-gap").title = `L − certified lower bound on min L = ${c.loss} − ${c.lowerBound} (network of epoch ${c.epoch})`;
      const { word, cls, detail } = verdictText(c, c.epoch);
      set("st-verdict", word, undefined, `${cls}${stale}`.trim() || undefined);
      byId("st-verdict").dataset.verdict = c.verdict;
      byId("st-verdict").title = `${c.verdict} (network of epoch ${c.epoch}, width ${c.width}): ${c.reason}`;
      why.textContent = detail;
      why.title = why.textContent;
    } else {
      // still converging (or waiting): the gap to the certified global bound, no verdict
      const gap = lb !== null ? t.loss - lb : undefined;
      set("st-gap", fmt(gap), gap);
      byId("st-gap").title = lb !== null ? `L − certified lower bound on min L = ${t.loss} − ${lb}` : v.certError ?? "no global bound: the network is certified with its own dual bound once it settles";
      const waiting = settled && !v.certError;
      set("st-verdict", waiting ? "…" : t.running ? "training" : "—");
      byId("st-verdict").dataset.verdict = "";
      byId("st-verdict").title = VERDICT_RULE;
      why.textContent = v.certError ? `no verdict: ${v.certError}` : waiting ? "certifying the network…" : `no verdict yet: ${VERDICT_RULE}`;
      why.title = why.textContent;
    }
    if (t.rate > 0) this.lastRate = t.rate;
    set("st-rate", this.lastRate ? `${Math.round(this.lastRate).toLocaleString("en")}/s` : "—");
  }

  private legend(d: DataMsg): void {
    const s = this.store.get();
    const cap = byId("cap-input");
    const lg = byId("legend-input");
    if (d.dIn === 1) {
      cap.textContent = `Input space: the learned function f(x) on ${DATASETS[s.ds].label.toLowerCase()} (n = ${d.n})`;
      lg.innerHTML = '<span class="sw" style="background:#d55e00"></span>f(x) &nbsp; <span class="sw" style="background:#009e73"></span>global optimum f* &nbsp; ○ data &nbsp; <span class="sw" style="background:#b2182b"></span>/<span class="sw" style="background:#2166ac"></span>kinks, a > 0 / a < 0 (faint: small |a|‖w‖)';
    } else {
      cap.textContent = d.basis
        ? `Principal plane of X (d = ${d.dIn}): f, neurons' hyperplanes, data`
        : "Input space: f(x), neurons' lines wⱼ·x = 0, data";
      lg.innerHTML = 'f(x): <span class="bar"></span> (−max|y| … +max|y|, √ scale) &nbsp; lines: neurons, <b style="color:#b2182b">a > 0</b> / <b style="color:#2166ac">a < 0</b> (tick: active side; faint: small |a|‖w‖) &nbsp; <b style="color:#009e73">dashed</b>: the global optimum\'s neurons &nbsp; dots: data coloured by y';
    }
  }

  private frameLoop(): void {
    let frames = 0, t0 = performance.now();
    const frame = () => {
      frames++;
      const now = performance.now();
      if (now - t0 >= 1000) {
        this.view.fps = (frames * 1000) / (now - t0);
        frames = 0;
        t0 = now;
      }
      if (this.dirty && !byId("panel-train").hidden) {
        this.dirty = false;
        const t0 = performance.now();
        this.draw();
        this.view.drawMs = performance.now() - t0;
      }
      requestAnimationFrame(frame);
    };
    requestAnimationFrame(frame);
  }

  private draw(): void {
    const v = this.view;
    const ci = fitCanvas(byId("cv-input") as HTMLCanvasElement);
    const o = v.optimum;
    const best = o?.W && o.a && v.tick ? { W: o.W, a: o.a, m: o.a.length, d: v.tick.d } : undefined;
    if (v.data && this.plane) drawInput(ci, v.data, this.plane, v.tick, best);
    const cl = fitCanvas(byId("cv-loss") as HTMLCanvasElement);
    drawLoss(cl, v.history, this.store.get().logx, v.optimum?.lowerBound ?? null);
  }

  /** Marks the figures for redrawing (e.g. when the panel becomes visible). */
  invalidate(): void {
    this.dirty = true;
  }
}

function stopReasonText(r: string): string {
  return r === "maxEpochs" ? "reached the epoch limit" : r === "gradTol" ? "‖∇L‖² below tolerance" : r === "diverged" ? "diverged: lower the learning rate" : r;
}

export function byId(id: string): HTMLElement {
  const e = document.getElementById(id);
  if (!e) throw new Error(`lab page is missing #${id}`);
  return e;
}
