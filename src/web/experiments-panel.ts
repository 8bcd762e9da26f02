// The Experiments tab: one panel per experiment of LAB_EXPERIMENTS. A panel's controls derive from the
// experiment's option group (option-controls.ts); Run resolves its settings (the quick preset, then the
// controls), expands the definition's sweep — the same runs, ids and seeds as the CLI — and runs them
// through the package's SweepPool in module Web Workers (the lab's copy of the sweep worker entry),
// redrawing from the experiment's summary functions as records arrive (panel-plots.ts). When the grid
// is done, the definition's report gives the printed summary and the exports (its tables as CSV, all
// of it as JSON). The width sweep's networks are certified in a lab worker as they arrive.
import { InputError } from "../api/errors.js";
import type { ExperimentReport } from "../experiments/experiment.js";
import { browserCoreCount, browserWorkerFactory } from "../sweep/browser-workers.js";
import { toCsv } from "../sweep/export.js";
import { expandSweep, runCount } from "../sweep/grid.js";
import { runAll } from "../sweep/loop.js";
import { SweepPool } from "../sweep/pool.js";
import type { RunRecord } from "../sweep/record.js";
import { type SweepSpec, parseSweep } from "../sweep/spec.js";
import type { CertificateInfo } from "./certifier.js";
import { type Control, el, selectControl } from "./controls.js";
import { trainKindData } from "./datasets.js";
import { LAB_EXPERIMENTS, type LabExperiment, labExperiment, resolveLabSettings, visibleFields } from "./lab-experiments.js";
import { optionControl } from "./option-controls.js";
import { PLOTS, PLOT_NOTES } from "./panel-plots.js";
import { fitCanvas } from "./plot.js";
import type { FromWorker, ToWorker } from "./protocol.js";
import { DATASETS, type LabSettings } from "./settings.js";
import type { Store } from "./store.js";
import { byId } from "./train-panel.js";

/** What the page exposes of the Experiments tab (window.__lab.experiments). */
export interface ExperimentView {
  /** The experiment of the runs shown. */
  id: string;
  /** The resolved settings and the sweep of the last run. */
  settings?: Record<string, unknown>;
  sweep?: SweepSpec;
  /** Finished runs, as the sweep engine returned them (failed ones carry `error`). */
  records: RunRecord[];
  /** What the lab added to a run's measurements, by run id (the width sweep: the certificate). */
  added: Record<string, Record<string, unknown>>;
  total: number;
  running: boolean;
  /** True once every run (and the lab's additions) finished and the report is made. */
  done: boolean;
  workers: number;
  seconds: number;
  failed: number;
  /** The definition's report of the finished runs (when done, or after a cancel). */
  report?: ExperimentReport;
  /** Why the grid could not run (bad settings, no workers) or the report failed. */
  error?: string;
}

/** The records with the lab's additions merged into their measurements. */
export function withAdded(records: RunRecord[], added: Record<string, Record<string, unknown>>): RunRecord[] {
  return records.map((r) => (r.result && added[r.id] ? { ...r, result: { ...r.result, ...added[r.id] } } : r));
}

/** A certifier worker (worker.ts) answering one request at a time, in order. */
class CertifierClient {
  private worker: Worker;
  private waiting: { ok: (m: FromWorker) => void; fail: (e: Error) => void }[] = [];
  readonly ready: Promise<FromWorker>;
  constructor(url: string, settings: LabSettings, private session: number) {
    this.worker = new Worker(url);
    this.worker.onmessage = (e: MessageEvent<FromWorker>) => {
      const w = this.waiting.shift();
      if (!w) return;
      if (e.data.type === "error") w.fail(new Error(e.data.message));
      else w.ok(e.data);
    };
    this.worker.onerror = (e) => {
      e.preventDefault();
      for (const w of this.waiting.splice(0)) w.fail(new Error(e.message || "the certifier worker failed"));
    };
    this.ready = this.ask({ type: "certInit", session, settings });
  }
  private ask(m: ToWorker, transfer: Transferable[] = []): Promise<FromWorker> {
    return new Promise((ok, fail) => {
      this.waiting.push({ ok, fail });
      this.worker.postMessage(m, transfer);
    });
  }
  async certify(W: number[][], a: number[]): Promise<CertificateInfo> {
    await this.ready;
    const flat = Float64Array.from(W.flat()), av = Float64Array.from(a);
    const m = await this.ask({ type: "certify", session: this.session, epoch: 0, W: flat, a: av, m: a.length, d: W[0]?.length ?? 0 }, [flat.buffer, av.buffer]);
    if (m.type !== "certificate") throw new Error(`the certifier answered ${m.type}`);
    const { type: _t, session: _s, epoch: _e, ...info } = m;
    return info;
  }
  close(): void {
    this.worker.terminate();
  }
}

