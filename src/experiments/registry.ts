// The package's experiments and run kinds, in one list. The composition roots register the kinds
// (src/cli/program.ts, src/node.ts, src/sweep-worker.ts, the lab's workers); nothing below them does.
// Adding an experiment: its folder src/experiments/<name>/, and one line in EXPERIMENTS.
import { registerRunKinds, type RunKindDefinition } from "../sweep/run-kinds.js";
import { trainKind } from "../sweep/train-kind.js";
import type { Experiment } from "./experiment.js";
import { cones } from "./cones/index.js";
import { phase } from "./phase/index.js";
import { gaps } from "./gaps/index.js";
import { initScale } from "./init-scale/index.js";
import { orthogonal } from "./orthogonal/index.js";

/** Every experiment of the package (each is a CLI command and a lab panel). */
export const EXPERIMENTS: readonly Experiment[] = [
  cones as unknown as Experiment,
  initScale as unknown as Experiment,
  orthogonal as unknown as Experiment,
  gaps as unknown as Experiment,
  phase as unknown as Experiment,
];

/** "train" and the experiments' run kinds. */
function kindsOf(experiments: readonly Experiment[]): readonly RunKindDefinition[] {
  return [trainKind, ...experiments.flatMap((e) => e.kinds)];
}

/** Every run kind of the package: "train" and the experiments' kinds. */
export const BUILTIN_KINDS = /* @__PURE__ */ kindsOf(EXPERIMENTS);

/** Registers the package's run kinds in this thread. */
export function registerBuiltinKinds(): void {
  registerRunKinds(BUILTIN_KINDS);
}
