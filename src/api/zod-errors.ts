// Turns a zod validation failure into one InputError naming the field, in words a user can act on.
import type { z } from "zod";
import { InputError } from "./errors.js";

function pathString(prefix: string, path: PropertyKey[]): string {
  let s = prefix;
  for (const p of path) s += typeof p === "number" ? `[${p}]` : s ? `.${String(p)}` : String(p);
  return s || "input";
}

export function zodToInputError(error: z.ZodError, prefix = ""): InputError {
  const issue = error.issues[0];
  if (issue.code === "unrecognized_keys") {
    const keys = (issue as { keys: string[] }).keys;
    return new InputError(
      pathString(prefix, [...issue.path, keys[0]]),
      `unknown key${keys.length > 1 ? "s " + keys.join(", ") : ""}: remove it or check its spelling`,
    );
  }
  return new InputError(pathString(prefix, issue.path), issue.message);
}
