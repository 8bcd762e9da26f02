// The Experiments panel: a reduced grid of independent runs spread over a pool of workers, the plot
// filling in as runs finish, results exported as CSV or JSON.
import { type Control, type OnChange, el, numberControl, selectControl } from "./controls.js";
import { fitCanvas, Scale, drawAxes, SERIES, FONT, INK, MUTED } from "./plot.js";
import type { FromWorker, JobResult } from "./protocol.js";
import { DATASETS, type ExperimentId, type LabSettings } from "./settings.js";
import type { Store } from "./store.js";
import { byId } from "./train-panel.js";

/** One finished run of a grid: its settings and what it measured. */
export type Row = { experiment: string; dataset: string; n: number; d: number; bias: boolean; lambda: number; lr: number; method: string; m: number; alpha: number; seed: number; dataSeed: number } & Omit<JobResult, "extra">;

export interface ExperimentView {
  rows: Row[];
  total: number;
  running: boolean;
  /** Runs per second of the last grid. */
  seconds: number;
}

const EXPERIMENTS: Record<ExperimentId, { title: string; available: boolean; note: string }> = {
  width: {
    title: "Where training ends vs width m and init scale α",
    available: true,
    note: "Each point: one GD/SGD run on the Train panel's data, λ, learning rate and optimizer, for the given epochs; the line joins the mean over seeds. Runs are independent and spread over workers; the plot fills in as they finish.",
  },
  cones: {
    title: "Cones vs width at the minimum",
    available: false,
    note: "",
  },
};

/** Parses "2,4,8" into numbers; undefined when any entry is not a number in range. */
function parseList(text: string, min: number, int: boolean): number[] | undefined {
  const xs = text.split(/[\s,]+/).filter(Boolean).map(Number);
  return xs.length && xs.every((x) => Number.isFinite(x) && x >= min && (!int || Number.isInteger(x))) ? xs : undefined;
}

export class ExperimentsPanel {
  readonly view: ExperimentView = { rows: [], total: 0, running: false, seconds: 0 };
  private controls: Control[] = [];
  private workers: Worker[] = [];
  private generation = 0;
  private dirty = true;

