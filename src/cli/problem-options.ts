// The flags every command that needs a problem shares, from one option group (src/data/problem-source.ts):
// --problem FILE, --csv FILE --target COL, or generated teacher data; plus --lambda and --bias.
import type { Command } from "commander";
import type { Problem } from "../api/problem.js";
import { InputError } from "../api/errors.js";
import { loadProblemSource, problemSource } from "../data/problem-source.js";
import { addGroupFlags, readGroupFlags } from "./option-flags.js";

export type ProblemFlags = Record<string, unknown>;

/** The data flags (problemSource's fields): --problem, --csv/--target, generated data, --lambda, --bias; `omit` what the command does not use. */
export function addProblemOptions(cmd: Command, omit: readonly string[] = []): Command {
  return addGroupFlags(cmd, problemSource, { omit });
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

/** The problem the data flags describe (errors name the flag). */
export async function loadProblem(f: ProblemFlags, omit: readonly string[] = []): Promise<Problem> {
  return loadProblemSource(readGroupFlags(problemSource, f, { omit }));
}
