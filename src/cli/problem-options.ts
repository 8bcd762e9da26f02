// The flags every command that needs a problem shares: --problem FILE, or generator flags making
// teacher data; plus --lambda and --bias overrides.
import type { Command } from "commander";
import { parseProblem, type Problem } from "../api/problem.js";
import { InputError } from "../api/errors.js";
import { teacherData } from "../data/teacher.js";
import { readJson } from "./io.js";

export interface ProblemFlags {
  problem?: string;
  n?: string;
  d?: string;
  dataSeed?: string;
  lambda?: string;
  bias?: boolean;
}

export function addProblemOptions(cmd: Command): Command {
  return cmd
    .option("--problem <file>", "problem JSON file (X, y, lambda, init?, train?)")
    .option("--n <n>", "generate teacher data with n samples (when no --problem)", "20")
    .option("--d <d>", "input dimension of generated data", "5")
    .option("--data-seed <s>", "seed of generated data", "0")
    .option("--lambda <λ>", "weight decay λ (overrides the file)")
    .option("--bias", "append a constant-1 feature (the model's bias)");
}

/** Parses a flag as a number, naming the flag on error. */
export function num(value: string | undefined, flag: string, opts: { int?: boolean; min?: number; gt?: number } = {}): number | undefined {
  if (value === undefined) return undefined;
  const v = Number(value);
  if (!Number.isFinite(v) || (opts.int && !Number.isInteger(v)) || (opts.min !== undefined && v < opts.min) || (opts.gt !== undefined && v <= opts.gt)) {
    const what = opts.int ? "an integer" : "a number";
    const range = opts.min !== undefined ? ` ≥ ${opts.min}` : opts.gt !== undefined ? ` > ${opts.gt}` : "";
    throw new InputError(`--${flag}`, `got "${value}": give ${what}${range}`);
  }
  return v;
}

export async function loadProblem(f: ProblemFlags): Promise<Problem> {
  let p: Problem;
  if (f.problem) {
    const raw = readJson(f.problem, "--problem") as Record<string, unknown>;
    if (f.bias && raw && typeof raw === "object") raw.bias = true;
    p = parseProblem(raw);
  } else {
    const n = num(f.n, "n", { int: true, min: 1 })!, d = num(f.d, "d", { int: true, min: 1 })!;
    const data = await teacherData({ n, d, seed: num(f.dataSeed, "data-seed", { int: true, min: 0 }) });
    const X = Array.from({ length: n }, (_, k) => Array.from(data.X.subarray(k * d, (k + 1) * d)));
    p = parseProblem({ X, y: Array.from(data.y), lambda: 0.01, bias: !!f.bias });
  }
  const lambda = num(f.lambda, "lambda", { min: 0 });
  if (lambda !== undefined) p.lambda = lambda;
  return p;
}
