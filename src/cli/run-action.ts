// Every command's action goes through here: bad input becomes one line on stderr and exit code 2,
// any other failure one line and exit code 1 (a stack trace only with RELU_LANDSCAPE_DEBUG=1).
// Lower layers name the field at fault (`lambda`, `out`, `train.lr`, `widths[2]`); here, and only
// here, a field that is one of the command's options becomes its flag (`--lambda`, `--out`).
import { Command } from "commander";
import { InputError } from "../api/errors.js";

/** The flag of the command's option that `field` names (its first segment, or the one after a group prefix), if any. */
export function flagOfField(field: string, cmd: Command): string | undefined {
  const parts = field.split(/[.[]/);
  for (const key of [parts[0], parts[1]].filter((k): k is string => !!k)) {
    const opt = cmd.options.find((o) => o.attributeName() === key);
    if (opt?.long) return opt.long;
  }
  return undefined;
}

/** The error with its field named as the command's flag (unchanged when the field is no option). */
export function withFlag(e: InputError, cmd: Command | undefined): InputError {
  const flag = cmd && !e.field.startsWith("-") ? flagOfField(e.field, cmd) : undefined;
  return flag ? new InputError(flag, e.message.slice(e.field.length + 2)) : e;
}

export function runAction<A extends unknown[]>(fn: (...args: A) => Promise<void> | void) {
  return async (...args: A): Promise<void> => {
    try {
      await fn(...args);
    } catch (e) {
      if (process.env.RELU_LANDSCAPE_DEBUG) console.error(e);
      if (e instanceof InputError) {
        // commander passes the command last
        const cmd = [...args].reverse().find((a): a is Command => a instanceof Command);
        console.error(`error: ${withFlag(e, cmd).message}`);
        process.exit(2);
      }
      console.error(`error: ${e instanceof Error ? e.message : String(e)}`);
      process.exit(1);
    }
  };
}
