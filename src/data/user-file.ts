// Reading a file named by the user (Node): regular files only (a device such as /dev/zero, a pipe or
// a directory is refused before anything is read), at most MAX_INPUT_BYTES, and errors that name the
// file and what is wrong without quoting its contents (V8's JSON.parse messages include a snippet of
// the text: they are rewritten to a line and column). The file system is passed in, so this module
// imports nothing from Node and stays in the browser bundle; src/sweep/files.ts binds it to node:fs.
import type * as FS from "node:fs";
import { InputError } from "../api/errors.js";

/** The largest input file read (problem, network, sweep, CSV files): 256 MiB. */
export const MAX_INPUT_BYTES = 256 * 2 ** 20;

/** The Node file-system functions used here (node:fs satisfies it). */
export type ReadFs = Pick<typeof FS, "openSync" | "fstatSync" | "readSync" | "closeSync" | "statSync" | "constants">;

const kindOf = (st: FS.Stats): string =>
  st.isDirectory() ? "a directory" : st.isCharacterDevice() || st.isBlockDevice() ? "a device" : st.isFIFO() ? "a pipe" : st.isSocket() ? "a socket" : "not a regular file";

/** "12.3 MiB" */
export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  const units = ["KiB", "MiB", "GiB", "TiB"];
  let v = bytes / 1024, u = 0;
  while (v >= 1024 && u < units.length - 1) (v /= 1024), u++;
  return `${v >= 100 ? v.toFixed(0) : v.toPrecision(3)} ${units[u]}`;
}

/** The reason of a Node file-system error in words, with its code: "no such file or directory (ENOENT)". */
export function describeFsError(e: unknown): string {
  const err = e as NodeJS.ErrnoException;
  const code = typeof err?.code === "string" ? err.code : undefined;
  const words: Record<string, string> = {
    ENOENT: "no such file or directory",
    EACCES: "permission denied",
    EPERM: "operation not permitted",
    EISDIR: "is a directory",
    ENOTDIR: "a part of the path is not a directory",
    ENOSPC: "no space left on device",
    EDQUOT: "disk quota exceeded",
    EFBIG: "file too large",
    EROFS: "read-only file system",
    EIO: "input/output error",
    EEXIST: "already exists",
    ELOOP: "too many symbolic links",
    ENAMETOOLONG: "name too long",
    EMFILE: "too many open files",
    EBUSY: "resource busy",
  };
  if (code && words[code]) return `${words[code]} (${code})`;
  if (code) return code;
  return err instanceof Error ? err.message : String(e);
}

function tooLarge(field: string, path: string, size: string, limit: number): InputError {
  return new InputError(field, `${path} is ${size}, more than the ${formatBytes(limit)} limit for input files: give a smaller file`);
}

/**
 * Checks that `path` is a regular file of at most `maxBytes` (following symbolic links), without
 * reading it. Throws InputError(field, …) naming the file.
 */
export function checkRegularFile(fs: ReadFs, path: string, field: string, maxBytes = MAX_INPUT_BYTES): void {
  let st: FS.Stats;
  try {
    st = fs.statSync(path);
  } catch (e) {
    throw new InputError(field, `cannot read ${path}: ${describeFsError(e)}: check the path`);
  }
  if (!st.isFile()) throw new InputError(field, `${path} is ${kindOf(st)}: give a regular file`);
  if (st.size > maxBytes) throw tooLarge(field, path, formatBytes(st.size), maxBytes);
}

/**
 * Reads a regular file of at most `maxBytes` as UTF-8 text. Refuses devices, pipes, sockets and
 * directories before reading (the file is opened non-blocking, so a pipe cannot hang the open), and
 * stops reading at the limit even if the file grows meanwhile. Throws InputError(field, …).
 */
