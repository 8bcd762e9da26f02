// The Experiments panel: a reduced grid of independent jobs spread over a pool of workers, the plot
// filling in as jobs finish, results exported as CSV or JSON.
import { type Control, type OnChange, el, numberControl, segmentedControl, selectControl } from "./controls.js";
import { EXPERIMENTS, type Row } from "./experiments.js";
import { fitCanvas } from "./plot.js";
import type { FromWorker, ToWorker } from "./protocol.js";
import type { LabSettings } from "./settings.js";
import type { Store } from "./store.js";
import { byId } from "./train-panel.js";

export interface ExperimentView {
  rows: Row[];
  total: number;
  running: boolean;
  /** Wall-clock seconds of the last grid so far. */
  seconds: number;
  failed: number;
}

/** Parses "2,4,8" into numbers; undefined when any entry is not a number in range. */
function parseList(text: string, min: number, int: boolean): number[] | undefined {
  const xs = text.split(/[\s,]+/).filter(Boolean).map(Number);
  return xs.length && xs.every((x) => Number.isFinite(x) && x >= min && (!int || Number.isInteger(x))) ? xs : undefined;
}

export class ExperimentsPanel {
  readonly view: ExperimentView = { rows: [], total: 0, running: false, seconds: 0, failed: 0 };
  private controls: Control[] = [];
  private workers: Worker[] = [];
  private generation = 0;
  private dirty = true;
  private errorText = "";

