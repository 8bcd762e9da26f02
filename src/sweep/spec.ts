// The sweep file: a base configuration, axes, repetitions, the measurements to record.
//   { "kind": "train", "seed": 0, "repetitions": 5,
//     "base": { "n": 20, "d": 5, "lambda": 0.01, "maxEpochs": 20000 },
//     "axes": { "m": [4, 16, 64], "lr": { "from": 1e-3, "to": 1e-1, "num": 3, "log": true },
//               "alpha": { "from": 0.5, "to": 2, "step": 0.5 } },
//     "measure": ["loss", "epochs", "stopReason"] }
// Validated here (one place); every error names the field and how to fix it.
import * as v from "valibot";
import { InputError } from "../api/errors.js";
import { parseWith } from "../api/schema.js";
import { canonicalJson } from "./hash.js";

/** A list of values, or a range. */
export type AxisSpec =
  | readonly unknown[]
  /** from, from+step, … up to `to` (inclusive, within rounding). */
  | { from: number; to: number; step: number }
  /** `num` values from `from` to `to` (inclusive), evenly spaced, or geometrically with `log: true`. */
  | { from: number; to: number; num: number; log?: boolean };

/** A sweep: every combination of the axes' values, each repeated, run by one run kind. */
export interface SweepSpec {
  /** A name for reports. @default "" */
  name?: string;
  /** The run kind (see registerRunKind). @default "train" */
  kind?: string;
  /** The sweep seed: run seeds are derived from it and each run's hash. Integer ≥ 0. @default 0 */
  seed?: number;
  /** Settings shared by every run (axes override them). @default {} */
  base?: Record<string, unknown>;
  /** Settings varied: the runs are the Cartesian product of the axes, in the order given (last fastest). @default {} */
  axes?: Record<string, AxisSpec>;
  /** Runs per grid point; each gets `rep` = 0..repetitions−1 in its configuration and its own seed. @default 1 */
  repetitions?: number;
  /** The measurements to record (undefined: everything the run kind returns by default). @default undefined */
  measure?: string[];
}

/** A validated sweep with defaults filled in and axes expanded to lists. */
export interface ResolvedSweep {
  name: string;
  kind: string;
  seed: number;
  base: Record<string, unknown>;
  axes: [string, unknown[]][];
  repetitions: number;
  measure?: string[];
}

/**
 * The most runs one sweep may expand to: a million runs already make a results file of hundreds of
 * megabytes and a set of finished ids that resuming holds in memory. Larger studies: several sweeps.
 */
export const MAX_RUNS = 1_000_000;

const sweepSchema = v.strictObject({
  name: v.optional(v.string("must be a string")),
  kind: v.optional(v.pipe(v.string("must be a string"), v.nonEmpty("must name a run kind"))),
  seed: v.optional(v.pipe(v.number("must be a number"), v.safeInteger("must be an integer in [0, 2^53)"), v.minValue(0, "must be an integer in [0, 2^53)"))),
  base: v.optional(v.record(v.string(), v.unknown(), "must be an object of settings")),
  axes: v.optional(v.record(v.string(), v.unknown(), "must be an object: setting → list or range")),
  repetitions: v.optional(v.pipe(v.number("must be a number"), v.safeInteger("must be an integer ≥ 1"), v.minValue(1, "must be an integer ≥ 1"))),
  measure: v.optional(v.array(v.pipe(v.string("must be a string"), v.nonEmpty("must not be empty")), "must be a list of measurement names")),
  $schema: v.optional(v.string()),
});

/** Rounds away binary noise (0.1 + 2·0.3 → 0.7), so values and hashes read as written. */
const tidy = (v: number) => (v === 0 ? 0 : Number(v.toPrecision(12)));