const fmtError = (e: unknown) => (e instanceof Error ? e.message : String(e));

export class ExperimentsPanel {
  readonly view: ExperimentView = { id: "", records: [], added: {}, total: 0, running: false, done: false, workers: 0, seconds: 0, failed: 0 };
  private controls: Control[] = [];
  private shown = "";
  private generation = 0;
  private pool?: SweepPool;
  private abort?: AbortController;
  private certifier?: CertifierClient;
  private dirty = true;

  constructor(private store: Store, private workerUrl: string, private sweepWorkerUrl: string) {
    byId("exp-run").addEventListener("click", () => (this.view.running ? this.cancel() : void this.run()));
    byId("exp-reset").addEventListener("click", () => {
      const s = this.store.get();
      this.store.set({ exp: { ...s.exp, [s.ex]: {} } });
    });
    byId("exp-json").addEventListener("click", () => this.downloadJson());
    store.subscribe((s, changed) => {
      if (changed.has("ex")) {
        if (this.view.running) this.cancel();
        this.clear();
      }
      if (changed.has("ex") || changed.has("exp") || this.shown === "width") this.reflect();
    });
    new ResizeObserver(() => (this.dirty = true)).observe(byId("panel-experiments"));
    this.reflect();
    const frame = () => {
      if (this.dirty && !byId("panel-experiments").hidden) {
        this.dirty = false;
        this.draw();
      }
      requestAnimationFrame(frame);
    };
    requestAnimationFrame(frame);
  }

  private experiment(): LabExperiment {
    return labExperiment(this.store.get().ex) ?? LAB_EXPERIMENTS[0];
  }

  /** Builds the controls of the shown experiment (from its option group) and mirrors the settings. */
  private reflect(): void {
    const s = this.store.get();
    const e = this.experiment();
    if (this.shown !== e.id) {
      this.shown = e.id;
      const side = byId("exp-fields");
      side.replaceChildren();
      this.controls = [];
      const pick = selectControl("ex", "experiment", LAB_EXPERIMENTS.map((x) => [x.id, x.label]), (_, id) => this.store.set({ ex: String(id) }));
      side.append(pick.row);
      this.controls.push(pick);
      side.append(el("h3", {}, "Settings"));
      const on = (key: string, value: unknown) => {
        const cur = { ...(this.store.get().exp[e.id] ?? {}) };
        if (value === undefined) delete cur[key];
        else cur[key] = value;
        this.store.set({ exp: { ...this.store.get().exp, [e.id]: cur } });
      };
      for (const f of visibleFields(e)) {
        const c = optionControl(e.definition.options, f, on);
        side.append(c.row);
        this.controls.push(c);
      }
    }
    const mine = s.exp[e.id] ?? {};
    for (const c of this.controls) c.set(c.key === "ex" ? e.id : mine[c.key]);
    byId("exp-title").textContent = e.definition.title;
    byId("exp-title").title = e.definition.title;
    byId("exp-note").textContent = [PLOT_NOTES[e.id] ?? "", e.pinnedNote].filter(Boolean).join(" ");
    const summary = byId("exp-summary");
    const run = byId("exp-run") as HTMLButtonElement;
    try {
      const o = resolveLabSettings(e, mine);
      const count = runCount(e.definition.sweep(o as never));
      const data = e.id === "width"
        ? `Data and λ from the Train panel: ${DATASETS[s.ds].label}, n = ${s.n}, d = ${s.d}${s.bias ? " + bias" : ""}, data seed ${s.dseed}, λ = ${s.lambda}. `
        : "";
      summary.textContent = `${data}${count.toLocaleString("en")} runs of the "${e.definition.sweep(o as never).kind ?? "train"}" run kind; started from the quick preset (relu-landscape ${e.id === "width" ? "sweep" : `${e.id} --quick`}).`;
      summary.classList.remove("bad");
      run.disabled = false;
    } catch (err) {
      if (!(err instanceof InputError)) throw err;
      summary.textContent = `${err.message}`;
      summary.classList.add("bad");
      run.disabled = !this.view.running;
    }
    this.dirty = true;
  }