  constructor(private store: Store, private workerUrl: string) {
    const on: OnChange = (key, value) => this.store.set({ [key]: value } as Partial<LabSettings>);
    const side = byId("exp-controls");
    const add = (c: Control) => (side.append(c.row), this.controls.push(c));
    side.append(el("h3", {}, "Experiment"));
    add(selectControl("ex", "experiment", [["width", "Width × init scale"], ["cones", "Cones vs width"], ["initscale", "Init scale (research)"], ["phase", "Phase diagram"], ["gaps", "Energy gaps vs width"]], on));
    side.append(el("h3", {}, "Grid"));
    add(this.listControl("ems", "widths m", "comma-separated", 1, true));
    add(this.listControl("ealphas", "init scales α", "comma-separated", 0, false));
    add(numberControl("eseeds", "repeats", "seeds / datasets", { min: 1, max: 100, int: true }, on));
    add(numberControl("eepochs", "epochs per run", undefined, { min: 1, max: 1e9, int: true }, on));
    add(segmentedControl("cdata", "cone data", [["teacher", "teacher"], ["orthogonal", "orthogonal"]], on));
    add(numberControl("cn", "samples n", "cone data", { min: 1, max: 12, int: true }, on));
    add(numberControl("cd", "input dim d", "cone data", { min: 1, max: 64, int: true }, on));
    add(numberControl("ccones", "cones per width", undefined, { min: 1, max: 200, int: true }, on));
    add(this.listControl("pg", "values of γ", "comma-separated", -10, false));
    add(this.listControl("pgp", "values of γ′", "comma-separated", -10, false));
    add(this.listControl("pw", "widths m", "per point", 1, true));
    add(numberControl("gk", "networks per width", "K (K(K−1)/2 pairs)", { min: 2, max: 20, int: true }, on));
    side.append(el("p", { class: "summary", id: "exp-summary" }));
    byId("exp-run").addEventListener("click", () => (this.view.running ? this.cancel() : this.run()));
    byId("exp-csv").addEventListener("click", () => this.download("csv"));
    byId("exp-json").addEventListener("click", () => this.download("json"));
    store.subscribe((_, changed) => {
      if (changed.has("ex") && this.view.running) this.cancel();
      if (changed.has("ex")) this.clear();
      this.reflect();
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

  private listControl(key: "ems" | "ealphas" | "pg" | "pgp" | "pw", label: string, unit: string, min: number, int: boolean): Control {
    const row = el("div", { class: "ctl", "data-key": key });
    const lab = el("label", { for: `ctl-${key}` });
    lab.append(el("span", { class: "ctl-name" }, label), el("span", { class: "ctl-unit" }, unit));
    const input = el("input", { type: "text", class: "num", id: `ctl-${key}`, spellcheck: "false" });
    const body = el("div", { class: "ctl-body" });
    body.append(input);
    row.append(lab, body);
    const commit = () => {
      const xs = parseList(input.value, min, int);
      input.classList.toggle("bad", !xs);
      if (xs) this.store.set({ [key]: xs } as Partial<LabSettings>);
    };
    input.addEventListener("change", commit);
    input.addEventListener("keydown", (e) => {
      if (e.key === "Enter") commit();
      e.stopPropagation();
    });
    return { key, row, set: (v) => (input.value = (v as number[]).join(", ")), enable: (b) => (input.disabled = !b) };
  }

  private reflect(): void {
    const s = this.store.get();
    const ex = EXPERIMENTS[s.ex];
    for (const c of this.controls) {
      c.set(s[c.key]);
      c.row.hidden = c.key !== "ex" && !ex.uses.includes(c.key);
    }
    byId("exp-title").textContent = ex.title;
    const ph = byId("exp-placeholder");
    ph.hidden = ex.available;
    ph.textContent = ex.available ? "" : ex.missing;
    byId("exp-note").textContent = ex.note;
    (byId("exp-run") as HTMLButtonElement).disabled = !ex.available;
    byId("exp-summary").textContent = ex.summary(s);
    this.dirty = true;
  }

  private clear(): void {
    Object.assign(this.view, { rows: [], total: 0, seconds: 0, failed: 0 });
    this.progress();
  }

  run(): void {
    this.cancel();
    const s = this.store.get();
    const ex = EXPERIMENTS[s.ex];
    const gen = ++this.generation;
    const jobs = ex.jobs(s);
    const v = this.view;
    Object.assign(v, { rows: [], total: jobs.length, running: true, seconds: 0, failed: 0 });
    this.errorText = "";
    const t0 = performance.now();
    const size = Math.max(1, Math.min(4, navigator.hardwareConcurrency || 2, jobs.length));
    let next = 0;
    const feed = (w: Worker) => {
      if (next >= jobs.length) return;
      const i = next++;
      w.postMessage({ type: "job", job: i, settings: jobs[i].settings, kind: s.ex, params: jobs[i].params } satisfies ToWorker);
    };
    for (let k = 0; k < size; k++) {
      const w = new Worker(this.workerUrl);
      w.onmessage = (e: MessageEvent<FromWorker>) => {
        const m = e.data;
        if (gen !== this.generation || (m.type !== "jobDone" && m.type !== "error")) return;
        const i = m.type === "jobDone" ? m.job : (m.job ?? -1);
        if (i < 0) return;
        if (m.type === "jobDone") v.rows.push({ ...jobs[i].columns, ...m.result });
        else {
          v.rows.push({ ...jobs[i].columns, error: m.message });
          v.failed++;
        }
        v.seconds = (performance.now() - t0) / 1000;
        if (v.rows.length === v.total) this.finish();
        else feed(w);
        this.progress();
        this.dirty = true;
      };
      w.onerror = (e) => {
        // a worker that cannot start (or dies): its job and those never sent fail with the reason
        e.preventDefault();
        if (gen !== this.generation) return;
        const message = e.message || "the worker failed";
        while (next < jobs.length) v.rows.push({ ...jobs[next++].columns, error: message });
        this.errorText = message;
        if (this.workers.every((x) => x === w || x.onerror === null)) this.finish();
        w.onerror = null;
        this.progress();
        this.dirty = true;
      };
      this.workers.push(w);
      feed(w);
    }
    this.progress();
    this.dirty = true;
  }

  private finish(): void {
    this.view.running = false;
    for (const w of this.workers) w.terminate();
    this.workers = [];
  }

  cancel(): void {
    this.generation++;
    this.finish();
    this.progress();
  }

  private progress(): void {
    const v = this.view;
    byId("exp-run").textContent = v.running ? "Cancel" : "Run grid";
    byId("exp-progress").textContent = v.total
      ? `${v.rows.length} / ${v.total} jobs${v.failed ? ` (${v.failed} failed)` : ""}${v.running ? ` · ${this.workers.length} workers` : ""} · ${v.seconds.toFixed(1)} s${this.errorText ? ` · error: ${this.errorText}` : ""}`
      : "—";
  }

  private download(kind: "csv" | "json"): void {
    const rows = this.view.rows;
    const text = kind === "json" ? JSON.stringify({ settings: this.store.get(), rows }, null, 2) : toCsv(rows);
    const a = document.createElement("a");
    a.href = URL.createObjectURL(new Blob([text], { type: kind === "json" ? "application/json" : "text/csv" }));
    a.download = `relu-landscape-${this.store.get().ex}.${kind}`;
    a.click();
    setTimeout(() => URL.revokeObjectURL(a.href), 1000);
  }

  private draw(): void {
    const c = fitCanvas(byId("cv-exp") as HTMLCanvasElement);
    const s = this.store.get();
    const ex = EXPERIMENTS[s.ex];
    if (ex.available) ex.draw(c, this.view.rows.filter((r) => !("error" in r)), s);
  }

  invalidate(): void {
    this.dirty = true;
  }
}

/** Rows as CSV: every scalar column (nested values, such as per-cone rows, only in the JSON). */
export function toCsv(rows: Row[]): string {
  if (!rows.length) return "";
  const keys: string[] = [];
  for (const r of rows) for (const [k, v] of Object.entries(r)) if (!keys.includes(k) && (v === null || typeof v !== "object")) keys.push(k);
  const cell = (v: unknown) => {
    if (v === undefined) return "";
    const t = String(v);
    return /[",\n]/.test(t) ? `"${t.replace(/"/g, '""')}"` : t;
  };
  return [keys.join(","), ...rows.map((r) => keys.map((k) => cell(r[k])).join(","))].join("\n") + "\n";
}
