// The runs of a sweep: the Cartesian product of the axes (first axis slowest, repetitions fastest),
// each with its stable id (hash of kind + configuration) and derived seed. Runs are computed from
// their index, so a sweep can be counted, sharded and walked without holding every run in memory.
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

/** A shard: run k belongs to shard k mod count (as in shard.ts). */
interface ShardLike {
  index: number;
  count: number;
}

const resolve = (s: SweepSpec | ResolvedSweep): ResolvedSweep =>
  Array.isArray((s as ResolvedSweep).axes) ? (s as ResolvedSweep) : parseSweep(s);

/** The number of runs of a sweep (grid points × repetitions). */
export function runCount(sweep: SweepSpec | ResolvedSweep): number {
  const s = resolve(sweep);
  return s.axes.reduce((a, [, v]) => a * v.length, 1) * s.repetitions;
}

/** The number of runs of one shard of `total` runs. */
export function shardRunCount(total: number, shard?: ShardLike): number {
  if (!shard || shard.count === 1) return total;
  return shard.index < total ? Math.floor((total - 1 - shard.index) / shard.count) + 1 : 0;
}

/** Whether run `index` belongs to `shard`. */
export const inShard = (index: number, shard?: ShardLike): boolean => !shard || shard.count === 1 || index % shard.count === shard.index;

/** The configuration of grid point `point` (rep not set). */
function pointConfig(s: ResolvedSweep, point: number): Record<string, unknown> {
  const config: Record<string, unknown> = { ...s.base };
  const picks = new Array<number>(s.axes.length);
  let rest = point;
  for (let i = s.axes.length - 1; i >= 0; i--) {
    const size = s.axes[i][1].length;
    picks[i] = rest % size;
    rest = Math.floor(rest / size);
  }
  s.axes.forEach(([k, values], i) => (config[k] = values[picks[i]]));
  return config;
}

/** Run number `index` of a resolved sweep (0 ≤ index < runCount). */
export function runAt(s: ResolvedSweep, index: number): RunSpec {
  const rep = index % s.repetitions;
  const config = { ...pointConfig(s, Math.floor(index / s.repetitions)), rep };
  const id = runId(s.kind, config);
  return { id, index, rep, seed: deriveSeed(s.seed, id), config };
}

/** The runs of a sweep (or of one shard) in expansion order, computed one at a time. */
export function* iterateRuns(sweep: SweepSpec | ResolvedSweep, shard?: ShardLike): Generator<RunSpec> {
  const s = resolve(sweep);
  const total = runCount(s);
  const step = shard && shard.count > 1 ? shard.count : 1;
  for (let i = step > 1 ? shard!.index : 0; i < total; i += step) yield runAt(s, i);
}

/**
 * Every run of a sweep, in expansion order. Deterministic: same sweep → same ids, seeds, order.
 * Distinct configurations are guaranteed by parseSweep (no axis repeats a value).
 */
export function expandSweep(sweep: SweepSpec | ResolvedSweep): RunSpec[] {
  return [...iterateRuns(sweep)];
}

/** The configurations of the grid points with rep 0 (what validators see), one at a time. */
function* firstRepetitions(s: ResolvedSweep): Generator<Record<string, unknown>> {
  const points = runCount(s) / s.repetitions;
  for (let p = 0; p < points; p++) yield { ...pointConfig(s, p), rep: 0 };
}

/**
 * Checks every configuration with the run kind's `validate` (when the kind is registered here) and
 * names the field as `axes.key` or `base.key`. Without `runs`, walks the grid points one at a time.
 */
export function validateRuns(sweep: ResolvedSweep, runs?: Iterable<RunSpec>): void {
  const kind = getRunKind(sweep.kind);
  if (kind?.measures && sweep.measure) {
    sweep.measure.forEach((m, i) => {
      if (!kind.measures!.includes(m)) throw new InputError(`measure[${i}]`, `"${m}" is not a measurement of "${sweep.kind}" runs: use ${kind.measures!.join(", ")}`);
    });
  }
  if (!kind?.validate) return;
  const axisKeys = new Set(sweep.axes.map(([k]) => k));
  const configs = runs ? (function* () {
    for (const r of runs) if (r.rep === 0) yield r.config; // rep changes nothing a validator checks
  })() : firstRepetitions(sweep);
  for (const config of configs) {
    try {
      kind.validate(config);
    } catch (e) {
      if (!(e instanceof InputError)) throw e;
      const key = e.field.split(/[.[]/)[0];
      const where = axisKeys.has(key) ? "axes" : "base";
      const msg = e.message.slice(e.field.length + 2);
      throw new InputError(`${where}.${e.field}`, axisKeys.has(key) ? `${msg} (value ${JSON.stringify(config[key])})` : msg);
    }
  }
}
