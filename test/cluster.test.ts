// The cluster generators without a cluster: the command line checked up front; the Slurm scripts
// and the Kubernetes container commands run here by sh/bash with the environment each task would
// see (SLURM_ARRAY_TASK_ID, JOB_COMPLETION_INDEX), then their merge step: the same records as an
// unsharded run; the version check refuses another version; the README section is this code's
// output. (test/slurm.test.ts submits the same scripts to a real Slurm.)
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { parse } from "yaml";
import { buildProgram } from "../src/cli/program.js";
import { commandSpecs } from "../src/cli/commands/cluster.js";
import { prepareCommand } from "../src/cluster/command.js";
import { shQuote } from "../src/cluster/shell.js";
import { slurmScripts } from "../src/cluster/slurm.js";
import { parseJsonl, type RunRecord } from "../src/sweep/results.js";
import { VERSION } from "../src/version.js";
import { clusterSection, withSection } from "../scripts/readme-cluster.js";

const CLI = fileURLToPath(new URL("../dist/cli.js", import.meta.url));
const README = fileURLToPath(new URL("../README.md", import.meta.url));
const made: string[] = [];
afterAll(() => made.forEach((d) => rmSync(d, { recursive: true, force: true })));
const tmp = () => {
  const d = mkdtempSync(join(tmpdir(), "cluster-test-"));
  made.push(d);
  return d;
};
const SWEEP = { name: "tiny", kind: "train", seed: 5, repetitions: 2, base: { n: 8, d: 3, lambda: 0.01, maxEpochs: 400, lr: 0.02 }, axes: { m: [3, 6, 9], alpha: [0.5, 1] }, measure: ["loss", "epochs"] };
const records = (file: string): RunRecord[] => parseJsonl(readFileSync(file, "utf8"), file).records;
const comparable = (rs: RunRecord[]) => [...rs].sort((a, b) => a.index - b.index).map(({ seconds: _s, ...r }) => r);
const run = (cmd: string, args: string[], cwd: string, env: Record<string, string> = {}) =>
  spawnSync(cmd, args, { cwd, encoding: "utf8", env: { ...process.env, ...env }, timeout: 120_000 });
const cli = (args: string[], cwd: string) => run(process.execPath, [CLI, ...args], cwd);

/** A directory with the sweep file and its unsharded results in local/. */
function workDir(): string {
  const dir = tmp();
  writeFileSync(join(dir, "s.json"), JSON.stringify(SWEEP));
  const r = cli(["sweep", "s.json", "--out", "local", "--quiet", "--workers", "0"], dir);
  expect(r.stderr).toBe("");
  return dir;
}

const specs = commandSpecs(buildProgram()).filter((c) => c.name !== "cluster");

