// Data as the core takes it: X row-major n×d, y of length n, both Float64Array.
import { InputError } from "./errors.js";
import { jsonArrays } from "./json-arrays.js";

/** A data set: n samples of dimension d. */
export interface Data {
  /** Row-major n×d inputs: row k is xₖ. */
  X: Float64Array;
  /** Targets, length n. */
  y: Float64Array;
  n: number;
  d: number;
}

/**
 * Builds Data from nested arrays, checking the shape and that every number is finite.
 * `name` prefixes field names in errors (e.g. "problem").
 */
export function toData(X: ArrayLike<ArrayLike<number>>, y: ArrayLike<number>, bias = false): Data {
  const n = X.length;
  if (n === 0) throw new InputError("X", "is empty: give at least one row (one sample)");
  const d0 = X[0].length;
  if (d0 === 0) throw new InputError("X[0]", "is empty: every row needs at least one feature");
  if (y.length !== n) {
    throw new InputError("y", `has ${y.length} entries but X has ${n} rows: give one target per row of X`);
  }
  const d = d0 + (bias ? 1 : 0);
  const out = new Float64Array(n * d);
  for (let k = 0; k < n; k++) {
    const row = X[k];
    if (!row || row.length !== d0) {
      throw new InputError(`X[${k}]`, `has ${row?.length ?? 0} entries but X[0] has ${d0}: X must be rectangular (n rows of d numbers)`);
    }
    for (let j = 0; j < d0; j++) {
      const v = row[j];
      if (typeof v !== "number" || !Number.isFinite(v)) {
        throw new InputError(`X[${k}][${j}]`, `is ${String(v)}: every entry of X must be a finite number`);
      }
      out[k * d + j] = v;
    }
    if (bias) out[k * d + d0] = 1;
  }
  const yy = new Float64Array(n);
  for (let k = 0; k < n; k++) {
    const v = y[k];
    if (typeof v !== "number" || !Number.isFinite(v)) {
      throw new InputError(`y[${k}]`, `is ${String(v)}: every target must be a finite number`);
    }
    yy[k] = v;
  }
  return jsonArrays({ X: out, y: yy, n, d });
}

/** Row k of X as a plain array. */
export function row(data: Data, k: number): number[] {
  return Array.from(data.X.subarray(k * data.d, (k + 1) * data.d));
}

/** X as nested arrays. */
export function rows(data: Data): number[][] {
  return Array.from({ length: data.n }, (_, k) => row(data, k));
}
