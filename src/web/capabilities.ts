// Which experiments this build of the lab can run (the worker bundle holds their code).
import type { ExperimentId } from "./settings.js";

export const EXPERIMENTS_IN_BUILD: Record<ExperimentId, boolean> = { width: true, cones: true, initscale: true, phase: true, gaps: true };
