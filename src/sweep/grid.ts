// The runs of a sweep: the Cartesian product of the axes (first axis slowest, repetitions fastest),
// each with its stable id (hash of kind + configuration) and derived seed.
import { InputError } from "../api/errors.js";
import { deriveSeed, runId } from "./hash.js";
import { getRunKind } from "./run-kinds.js";
import { type ResolvedSweep, type SweepSpec, parseSweep } from "./spec.js";

/** One run of a sweep. */
export interface RunSpec {
  /** Stable id: FNV-1a 64 of the canonical JSON of { kind, config } (16 hex digits). */
  id: string;
  /** Position in the sweep's expansion order. */
  index: number;
  /** Repetition index (also config.rep). */
  rep: number;
  /** The seed passed to the run kind (from the sweep seed and id). */
  seed: number;
  /** base + this point of the axes + rep. */
  config: Record<string, unknown>;
}

const resolve = (s: SweepSpec | ResolvedSweep): ResolvedSweep =>
  Array.isArray((s as ResolvedSweep).axes) ? (s as ResolvedSweep) : parseSweep(s);

/** Every run of a sweep, in expansion order. Deterministic: same sweep → same ids, seeds, order. */
export function expandSweep(sweep: SweepSpec | ResolvedSweep): RunSpec[] {
  const s = resolve(sweep);
  const runs: RunSpec[] = [];
  const sizes = s.axes.map(([, v]) => v.length);
  const points = sizes.reduce((a, b) => a * b, 1);
  const pick = new Array<number>(sizes.length).fill(0);
  for (let p = 0; p < points; p++) {
    let rest = p;
    for (let i = sizes.length - 1; i >= 0; i--) {
      pick[i] = rest % sizes[i];
      rest = Math.floor(rest / sizes[i]);
    }
    const point: Record<string, unknown> = { ...s.base };
    s.axes.forEach(([k, values], i) => (point[k] = values[pick[i]]));
    for (let rep = 0; rep < s.repetitions; rep++) {
      const config = { ...point, rep };
      const id = runId(s.kind, config);
      runs.push({ id, index: runs.length, rep, seed: deriveSeed(s.seed, id), config });
    }
  }
  const seen = new Set<string>();
  for (const r of runs) {
    if (seen.has(r.id)) throw new InputError("axes", `two runs have the same configuration (${JSON.stringify(r.config)}): remove repeated axis values`);
    seen.add(r.id);
  }
  return runs;
}

/**
 * Checks every configuration with the run kind's `validate` (when the kind is registered here) and
 * names the field as `axes.key` or `base.key`.
 */
export function validateRuns(sweep: ResolvedSweep, runs: RunSpec[]): void {
  const kind = getRunKind(sweep.kind);
  if (kind?.measures && sweep.measure) {
    sweep.measure.forEach((m, i) => {
      if (!kind.measures!.includes(m)) throw new InputError(`measure[${i}]`, `"${m}" is not a measurement of "${sweep.kind}" runs: use ${kind.measures!.join(", ")}`);
    });
  }
  if (!kind?.validate) return;
  const axisKeys = new Set(sweep.axes.map(([k]) => k));
  const checked = new Set<string>();
  for (const r of runs) {
    if (r.rep > 0) continue; // rep changes nothing a validator checks
    try {
      kind.validate(r.config);
    } catch (e) {
      if (!(e instanceof InputError)) throw e;
      const key = e.field.split(/[.[]/)[0];
      const where = axisKeys.has(key) ? "axes" : "base";
      const msg = e.message.slice(e.field.length + 2);
      const id = `${where}.${e.field}:${msg}`;
      if (checked.has(id)) continue;
      checked.add(id);
      throw new InputError(`${where}.${e.field}`, axisKeys.has(key) ? `${msg} (value ${JSON.stringify(r.config[key])})` : msg);
    }
  }
}
