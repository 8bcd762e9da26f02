// The lab's settings: one flat object, written to and read from the page's query string so that a
// view can be shared and reloaded exactly (same settings and seeds → the same run, bit for bit).
// Pure functions: used by the page, the worker, the tests and the bench alike.
import { readField, fieldText } from "./field-text.js";
import { DEFAULT_EXPERIMENT, LAB_EXPERIMENTS, startValues, visibleFields } from "./lab-experiments.js";

export type DatasetId = "regression1d" | "teacher" | "moons" | "smallinit" | "orthogonal";

/** Everything that defines a training run, a view and an experiment grid. */
export interface LabSettings {
  /** Which panel is shown. */
  tab: "train" | "experiments";
  /** Data set. */
  ds: DatasetId;
  /** Samples n (for `smallinit`, n = d). */
  n: number;
  /** Input dimension d (teacher, orthogonal). */
  d: number;
  /** Label noise (1-D regression, moons). */
  noise: number;
  /** Seed of the data. */
  dseed: number;
  /** Append a constant-1 feature (the model's bias). */
  bias: boolean;
  /** Width m. */
  m: number;
  /** Initialization scale α. */
  alpha: number;
  /** Initialization scheme. */
  init: "gaussian" | "balanced";
  /** Weight decay λ. */
  lambda: number;
  /** Learning rate. */
  lr: number;
  /** Full-batch GD or minibatch SGD. */
  method: "gd" | "sgd";
  /** SGD minibatch size. */
  batch: number;
  /** Seed of the initialization and SGD. */
  seed: number;
  /** Training stops at this epoch. */
  epochs: number;
  /** Loss plot: logarithmic epoch axis. */
  logx: boolean;
  /** Experiment shown in the experiments panel (an id of LAB_EXPERIMENTS). */
  ex: string;
  /**
   * Each experiment's settings (src/web/lab-experiments.ts), by field: the shown experiment's in
   * full, the others' where they differ from the lab's starting point (the quick preset).
   */
  exp: Record<string, Record<string, unknown>>;
}

export const DATASETS: Record<DatasetId, { label: string; dims: string; bias: boolean; n: number; d: number }> = {
  regression1d: { label: "1-D regression", dims: "d = 1", bias: true, n: 24, d: 1 },
  teacher: { label: "2-D teacher", dims: "d = 2", bias: false, n: 40, d: 2 },
  moons: { label: "Two moons", dims: "d = 2", bias: true, n: 100, d: 2 },
  smallinit: { label: "Small-init (research)", dims: "n = d", bias: false, n: 4, d: 4 },
  orthogonal: { label: "Orthogonal (Haar)", dims: "n ≤ d", bias: false, n: 4, d: 6 },
};

export const DEFAULT_SETTINGS: LabSettings = normalizeSettings({
  tab: "train",
  ds: "teacher",
  n: 40,
  d: 2,
  noise: 0.1,
  dseed: 0,
  bias: false,
  m: 50,
  alpha: 0.5,
  init: "gaussian",
  lambda: 0.001,
  lr: 0.05,
  method: "gd",
  batch: 8,
  seed: 0,
  epochs: 100000,
  logx: true,
  ex: DEFAULT_EXPERIMENT,
  exp: {},
});

type Kind = "num" | "int" | "bool" | "enum";
const FIELDS: Record<Exclude<keyof LabSettings, "exp">, { kind: Kind; values?: readonly string[]; min?: number; max?: number }> = {
  tab: { kind: "enum", values: ["train", "experiments"] },
  ds: { kind: "enum", values: Object.keys(DATASETS) },
  n: { kind: "int", min: 1, max: 5000 },
  d: { kind: "int", min: 1, max: 64 },
  noise: { kind: "num", min: 0, max: 10 },
  dseed: { kind: "int", min: 0, max: 2 ** 53 - 1 },
  bias: { kind: "bool" },
  m: { kind: "int", min: 1, max: 10000 },
  alpha: { kind: "num", min: 0, max: 1e3 },
  init: { kind: "enum", values: ["gaussian", "balanced"] },
  lambda: { kind: "num", min: 0, max: 1e3 },
  lr: { kind: "num", min: 1e-12, max: 1e3 },
  method: { kind: "enum", values: ["gd", "sgd"] },
  batch: { kind: "int", min: 1, max: 5000 },
  seed: { kind: "int", min: 0, max: 2 ** 53 - 1 },
  epochs: { kind: "int", min: 1, max: 1e12 },
  logx: { kind: "bool" },
  ex: { kind: "enum", values: LAB_EXPERIMENTS.map((e) => e.id) },
};

/** Old experiment ids of links made before the lab ran the package's experiments. */
const EX_ALIASES: Record<string, string> = { initscale: "init-scale" };