/** The values of one axis (a list, or a range expanded). */
export function expandAxis(spec: unknown, field: string): unknown[] {
  if (Array.isArray(spec)) {
    if (spec.length === 0) throw new InputError(field, "is an empty list: give at least one value");
    if (spec.length > MAX_RUNS) throw new InputError(field, `has ${spec.length} values, more than the ${MAX_RUNS} runs a sweep may have: split it into several sweeps`);
    const seen = new Map<string, number>();
    spec.forEach((v, i) => {
      checkJson(v, `${field}[${i}]`);
      const key = canonicalJson(v);
      const first = seen.get(key);
      if (first !== undefined) throw new InputError(`${field}[${i}]`, `repeats ${field}[${first}] (${key.length > 40 ? `${key.slice(0, 40)}…` : key}): two runs would have the same configuration; remove repeated values`);
      seen.set(key, i);
    });
    return [...spec];
  }
  const how = "give a list of values, {from, to, step} or {from, to, num, log?: true}";
  if (typeof spec !== "object" || spec === null) throw new InputError(field, how);
  const r = spec as Record<string, unknown>;
  for (const k of Object.keys(r)) if (!["from", "to", "step", "num", "log"].includes(k)) throw new InputError(`${field}.${k}`, `unknown key: ${how}`);
  for (const k of ["from", "to"]) if (typeof r[k] !== "number" || !Number.isFinite(r[k])) throw new InputError(`${field}.${k}`, "must be a finite number");
  const from = r.from as number, to = r.to as number;
  if ((r.step === undefined) === (r.num === undefined)) throw new InputError(field, "give exactly one of step or num");
  if (r.log !== undefined && typeof r.log !== "boolean") throw new InputError(`${field}.log`, "must be true or false");
  if (r.step !== undefined) {
    const step = r.step;
    if (r.log) throw new InputError(`${field}.log`, "log ranges take num, not step");
    if (typeof step !== "number" || !(Math.abs(step) > 0) || !Number.isFinite(step)) throw new InputError(`${field}.step`, "must be a non-zero finite number");
    if ((to - from) / step < 0) throw new InputError(`${field}.step`, `goes away from "to" (${from} → ${to}): flip its sign`);
    const count = Math.floor((to - from) / step + 1e-9) + 1;
    if (count > MAX_RUNS) throw new InputError(`${field}.step`, `gives ${count} values: use a larger step`);
    return distinctRange(Array.from({ length: count }, (_, i) => tidy(from + i * step)), `${field}.step`);
  }
  const num = r.num;
  if (typeof num !== "number" || !Number.isInteger(num) || num < 1 || num > MAX_RUNS) throw new InputError(`${field}.num`, `must be an integer from 1 to ${MAX_RUNS}`);
  if (r.log && !(from > 0 && to > 0)) throw new InputError(field, "a log range needs from > 0 and to > 0");
  if (num === 1) return [from];
  return distinctRange(
    Array.from({ length: num }, (_, i) => {
      if (i === num - 1) return to;
      const t = i / (num - 1);
      return tidy(r.log ? from * Math.pow(to / from, t) : from + t * (to - from));
    }),
    `${field}.num`,
  );
}

/** A range's values must stay distinct after rounding to 12 digits (else two runs would be the same). */
function distinctRange(values: number[], field: string): number[] {
  for (let i = 1; i < values.length; i++) {
    if (values[i] === values[i - 1]) throw new InputError(field, `gives the value ${values[i]} twice (values are rounded to 12 digits): use fewer values or a wider range`);
  }
  return values;
}

function checkJson(v: unknown, field: string): void {
  if (typeof v === "number" && !Number.isFinite(v)) throw new InputError(field, "must be a finite number (JSON has no NaN or Infinity)");
  if (v === undefined || typeof v === "function" || typeof v === "bigint" || typeof v === "symbol") throw new InputError(field, "must be a JSON value");
  if (typeof v === "object" && v !== null) for (const [k, x] of Object.entries(v)) checkJson(x, Array.isArray(v) ? `${field}[${k}]` : `${field}.${k}`);
}

/** Validates a sweep (from a file or the API) and expands its axes. Throws InputError naming the field. */
export function parseSweep(input: unknown): ResolvedSweep {
  if (typeof input !== "object" || input === null || Array.isArray(input)) {
    throw new InputError("sweep", "must be a JSON object with base, axes, repetitions, measure (all optional)");
  }
  const s = parseWith(sweepSchema, input);
  const base = s.base ?? {};
  for (const [k, v] of Object.entries(base)) checkJson(v, `base.${k}`);
  if ("rep" in base) throw new InputError("base.rep", "is set by the engine (the repetition index): use repetitions");
  const axes: [string, unknown[]][] = [];
  let total = s.repetitions ?? 1;
  for (const [k, spec] of Object.entries(s.axes ?? {})) {
    if (k === "rep") throw new InputError("axes.rep", "is set by the engine (the repetition index): use repetitions");
    const values = expandAxis(spec, `axes.${k}`);
    total *= values.length;
    if (total > MAX_RUNS) throw new InputError(`axes.${k}`, `the sweep grows past ${MAX_RUNS} runs (the most one sweep may have): split it into several sweeps, each with its own --out`);
    axes.push([k, values]);
  }
  return { name: s.name ?? "", kind: s.kind ?? "train", seed: s.seed ?? 0, base, axes, repetitions: s.repetitions ?? 1, measure: s.measure };
}

/** The resolved sweep as plain JSON (what the results directory keeps as sweep.json). */
export function sweepToJson(s: ResolvedSweep): SweepSpec {
  const out: SweepSpec = { name: s.name, kind: s.kind, seed: s.seed, base: s.base, axes: Object.fromEntries(s.axes), repetitions: s.repetitions };
  if (s.measure) out.measure = s.measure;
  return out;
}
