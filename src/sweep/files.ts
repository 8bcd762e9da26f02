// Files in Node, safely: an exclusive lock per results file or output directory (so two processes
// never append the same runs), atomic writes (temp file + rename; the temp file is removed when the
// write fails), directories created level by level (Node's recursive mkdir can loop forever under
// /proc), and files named by the user read as regular files with a size limit. Every failure is one
// line naming the path: InputError for what the user gave, FileError for the file system failing.
import * as fs from "node:fs";
import { hostname } from "node:os";
import { join, parse, resolve } from "node:path";
import { isMainThread } from "node:worker_threads";
import { InputError } from "../api/errors.js";
import { checkRegularFile, describeFsError, MAX_INPUT_BYTES, readJsonFile, readRegularFile } from "../data/user-file.js";

export { MAX_INPUT_BYTES, describeFsError };

/** A file-system operation failed (no space, I/O error, …): `path` and `code` say where and why. */
export class FileError extends Error {
  constructor(readonly path: string, readonly code: string | undefined, message: string) {
    super(message);
    this.name = "FileError";
  }
}

/** A FileError "cannot ACTION PATH: reason (CODE)" from a Node error (InputError and FileError pass through). */
export function fileError(e: unknown, action: string, path: string): Error {
  if (e instanceof InputError || e instanceof FileError) return e;
  const code = (e as NodeJS.ErrnoException)?.code;
  return new FileError(path, typeof code === "string" ? code : undefined, `cannot ${action} ${path}: ${describeFsError(e)}`);
}

// ---- reading files named by the user ---------------------------------------------------------------

/** Reads a user's file as UTF-8: regular files only, at most `maxBytes` (256 MiB); InputError(field) otherwise. */
export function readUserFile(path: string, field: string, maxBytes = MAX_INPUT_BYTES): string {
  return readRegularFile(fs, path, field, maxBytes);
}

/** Reads and parses a user's JSON file (as readUserFile; syntax errors give a line and column, never the text). */
export function readUserJson(path: string, field: string, maxBytes = MAX_INPUT_BYTES): unknown {
  return readJsonFile(fs, path, field, maxBytes);
}

/** Checks that a user's path is a regular file within the size limit, without reading it. */
export function checkUserFile(path: string, field: string, maxBytes = MAX_INPUT_BYTES): void {
  checkRegularFile(fs, path, field, maxBytes);
}

// ---- directories and atomic writes ------------------------------------------------------------------

/**
 * Creates a directory and its missing parents one level at a time, failing on the first level that
 * cannot be made (InputError(field): "cannot create DIR: no such file or directory (ENOENT) at
 * /proc/x"). Node's `mkdirSync(…, { recursive: true })` spins forever on some paths (under /proc).
 */
export function makeDirectory(dir: string, field = "out"): void {
  const abs = resolve(dir);
  try {
    if (fs.statSync(abs).isDirectory()) return;
  } catch {
    /* create it below */
  }
  const root = parse(abs).root;
  let cur = root;
  for (const part of abs.slice(root.length).split(/[\\/]+/).filter(Boolean)) {
    cur = join(cur, part);
    try {
      fs.mkdirSync(cur);
      continue;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== "EEXIST") throw new InputError(field, `cannot create ${dir}: ${describeFsError(e)} at ${cur}`);
    }
    let isDir = false;
    try {
      isDir = fs.statSync(cur).isDirectory();
    } catch (e) {
      throw new InputError(field, `cannot create ${dir}: ${describeFsError(e)} at ${cur}`);
    }
    if (!isDir) throw new InputError(field, `cannot create ${dir}: ${cur} is a file, not a directory`);
  }
}

/** Writes all of `data` at the file's position (a short write is continued; a failure throws). */
export function writeAll(fd: number, data: Uint8Array): void {
  for (let off = 0; off < data.length; ) off += fs.writeSync(fd, data, off, data.length - off);
}

let tmpCounter = 0;

/**
 * Writes a file atomically: into PATH.tmp-PID-N beside it, flushed to disk, then renamed over PATH.
 * Readers see the old file or the new one, never a part; a failed write (no space, …) removes the
 * temp file and throws a one-line FileError naming PATH. The directory must exist (makeDirectory).
 */