describe("the command of a cluster job", () => {
  it("takes the command verbatim, takes --out out, and knows whether to set --workers", () => {
    expect(prepareCommand(["sweep", "s.json", "--out", "r", "--retry-failed", "--module", "a.js", "b.js"], specs)).toEqual({
      command: "sweep", args: ["s.json", "--retry-failed", "--module", "a.js", "b.js"], out: "r", setWorkers: true, dryRun: true,
    });
    expect(prepareCommand(["sweep", "--out=r", "s.json", "--workers", "3"], specs)).toMatchObject({ args: ["s.json", "--workers", "3"], out: "r", setWorkers: false });
  });

  it("refuses up front what no task could run", () => {
    const err = (words: string[]) => {
      try {
        prepareCommand(words, specs);
      } catch (e) {
        return (e as Error).message;
      }
      return "no error";
    };
    expect(err(["train", "--m", "5"])).toMatch(/^train: cannot be split into array tasks: it has no --shard option \(shardable: .*\bsweep\b/);
    expect(err(["swep", "s.json"])).toMatch(/^command: unknown command "swep"/);
    expect(err(["sweep", "s.json"])).toBe("--out: sweep needs --out DIR: each task writes DIR/task-k, the merge DIR");
    expect(err(["sweep", "s.json", "--out", "r", "--shard", "0/2"])).toMatch(/^--shard: is set per task/);
    expect(err(["sweep", "s.json", "--out", "r", "--dry-run"])).toMatch(/^--dry-run: /);
    expect(err(["sweep", "s.json", "--out", "r", "--bogus"])).toBe("--bogus: is not an option of sweep (relu-landscape sweep --help lists them)");
    expect(err(["sweep", "s.json", "--out"])).toBe("--out: needs a value");
  });

  it("no shardable command has an option named like one of cluster's (they would be taken by cluster)", () => {
    const program = buildProgram();
    const cluster = program.commands.find((c) => c.name() === "cluster")!;
    const own = new Set(cluster.commands.flatMap((c) => c.options.map((o) => o.long)));
    const shardable = specs.filter((c) => c.options.some((o) => o.long === "--shard"));
    expect(shardable.map((c) => c.name)).toContain("sweep");
    for (const c of shardable) expect(c.options.map((o) => o.long).filter((l) => own.has(l)), c.name).toEqual([]);
  });

  it("quotes words for the shell", () => {
    for (const w of ["plain.json", "with space", "it's", "$HOME", "a\"b", "", "-x"]) {
      expect(run("sh", ["-c", `printf %s ${shQuote(w)}`], tmpdir()).stdout).toBe(w);
    }
  });
});

describe("cluster slurm (the scripts run by bash, as Slurm would)", () => {
  it("3 tasks, each its own shard and directory, then the merge script: the records of the unsharded run", () => {
    const dir = workDir();
    const g = cli(["cluster", "slurm", "sweep", "s.json", "--out", "res", "--tasks", "3", "--cpus-per-task", "2", "--setup", "echo setup-ran"], dir);
    expect(g.status).toBe(0);
    expect(g.stderr).toMatch(/checked \(task 0, --dry-run\): sweep tiny \(train\): 12 runs .*shard 0\/3: 4 runs, 0 finished in res\/task-0, 4 to run/);
    const tasks = readFileSync(join(dir, "res/slurm/tasks.sbatch"), "utf8");
    expect(g.stdout).toBe(`# ---- res/slurm/tasks.sbatch ----\n${tasks}# ---- res/slurm/merge.sbatch ----\n${readFileSync(join(dir, "res/slurm/merge.sbatch"), "utf8")}`);
    expect(tasks).toContain(`#SBATCH --chdir=${dir}`);
    expect(tasks).toContain(`${shQuote(process.execPath)} ${CLI} "$@"`); // the default launcher: this installation
    expect(existsSync(join(dir, "res/slurm/logs"))).toBe(true);
    for (let k = 0; k < 3; k++) {
      const t = run("bash", ["res/slurm/tasks.sbatch"], dir, { SLURM_ARRAY_TASK_ID: String(k), SLURM_CPUS_PER_TASK: "2" });
      expect(t.status, t.stderr).toBe(0);
      expect(t.stdout).toMatch(new RegExp(`^setup-ran\\nsweep tiny \\(shard ${k}/3\\): 4 runs, 0 already done, 4 ran`));
      expect(records(join(dir, `res/task-${k}/results.shard-${k}-of-3.jsonl`)).map((r) => r.index % 3)).toEqual([k, k, k, k]);
    }
    const m = run("bash", ["res/slurm/merge.sbatch"], dir);
    expect(m.status, m.stderr).toBe(0);
    expect(m.stdout).toMatch(/^2\/3 +4 +4 +0 +0 +0$/m);
    expect(comparable(records(join(dir, "res/results.jsonl")))).toEqual(comparable(records(join(dir, "local/results.jsonl"))));
    // a rerun task has nothing left to do
    expect(run("bash", ["res/slurm/tasks.sbatch"], dir, { SLURM_ARRAY_TASK_ID: "1" }).stdout).toMatch(/4 runs, 4 already done, 0 ran/);
    // another task count for the same directory would record runs twice: refused
    const other = cli(["cluster", "slurm", "sweep", "s.json", "--out", "res", "--tasks", "2"], dir);
    expect(other.status).toBe(2);
    expect(other.stderr.trim()).toBe("error: --tasks: res/task-0/results.shard-0-of-3.jsonl is shard 0 of 3: give --tasks 3 to resume those tasks, or another --out");
  });

  it("a task whose launcher runs another version (or fails) stops before running anything", () => {
    const dir = workDir();
    const gen = (launcher: string) => cli(["cluster", "slurm", "sweep", "s.json", "--out", "res", "--tasks", "2", "--launcher", launcher], dir);
    expect(gen("echo 9.9.9; true").status).toBe(0);
    let t = run("bash", ["res/slurm/tasks.sbatch"], dir, { SLURM_ARRAY_TASK_ID: "0" });
    expect(t.status).toBe(1);
    expect(t.stderr.trim()).toBe(`error: this job needs relu-landscape ${VERSION}; the launcher runs 9.9.9: install ${VERSION} or fix --launcher`);
    expect(existsSync(join(dir, "res/task-0"))).toBe(false);
    expect(gen("false").status).toBe(0);
    t = run("bash", ["res/slurm/tasks.sbatch"], dir, { SLURM_ARRAY_TASK_ID: "0" });
    expect(t.status).toBe(1);
    expect(t.stderr).toMatch(/error: the launcher cannot run relu-landscape/);
    // outside an array job
    expect(gen(`node ${CLI}`).status).toBe(0);
    t = run("bash", ["res/slurm/tasks.sbatch"], dir, { SLURM_ARRAY_TASK_ID: "" });
    expect(t.status).not.toBe(0);
    expect(t.stderr).toMatch(/SLURM_ARRAY_TASK_ID: is not set: submit this script with sbatch/);
  });

  it("refuses a bad command line before writing anything (exit 2, one line)", () => {
    const dir = workDir();
    const bad = (args: string[], message: RegExp) => {
      const r = cli(["cluster", "slurm", ...args], dir);
      expect(r.status).toBe(2);
      if (r.stderr.startsWith("error: ") && !/required option/.test(r.stderr)) expect(r.stderr.trim().split("\n")).toHaveLength(1);
      expect(r.stderr).toMatch(message);
      expect(existsSync(join(dir, "res"))).toBe(false);
    };
    bad(["sweep", "missing.json", "--out", "res", "--tasks", "2"], /^error: sweep: the command fails its dry run \(task 0\): sweep file: cannot read missing\.json/);
    bad(["sweep", "s.json", "--out", "res", "--tasks", "0"], /^error: --tasks: got "0": give an integer ≥ 1/);
    bad(["sweep", "s.json", "--out", "res", "--tasks", "2", "--time", "2h"], /^error: --time: got "2h"/);
    bad(["sweep", "s.json", "--out", "res"], /required option '--tasks <N>' not specified/);
    bad(["train", "--tasks", "2"], /^error: train: cannot be split into array tasks/);
    bad(["sweep", "s.json", "--out", "my res", "--tasks", "2"], /^error: --out: got "my res": the output directory must not contain spaces/);
  });

  it("writes the same scripts for the same options (the README shows them)", () => {
    const job = prepareCommand(["sweep", "w.json", "--out", "r"], specs);
    const o = { job, tasks: 4, version: VERSION, cwd: "/p", launcher: "relu-landscape" };
    expect(slurmScripts(o)).toEqual(slurmScripts(o));
    expect(slurmScripts(o).tasks).toContain(`rl sweep w.json --out "r/task-$task" --shard "$task/4" --workers "\${SLURM_CPUS_PER_TASK:-1}"`);
    expect(slurmScripts({ ...o, job: prepareCommand(["sweep", "w.json", "--out", "r", "--workers", "2"], specs) }).tasks).toMatch(/--shard "\$task\/4"\n$/);
  });
});

describe("cluster k8s (the container commands run by sh, as the pods would)", () => {
  it("an indexed Job whose pods run the shards and a merge Job: the records of the unsharded run", () => {
    const dir = workDir();
    const g = cli(["cluster", "k8s", "sweep", "s.json", "--out", "res", "--tasks", "3", "--cpus-per-task", "2", "--claim", "my-data", "--launcher", `node ${CLI}`], dir);
    expect(g.status, g.stderr).toBe(0);
    const job = parse(readFileSync(join(dir, "res/k8s/job.yaml"), "utf8"));
    const merge = parse(readFileSync(join(dir, "res/k8s/merge.yaml"), "utf8"));
    expect(job).toMatchObject({ apiVersion: "batch/v1", kind: "Job", metadata: { name: "rl-sweep" }, spec: { completionMode: "Indexed", completions: 3, parallelism: 3 } });
    const pod = job.spec.template.spec;
    expect(pod.restartPolicy).toBe("OnFailure");
    expect(pod.volumes).toEqual([{ name: "data", persistentVolumeClaim: { claimName: "my-data" } }]);
    expect(pod.containers[0]).toMatchObject({ image: "node:20", workingDir: "/data", resources: { requests: { cpu: "2" } }, volumeMounts: [{ name: "data", mountPath: "/data" }] });
    const [sh, c, script] = pod.containers[0].command;
    expect([sh, c]).toEqual(["sh", "-c"]);
    expect(script).toContain('--shard "$task/3" --workers 2');
    for (let k = 0; k < 3; k++) {
      const t = run("sh", ["-c", script], dir, { JOB_COMPLETION_INDEX: String(k) });
      expect(t.status, t.stderr).toBe(0);
    }
    expect(merge.metadata.name).toBe("rl-sweep-merge");
    const m = run("sh", ["-c", merge.spec.template.spec.containers[0].command[2]], dir);
    expect(m.status, m.stderr).toBe(0);
    expect(comparable(records(join(dir, "res/results.jsonl")))).toEqual(comparable(records(join(dir, "local/results.jsonl"))));
    // the default launcher pins the version on the registry
    const d = cli(["cluster", "k8s", "sweep", "s.json", "--out", "res", "--tasks", "3"], dir);
    expect(d.stdout).toContain(`npx --yes relu-landscape@${VERSION} "$@"`);
    expect(cli(["cluster", "k8s", "sweep", "s.json", "--out", "res", "--tasks", "3", "--job-name", "Big_Name"], dir).stderr).toMatch(/^error: --job-name: got "Big_Name": a Kubernetes name/);
  });
});

describe("README", () => {
  it("its cluster section is what scripts/readme-cluster.ts generates (run npm run readme after changing src/cluster)", () => {
    const readme = readFileSync(README, "utf8");
    expect(withSection(readme, clusterSection()) === readme, "README.md's cluster section is stale: run npm run readme").toBe(true);
  });
});