  constructor(private store: Store, private workerUrl: string) {
    const on: OnChange = (key, value) => this.store.set({ [key]: value } as Partial<LabSettings>);
    const side = byId("exp-controls");
    side.append(el("h3", {}, "Experiment"));
    const add = (c: Control) => (side.append(c.row), this.controls.push(c));
    add(selectControl("ex", "experiment", [["width", "Width × init scale"], ["cones", "Cones vs width"]], on));
    side.append(el("h3", {}, "Grid"));
    side.append(this.listRow("ems", "widths m", "comma-separated", 1, true));
    side.append(this.listRow("ealphas", "init scales α", "comma-separated", 0, false));
    add(numberControl("eseeds", "seeds per point", undefined, { min: 1, max: 100, int: true }, on));
    add(numberControl("eepochs", "epochs per run", undefined, { min: 1, max: 1e9, int: true }, on));
    side.append(el("p", { class: "summary", id: "exp-summary" }));
    byId("exp-run").addEventListener("click", () => (this.view.running ? this.cancel() : this.run()));
    byId("exp-csv").addEventListener("click", () => this.download("csv"));
    byId("exp-json").addEventListener("click", () => this.download("json"));
    store.subscribe(() => this.reflect());
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

  private listRow(key: "ems" | "ealphas", label: string, unit: string, min: number, int: boolean): HTMLElement {
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
    this.controls.push({ key, row, set: (v) => (input.value = (v as number[]).join(", ")), enable: (b) => (input.disabled = !b) });
    return row;
  }

  private reflect(): void {
    const s = this.store.get();
    for (const c of this.controls) c.set(s[c.key]);
    const ex = EXPERIMENTS[s.ex];
    byId("exp-title").textContent = ex.title;
    const ph = byId("exp-placeholder");
    ph.hidden = ex.available;
    ph.textContent = ex.available
      ? ""
      : "Cones vs width needs the cones experiment (relu-landscape cones), which is not in this build of the lab yet. It appears here once the package ships it.";
    byId("exp-note").textContent = ex.note;
    (byId("exp-run") as HTMLButtonElement).disabled = !ex.available;
    const ds = DATASETS[s.ds];
    byId("exp-summary").textContent =
      `From the Train panel: ${ds.label}, n = ${s.n}, d = ${s.d}${s.bias ? " + bias" : ""}, data seed ${s.dseed}; ` +
      `λ = ${s.lambda}, lr = ${s.lr}, ${s.method.toUpperCase()}${s.method === "sgd" ? ` (B = ${s.batch})` : ""}, ${s.init} init; ` +
      `seeds ${s.seed} … ${s.seed + s.eseeds - 1}. ${s.ems.length * s.ealphas.length * s.eseeds} runs.`;
    this.dirty = true;
  }

  /** The grid in the order it runs: one seed of every point first, so the plot fills evenly. */
  private jobs(s: LabSettings): LabSettings[] {
    const out: LabSettings[] = [];
    for (let r = 0; r < s.eseeds; r++) for (const alpha of s.ealphas) for (const m of s.ems) out.push({ ...s, m, alpha, seed: s.seed + r, epochs: s.eepochs });
    return out;
  }

  run(): void {
    this.cancel();
    const s = this.store.get();
    const gen = ++this.generation;
    const jobs = this.jobs(s);
    const v = this.view;
    v.rows = [];
    v.total = jobs.length;
    v.running = true;
    const t0 = performance.now();
    const size = Math.max(1, Math.min(4, navigator.hardwareConcurrency || 2, jobs.length));
    let next = 0;
    const feed = (w: Worker) => {
      if (next >= jobs.length) return;
      const i = next++;
      w.postMessage({ type: "job", job: i, settings: jobs[i], kind: s.ex });
    };
    for (let k = 0; k < size; k++) {
      const w = new Worker(this.workerUrl);
      w.onmessage = (e: MessageEvent<FromWorker>) => {
        const m = e.data;
        if (gen !== this.generation) return;
        if (m.type === "jobDone" || m.type === "error") {
          const job = jobs[m.type === "jobDone" ? m.job : (m.job ?? 0)];
          const base = { experiment: s.ex, dataset: s.ds, n: s.n, d: s.d, bias: s.bias, lambda: s.lambda, lr: s.lr, method: s.method, m: job.m, alpha: job.alpha, seed: job.seed, dataSeed: s.dseed };
          const res: Omit<JobResult, "extra"> = m.type === "jobDone" ? m.result : { loss: NaN, dataLoss: NaN, normSq: NaN, gradNormSq: NaN, patterns: 0, epochs: 0, stopReason: `error: ${m.message}`, seconds: 0 };
          v.rows.push({ ...base, ...res });
          v.seconds = (performance.now() - t0) / 1000;
          if (v.rows.length === v.total) this.finish();
          else feed(w);
          this.progress();
          this.dirty = true;
        }
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
      ? `${v.rows.length} / ${v.total} runs${v.running ? ` · ${this.workers.length} workers` : ""} · ${v.seconds.toFixed(1)} s`
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
    if (!EXPERIMENTS[s.ex].available) return;
    const rows = this.view.rows.filter((r) => r.loss > 0 && Number.isFinite(r.loss));
    const ms = s.ems, alphas = s.ealphas;
    const mlo = Math.min(...ms), mhi = Math.max(...ms);
    let lo = Infinity, hi = -Infinity;
    for (const r of rows) (lo = Math.min(lo, r.loss)), (hi = Math.max(hi, r.loss));
    if (!(hi >= lo)) (lo = 1e-3), (hi = 1);
    const M = { left: 64, right: 180, top: 16, bottom: 40 };
    const x = new Scale(mlo / 1.4, mhi * 1.4, M.left, c.width - M.right, true);
    const y = new Scale(10 ** Math.floor(Math.log10(lo)), 10 ** Math.ceil(Math.log10(hi) + 1e-9), c.height - M.bottom, M.top, true);
    drawAxes(c, { x, y, xTicks: ms, xLabel: "width m (neurons, log)", yLabel: `final loss L after ≤ ${s.eepochs.toLocaleString("en")} epochs (log)` });
    const { ctx } = c;
    ctx.font = FONT;
    alphas.forEach((alpha, i) => {
      const color = SERIES[i % SERIES.length];
      const mine = rows.filter((r) => r.alpha === alpha);
      ctx.fillStyle = color;
      ctx.globalAlpha = 0.45;
      for (const r of mine) {
        ctx.beginPath();
        ctx.arc(x.at(r.m), y.at(r.loss), 3.5, 0, 2 * Math.PI);
        ctx.fill();
      }
      ctx.globalAlpha = 1;
      // mean over seeds per width (geometric, as the axis is logarithmic)
      ctx.strokeStyle = color;
      ctx.lineWidth = 2;
      ctx.beginPath();
      let pen = false;
      for (const m of ms) {
        const at = mine.filter((r) => r.m === m);
        if (!at.length) {
          pen = false;
          continue;
        }
        const g = 10 ** (at.reduce((t, r) => t + Math.log10(r.loss), 0) / at.length);
        if (pen) ctx.lineTo(x.at(m), y.at(g));
        else ctx.moveTo(x.at(m), y.at(g));
        pen = true;
      }
      ctx.stroke();
      // legend
      const ly = M.top + 14 + 22 * i;
      ctx.fillRect(c.width - M.right + 16, ly - 1.5, 22, 3);
      ctx.fillStyle = INK;
      ctx.textAlign = "left";
      ctx.textBaseline = "middle";
      ctx.fillText(`α = ${alpha}`, c.width - M.right + 44, ly);
    });
    ctx.fillStyle = MUTED;
    ctx.textAlign = "left";
    ctx.fillText("dots: single runs", c.width - M.right + 16, M.top + 22 * alphas.length + 18);
    ctx.fillText("lines: geometric mean", c.width - M.right + 16, M.top + 22 * alphas.length + 36);
    ctx.fillText("over seeds", c.width - M.right + 16, M.top + 22 * alphas.length + 52);
  }

  invalidate(): void {
    this.dirty = true;
  }
}

export function toCsv(rows: Row[]): string {
  if (!rows.length) return "";
  const keys = Object.keys(rows[0]) as (keyof Row)[];
  const cell = (v: unknown) => {
    const t = String(v);
    return /[",\n]/.test(t) ? `"${t.replace(/"/g, '""')}"` : t;
  };
  return [keys.join(","), ...rows.map((r) => keys.map((k) => cell(r[k])).join(","))].join("\n") + "\n";
}