/** Settings from a query string: unknown keys and unreadable values are ignored (defaults kept). */
export function parseSettings(query: string): LabSettings {
  const q = new URLSearchParams(query);
  const s: LabSettings = { ...DEFAULT_SETTINGS, exp: {} };
  const hasN = q.has("n"), hasD = q.has("d"), hasBias = q.has("bias");
  const ex = q.get("ex");
  if (ex !== null && EX_ALIASES[ex]) q.set("ex", EX_ALIASES[ex]);
  for (const [key, spec] of Object.entries(FIELDS) as [keyof typeof FIELDS, (typeof FIELDS)[keyof typeof FIELDS]][]) {
    const raw = q.get(key);
    if (raw === null) continue;
    const v = readValue(raw, spec);
    if (v !== undefined) (s as unknown as Record<string, unknown>)[key] = v;
  }
  // each experiment's settings, "<id>.<key>=<value>", checked by the field's own schema
  for (const e of LAB_EXPERIMENTS) {
    const given: Record<string, unknown> = {};
    for (const f of visibleFields(e)) {
      const raw = q.get(`${e.id}.${f.key}`);
      if (raw === null) continue;
      try {
        const v = readField(e.definition.options, f, raw);
        if (v !== undefined) given[f.key] = v;
      } catch {
        // unreadable: the starting value stays
      }
    }
    if (Object.keys(given).length) s.exp[e.id] = given;
  }
  // a dataset named without its sizes gets that dataset's own defaults
  const ds = DATASETS[s.ds];
  if (q.has("ds")) {
    if (!hasN) s.n = ds.n;
    if (!hasD) s.d = ds.d;
    if (!hasBias) s.bias = ds.bias;
  }
  return normalizeSettings(s);
}

function readValue(raw: string, spec: { kind: Kind; values?: readonly string[]; min?: number; max?: number }): unknown {
  const inRange = (x: number) => Number.isFinite(x) && x >= (spec.min ?? -Infinity) && x <= (spec.max ?? Infinity);
  switch (spec.kind) {
    case "enum":
      return spec.values!.includes(raw) ? raw : undefined;
    case "bool":
      return raw === "1" || raw === "true" ? true : raw === "0" || raw === "false" ? false : undefined;
    case "int": {
      const x = Number(raw);
      return Number.isInteger(x) && inRange(x) ? x : undefined;
    }
    case "num": {
      const x = Number(raw);
      return raw.trim() !== "" && inRange(x) ? x : undefined;
    }
  }
}

/**
 * Makes the settings consistent: dataset-dependent sizes (d fixed by the dataset, n = d or n ≤ d);
 * the shown experiment's settings in full (its starting point filled in, so a link does not depend
 * on the lab's defaults), the other experiments' only where they differ from their starting point.
 */
export function normalizeSettings(s: LabSettings): LabSettings {
  const out = { ...s };
  if (out.ds === "regression1d") out.d = 1;
  if (out.ds === "moons") out.d = 2;
  if (out.ds === "smallinit") {
    out.n = Math.min(Math.max(out.n, 3), 64);
    out.d = out.n;
  }
  if (out.ds === "orthogonal") out.n = Math.min(out.n, out.d);
  const exp: LabSettings["exp"] = {};
  for (const e of LAB_EXPERIMENTS) {
    const given = s.exp[e.id] ?? {};
    const start = startValues(e);
    const mine: Record<string, unknown> = {};
    for (const f of visibleFields(e)) {
      const value = f.key in given ? given[f.key] : start[f.key];
      const shown = e.id === out.ex;
      if (value !== undefined && (shown || JSON.stringify(value) !== JSON.stringify(start[f.key]))) mine[f.key] = value;
    }
    if (Object.keys(mine).length) exp[e.id] = mine;
  }
  out.exp = exp;
  return out;
}

/** Numbers as short exact strings (shortest round-trip form). */
const numStr = (x: number) => String(x);

/** The query string of a settings object (every Train setting; experiments as normalizeSettings keeps them). */
export function settingsQuery(s: LabSettings): string {
  const q = new URLSearchParams();
  for (const [key, spec] of Object.entries(FIELDS) as [keyof typeof FIELDS, { kind: Kind }][]) {
    const v = s[key];
    if (spec.kind === "bool") q.set(key, v ? "1" : "0");
    else q.set(key, typeof v === "number" ? numStr(v) : String(v));
  }
  for (const e of LAB_EXPERIMENTS) {
    const mine = s.exp[e.id];
    if (!mine) continue;
    for (const f of visibleFields(e)) if (mine[f.key] !== undefined) q.set(`${e.id}.${f.key}`, fieldText(f, mine[f.key]));
  }
  return q.toString().replace(/%2C/g, ",");
}

/** The keys whose change means a new training run (everything but view and experiment settings). */
export const RUN_KEYS: (keyof LabSettings)[] = ["ds", "n", "d", "noise", "dseed", "bias", "m", "alpha", "init", "lambda", "lr", "method", "batch", "seed", "epochs"];
