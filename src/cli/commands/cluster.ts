// `relu-landscape cluster slurm|k8s <command> [its flags] --tasks N ...`: writes (and for Slurm, with
// --submit, submits) the job that runs a shardable command as N tasks, task k running shard k into
// OUT/task-k, then merges them into OUT. The text comes from src/cluster (the README shows it too).
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import { dirname, join, resolve } from "node:path";
import type { Command, Option } from "commander";
import { InputError } from "../../api/errors.js";
import { type CommandSpec, prepareCommand, type PreparedCommand } from "../../cluster/command.js";
import { taskPrefix } from "../../cluster/files.js";
import { k8sManifests } from "../../cluster/k8s.js";
import { shJoin, shQuote } from "../../cluster/shell.js";
import { slurmScripts } from "../../cluster/slurm.js";
import { EXPERIMENT_RUNS_DIR, shardOfFile } from "../../sweep/merge.js";
import { resultFiles } from "../../sweep/results.js";
import { VERSION } from "../../version.js";
import { num } from "../problem-options.js";
import { runAction } from "../run-action.js";

interface CommonFlags {
  tasks: string;
  cpusPerTask?: string;
  jobName?: string;
  launcher?: string;
  setup?: string[];
}
interface SlurmFlags extends CommonFlags {
  time?: string;
  partition?: string;
  sbatch?: string[];
  submit?: boolean;
}
interface K8sFlags extends CommonFlags {
  parallelism?: string;
  image?: string;
  claim?: string;
  mount?: string;
}

const collect = (v: string, acc: string[] | undefined) => [...(acc ?? []), v];

/** The commands of the program and their options (what prepareCommand checks a command line against). */
export function commandSpecs(program: Command): CommandSpec[] {
  return program.commands.map((c) => ({
    name: c.name(),
    options: c.options.map((o: Option) => ({ long: o.long, short: o.short, required: o.required, optional: o.optional, variadic: o.variadic, defaultValue: o.defaultValue })),
  }));
}

/** The launcher of the installation running now: this Node and this CLI file, absolute. */
function thisInstallation(): string {
  const cli = fs.realpathSync(process.argv[1]);
  return [process.execPath, ...process.execArgv, cli].map(shQuote).join(" ");
}

/** The command line as typed (for the scripts' headers). */
const typed = () => `relu-landscape ${shJoin(process.argv.slice(2))}`;

/** Runs the command for task 0 with --dry-run here: a bad command line fails now, not on every task. */
function dryRun(job: PreparedCommand, tasks: number): string {
  const args = [process.argv[1], job.command, ...job.args, "--out", `${taskPrefix(job.out)}0`, "--shard", `0/${tasks}`, "--dry-run"];
  const r = spawnSync(process.execPath, [...process.execArgv, ...args], { encoding: "utf8", timeout: 300_000 });
  if (r.status !== 0) {
    const why = (r.stderr || r.stdout || "").trim().split("\n").pop() ?? "";
    throw new InputError(job.command, `the command fails its dry run (task 0): ${why.replace(/^error: /, "")}`);
  }
  return r.stdout.trim();
}

/** Refuses when OUT already holds task directories of another shard count (their runs would be recorded twice). */
function checkExistingTasks(out: string, tasks: number): void {
  if (!fs.existsSync(out)) return;
  for (const name of fs.readdirSync(out).filter((n) => /^task-\d+$/.test(n)).sort()) {
    for (const dir of [join(out, name), join(out, name, EXPERIMENT_RUNS_DIR)]) {
      for (const file of resultFiles(fs, dir)) {
        const s = shardOfFile(file);
        if (s && s.count !== tasks) throw new InputError("--tasks", `${file} is shard ${s.index} of ${s.count}: give --tasks ${s.count} to resume those tasks, or another --out`);
      }
    }
  }
}

function common(words: string[], f: CommonFlags, program: Command) {
  const job = prepareCommand(words, commandSpecs(program).filter((c) => c.name !== "cluster"));
  const tasks = num(f.tasks, "tasks", { int: true, min: 1 })!;
  checkExistingTasks(job.out, tasks);
  const cpusPerTask = num(f.cpusPerTask, "cpus-per-task", { int: true, min: 1 });
  return { job, tasks, cpusPerTask };
}

function write(path: string, text: string, mode = 0o644): void {
  fs.mkdirSync(dirname(path), { recursive: true });
  const tmp = `${path}.tmp-${process.pid}`;
  fs.writeFileSync(tmp, text, { mode });
  fs.renameSync(tmp, path);
}

function sbatch(args: string[]): string {
  const r = spawnSync("sbatch", ["--parsable", ...args], { encoding: "utf8" });
  if (r.error) throw new InputError("--submit", `cannot run sbatch (${(r.error as NodeJS.ErrnoException).code ?? r.error.message}): run on a Slurm login node, or submit the scripts yourself`);
  if (r.status !== 0) throw new Error(`sbatch ${args.join(" ")} failed: ${(r.stderr || r.stdout).trim()}`);
  return r.stdout.trim().split(";")[0];
}

