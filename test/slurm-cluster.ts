// A one-node Slurm cluster for tests, from Debian's packages: installed when missing (root and
// apt-get), started in a fresh temporary directory with its own munged (own key and socket) and
// its own ports, stopped by its pid files. Nothing outside the temporary directory is touched
// besides the package installation.
import { spawnSync, type SpawnSyncReturns } from "node:child_process";
import { randomBytes } from "node:crypto";
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { hostname, tmpdir } from "node:os";
import { join } from "node:path";

/** RELU_LANDSCAPE_SKIP_SLURM=1 skips the Slurm tests explicitly (they fail when Slurm is unavailable otherwise). */
export const SKIP_SLURM = process.env.RELU_LANDSCAPE_SKIP_SLURM === "1";

const PACKAGES = ["slurmctld", "slurmd", "slurm-client", "munge"];
const TOOLS = ["slurmctld", "slurmd", "sbatch", "squeue", "scancel", "scontrol", "sinfo", "munged", "munge", "unmunge"];
const PATH = `${process.env.PATH ?? ""}:/usr/sbin:/sbin`;

const sh = (script: string, env: NodeJS.ProcessEnv = {}, timeout = 300_000): SpawnSyncReturns<string> =>
  spawnSync("sh", ["-c", script], { encoding: "utf8", env: { ...process.env, PATH, ...env }, timeout });

const missingTools = () => TOOLS.filter((t) => sh(`command -v ${t}`).status !== 0);

