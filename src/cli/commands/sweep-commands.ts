// The sweep commands: sweep (run), merge (join shards), export (table), plot (figure).
import type { Command } from "commander";
import { registerSweep } from "./sweep.js";
import { registerMerge } from "./merge.js";
import { registerExport } from "./export.js";
import { registerPlot } from "./plot.js";

export function registerSweepCommands(program: Command): void {
  registerSweep(program);
  registerMerge(program);
  registerExport(program);
  registerPlot(program);
}
