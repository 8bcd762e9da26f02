// Every command's action goes through here: bad input becomes one line on stderr and exit code 2,
// any other failure one line and exit code 1 (a stack trace only with RELU_LANDSCAPE_DEBUG=1).
import { InputError } from "../api/errors.js";

export function runAction<A extends unknown[]>(fn: (...args: A) => Promise<void> | void) {
  return async (...args: A): Promise<void> => {
    try {
      await fn(...args);
    } catch (e) {
      if (process.env.RELU_LANDSCAPE_DEBUG) console.error(e);
      if (e instanceof InputError) {
        console.error(`error: ${e.message}`);
        process.exit(2);
      }
      console.error(`error: ${e instanceof Error ? e.message : String(e)}`);
      process.exit(1);
    }
  };
}
