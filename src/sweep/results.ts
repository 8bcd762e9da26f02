// The results directory: sweep.json (the resolved sweep) and one or more results*.jsonl files, one
// JSON line per finished run, appended as each run finishes. Reading tolerates a torn last line (a
// process killed mid-write): it is ignored, and cut off before anything is appended after it. Files
// are read in chunks (a results file may be larger than the longest string V8 can hold).
import type * as FS from "node:fs";
import { join } from "node:path";
import type { RunRecord } from "./record.js";

export { type RunRecord, toRecord } from "./record.js";

export const SWEEP_FILE = "sweep.json";

/** The results*.jsonl files of a directory (sorted). */
export function resultFiles(fs: typeof FS, dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir)
    .filter((f) => /^results.*\.jsonl$/.test(f))
    .sort()
    .map((f) => join(dir, f));
}

const notJson = (file: string, line: number) => new Error(`${file}: line ${line} is not JSON (the file was edited?)`);

/** Parses the complete lines of JSONL text; a torn or invalid last line is skipped. */
export function parseJsonl(text: string, file = "results"): { records: RunRecord[]; tornAt?: number } {
  const records: RunRecord[] = [];
  let start = 0;
  while (start < text.length) {
    const nl = text.indexOf("\n", start);
    if (nl < 0) return { records, tornAt: start }; // unterminated: torn by a kill
    const line = text.slice(start, nl).trim();
    if (line) {
      try {
        records.push(JSON.parse(line) as RunRecord);
      } catch {
        if (nl + 1 < text.length) throw notJson(file, text.slice(0, start).split("\n").length);
        return { records, tornAt: start };
      }
    }
    start = nl + 1;
  }
  return { records };
}

const CHUNK = 1 << 20;

/**
 * Reads a JSONL results file in chunks, handing each record to `onRecord`. Returns the byte offset
 * of a torn last line (unterminated, or terminated but not JSON), if any; an invalid line before the
 * last throws, naming the file and line (not its text).
 */
export function scanJsonl(fs: typeof FS, file: string, onRecord: (r: RunRecord) => void): { tornAt?: number } {
  const fd = fs.openSync(file, "r");
  try {
    if (!fs.fstatSync(fd).isFile()) throw new Error(`${file} is not a regular file: a results file must be one`);
    const buf = Buffer.allocUnsafe(CHUNK);
    let pending: Buffer[] = []; // the bytes of the current (unfinished) line
    let lineStart = 0, pos = 0, lineNo = 0;
    let bad: { at: number; line: number } | undefined; // a terminated invalid line: an error unless it is the last
    for (;;) {
      const got = fs.readSync(fd, buf, 0, CHUNK, pos);
      if (got === 0) break;
      let from = 0;
      for (let nl = buf.indexOf(10, 0); nl >= 0 && nl < got; nl = buf.indexOf(10, nl + 1)) {
        pending.push(buf.subarray(from, nl));
        const text = (pending.length === 1 ? pending[0] : Buffer.concat(pending)).toString("utf8").trim();
        pending = [];
        lineNo++;
        if (bad) throw notJson(file, bad.line);
        if (text) {
          try {
            onRecord(JSON.parse(text) as RunRecord);
          } catch (e) {
            if (!(e instanceof SyntaxError)) throw e;
            bad = { at: lineStart, line: lineNo };
          }
        }
        lineStart = pos + nl + 1;
        from = nl + 1;
      }
      if (from < got) pending.push(Buffer.from(buf.subarray(from, got)));
      pos += got;
    }
    if (bad) {
      if (pending.length) throw notJson(file, bad.line);
      return { tornAt: bad.at };
    }
    return pending.length ? { tornAt: lineStart } : {};
  } finally {
    fs.closeSync(fd);
  }
}

/** Every record of a results directory. */
export function readResults(fs: typeof FS, dir: string): { file: string; records: RunRecord[] }[] {
  return resultFiles(fs, dir).map((file) => {
    const records: RunRecord[] = [];
    scanJsonl(fs, file, (r) => records.push(r));
    return { file, records };
  });
}

/** Appends records to one results file, each line written whole and at once. */
export class ResultsWriter {
  private fd: number;
  private lastSync = Date.now();

  /** Opens `file` for appending, cutting off a torn last line first. */
  constructor(private readonly fs: typeof FS, readonly file: string, private readonly syncMs = 1000) {
    if (fs.existsSync(file)) {
      const { tornAt } = scanJsonl(fs, file, () => {});
      if (tornAt !== undefined) fs.truncateSync(file, tornAt);
    }
    this.fd = fs.openSync(file, "a");
  }

  /** Appends one line (written whole: a kill leaves at most a torn last line; a failure throws). */
  append(record: RunRecord): void {
    const bytes = Buffer.from(JSON.stringify(record) + "\n", "utf8");
    for (let off = 0; off < bytes.length; ) off += this.fs.writeSync(this.fd, bytes, off, bytes.length - off);
    if (Date.now() - this.lastSync >= this.syncMs) this.sync();
  }

  sync(): void {
    this.fs.fdatasyncSync(this.fd);
    this.lastSync = Date.now();
  }

  /** Flushes and closes (the file is closed even when the flush fails; the flush's error is then thrown). */
  close(): void {
    try {
      this.sync();
    } finally {
      this.fs.closeSync(this.fd);
    }
  }
}
