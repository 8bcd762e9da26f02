// Where the cluster generators put things, relative to the command's --out directory OUT: task k
// writes OUT/task-k (its shard), the merge step writes OUT (as a local run would), the scripts and
// their logs go to OUT/slurm or OUT/k8s. Plain strings (POSIX paths), no Node built-ins.

/** `a/b` without doubled or trailing slashes. */
export function joinPath(dir: string, name: string): string {
  const d = dir.replace(/\/+$/, "");
  return d === "" ? (dir.startsWith("/") ? `/${name}` : name) : `${d}/${name}`;
}

/** The prefix of the per-task output directories: task k writes `${taskPrefix(out)}${k}`. */
export function taskPrefix(out: string): string {
  return joinPath(out, "task-");
}

/** The files of a Slurm submission. */
export function slurmFiles(out: string): { dir: string; tasks: string; merge: string; logs: string } {
  const dir = joinPath(out, "slurm");
  return { dir, tasks: joinPath(dir, "tasks.sbatch"), merge: joinPath(dir, "merge.sbatch"), logs: joinPath(dir, "logs") };
}

/** The files of a Kubernetes submission. */
export function k8sFiles(out: string): { dir: string; job: string; merge: string } {
  const dir = joinPath(out, "k8s");
  return { dir, job: joinPath(dir, "job.yaml"), merge: joinPath(dir, "merge.yaml") };
}