export function registerCluster(program: Command): void {
  const cluster = program.command("cluster").description("run a sweep or an experiment as an array of tasks on a cluster (Slurm, Kubernetes): one shard per task, then a merge");
  const shared = (c: Command) =>
    c
      .argument("<command...>", "the command and its flags, as for a local run (e.g. sweep sweep.json --out results); put it after -- if a flag has the name of one of these")
      .requiredOption("--tasks <N>", "number of tasks = shards (task k runs --shard k/N into OUT/task-k)")
      .option("--cpus-per-task <C>", "CPUs per task, also the command's --workers unless given (default 1)")
      .option("--job-name <name>", "job name (default rl-<command>)")
      .option("--setup <line>", "a shell line each task runs first, e.g. 'module load nodejs/20' (repeatable)", collect)
      .allowUnknownOption()
      .allowExcessArguments();
  shared(cluster.command("slurm"))
    .description("write an sbatch array script (task k runs shard k into OUT/task-k) and a merge script (--dependency=afterok), print them; --submit runs sbatch")
    .option("--launcher <shell>", "shell text running relu-landscape on the nodes, version-checked by every task (default: this installation, node and its dist/cli.js, absolute)")
    .option("--time <T>", "time limit per task (minutes, HH:MM:SS, D-HH:MM:SS; default: the partition's)")
    .option("--partition <P>", "partition (default: the cluster's default)")
    .option("--sbatch <option>", "another sbatch option for both jobs, e.g. --sbatch mem=8G --sbatch account=proj (repeatable)", collect)
    .option("--submit", "submit the array and the merge (after every task succeeded) with sbatch; prints the job ids")
    .action(
      runAction(async (words: string[], f: SlurmFlags) => {
        const { job, tasks, cpusPerTask } = common(words, f, program);
        const s = slurmScripts({
          job, tasks, cpusPerTask, time: f.time, partition: f.partition, name: f.jobName, sbatch: f.sbatch, setup: f.setup,
          launcher: f.launcher ?? thisInstallation(), version: VERSION, cwd: resolve("."), generatedBy: typed(),
        });
        if (job.dryRun) console.error(`checked (task 0, --dry-run): ${dryRun(job, tasks)}`);
        write(s.files.tasks, s.tasks, 0o755);
        write(s.files.merge, s.merge, 0o755);
        fs.mkdirSync(s.files.logs, { recursive: true }); // sbatch does not create the log directory
        process.stdout.write(`# ---- ${s.files.tasks} ----\n${s.tasks}# ---- ${s.files.merge} ----\n${s.merge}`);
        console.error(`wrote ${s.files.tasks} and ${s.files.merge} (logs in ${s.files.logs}/)`);
        if (!f.submit) {
          console.error(`submit:\n  ${s.submit}`);
          return;
        }
        const array = sbatch([s.files.tasks]);
        let merge: string;
        try {
          merge = sbatch([`--dependency=afterok:${array}`, s.files.merge]);
        } catch (e) {
          throw new Error(`submitted array job ${array}, but not the merge job (${e instanceof Error ? e.message : String(e)}): submit it with sbatch --dependency=afterok:${array} ${s.files.merge}`);
        }
        console.log(`submitted array job ${array} (tasks 0-${tasks - 1}) and merge job ${merge} (after every task succeeded)`);
        console.error(`resubmit a failed or cancelled task K (it resumes its shard):\n  ${s.resubmit}`);
      }),
    );
  shared(cluster.command("k8s"))
    .description("write a Kubernetes indexed Job (index k runs shard k into OUT/task-k on a shared volume) and a merge Job, print them")
    .option("--launcher <shell>", `shell text running relu-landscape in the container, version-checked by every pod (default: npx --yes relu-landscape@${VERSION})`)
    .option("--parallelism <P>", "pods at once (default: --tasks)")
    .option("--image <image>", "container image with Node ≥ 20 (default node:20)")
    .option("--claim <pvc>", "PersistentVolumeClaim shared by all pods: holds the inputs and OUT (default relu-landscape-data)")
    .option("--mount <path>", "where the volume is mounted, the pods' working directory: the command's paths are relative to it (default /data)")
    .action(
      runAction(async (words: string[], f: K8sFlags) => {
        const { job, tasks, cpusPerTask } = common(words, f, program);
        const m = k8sManifests({
          job, tasks, cpusPerTask, name: f.jobName, setup: f.setup, parallelism: num(f.parallelism, "parallelism", { int: true, min: 1 }),
          image: f.image, claim: f.claim, mount: f.mount, launcher: f.launcher ?? `npx --yes relu-landscape@${VERSION}`, version: VERSION, generatedBy: typed(),
        });
        write(m.files.job, m.job);
        write(m.files.merge, m.merge);
        process.stdout.write(`# ---- ${m.files.job} ----\n${m.job}# ---- ${m.files.merge} ----\n${m.merge}`);
        console.error(`wrote ${m.files.job} and ${m.files.merge} (the command's paths are relative to the volume at ${f.mount ?? "/data"}); submit:\n  ${m.submit.split("\n").join("\n  ")}`);
      }),
    );
}
