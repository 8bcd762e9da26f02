// Comma-separated list flags ("4,6" or "10,20,40"), with errors naming the flag.
import { InputError } from "../api/errors.js";

export function intList(value: string | undefined, flag: string): number[] | undefined {
  if (value === undefined) return undefined;
  const parts = value.split(",").map((s) => s.trim()).filter(Boolean);
  const nums = parts.map(Number);
  if (parts.length === 0 || nums.some((v) => !Number.isInteger(v) || v < 1)) {
    throw new InputError(`--${flag}`, `got "${value}": give positive integers separated by commas, e.g. 4,6`);
  }
  return nums;
}

export function numList(value: string | undefined, flag: string): number[] | undefined {
  if (value === undefined) return undefined;
  const parts = value.split(",").map((s) => s.trim()).filter(Boolean);
  const nums = parts.map(Number);
  if (parts.length === 0 || nums.some((v) => !Number.isFinite(v))) {
    throw new InputError(`--${flag}`, `got "${value}": give numbers separated by commas, e.g. 0.5,0.25`);
  }
  return nums;
}

/** The entries of `o` whose value is defined (flags the user gave). */
export function defined<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}
