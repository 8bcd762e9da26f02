// Where a problem comes from, as one option group shared by every command that needs data (train,
// optimum, certify, polish, patterns) and by sweep files (the "train" run kind): a problem JSON file,
// a CSV file with a target column, or generated teacher data; plus λ and the bias column.
//   --problem p.json | --csv data.csv --target y [--no-standardize] | --n 20 --d 5 --data-seed 0
//   [--lambda 0.01] [--bias]
import { InputError } from "../api/errors.js";
import { type Problem, parseProblem } from "../api/problem.js";
import { bool, int, num, optionGroup, type OptionsOf, text } from "../api/schema.js";
import { csvData } from "./csv.js";
import { teacherData } from "./teacher.js";
import { type ReadFs, readJsonFile, readRegularFile } from "./user-file.js";

export const problemSource = optionGroup(
  {
    problem: text("a problem JSON file: { X, y, lambda?, bias?, init?, train? }", undefined, { placeholder: "file" }),
    csv: text("a CSV file with a header row: numeric feature columns and the --target column", undefined, { placeholder: "file" }),
    target: text("the CSV's target column: numeric, or two labels (mapped to −1, +1 in sorted order)", undefined, { placeholder: "column" }),
    standardize: bool("CSV: standardize every feature column to mean 0, standard deviation 1", true),
    n: int("generated teacher data (no --problem or --csv): samples; default 20", undefined, { min: 1 }),
    d: int("generated teacher data: input dimension; default 5", undefined, { min: 1 }),
    dataSeed: int("generated teacher data: seed; default 0", undefined, { min: 0, placeholder: "s" }),
    teacherWidth: int("generated teacher data: neurons of the ReLU teacher; default 10", undefined, { min: 1 }),
    lambda: num("weight decay λ (overrides the problem file's; generated and CSV data: default 0.01)", undefined, { min: 0, placeholder: "λ" }),
    bias: bool("append a constant-1 feature to every x (the model's bias; the last column of X)", false),
  },
  (o) => {
    if (o.problem !== undefined && o.csv !== undefined) throw new InputError("csv", "goes instead of a problem file, not with one: give one of them");
    if (o.csv !== undefined && o.target === undefined) throw new InputError("target", "is missing: name the CSV's target column");
    if (o.csv === undefined && o.target !== undefined) throw new InputError("target", "goes with a CSV file: give the file as csv");
    for (const k of ["n", "d", "dataSeed", "teacherWidth"] as const) {
      if (o[k] !== undefined && (o.problem !== undefined || o.csv !== undefined)) throw new InputError(k, `sets generated data, but the data comes from ${o.problem !== undefined ? "the problem file" : "the CSV file"}: remove it`);
    }
  },
);

export type ProblemSourceOptions = OptionsOf<typeof problemSource>;

/** Node's file system (user files are read only in Node; browsers give data, not paths). */
async function nodeFs(): Promise<ReadFs> {
  const fsName = "node:fs"; // a variable: browser bundlers leave the Node-only import alone
  return (await import(/* @vite-ignore */ fsName)) as ReadFs;
}

/** The problem a source describes (settings validated by problemSource first). */
export async function loadProblemSource(input: ProblemSourceOptions): Promise<Problem> {
  const o = problemSource.resolve(input);
  let p: Problem;
  if (o.problem !== undefined) {
    const raw = readJsonFile(await nodeFs(), o.problem, "problem");
    if (o.bias && raw && typeof raw === "object" && !Array.isArray(raw)) (raw as Record<string, unknown>).bias = true;
    p = parseProblem(raw);
  } else {
    const data = o.csv !== undefined
      ? csvData(readRegularFile(await nodeFs(), o.csv, "csv"), { target: o.target!, standardize: o.standardize, source: o.csv })
      : await teacherData({ n: o.n ?? 20, d: o.d ?? 5, seed: o.dataSeed ?? 0, teacherWidth: o.teacherWidth });
    const X = Array.from({ length: data.n }, (_, k) => Array.from(data.X.subarray(k * data.d, (k + 1) * data.d)));
    p = parseProblem({ X, y: Array.from(data.y), lambda: 0.01, bias: o.bias });
  }
  if (o.lambda !== undefined) p.lambda = o.lambda;
  return p;
}
