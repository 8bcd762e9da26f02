// The command a cluster job runs, taken verbatim from the user's command line and checked against
// the command's options before anything is written: it must be shardable (--shard) and write a
// directory (--out); --out is taken out (each task gets OUT/task-k), --shard is set per task.
import { InputError } from "../api/errors.js";

/** One option of a command, as the CLI declares it. */
export interface OptionSpec {
  /** e.g. "--out" */
  long?: string;
  /** e.g. "-o" */
  short?: string;
  /** Takes a value: `<v>` (required) or `[v]` (optional). */
  required: boolean;
  optional: boolean;
  /** Takes one or more values (`<v...>`). */
  variadic: boolean;
  defaultValue?: unknown;
}

/** A command's name and options. */
export interface CommandSpec {
  name: string;
  options: OptionSpec[];
}

/** The command of a cluster job. */
export interface PreparedCommand {
  /** The command's name, e.g. "sweep". */
  command: string;
  /** Its arguments as given, without --out and its value. */
  args: string[];
  /** The output directory (--out, or the command's default). */
  out: string;
  /** The command takes --workers and none was given: each task then uses the CPUs it was given. */
  setWorkers: boolean;
  /** The command takes --dry-run (used to check the command line before writing the job). */
  dryRun: boolean;
}

/** Options the cluster job sets itself. */
const RESERVED: Record<string, string> = {
  "--shard": "is set per task by the cluster job (task k runs shard k): drop it",
  "--completions": "is set per task by the cluster job: drop it",
  "--dry-run": "would make every task do nothing: drop it (the command line is checked with --dry-run before the job is written)",
  "--help": "is not for a cluster job",
};

/**
 * Splits `words` (a command and its flags, as for a local run) into the command, its arguments and
 * its --out; refuses commands that cannot be sharded and options the command does not take.
 */
export function prepareCommand(words: string[], commands: CommandSpec[]): PreparedCommand {
  const [name, ...rest] = words;
  const names = commands.map((c) => c.name);
  if (name === undefined || name.startsWith("-")) throw new InputError("command", `give the command to run and its flags, e.g. sweep sweep.json --out results (one of ${names.join(", ")})`);
  const spec = commands.find((c) => c.name === name);
  if (!spec) throw new InputError("command", `unknown command "${name}": use one of ${names.join(", ")}`);
  const option = (flag: string) => spec.options.find((o) => o.long === flag || o.short === flag);
  const shardable = commands.filter((c) => c.options.some((o) => o.long === "--shard") && c.options.some((o) => o.long === "--out")).map((c) => c.name);
  if (!option("--shard")) throw new InputError(name, `cannot be split into array tasks: it has no --shard option (shardable: ${shardable.join(", ") || "none"})`);
  const outOption = option("--out");
  if (!outOption) throw new InputError(name, "cannot run as a cluster job: it has no --out option");
  const args: string[] = [];
  let out: string | undefined;
  let workers = false;
  for (let k = 0; k < rest.length; k++) {
    const word = rest[k];
    if (word === "--") {
      args.push(...rest.slice(k));
      break;
    }
    if (!word.startsWith("-") || word === "-" || /^-\d/.test(word)) {
      args.push(word);
      continue;
    }
    const eq = word.startsWith("--") ? word.indexOf("=") : -1;
    const flag = eq > 0 ? word.slice(0, eq) : word;
    const o = option(flag);
    const canonical = o?.long ?? flag;
    if (RESERVED[canonical]) throw new InputError(canonical, RESERVED[canonical]);
    if (!o) throw new InputError(flag, `is not an option of ${name} (relu-landscape ${name} --help lists them)`);
    const values: string[] = [];
    if (eq > 0) values.push(word.slice(eq + 1));
    else if (o.required || o.optional) {
      const isValue = (w: string | undefined) => w !== undefined && (!w.startsWith("-") || /^-\d/.test(w));
      if (o.variadic) while (isValue(rest[k + 1])) values.push(rest[++k]);
      else if (o.required && rest[k + 1] !== undefined) values.push(rest[++k]);
      else if (o.optional && isValue(rest[k + 1])) values.push(rest[++k]);
      if (o.required && values.length === 0) throw new InputError(flag, "needs a value");
    }
    if (canonical === "--out") {
      if (values.length !== 1 || values[0] === "") throw new InputError("--out", "needs a directory");
      out = values[0];
      continue;
    }
    if (canonical === "--workers") workers = true;
    args.push(word, ...(eq > 0 ? [] : values));
  }
  if (out === undefined) {
    if (typeof outOption.defaultValue !== "string") throw new InputError("--out", `${name} needs --out DIR: each task writes DIR/task-k, the merge DIR`);
    out = outOption.defaultValue;
  }
  return { command: name, args, out, setWorkers: !workers && !!option("--workers"), dryRun: !!option("--dry-run") };
}
