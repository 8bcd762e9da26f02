// The problem file: data, λ, an optional explicit initialization and training settings.
//   { "X": [[...]], "y": [...], "lambda": 0.01, "bias"?: false, "init"?: { "W": [[...]], "a": [...] },
//     "train"?: { "method", "lr", "maxEpochs", "batchSize", "gradTol", "seed", "alpha", "initScheme", ... } }
import * as v from "valibot";
import { type Data, toData } from "./data.js";
import { InputError } from "./errors.js";
import { type TrainOptions, trainOptions } from "./train-options.js";
import { parseWith } from "./schema.js";
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

const numbers = v.array(v.number("must be a number"), "must be an array of numbers");
export const problemSchema = v.strictObject({
  X: v.array(numbers, "must be an array of rows (arrays of numbers)"),
  y: numbers,
  lambda: v.optional(v.pipe(v.number("must be a number"), v.finite("must be a finite number ≥ 0"), v.minValue(0, "must be a finite number ≥ 0"))),
  bias: v.optional(v.boolean("must be true or false")),
  init: v.optional(v.strictObject({ W: v.array(numbers, "must be an array of rows"), a: numbers }, "must be an object { W, a }")),
  train: v.optional(trainOptions.schema),
});

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
  const p = parseWith(problemSchema, input);
  const init = p.init ? toNetwork(p.init, data.d, "init") : undefined;
  // keep the training settings the file gives (the schema filled in defaults; the trainer does that)
  const given = (raw.train ?? {}) as Record<string, unknown>;
  const train = Object.fromEntries(Object.entries(p.train ?? {}).filter(([k]) => k in given)) as TrainOptions;
  return { data, lambda: p.lambda ?? 0, bias: p.bias ?? false, init, train };
}