  private clear(): void {
    Object.assign(this.view, { id: "", settings: undefined, sweep: undefined, records: [], added: {}, total: 0, done: false, seconds: 0, failed: 0, workers: 0, report: undefined, error: undefined });
    this.progress();
    this.showReport();
  }

  /** Runs the shown experiment's grid (settings errors are shown, not thrown). */
  async run(): Promise<void> {
    this.cancel();
    const gen = ++this.generation;
    const s = this.store.get();
    const e = this.experiment();
    this.clear();
    const v = this.view;
    v.id = e.id;
    let o: Record<string, unknown>, spec: SweepSpec, runs: ReturnType<typeof expandSweep>;
    try {
      const extra = e.id === "width" ? { data: await trainKindData(s) } : {};
      o = resolveLabSettings(e, s.exp[e.id] ?? {}, extra);
      spec = e.definition.sweep(o as never);
      runs = expandSweep(parseSweep(spec));
    } catch (err) {
      v.error = fmtError(err);
      this.progress();
      return;
    }
    if (gen !== this.generation) return;
    const resolved = parseSweep(spec);
    Object.assign(v, { settings: o, sweep: spec, total: runs.length, running: true });
    this.progress();
    const t0 = performance.now();
    const abort = (this.abort = new AbortController());
    const pending: Promise<void>[] = [];
    if (e.id === "width") this.certifier = new CertifierClient(this.workerUrl, s, gen);
    const certifier = this.certifier;
    try {
      const workers = Math.max(1, Math.min(browserCoreCount(), 8, runs.length));
      const pool = (this.pool = await SweepPool.create({ workers, spawn: browserWorkerFactory(this.sweepWorkerUrl) }));
      if (gen !== this.generation) return;
      v.workers = workers;
      await runAll(pool, runs, {
        kind: resolved.kind,
        measure: resolved.measure,
        signal: abort.signal,
        onRecord: (rec) => {
          if (gen !== this.generation) return;
          v.records.push(rec);
          if (rec.error !== undefined) v.failed++;
          v.seconds = (performance.now() - t0) / 1000;
          if (certifier && rec.result && rec.result.stopReason !== "diverged") {
            pending.push(certifier.certify(rec.result.W as number[][], rec.result.a as number[]).then(
              (c) => {
                if (gen === this.generation) v.added[rec.id] = { lowerBound: c.lowerBound, gap: c.gap, verdict: c.verdict, reason: c.reason };
              },
              (err) => {
                if (gen === this.generation) v.added[rec.id] = { certificateError: fmtError(err) };
              },
            ).then(() => void (this.dirty = true)));
          }
          this.progress();
          this.dirty = true;
        },
      });
      await Promise.all(pending);
    } catch (err) {
      if (gen === this.generation) v.error = fmtError(err);
    }
    if (gen !== this.generation) return;
    v.seconds = (performance.now() - t0) / 1000;
    this.stopWorkers();
    v.running = false;
    await this.makeReport(gen);
    v.done = true;
    this.progress();
  }

