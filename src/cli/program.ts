// The relu-landscape command: one commander program; each command registers itself from its own file.
import { Command } from "commander";
import { VERSION } from "../version.js";
import { registerTrain } from "./commands/train.js";
import { registerSweepCommands } from "./commands/sweep-commands.js";
import { registerPatterns } from "./commands/patterns.js";
import { registerLab } from "./commands/lab.js";
import { registerOptimum1d } from "./commands/optimum-1d.js";
import { cones } from "../experiments/cones/index.js";
import { phase } from "../experiments/phase/index.js";
import { initScale } from "../experiments/init-scale/index.js";
import { orthogonal } from "../experiments/orthogonal/index.js";
import { gaps } from "../experiments/gaps/index.js";
import { registerBuiltinKinds } from "../experiments/registry.js";
import { registerExperiment } from "./experiment-command.js";
import { registerConvex } from "./commands/convex.js";
import { registerCluster } from "./commands/cluster.js";

export function buildProgram(): Command {
  registerBuiltinKinds();
  const program = new Command("relu-landscape")
    .description("Loss landscapes of weight-decayed two-layer ReLU networks: train, enumerate activation patterns, solve the convex reformulation, certify, run the experiments.")
    .version(VERSION)
    .showHelpAfterError("(run with --help for usage)")
    // usage errors (unknown option, missing required option) exit 2 like every other bad input;
    // commander has already printed its one-line message
    .exitOverride((err) => process.exit(err.exitCode === 0 ? 0 : 2));
  registerTrain(program);
  registerPatterns(program);
  registerConvex(program);
  registerExperiment(program, cones);
  registerExperiment(program, initScale);
  registerExperiment(program, orthogonal);
  registerExperiment(program, gaps);
  registerOptimum1d(program);
  registerExperiment(program, phase);
  registerSweepCommands(program);
  registerCluster(program);
  registerLab(program);
  return program;
}
