// Shards: `i/N` splits a sweep's runs into N disjoint parts whose union is the whole sweep. Run k (in
// expansion order) belongs to shard k mod N: balanced to within one run, and the same on every
// machine. The shard can come from a flag or from the cluster engine's environment.
import { InputError } from "../api/errors.js";

/** Shard `index` of `count` (0 ≤ index < count). */
export interface Shard {
  index: number;
  count: number;
}

/** Parses "i/N" (0-based i). */
export function parseShard(text: string, field = "shard"): Shard {
  const m = /^\s*(\d+)\s*\/\s*(\d+)\s*$/.exec(text);
  if (!m) throw new InputError(field, `got "${text}": give i/N with 0 ≤ i < N, e.g. 0/4`);
  return checkShard(Number(m[1]), Number(m[2]), field);
}

function checkShard(index: number, count: number, field: string): Shard {
  if (!Number.isSafeInteger(count) || count < 1) throw new InputError(field, `the shard count must be an integer ≥ 1 (got ${count})`);
  if (!Number.isSafeInteger(index) || index < 0 || index >= count) throw new InputError(field, `the shard index must be in 0..${count - 1} (got ${index})`);
  return { index, count };
}

/**
 * The shard given by a cluster engine's environment, or undefined:
 * - Slurm array jobs: SLURM_ARRAY_TASK_ID with SLURM_ARRAY_TASK_COUNT (index relative to
 *   SLURM_ARRAY_TASK_MIN, so `--array=1-8` works too);
 * - Kubernetes indexed Jobs: JOB_COMPLETION_INDEX with the completions count from
 *   RELU_LANDSCAPE_SHARDS (or `completions`, the --completions flag).
 */
export function shardFromEnv(env: Record<string, string | undefined>, completions?: number): Shard | undefined {
  const int = (name: string) => {
    const v = env[name];
    if (v === undefined || v === "") return undefined;
    if (!/^\d+$/.test(v.trim())) throw new InputError(name, `got "${v}": must be a non-negative integer`);
    return Number(v);
  };
  const slurmId = int("SLURM_ARRAY_TASK_ID");
  if (slurmId !== undefined) {
    const count = int("SLURM_ARRAY_TASK_COUNT");
    if (count === undefined) throw new InputError("SLURM_ARRAY_TASK_COUNT", "is not set while SLURM_ARRAY_TASK_ID is: run as an array job (sbatch --array=0-N)");
    return checkShard(slurmId - (int("SLURM_ARRAY_TASK_MIN") ?? 0), count, "SLURM_ARRAY_TASK_ID");
  }
  const k8s = int("JOB_COMPLETION_INDEX");
  if (k8s !== undefined) {
    const count = completions ?? int("RELU_LANDSCAPE_SHARDS");
    if (count === undefined) throw new InputError("JOB_COMPLETION_INDEX", "needs the completions count: set RELU_LANDSCAPE_SHARDS or pass --completions N");
    return checkShard(k8s, count, "JOB_COMPLETION_INDEX");
  }
  return undefined;
}

/** The runs of one shard (by expansion index). */
export function selectShard<T extends { index: number }>(runs: T[], shard: Shard | undefined): T[] {
  if (!shard || shard.count === 1) return runs;
  return runs.filter((r) => r.index % shard.count === shard.index);
}

/** The results file name of a shard (distinct per shard, so shards may share a directory). */
export function resultsFileName(shard: Shard | undefined): string {
  return !shard || shard.count === 1 ? "results.jsonl" : `results.shard-${shard.index}-of-${shard.count}.jsonl`;
}
