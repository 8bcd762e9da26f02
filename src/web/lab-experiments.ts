// The experiments of the lab's Experiments tab: the lab's own "width × init scale" sweep and every
// experiment of the package (EXPERIMENTS), each with the settings a browser can use. The panels'
// controls, the URL and the runs all derive from each definition's option group; the lab starts from
// the definition's quick preset. Pure: used by the page, the URL code and the tests.
import type { Field } from "../api/schema.js";
import type { Experiment } from "../experiments/experiment.js";
import { EXPERIMENTS } from "../experiments/registry.js";
import { widthExperiment } from "./width-experiment.js";

export interface LabExperiment {
  /** The id in the URL (`ex=`) and the prefix of its settings (`cones.widths=`). */
  id: string;
  /** Shown in the experiment menu. */
  label: string;
  definition: Experiment;
  /**
   * Settings a browser cannot vary (files, Node-only loaders), pinned to these values (undefined:
   * not set) and not shown. @default {}
   */
  pinned: Record<string, unknown>;
  /** What the pinned settings are, for the panel's note. @default "" */
  pinnedNote: string;
}

const LABELS: Record<string, string> = {
  width: "Width × init scale",
  cones: "Cones vs width",
  "init-scale": "Init scale (Theorem 2)",
  orthogonal: "Orthogonal data (Theorem 3)",
  gaps: "Energy gaps vs width",
  phase: "Phase diagram",
};

/** Per experiment: settings the lab pins (a browser page has no files; the WDBC loader reads one). */
const PINNED: Record<string, { pinned: Record<string, unknown>; note: string }> = {
  gaps: { pinned: { dataset: "moons", csv: undefined, target: undefined }, note: "Data: two moons (the WDBC and CSV data sets read files: CLI only)." },
};

/** Every experiment of the lab, the width sweep first. */
export const LAB_EXPERIMENTS: readonly LabExperiment[] = [widthExperiment as unknown as Experiment, ...EXPERIMENTS].map((definition) => ({
  id: definition.name,
  label: LABELS[definition.name] ?? definition.name,
  definition,
  pinned: PINNED[definition.name]?.pinned ?? {},
  pinnedNote: PINNED[definition.name]?.note ?? "",
}));

export const DEFAULT_EXPERIMENT = "width";

/** The lab experiment with this id (undefined when there is none). */
export function labExperiment(id: string): LabExperiment | undefined {
  return LAB_EXPERIMENTS.find((e) => e.id === id);
}

/** The fields shown as controls and kept in the URL: those the CLI has flags for, but pinned ones. */
export function visibleFields(e: LabExperiment): Field[] {
  return e.definition.options.fields.filter((f) => f.kind !== "json" && !f.noFlag && !(f.key in e.pinned));
}

/** The lab's starting point: the group's defaults, then the quick preset (visible fields with a value). */
export function startValues(e: LabExperiment): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const quick = e.definition.presets.quick as Record<string, unknown>;
  for (const f of visibleFields(e)) {
    const value = f.key in quick ? quick[f.key] : f.default;
    if (value !== undefined) out[f.key] = value;
  }
  return out;
}

/** The settings a run uses: the start, the user's values, the pinned ones, validated (throws InputError naming the field). */
export function resolveLabSettings(e: LabExperiment, given: Record<string, unknown>, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return e.definition.options.resolve({ ...startValues(e), ...given, ...e.pinned, ...extra }) as Record<string, unknown>;
}
