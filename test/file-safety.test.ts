// File safety (src/sweep/files.ts, src/data/user-file.ts): directories made level by level, atomic
// writes that leave no temp file behind, user files read as regular files within a size limit and
// errors that never quote them, exclusive locks with stale-lock detection and release on signals.
import { spawn, spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { hostname, tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { InputError } from "../src/api/errors.js";
import { csvData, csvFileData } from "../src/data/csv.js";
import { acquireLock, FileError, lockDirectory, lockResultsFile, makeDirectory, readUserFile, readUserJson, writeFileAtomic } from "../src/sweep/files.js";
import { runCli } from "./cli-run.js";

const made: string[] = [];
const tmp = () => {
  const d = mkdtempSync(join(tmpdir(), "file-safety-"));
  made.push(d);
  return d;
};
afterAll(() => made.forEach((d) => rmSync(d, { recursive: true, force: true })));

function errorOf(f: () => unknown): Error {
  try {
    f();
  } catch (e) {
    return e as Error;
  }
  throw new Error("no error thrown");
}

/** The pid of a process that has exited (so the pid is free). */
function deadPid(): number {
  const r = spawnSync(process.execPath, ["-e", "process.stdout.write(String(process.pid))"], { encoding: "utf8" });
  return Number(r.stdout);
}

const root = fileURLToPath(new URL("..", import.meta.url));
const tsx = join(root, "node_modules/tsx/dist/loader.mjs");
const filesModule = join(root, "src/sweep/files.ts");

describe("directories", () => {
  it("are created level by level, and a level that cannot be made fails at once, naming it (no loop under /proc)", () => {
    const d = tmp();
    makeDirectory(join(d, "a", "b", "c"));
    expect(existsSync(join(d, "a", "b", "c"))).toBe(true);
    makeDirectory(join(d, "a", "b")); // exists: nothing to do
    writeFileSync(join(d, "file"), "x");
    const e = errorOf(() => makeDirectory(join(d, "file", "sub"), "--out"));
    expect(e).toBeInstanceOf(InputError);
    expect(e.message).toMatch(/^--out: cannot create .*file\/sub: .*file is a file, not a directory/);
    if (existsSync("/proc/self")) {
      const p = errorOf(() => makeDirectory("/proc/x/y", "--out"));
      expect(p).toBeInstanceOf(InputError);
      expect(p.message).toBe("--out: cannot create /proc/x/y: no such file or directory (ENOENT) at /proc/x");
    }
  });

  it("the CLI refuses --out under /proc at once (train, sweep, cones)", () => {
    if (!existsSync("/proc/self")) return;
    const d = tmp();
    writeFileSync(join(d, "s.json"), JSON.stringify({ axes: { m: [2] }, base: { maxEpochs: 5 } }));
    for (const args of [["train", "--max-epochs", "5", "--out", "/proc/x/r.json"], ["sweep", join(d, "s.json"), "--out", "/proc/x/y"], ["cones", "--quick", "--out", "/proc/x"]]) {
      const r = runCli(args, { timeoutMs: 60_000 });
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(/^error: --out: cannot create \/proc\/x.*ENOENT/);
    }
  });
});

describe("atomic writes", () => {
  it("replace the file whole, and a failed write removes its temp file and names the path", () => {
    const d = tmp();
    const f = join(d, "r.json");
    writeFileAtomic(f, "one");
    writeFileAtomic(f, "two");
    expect(readFileSync(f, "utf8")).toBe("two");
    mkdirSync(join(d, "dir"));
    const e = errorOf(() => writeFileAtomic(join(d, "dir"), "x")); // rename onto a directory fails
    expect(e).toBeInstanceOf(FileError);
    expect(e.message).toMatch(/^cannot write .*dir: .*\((EISDIR|EEXIST|ENOTEMPTY)\)$/);
    expect(readdirSync(d).sort()).toEqual(["dir", "r.json"]);
  });

  it("the CLI reports a write that runs out of space in one line and leaves no temp file (train --out under a file-size limit)", () => {
    const d = tmp();
    const r = spawnSync("sh", ["-c", `ulimit -f 8; exec "${process.execPath}" --import "${tsx}" "${join(root, "src/cli/main.ts")}" train --max-epochs 10 --out "${join(d, "r.json")}" --quiet`], { encoding: "utf8" });
    expect(r.status).toBe(1);
    expect(r.stderr).toBe(`error: cannot write ${join(d, "r.json")}: file too large (EFBIG)\n`);
    expect(readdirSync(d)).toEqual([]);
  });
});

describe("user files", () => {
  it("refuse devices, pipes and directories before reading (no hang, no 8 GB string)", () => {
    const dev = errorOf(() => readUserFile("/dev/zero", "--problem"));
    expect(dev).toBeInstanceOf(InputError);
    expect(dev.message).toBe("--problem: /dev/zero is a device: give a regular file");
    expect(errorOf(() => readUserJson("/dev/urandom", "--network")).message).toBe("--network: /dev/urandom is a device: give a regular file");
    const d = tmp();
    expect(errorOf(() => readUserFile(d, "--problem")).message).toBe(`--problem: ${d} is a directory: give a regular file`);
    const fifo = join(d, "fifo");
    if (spawnSync("mkfifo", [fifo]).status === 0) expect(errorOf(() => readUserFile(fifo, "--problem")).message).toBe(`--problem: ${fifo} is a pipe: give a regular file`);
    expect(errorOf(() => readUserFile(join(d, "nope.json"), "--problem")).message).toMatch(/^--problem: cannot read .*nope\.json: no such file or directory \(ENOENT\)/);
  });

  it("refuse files above the size limit, naming it", () => {
    const f = join(tmp(), "big.json");
    writeFileSync(f, "[" + "1,".repeat(600) + "1]");
    expect(readUserJson(f, "--problem", 4096)).toHaveLength(601);
    expect(errorOf(() => readUserJson(f, "--problem", 1024)).message).toBe(`--problem: ${f} is 1.17 KiB, more than the 1.00 KiB limit for input files: give a smaller file`);
  });

  it("JSON syntax errors give a line and column, never the file's text", () => {
    const d = tmp();
    const cases: [string, RegExp][] = [
      ["root:x:0:0:secret-hash:/root:/bin/bash\n", /is not valid JSON \(line 1, column 1: unexpected character\)$/],
      ['{\n  "X": [[1, 2]],\n  "y": [1,, 2]\n}', /\(line 3, column 11: unexpected character\)$/],
      ['{"X": [[1]], "y": "secret"', /\(the text ends too early \(a truncated file\?\)\)$/],
      ['{"a": 1} secret', /\(line 1, column 10: unexpected non-whitespace character after JSON\)$/],
    ];
    for (const [text, expected] of cases) {
      const f = join(d, "p.json");
      writeFileSync(f, text);
      const e = errorOf(() => readUserJson(f, "--problem"));
      expect(e).toBeInstanceOf(InputError);
      expect(e.message).toMatch(expected);
      expect(e.message).not.toMatch(/secret|root:|bash/);
    }
  });
});

describe("CSV files", () => {
  it("refuse duplicate column names", () => {
    const e = errorOf(() => csvData("a,b,a\n1,2,3\n", { target: "b", source: "d.csv" }));
    expect(e).toBeInstanceOf(InputError);
    expect(e.message).toBe('d.csv header: names column 1 and column 3 both "a": give every column its own name');
  });

  it("errors do not quote a file that is not a CSV file, nor cell values", async () => {
    const d = tmp();
    const f = join(d, "passwd");
    writeFileSync(f, "root:x:0:0:secret:/root:/bin/bash\ndaemon:x:1:1:daemon:/usr/sbin:/usr/sbin/nologin\n");
    const e = await csvFileData(f, { target: "label" }).catch((x: Error) => x);
    expect(e).toBeInstanceOf(InputError);
    expect((e as Error).message).toMatch(/has 1 column in its first row/);
    expect((e as Error).message).not.toMatch(/secret|root:|daemon/);
    const cell = errorOf(() => csvData("a,b,label\n1,2,yes\n3,secret-value,no\n", { target: "label" }));
    expect(cell.message).toBe('csv row 3, column "b": is not a finite number: features must be finite numbers');
    const labels = errorOf(() => csvData("a,label\n1,s1\n2,s2\n3,s3\n", { target: "label" }));
    expect(labels.message).not.toMatch(/s1|s2|s3/);
    await expect(csvFileData("/dev/zero", { target: "label" })).rejects.toThrow("csv: /dev/zero is a device: give a regular file");
  });
});

describe("locks", () => {
  it("are exclusive: a second holder is refused with who holds it; release frees the lock", () => {
    const d = tmp();
    const file = join(d, "results.jsonl");
    const lock = lockResultsFile(file);
    expect(existsSync(`${file}.lock`)).toBe(true);
    const info = JSON.parse(readFileSync(`${file}.lock`, "utf8"));
    expect(info.pid).toBe(process.pid);
    expect(info.hostname).toBe(hostname());
    expect(errorOf(() => lockResultsFile(file)).message).toMatch(/results\.jsonl is already in use by this process/);
    lock.release();
    expect(existsSync(`${file}.lock`)).toBe(false);
    lockResultsFile(file).release();
    const dirLock = lockDirectory(join(d, "exp", "out"));
    expect(existsSync(join(d, "exp", "out", ".lock"))).toBe(true);
    dirLock.release();
  });

  it("held by a live process refuse; of a dead process, or of a reused pid, are stale and taken over; of another host are kept", async () => {
    const d = tmp();
    const path = join(d, "x.lock");
    const child = spawn(process.execPath, ["-e", "setTimeout(() => {}, 60000)"], { stdio: "ignore" });
    try {
      const live = { pid: child.pid!, hostname: hostname(), started: new Date().toISOString() };
      writeFileSync(path, JSON.stringify(live));
      const e = errorOf(() => acquireLock(path, { field: "--out", what: "the directory" }));
      expect(e).toBeInstanceOf(InputError);
      expect(e.message).toMatch(new RegExp(`^--out: the directory is in use by process ${child.pid} on ${hostname()} \\(since \\d+ s ago\\): .*delete ${path}`));
      if (existsSync(`/proc/${child.pid}/stat`)) {
        writeFileSync(path, JSON.stringify({ ...live, procStart: "1" })); // the pid now belongs to a process started later
        acquireLock(path).release();
      }
    } finally {
      child.kill();
    }
    writeFileSync(path, JSON.stringify({ pid: deadPid(), hostname: hostname(), started: new Date().toISOString() }));
    const taken = acquireLock(path);
    expect(JSON.parse(readFileSync(path, "utf8")).pid).toBe(process.pid);
    taken.release();
    writeFileSync(path, JSON.stringify({ pid: deadPid(), hostname: "another-host", started: new Date().toISOString() }));
    expect(errorOf(() => acquireLock(path)).message).toMatch(/in use by process \d+ on another-host/);
  });

  it("are released when the process is stopped by SIGTERM or SIGINT, and left (stale) by SIGKILL", async () => {
    const d = tmp();
    for (const signal of ["SIGTERM", "SIGINT", "SIGKILL"] as const) {
      const path = join(d, `${signal}.lock`);
      const code = `import { acquireLock } from ${JSON.stringify(filesModule)}; acquireLock(${JSON.stringify(path)}); console.log("locked"); setInterval(() => {}, 1000);`;
      const child = spawn(process.execPath, ["--import", tsx, "--input-type=module", "-e", code], { stdio: ["ignore", "pipe", "inherit"] });
      await new Promise<void>((ok) => child.stdout.on("data", (b: Buffer) => b.toString().includes("locked") && ok()));
      expect(existsSync(path)).toBe(true);
      child.kill(signal);
      const [exitCode, bySignal] = await new Promise<[number | null, string | null]>((ok) => child.on("exit", (c, s) => ok([c, s])));
      expect(bySignal).toBe(signal); // still ends the way the signal ends a process
      expect(exitCode).toBeNull();
      expect(existsSync(path)).toBe(signal === "SIGKILL");
    }
    acquireLock(join(d, "SIGKILL.lock")).release(); // the stale lock is taken over
  });
});

describe("train --certify", () => {
  it("keeps the trained network when the certificate cannot be computed (beyond the pattern limit)", () => {
    const out = join(tmp(), "sub", "r.json");
    const r = runCli(["train", "--n", "60", "--d", "10", "--lr", "0.001", "--max-epochs", "50", "--certify", "--out", out]);
    expect(existsSync(out)).toBe(true);
    const result = JSON.parse(readFileSync(out, "utf8"));
    expect(result.W).toHaveLength(100);
    expect(result.epochs).toBe(50);
    if (r.code === 0) {
      expect(result.certificate).toBeDefined(); // a certify that copes with this size
    } else {
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(new RegExp(`^note: the trained network is in ${out}, without the result of --certify\nerror: `));
      expect(result.certificate).toBeUndefined();
    }
  });
});

describe("the lab's --dir", () => {
  it("refuses a directory that does not exist or holds no built lab", () => {
    const r = runCli(["lab", "--dir", "/nonexistent-lab-dir", "--port", "0"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe("error: --dir: /nonexistent-lab-dir is not a directory: give a built lab directory (npm run build writes dist/lab)\n");
    const empty = tmp();
    const e = runCli(["lab", "--dir", empty, "--port", "0"]);
    expect(e.code).toBe(2);
    expect(e.stderr).toMatch(/--dir: .* has no index\.html/);
  });
});
