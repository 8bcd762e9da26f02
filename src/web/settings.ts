// The lab's settings: one flat object, written to and read from the page's query string so that a
// view can be shared and reloaded exactly (same settings and seeds → the same run, bit for bit).
// Pure functions: used by the page, the worker, the tests and the bench alike.

export type DatasetId = "regression1d" | "teacher" | "moons" | "smallinit" | "orthogonal";
export type ExperimentId = "width" | "cones" | "initscale" | "phase" | "gaps";

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
  /** Experiment shown in the experiments panel. */
  ex: ExperimentId;
  /** Experiment grid: widths. */
  ems: number[];
  /** Experiment grid: initialization scales. */
  ealphas: number[];
  /** Experiment grid: seeds per point. */
  eseeds: number;
  /** Experiment grid: epochs per run. */
  eepochs: number;
  /** Cones experiment: samples n of its datasets. */
  cn: number;
  /** Cones experiment: input dimension d. */
  cd: number;
  /** Cones experiment: teacher or orthogonal data. */
  cdata: "teacher" | "orthogonal";
  /** Cones experiment: random cones per (dataset, m). */
  ccones: number;
  /** Phase diagram: values of γ. */
  pg: number[];
  /** Phase diagram: values of γ′. */
  pgp: number[];
  /** Phase diagram: widths per point. */
  pw: number[];
  /** Energy gaps: networks per width. */
  gk: number;
}

export const DATASETS: Record<DatasetId, { label: string; dims: string; bias: boolean; n: number; d: number }> = {
  regression1d: { label: "1-D regression", dims: "d = 1", bias: true, n: 24, d: 1 },
  teacher: { label: "2-D teacher", dims: "d = 2", bias: false, n: 40, d: 2 },
  moons: { label: "Two moons", dims: "d = 2", bias: true, n: 100, d: 2 },
  smallinit: { label: "Small-init (research)", dims: "n = d", bias: false, n: 4, d: 4 },
  orthogonal: { label: "Orthogonal (Haar)", dims: "n ≤ d", bias: false, n: 4, d: 6 },
};

export const DEFAULT_SETTINGS: LabSettings = {
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
  ex: "width",
  ems: [2, 4, 8, 16, 32, 64, 128],
  ealphas: [0.01, 0.1, 1],
  eseeds: 3,
  eepochs: 3000,
  cn: 4,
  cd: 8,
  cdata: "teacher",
  ccones: 10,
  pg: [0.25, 0.5, 0.75, 1, 1.25, 1.5, 1.75, 2],
  pgp: [-1.5, -1, -0.5, 0, 0.5, 1, 1.5, 2],
  pw: [100, 316, 1000],
  gk: 4,
};

type Kind = "num" | "int" | "bool" | "list" | "enum";
const FIELDS: Record<keyof LabSettings, { kind: Kind; values?: readonly string[]; min?: number; max?: number }> = {
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
  ex: { kind: "enum", values: ["width", "cones", "initscale", "phase", "gaps"] },
  ems: { kind: "list", min: 1, max: 10000 },
  ealphas: { kind: "list", min: 0, max: 1e3 },
  eseeds: { kind: "int", min: 1, max: 100 },
  eepochs: { kind: "int", min: 1, max: 1e9 },
  cn: { kind: "int", min: 1, max: 12 },
  cd: { kind: "int", min: 1, max: 64 },
  cdata: { kind: "enum", values: ["teacher", "orthogonal"] },
  ccones: { kind: "int", min: 1, max: 200 },
  pg: { kind: "list", min: -10, max: 10 },
  pgp: { kind: "list", min: -10, max: 10 },
  pw: { kind: "list", min: 1, max: 100000 },
  gk: { kind: "int", min: 2, max: 20 },
};

/** Settings from a query string: unknown keys and unreadable values are ignored (defaults kept). */
export function parseSettings(query: string): LabSettings {
  const q = new URLSearchParams(query);
  const s: LabSettings = { ...DEFAULT_SETTINGS, ems: [...DEFAULT_SETTINGS.ems], ealphas: [...DEFAULT_SETTINGS.ealphas], pg: [...DEFAULT_SETTINGS.pg], pgp: [...DEFAULT_SETTINGS.pgp], pw: [...DEFAULT_SETTINGS.pw] };
  const hasN = q.has("n"), hasD = q.has("d"), hasBias = q.has("bias");
  for (const [key, spec] of Object.entries(FIELDS) as [keyof LabSettings, (typeof FIELDS)[keyof LabSettings]][]) {
    const raw = q.get(key);
    if (raw === null) continue;
    const v = readValue(raw, spec);
    if (v !== undefined) (s as unknown as Record<string, unknown>)[key] = v;
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
    case "list": {
      const xs = raw.split(",").filter((t) => t.trim() !== "").map(Number);
      return xs.length > 0 && xs.every(inRange) ? xs : undefined;
    }
  }
}

/** Makes dataset-dependent sizes consistent (d fixed by the dataset, n = d or n ≤ d). */
export function normalizeSettings(s: LabSettings): LabSettings {
  const out = { ...s };
  if (out.ds === "regression1d") out.d = 1;
  if (out.ds === "moons") out.d = 2;
  if (out.ds === "smallinit") {
    out.n = Math.min(Math.max(out.n, 3), 64);
    out.d = out.n;
  }
  if (out.ds === "orthogonal") out.n = Math.min(out.n, out.d);
  return out;
}

/** Numbers as short exact strings (shortest round-trip form). */
const numStr = (x: number) => String(x);

/** The query string of a settings object (every key, so a link does not depend on defaults). */
export function settingsQuery(s: LabSettings): string {
  const q = new URLSearchParams();
  for (const [key, spec] of Object.entries(FIELDS) as [keyof LabSettings, { kind: Kind }][]) {
    const v = s[key];
    if (spec.kind === "bool") q.set(key, v ? "1" : "0");
    else if (spec.kind === "list") q.set(key, (v as number[]).map(numStr).join(","));
    else q.set(key, typeof v === "number" ? numStr(v) : String(v));
  }
  return q.toString().replace(/%2C/g, ",");
}

/** The keys whose change means a new training run (everything but view and experiment settings). */
export const RUN_KEYS: (keyof LabSettings)[] = ["ds", "n", "d", "noise", "dseed", "bias", "m", "alpha", "init", "lambda", "lr", "method", "batch", "seed", "epochs"];