/** Installs Slurm and munge with apt-get when missing (saying so in one line); throws one line when it cannot. */
export function ensureSlurmInstalled(): void {
  const missing = missingTools();
  if (missing.length === 0) return;
  const how = `apt-get install -y --no-install-recommends ${PACKAGES.join(" ")}`;
  const root = process.getuid?.() === 0;
  const apt = sh("command -v apt-get").status === 0;
  if (!root || !apt) {
    throw new Error(`Slurm is not installed (missing ${missing.join(", ")}) and cannot be installed here (${!root ? "not root" : "no apt-get"}): run ${how}, or set RELU_LANDSCAPE_SKIP_SLURM=1 to skip the Slurm tests`);
  }
  console.log(`slurm: ${missing.join(", ")} missing; installing: ${how}`);
  const env = { DEBIAN_FRONTEND: "noninteractive" };
  let r = sh(how, env);
  if (r.status !== 0) r = sh(`apt-get update && ${how}`, env); // a fresh machine may have no package lists
  if (r.status !== 0 || missingTools().length) throw new Error(`slurm: ${how} failed: ${(r.stderr || r.stdout).trim().split("\n").pop()}`);
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once("error", reject);
    s.listen(0, "127.0.0.1", () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export interface SlurmCluster {
  /** The temporary directory holding the configuration, state, logs and pid files. */
  dir: string;
  /** The environment for Slurm's client commands (SLURM_CONF, PATH). */
  env: NodeJS.ProcessEnv;
  /** Runs a shell command against this cluster. */
  sh(script: string, opts?: { cwd?: string }): SpawnSyncReturns<string>;
  /** Stops the daemons started here (by their pid files) and removes the directory. */
  stop(): Promise<void>;
}

/** Starts munged, slurmctld and slurmd in a fresh temporary directory and waits for the node to be idle. */
export async function startSlurm(): Promise<SlurmCluster> {
  ensureSlurmInstalled();
  const dir = mkdtempSync(join(tmpdir(), "relu-slurm-"));
  chmodSync(dir, 0o755); // munged wants its socket's directory readable by everyone
  const f = (name: string) => join(dir, name);
  const pidFiles = [f("slurmd.pid"), f("slurmctld.pid"), f("munged.pid")];
  // if the test process ends without stop() (a crash, a timeout), the daemons do not outlive it
  const killNow = () => {
    for (const p of pidFiles) {
      try {
        const pid = Number(readFileSync(p, "utf8").trim());
        if (pid > 1) process.kill(pid, "SIGTERM");
      } catch {
        /* not started, or already gone */
      }
    }
  };
  process.once("exit", killNow);
  const stop = async () => {
    process.off("exit", killNow);
    for (const p of pidFiles) {
      if (!existsSync(p)) continue;
      const pid = Number(readFileSync(p, "utf8").trim());
      if (!(pid > 1) || !alive(pid)) continue;
      process.kill(pid, "SIGTERM");
      for (let k = 0; k < 100 && alive(pid); k++) await sleep(100);
      if (alive(pid)) process.kill(pid, "SIGKILL");
    }
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    writeFileSync(f("munge.key"), randomBytes(128), { mode: 0o600 });
    const socket = f("munge.sock");
    const m = sh(`munged --key-file=${f("munge.key")} --socket=${socket} --pid-file=${f("munged.pid")} --log-file=${f("munged.log")} --seed-file=${f("munged.seed")}`);
    if (m.status !== 0) throw new Error(`slurm: munged did not start: ${(m.stderr || m.stdout).trim()}`);
    const check = sh(`munge -S ${socket} -n | unmunge -S ${socket}`);
    if (check.status !== 0) throw new Error(`slurm: munge -n | unmunge fails: ${check.stderr.trim()}`);
    const host = hostname().split(".")[0];
    const [ctldPort, slurmdPort] = [await freePort(), await freePort()];
    const conf = f("slurm.conf");
    writeFileSync(
      conf,
      [
        "ClusterName=relutest",
        `SlurmctldHost=${host}(127.0.0.1)`,
        `SlurmctldPort=${ctldPort}`,
        `SlurmdPort=${slurmdPort}`,
        "SlurmUser=root",
        "SlurmdUser=root",
        "AuthType=auth/munge",
        "CredType=cred/munge",
        `AuthInfo=socket=${socket}`,
        `StateSaveLocation=${f("state")}`,
        `SlurmdSpoolDir=${f("spool")}`,
        `SlurmctldPidFile=${f("slurmctld.pid")}`,
        `SlurmdPidFile=${f("slurmd.pid")}`,
        `SlurmctldLogFile=${f("slurmctld.log")}`,
        `SlurmdLogFile=${f("slurmd.log")}`,
        "ProctrackType=proctrack/linuxproc",
        "TaskPlugin=task/none",
        "JobAcctGatherType=jobacct_gather/none",
        "AccountingStorageType=accounting_storage/none",
        "JobCompType=jobcomp/none",
        "SelectType=select/cons_tres",
        "MpiDefault=none",
        "ReturnToService=2",
        `NodeName=${host} NodeAddr=127.0.0.1 CPUs=${sh("nproc").stdout.trim()} State=UNKNOWN`,
        "PartitionName=test Nodes=ALL Default=YES MaxTime=INFINITE State=UP",
        "",
      ].join("\n"),
    );
    const env = { SLURM_CONF: conf, PATH };
    for (const daemon of ["slurmctld", `slurmd -N ${host}`]) {
      const r = sh(`mkdir -p ${f("state")} ${f("spool")} && ${daemon} -f ${conf}`, env);
      if (r.status !== 0) throw new Error(`slurm: ${daemon} did not start: ${(r.stderr || r.stdout).trim()}`);
    }
    const t0 = Date.now();
    let state = "";
    while (Date.now() - t0 < 60_000) {
      state = sh("sinfo -h -o %T", env).stdout.trim();
      if (state === "idle") break;
      await sleep(250);
    }
    if (state !== "idle") {
      const tail = (name: string) => (existsSync(f(name)) ? readFileSync(f(name), "utf8").trim().split("\n").slice(-3).join(" | ") : "");
      throw new Error(`slurm: the node is "${state}", not idle, after 60 s; slurmctld.log: ${tail("slurmctld.log")}; slurmd.log: ${tail("slurmd.log")}`);
    }
    return { dir, env: { ...process.env, ...env }, sh: (script, opts = {}) => spawnSync("sh", ["-c", script], { encoding: "utf8", env: { ...process.env, ...env }, cwd: opts.cwd }), stop };
  } catch (e) {
    await stop();
    throw e;
  }
}

/** Slurm's state of each job (array tasks as JOBID_K) among `ids`, from scontrol (finished jobs stay for MinJobAge, 300 s). */
export function jobStates(cluster: SlurmCluster, ids: string[]): Map<string, string> {
  const states = new Map<string, string>();
  for (const id of ids) {
    const r = cluster.sh(`scontrol show job -o ${id}`);
    for (const line of r.stdout.split("\n")) {
      const jobId = /JobId=(\d+)/.exec(line)?.[1];
      if (!jobId) continue;
      const arr = /ArrayJobId=(\d+) ArrayTaskId=(\d+)/.exec(line);
      states.set(arr ? `${arr[1]}_${arr[2]}` : jobId, /JobState=(\w+)/.exec(line)?.[1] ?? "?");
    }
  }
  return states;
}

/** Waits until none of the jobs is pending or running; throws after `timeoutMs` with squeue's view. */
export async function waitForJobs(cluster: SlurmCluster, ids: string[], timeoutMs = 240_000): Promise<void> {
  const t0 = Date.now();
  for (;;) {
    const q = cluster.sh(`squeue -h -o "%i %T %r" -j ${ids.join(",")}`);
    if ((q.status === 0 && q.stdout.trim() === "") || /Invalid job id/.test(q.stderr)) return; // done (or already purged)
    if (Date.now() - t0 > timeoutMs) throw new Error(`slurm: jobs ${ids.join(", ")} still queued after ${timeoutMs / 1000} s: ${q.stdout.trim().replace(/\n/g, "; ")}`);
    await sleep(200);
  }
}