export function writeFileAtomic(path: string, data: string | Uint8Array): void {
  const bytes = typeof data === "string" ? Buffer.from(data, "utf8") : data;
  const tmp = `${path}.tmp-${process.pid}-${++tmpCounter}`;
  let fd: number | undefined;
  try {
    fd = fs.openSync(tmp, "wx");
    writeAll(fd, bytes);
    fs.fsyncSync(fd);
    fs.closeSync(fd);
    fd = undefined;
    fs.renameSync(tmp, path);
  } catch (e) {
    if (fd !== undefined) {
      try {
        fs.closeSync(fd);
      } catch {
        /* already failing */
      }
    }
    try {
      fs.unlinkSync(tmp);
    } catch {
      /* not created, or already renamed */
    }
    throw fileError(e, "write", path);
  }
}

// ---- exclusive locks ---------------------------------------------------------------------------------

/** An exclusive lock held by this process; release() removes its lock file (also done at exit and on SIGINT/SIGTERM/SIGHUP). */
export interface FileLock {
  /** The lock file. */
  readonly path: string;
  release(): void;
}

/** What a lock file holds. */
export interface LockInfo {
  pid: number;
  hostname: string;
  /** When the lock was taken (ISO 8601). */
  started: string;
  /** Linux: the holder's start time in clock ticks since boot (/proc/PID/stat), which tells a reused pid apart. */
  procStart?: string;
}

/** Lock files held by this process → their contents. */
const held = new Map<string, string>();
let counter = 0;

/** Field 22 of /proc/PID/stat (start time since boot), or undefined where there is no /proc. */
function procStartOf(pid: number | "self"): string | undefined {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
    return stat.slice(stat.lastIndexOf(")") + 2).split(" ")[19];
  } catch {
    return undefined;
  }
}

function parseInfo(text: string): LockInfo | undefined {
  try {
    const v = JSON.parse(text) as LockInfo;
    return typeof v?.pid === "number" && typeof v.hostname === "string" ? v : undefined;
  } catch {
    return undefined;
  }
}

/** Whether a lock is stale: its holder ran on this host and is gone (or its pid now belongs to another process). */
function isStale(info: LockInfo | undefined, lockPath: string): boolean {
  if (!info) {
    // unreadable content: a holder killed while writing it (only possible without hard links); stale after a minute
    try {
      return Date.now() - fs.statSync(lockPath).mtimeMs > 60_000;
    } catch {
      return true;
    }
  }
  if (info.hostname !== hostname()) return false; // cannot tell: assume it is alive
  if (info.pid === process.pid) return !held.has(lockPath); // an earlier process with our pid (a restarted container)
  try {
    process.kill(info.pid, 0);
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === "ESRCH";
  }
  const now = procStartOf(info.pid);
  return info.procStart !== undefined && now !== undefined && now !== info.procStart;
}

/** Creates the lock file with its whole content at once (hard link of a complete temp file: atomic, exclusive). */
function tryCreate(lockPath: string, content: string): boolean {
  const tmp = `${lockPath}.new-${process.pid}-${++counter}`;
  try {
    fs.writeFileSync(tmp, content, { flag: "wx" });
  } catch (e) {
    throw fileError(e, "create the lock file", lockPath);
  }
  try {
    fs.linkSync(tmp, lockPath);
    return true;
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === "EEXIST") return false;
    if (!["EPERM", "ENOTSUP", "EOPNOTSUPP", "ENOSYS", "EXDEV"].includes(code ?? "")) throw fileError(e, "create the lock file", lockPath);
    // a file system without hard links: exclusive create, then write
    let fd: number;
    try {
      fd = fs.openSync(lockPath, "wx");
    } catch (e2) {
      if ((e2 as NodeJS.ErrnoException).code === "EEXIST") return false;
      throw fileError(e2, "create the lock file", lockPath);
    }
    try {
      writeAll(fd, Buffer.from(content));
    } finally {
      fs.closeSync(fd);
    }
    return true;
  } finally {
    try {
      fs.unlinkSync(tmp);
    } catch {
      /* gone */
    }
  }
}

/** Removes a stale lock whose content was `seen`; puts back a lock taken by another process meanwhile. */
function breakStale(lockPath: string, seen: string): void {
  const aside = `${lockPath}.stale-${process.pid}-${++counter}`;
  try {
    fs.renameSync(lockPath, aside);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === "ENOENT") return; // another process broke it first
    throw fileError(e, "remove the stale lock", lockPath);
  }
  let now = "";
  try {
    now = fs.readFileSync(aside, "utf8");
  } catch {
    /* treat as changed */
  }
  if (now !== seen) {
    try {
      fs.linkSync(aside, lockPath); // someone took the lock between our read and our rename: give it back
    } catch {
      /* a third process holds it now */
    }
  }
  try {
    fs.unlinkSync(aside);
  } catch {
    /* gone */
  }
}

