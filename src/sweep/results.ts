// The results directory: sweep.json (the resolved sweep) and one or more results*.jsonl files, one
// JSON line per finished run, appended as each run finishes. Reading tolerates a torn last line (a
// process killed mid-write): it is ignored, and cut off before anything is appended after it.
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
        if (nl + 1 < text.length) throw new Error(`${file}: line ${text.slice(0, start).split("\n").length} is not JSON (the file was edited?)`);
        return { records, tornAt: start };
      }
    }
    start = nl + 1;
  }
  return { records };
}

/** Every record of a results directory. */
export function readResults(fs: typeof FS, dir: string): { file: string; records: RunRecord[] }[] {
  return resultFiles(fs, dir).map((file) => ({ file, records: parseJsonl(fs.readFileSync(file, "utf8"), file).records }));
}

/** Appends records to one results file, each line written whole and at once. */
export class ResultsWriter {
  private fd: number;
  private lastSync = Date.now();

  /** Opens `file` for appending, cutting off a torn last line first. */
  constructor(private readonly fs: typeof FS, readonly file: string, private readonly syncMs = 1000) {
    if (fs.existsSync(file)) {
      const { tornAt } = parseJsonl(fs.readFileSync(file, "utf8"), file);
      if (tornAt !== undefined) fs.truncateSync(file, Buffer.byteLength(fs.readFileSync(file, "utf8").slice(0, tornAt)));
    }
    this.fd = fs.openSync(file, "a");
  }

  /** Appends one line (a single write: a kill leaves at most a torn last line). */
  append(record: RunRecord): void {
    this.fs.writeSync(this.fd, JSON.stringify(record) + "\n");
    if (Date.now() - this.lastSync >= this.syncMs) this.sync();
  }

  sync(): void {
    this.fs.fdatasyncSync(this.fd);
    this.lastSync = Date.now();
  }

  close(): void {
    this.sync();
    this.fs.closeSync(this.fd);
  }
}