  /** The definition's report of the finished runs. */
  private async makeReport(gen: number): Promise<void> {
    const v = this.view, e = labExperiment(v.id);
    if (!e || !v.settings || v.records.length === 0) return;
    try {
      const report = await e.definition.report(withAdded(v.records, v.added), v.settings as never);
      if (gen === this.generation) v.report = report;
    } catch (err) {
      if (gen === this.generation) v.error = `report: ${fmtError(err)}`;
    }
    this.showReport();
  }

  private stopWorkers(): void {
    this.pool?.close();
    this.pool = undefined;
    this.certifier?.close();
    this.certifier = undefined;
  }

  /** Stops the grid: no further run starts, runs in flight are dropped; the report covers what finished. */
  cancel(): void {
    if (!this.view.running) return;
    this.abort?.abort();
    const gen = ++this.generation;
    this.stopWorkers();
    this.view.running = false;
    this.progress();
    void this.makeReport(gen);
  }

  private progress(): void {
    const v = this.view;
    byId("exp-run").textContent = v.running ? "Cancel" : "Run grid";
    const firstError = v.records.find((r) => r.error !== undefined)?.error;
    const text = v.total
      ? `${v.records.length} / ${v.total} runs${v.failed ? ` (${v.failed} failed: ${firstError})` : ""}${v.running ? ` · ${v.workers} workers` : ""} · ${v.seconds.toFixed(1)} s${!v.running && v.records.length < v.total ? " · cancelled" : ""}`
      : "—";
    byId("exp-progress").textContent = v.error ? `${text} · error: ${v.error}` : text;
    byId("exp-progress").title = byId("exp-progress").textContent ?? "";
  }

  /** The report's printed summary and one CSV button per table. */
  private showReport(): void {
    const r = this.view.report;
    const partial = r && this.view.records.length < this.view.total ? `(partial: ${this.view.records.length} of ${this.view.total} runs)\n` : "";
    byId("exp-report").textContent = r ? partial + r.text.join("\n") : "";
    const box = byId("exp-exports");
    box.replaceChildren();
    for (const name of Object.keys(r?.tables ?? {})) {
      const b = el("button", { type: "button", id: `exp-csv-${name}`, title: `the report's ${name} table (${name}.csv of the CLI's --out)` }, `${name}.csv`);
      b.addEventListener("click", () => this.downloadCsv(name));
      box.append(b);
    }
    (byId("exp-json") as HTMLButtonElement).disabled = !r;
  }

  private save(name: string, text: string, type: string): void {
    const a = document.createElement("a");
    a.href = URL.createObjectURL(new Blob([text], { type }));
    a.download = name;
    a.click();
    setTimeout(() => URL.revokeObjectURL(a.href), 1000);
  }

  private downloadCsv(table: string): void {
    const rows = (this.view.report?.tables[table] ?? []) as Record<string, unknown>[];
    const columns = [...new Set(rows.flatMap((r) => Object.keys(r)))];
    this.save(`relu-landscape-${this.view.id}-${table}.csv`, toCsv({ columns, rows }), "text/csv");
  }

  private downloadJson(): void {
    const v = this.view;
    if (!v.report) return;
    const { tables, json } = v.report;
    const out = { experiment: v.id, settings: v.settings, sweep: v.sweep, runs: { total: v.total, finished: v.records.length, failed: v.failed }, tables, json: json ?? {} };
    this.save(`relu-landscape-${v.id}.json`, JSON.stringify(out, null, 1), "application/json");
  }

  private draw(): void {
    const c = fitCanvas(byId("cv-exp") as HTMLCanvasElement);
    const v = this.view;
    const plot = PLOTS[v.id || this.experiment().id];
    let o = v.settings;
    if (!o) {
      try {
        o = resolveLabSettings(this.experiment(), this.store.get().exp[this.experiment().id] ?? {});
      } catch {
        return;
      }
    }
    plot?.(c, withAdded(v.records, v.added).filter((r) => r.result), o);
  }

  invalidate(): void {
    this.dirty = true;
  }
}