function releaseAll(): void {
  for (const [path, content] of held) {
    try {
      if (fs.readFileSync(path, "utf8") === content) fs.unlinkSync(path);
    } catch {
      /* gone already */
    }
  }
  held.clear();
  uninstall();
}

const SIGNALS = ["SIGINT", "SIGTERM", "SIGHUP"] as const;
let installed = false;
function onSignal(signal: NodeJS.Signals): void {
  // another listener handles this signal (e.g. the sweep command's graceful Ctrl-C): the locks go at exit
  if (process.listenerCount(signal) > 1) return;
  releaseAll();
  process.kill(process.pid, signal); // no listener is left: the default action ends the process
}
function install(): void {
  if (installed) return;
  installed = true;
  process.on("exit", releaseAll);
  if (isMainThread) for (const s of SIGNALS) process.on(s, onSignal);
}
function uninstall(): void {
  if (!installed) return;
  installed = false;
  process.off("exit", releaseAll);
  if (isMainThread) for (const s of SIGNALS) process.off(s, onSignal);
}

const since = (iso: string) => {
  const s = (Date.now() - Date.parse(iso)) / 1000;
  return !Number.isFinite(s) ? iso : s < 120 ? `${Math.max(0, Math.round(s))} s ago` : s < 7200 ? `${Math.round(s / 60)} min ago` : `${Math.round(s / 3600)} h ago`;
};

/**
 * Takes the exclusive lock `lockPath` (a file created with O_EXCL semantics holding pid, hostname
 * and start time) or refuses with InputError(field): "WHAT is in use by process 123 on HOST (since
 * …)". A lock whose holder ran on this host and is gone (killed: `kill -9`, a crash, a reboot) is
 * stale and taken over. Released by release(), at exit, and on SIGINT/SIGTERM/SIGHUP when nothing
 * else handles them. Locks of other hosts are never broken (delete the file by hand if its holder
 * is gone).
 */
export function acquireLock(lockPath: string, opts: { field?: string; what?: string } = {}): FileLock {
  const field = opts.field ?? "out";
  const what = opts.what ?? lockPath;
  const info: LockInfo = { pid: process.pid, hostname: hostname(), started: new Date().toISOString() };
  const procStart = procStartOf("self");
  if (procStart !== undefined) info.procStart = procStart;
  const content = JSON.stringify(info) + "\n";
  for (let attempt = 0; attempt < 8; attempt++) {
    if (held.has(lockPath)) throw new InputError(field, `${what} is already in use by this process`);
    if (tryCreate(lockPath, content)) {
      held.set(lockPath, content);
      install();
      let released = false;
      return {
        path: lockPath,
        release() {
          if (released) return;
          released = true;
          try {
            if (fs.readFileSync(lockPath, "utf8") === content) fs.unlinkSync(lockPath);
          } catch {
            /* gone already */
          }
          held.delete(lockPath);
          if (held.size === 0) uninstall();
        },
      };
    }
    let seen: string;
    try {
      seen = fs.readFileSync(lockPath, "utf8");
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === "ENOENT") continue; // released meanwhile
      throw fileError(e, "read the lock file", lockPath);
    }
    const other = parseInfo(seen);
    if (!isStale(other, lockPath)) {
      const who = other ? `process ${other.pid} on ${other.hostname} (since ${since(other.started)})` : "another process";
      throw new InputError(field, `${what} is in use by ${who}: wait for it to finish, or use another directory; if that process is gone, delete ${lockPath}`);
    }
    breakStale(lockPath, seen);
  }
  throw new InputError(field, `cannot take the lock ${lockPath}: it keeps changing hands`);
}

/** Locks one results file (the lock file is FILE.lock): one process appends to it at a time. */
export function lockResultsFile(file: string, field = "out"): FileLock {
  return acquireLock(`${file}.lock`, { field, what: file });
}

/**
 * Locks an output directory (creating it level by level; the lock file is DIR/.lock): one process
 * writes into it at a time. For the experiment commands' --out directories.
 */
export function lockDirectory(dir: string, field = "out"): FileLock {
  makeDirectory(dir, field);
  return acquireLock(join(dir, ".lock"), { field, what: dir });
}
