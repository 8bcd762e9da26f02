// The problem file: data, λ, an optional explicit initialization and training settings.
//   { "X": [[...]], "y": [...], "lambda": 0.01, "bias"?: false, "init"?: { "W": [[...]], "a": [...] },
//     "train"?: { "method", "lr", "maxEpochs", "batchSize", "gradTol", "seed", "alpha", "initScheme", ... } }
import { z } from "zod";
import { type Data, toData } from "./data.js";
import { InputError } from "./errors.js";
import { type TrainOptions, trainOptionsSchema } from "./train-options.js";
import { zodToInputError } from "./zod-errors.js";
import { type Network, toNetwork } from "./network.js";

/** A problem as written in a JSON file or passed to the API. */
export interface ProblemInput {
  /** Inputs, n rows of d numbers. */
  X: number[][];
  /** Targets, n numbers. */
  y: number[];
  /** Weight decay λ ≥ 0. @default 0 */
  lambda?: number;
  /** Append a constant-1 feature to every x (the model's bias). @default false */
  bias?: boolean;
  /** Explicit initial network (W: m rows of d numbers, a: m numbers); overrides initScheme/alpha/m. */
  init?: { W: number[][]; a: number[] };
  /** Training settings (see TrainOptions). */
  train?: TrainOptions;
}

/** A validated problem, data laid out for the core. */
export interface Problem {
  data: Data;
  lambda: number;
  bias: boolean;
  init?: Network;
  train: TrainOptions;
}

const numberArray = z.array(z.number());
export const problemSchema = z
  .object({
    X: z.array(numberArray),
    y: numberArray,
    lambda: z.number().nonnegative().finite().optional(),
    bias: z.boolean().optional(),
    init: z.object({ W: z.array(numberArray), a: numberArray }).strict().optional(),
    train: trainOptionsSchema.optional(),
  })
  .strict();

/** Validates a problem (from JSON or the API) and lays out its data. Throws InputError naming the field. */
export function parseProblem(input: unknown): Problem {
  if (typeof input !== "object" || input === null || Array.isArray(input)) {
    throw new InputError("problem", "must be a JSON object with at least X and y");
  }
  const raw = input as Record<string, unknown>;
  if (!("X" in raw)) throw new InputError("X", "is missing: give the inputs as an array of rows");
  if (!("y" in raw)) throw new InputError("y", "is missing: give one target per row of X");
  // shape and finiteness first, with messages that say which row
  const data = toData(raw.X as number[][], raw.y as number[], raw.bias === true);
  const parsed = problemSchema.safeParse(input);
  if (!parsed.success) throw zodToInputError(parsed.error);
  const p = parsed.data;
  const init = p.init ? toNetwork(p.init, data.d, "init") : undefined;
  return { data, lambda: p.lambda ?? 0, bias: p.bias ?? false, init, train: p.train ?? {} };
}
