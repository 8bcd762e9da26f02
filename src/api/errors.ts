// Errors a user can act on: each names the field at fault and how to fix it. The CLI prints them as
// one line and exits non-zero; API users can catch them by class.

/** Bad input: `field` names what is wrong (e.g. `X[3]`, `train.lr`), the message says how to fix it. */
export class InputError extends Error {
  constructor(readonly field: string, message: string) {
    super(`${field}: ${message}`);
    this.name = "InputError";
  }
}

/** Throws an InputError unless `cond` holds. */
export function check(cond: unknown, field: string, message: string): asserts cond {
  if (!cond) throw new InputError(field, message);
}
