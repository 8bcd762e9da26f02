// The "phase" run kind: one width m at one grid point (γ, γ′) of the phase diagram (run.ts). Config
// keys: gamma, gammaPrime, m, gammaKappa (0), gammaLambda (null: no decay), initSeed (the seed of the
// init; the same at every grid point so the same standard normals are scaled everywhere), lossTarget,
// maxEpochs, plateauTol, checkEvery. Measures: every field of PhaseRunResult.
import { InputError } from "../../api/errors.js";
import { getCore } from "../../core/loader.js";
import type { RunKindDefinition } from "../../sweep/run-kinds.js";
import { phaseData, pointExponents } from "./diagram.js";
import { phaseRun } from "./run.js";

const KEYS = ["gamma", "gammaPrime", "m", "gammaKappa", "gammaLambda", "initSeed", "lossTarget", "maxEpochs", "plateauTol", "checkEvery", "rep"];

function validatePhaseConfig(c: Record<string, unknown>): void {
  for (const k of Object.keys(c)) if (!KEYS.includes(k)) throw new InputError(k, `is not a setting of "phase" runs: use one of ${KEYS.join(", ")}`);
  for (const k of ["gamma", "gammaPrime"]) if (typeof c[k] !== "number" || !Number.isFinite(c[k])) throw new InputError(k, "must be a finite number");
  if (!(typeof c.m === "number" && Number.isInteger(c.m) && c.m >= 1)) throw new InputError("m", "must be an integer ≥ 1");
  if (c.gammaLambda !== undefined && c.gammaLambda !== null && typeof c.gammaLambda !== "number") throw new InputError("gammaLambda", "must be a number or null (no decay)");
}

/** Runs one (γ, γ′, m) of the diagram. */
export async function phaseKindRun(c: Record<string, unknown>): Promise<Record<string, unknown>> {
  validatePhaseConfig(c);
  const ex = pointExponents(c.gamma as number, c.gammaPrime as number, (c.gammaKappa as number | undefined) ?? 0, (c.gammaLambda as number | null | undefined) ?? null);
  const r = await phaseRun(await getCore(), phaseData(), ex, c.m as number, (c.initSeed as number | undefined) ?? 0, {
    lossTarget: c.lossTarget as number | undefined,
    maxEpochs: c.maxEpochs as number | undefined,
    plateauTol: c.plateauTol as number | undefined,
    checkEvery: c.checkEvery as number | undefined,
  });
  return { ...r };
}

/** The run kind of the phase experiment. */
export const phaseKind: RunKindDefinition = { name: "phase", run: phaseKindRun, validate: validatePhaseConfig };