export function readRegularFile(fs: ReadFs, path: string, field: string, maxBytes = MAX_INPUT_BYTES): string {
  let fd: number;
  try {
    fd = fs.openSync(path, fs.constants.O_RDONLY | (fs.constants.O_NONBLOCK ?? 0));
  } catch (e) {
    throw new InputError(field, `cannot read ${path}: ${describeFsError(e)}: check the path`);
  }
  try {
    const st = fs.fstatSync(fd);
    if (!st.isFile()) throw new InputError(field, `${path} is ${kindOf(st)}: give a regular file`);
    if (st.size > maxBytes) throw tooLarge(field, path, formatBytes(st.size), maxBytes);
    const chunks: Buffer[] = [];
    let total = 0;
    for (;;) {
      const buf = Buffer.allocUnsafe(Math.min(Math.max(st.size - total, 0) + 1, maxBytes + 1 - total, 1 << 24));
      let got: number;
      try {
        got = fs.readSync(fd, buf, 0, buf.length, null);
      } catch (e) {
        throw new InputError(field, `cannot read ${path}: ${describeFsError(e)}`);
      }
      if (got === 0) break;
      chunks.push(got === buf.length ? buf : buf.subarray(0, got));
      total += got;
      if (total > maxBytes) throw tooLarge(field, path, `more than that (it grew while being read)`, maxBytes);
    }
    const text = Buffer.concat(chunks, total).toString("utf8");
    return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text; // a byte-order mark
  } finally {
    fs.closeSync(fd);
  }
}

/** Line and column (1-based) of a character offset. */
function lineColumn(text: string, offset: number): string {
  let line = 1, start = 0;
  for (let i = text.indexOf("\n"); i >= 0 && i < offset; i = text.indexOf("\n", i + 1)) line++, (start = i + 1);
  return `line ${line}, column ${offset - start + 1}`;
}

/** The offset of the first character JSON.parse rejects, found by bisecting prefixes (for messages without a position). */
function badCharOffset(text: string): number | undefined {
  const failsBefore = (len: number) => {
    try {
      JSON.parse(text.slice(0, len));
      return false;
    } catch (e) {
      const m = (e as Error).message;
      const pos = /at position (\d+)/.exec(m);
      return !/end of JSON input/.test(m) && !(pos && Number(pos[1]) >= len); // an error at the very end: just incomplete
    }
  };
  if (text.length > 1 << 24 || !failsBefore(text.length)) return undefined;
  let lo = 0, hi = text.length; // the prefix of length hi fails, of length lo does not
  while (hi - lo > 1) {
    const mid = (lo + hi) >> 1;
    if (failsBefore(mid)) hi = mid;
    else lo = mid;
  }
  return hi - 1;
}

/**
 * Describes why JSON.parse rejected `text` without quoting it: "line 3, column 7: expected ',' or ']'
 * after array element". V8's messages are fixed phrases plus a position, except "Unexpected token",
 * which quotes the text: that one is located by bisection instead.
 */
export function describeJsonError(e: unknown, text: string): string {
  const msg = e instanceof Error ? e.message : String(e);
  if (/end of JSON input/.test(msg)) return "the text ends too early (a truncated file?)";
  const pos = /at position (\d+)/.exec(msg);
  if (pos && Number(pos[1]) >= text.trimEnd().length) return "the text ends too early (a truncated file?)";
  if (pos) {
    const what = msg.slice(0, pos.index).replace(/\s+in JSON\s*$/, "").trim();
    // V8's fixed phrases quote only JSON punctuation ("Expected ',' or ']' …"); anything else may be the text
    const quotesText = /^Unexpected (token|string|number)/.test(what) || /["`]|'[^'\]}:,[{]'/.test(what);
    const safe = quotesText ? "unexpected character" : what;
    return `${lineColumn(text, Number(pos[1]))}: ${safe.charAt(0).toLowerCase()}${safe.slice(1)}`;
  }
  const at = badCharOffset(text);
  return at !== undefined ? `${lineColumn(text, at)}: unexpected character` : "unexpected character";
}

/** Parses JSON text from `path`; a syntax error becomes InputError(field, "PATH is not valid JSON (line L, column C: …)"). */
export function parseJsonText(text: string, path: string, field: string): unknown {
  try {
    return JSON.parse(text);
  } catch (e) {
    throw new InputError(field, `${path} is not valid JSON (${describeJsonError(e, text)})`);
  }
}

/** Reads and parses a JSON file named by the user (regular file, size limit, errors without its contents). */
export function readJsonFile(fs: ReadFs, path: string, field: string, maxBytes = MAX_INPUT_BYTES): unknown {
  return parseJsonText(readRegularFile(fs, path, field, maxBytes), path, field);
}
