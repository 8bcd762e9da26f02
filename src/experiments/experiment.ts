// What an experiment is: one definition, from which every way of running it derives — the CLI
// command (src/cli/experiment-command.ts: flags from the option schema, --quick, --out with resume,
// --workers, --shard and the cluster environment, --dry-run, progress), the Node runner that writes
// its files (run-experiment.ts), and the lab's panel (src/web, the same runs on the package's
// SweepPool in Web Workers, drawn from the same report).
//
// An experiment lives in src/experiments/<name>/ and exports one `Experiment`:
//   options   an option group (src/api/schema.ts): settings with docs, defaults and checks
//   presets   `quick` (a reduced grid, about a minute) and others such as `paper` (the research's)
//   kinds     the run kinds its runs use (registered by the composition roots, see registry.ts)
//   sweep     settings → the grid of runs (a sweep of one kind: base, axes, repetitions, seed)
//   report    the finished runs' records → tables, JSON files, figures and the lines to print
//   notes     (optional) lines to print before the runs start (what the settings leave out).
// Everything here is browser-safe: no Node built-ins.
import type { OptionGroup, OptionsOf, ResolvedOf } from "../api/schema.js";
import type { FigureSpec } from "../plot/svg.js";
import type { RunRecord } from "../sweep/record.js";
import type { RunKindDefinition } from "../sweep/run-kinds.js";
import type { SweepSpec } from "../sweep/spec.js";

/** What an experiment's finished runs give: files to write and lines to print. */
export interface ExperimentReport {
  /** Tables, each written as `<name>.csv` and `<name>.jsonl` (one row per object). */
  tables: Record<string, object[]>;
  /** Other JSON files, written as `<name>.json`. @default {} */
  json?: Record<string, unknown>;
  /** Figures (vega-lite specs), rendered to `<name>.svg`. @default {} */
  figures?: Record<string, FigureSpec>;
  /** What the command prints (the summary in a few lines). */
  text: string[];
  /** Settings the report adds to settings.json (e.g. a global optimum it computed). @default {} */
  settings?: Record<string, unknown>;
}

/** The definition of one experiment. `G` is its option group. */
export interface Experiment<G extends OptionGroup = OptionGroup> {
  /** The command name, e.g. "cones". */
  name: string;
  /** One line for the command list and --help. */
  title: string;
  /** More help (after the flags), e.g. the research it reproduces. @default "" */
  about?: string;
  options: G;
  /** Named settings, `quick` always (the CLI's --quick; the lab's defaults), others as flags (--paper). */
  presets: { quick: Partial<OptionsOf<G>> } & Record<string, Partial<OptionsOf<G>>>;
  /** The run kinds its sweep uses. */
  kinds: readonly RunKindDefinition[];
  /** The runs: a sweep of one of `kinds`. */
  sweep(o: ResolvedOf<G>): SweepSpec;
  /** Tables, files, figures and text from the finished runs (failed runs carry `error`). */
  report(records: RunRecord[], o: ResolvedOf<G>): ExperimentReport | Promise<ExperimentReport>;
  /**
   * Lines to tell the user before the runs start (the command prints them as `note: …` on stderr), e.g.
   * a part of the experiment that the settings leave out. @default none
   */
  notes?(o: ResolvedOf<G>): string[];
}

/** Declares an experiment (checks the definition's types; returns it). */
export function defineExperiment<G extends OptionGroup>(e: Experiment<G>): Experiment<G> {
  return e;
}

/** Settings of an experiment from a preset and the user's settings (the user's win). */
export function experimentSettings<G extends OptionGroup>(e: Experiment<G>, given: Partial<OptionsOf<G>> = {}, preset?: string): ResolvedOf<G> {
  const base = preset === undefined ? {} : e.presets[preset];
  if (base === undefined) throw new Error(`${e.name}: no preset "${preset}" (have ${Object.keys(e.presets).join(", ")})`);
  return e.options.resolve({ ...base, ...given }) as ResolvedOf<G>;
}
