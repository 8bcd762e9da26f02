// Data from CSV text: a header row, numeric feature columns, and a target column that is numeric or
// has exactly two distinct labels (mapped to −1 and +1: the two labels in sorted order, or as given).
// Features can be standardized (mean 0, standard deviation 1, population formula). Errors name the
// row and column, not the cell's text (a file given by mistake is not quoted back).
import type { Data } from "../api/data.js";
import { InputError } from "../api/errors.js";
import { readRegularFile } from "./user-file.js";
import { jsonArrays } from "../api/json-arrays.js";

export interface CsvOptions {
  /** Name of the target column (required). */
  target: string;
  /** Feature columns to use, by name. @default every column but the target */
  features?: string[];
  /** Standardize each feature to mean 0 and standard deviation 1. @default true */
  standardize?: boolean;
  /** For a two-label target: the label mapped to +1 (the other is −1). @default the label last in sort order */
  positive?: string;
  /** Name of the source in error messages (e.g. the file name). @default "csv" */
  source?: string;
}

export interface CsvData extends Data {
  /** The feature column names, in the order of X's columns. */
  columns: string[];
  /** For a two-label target: the label → ±1 mapping used. */
  labels?: Record<string, number>;
}

/** A column name as shown in errors: at most 40 characters. */
const shown = (name: string) => (name.length > 40 ? `${name.slice(0, 40)}…` : name);

/** Splits one CSV line (commas; fields may be "quoted", with "" for a quote inside). */
export function splitCsvLine(line: string): string[] {
  const out: string[] = [];
  let cur = "", quoted = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (quoted) {
      if (c === '"' && line[i + 1] === '"') { cur += '"'; i++; }
      else if (c === '"') quoted = false;
      else cur += c;
    } else if (c === '"') quoted = true;
    else if (c === ",") { out.push(cur.trim()); cur = ""; }
    else cur += c;
  }
  out.push(cur.trim());
  return out;
}

/** Parses CSV text into Data (row-major X, y). */
export function csvData(text: string, opts: CsvOptions): CsvData {
  const src = opts.source ?? "csv";
  const lines = text.split(/\r?\n/).filter((l) => l.trim() !== "");
  if (lines.length < 2) throw new InputError(src, "needs a header row and at least one data row");
  const header = splitCsvLine(lines[0]);
  if (header.length < 2) {
    throw new InputError(src, `has ${header.length} column in its first row: a CSV file needs a header row naming the target and at least one feature column, separated by commas`);
  }
  const firstAt = new Map<string, number>();
  header.forEach((name, i) => {
    const j = firstAt.get(name);
    if (j !== undefined) throw new InputError(`${src} header`, `names column ${j + 1} and column ${i + 1} both "${shown(name)}": give every column its own name`);
    firstAt.set(name, i);
  });
  const columns = () => header.slice(0, 30).map(shown).join(", ") + (header.length > 30 ? `, … (${header.length} columns)` : "");
  const ti = header.indexOf(opts.target);
  if (ti < 0) throw new InputError("target", `no column "${opts.target}" in ${src}; the columns are: ${columns()}`);
  const names = opts.features ?? header.filter((_, i) => i !== ti);
  const fi = names.map((name) => {
    const i = header.indexOf(name);
    if (i < 0) throw new InputError("features", `no column "${name}" in ${src}; the columns are: ${columns()}`);
    if (i === ti) throw new InputError("features", `"${name}" is the target column: it cannot also be a feature`);
    return i;
  });
  if (fi.length === 0) throw new InputError(src, "has no feature column besides the target");
  const n = lines.length - 1, d = fi.length;
  const X = new Float64Array(n * d), raw: string[] = [];
  for (let r = 0; r < n; r++) {
    const cells = splitCsvLine(lines[r + 1]);
    if (cells.length !== header.length) {
      throw new InputError(`${src} row ${r + 2}`, `has ${cells.length} fields but the header has ${header.length}`);
    }
    fi.forEach((i, j) => {
      const v = cells[i] === "" ? NaN : Number(cells[i]);
      if (!Number.isFinite(v)) throw new InputError(`${src} row ${r + 2}, column "${shown(header[i])}"`, `${cells[i] === "" ? "is empty" : "is not a finite number"}: features must be finite numbers`);
      X[r * d + j] = v;
    });
    if (cells[ti] === "") throw new InputError(`${src} row ${r + 2}, column "${shown(opts.target)}"`, "is empty: every row needs a target");
    raw.push(cells[ti]);
  }
  const y = new Float64Array(n);
  let labels: Record<string, number> | undefined;
  if (raw.every((v) => Number.isFinite(Number(v))) && opts.positive === undefined) {
    raw.forEach((v, k) => (y[k] = Number(v)));
  } else {
    const distinct = [...new Set(raw)].sort();
    if (distinct.length !== 2) {
      throw new InputError(`${src} column "${shown(opts.target)}"`, `has ${distinct.length} distinct labels: a non-numeric target needs exactly two`);
    }
    const pos = opts.positive ?? distinct[1];
    if (!distinct.includes(pos)) throw new InputError("positive", `label "${pos}" does not occur; the labels are ${distinct.join(", ")}`);
    labels = Object.fromEntries(distinct.map((l) => [l, l === pos ? 1 : -1]));
    raw.forEach((v, k) => (y[k] = labels![v]));
  }
  if (opts.standardize ?? true) standardizeColumns(X, n, d);
  return jsonArrays({ X, y, n, d, columns: fi.map((i) => header[i]), labels });
}

/** Centers each column and scales it to standard deviation 1 (columns that are constant only centered). */
export function standardizeColumns(X: Float64Array, n: number, d: number): void {
  for (let j = 0; j < d; j++) {
    let mean = 0;
    for (let k = 0; k < n; k++) mean += X[k * d + j];
    mean /= n;
    let v = 0;
    for (let k = 0; k < n; k++) v += (X[k * d + j] - mean) ** 2;
    const sd = Math.sqrt(v / n);
    const inv = sd > 0 ? 1 / sd : 1;
    for (let k = 0; k < n; k++) X[k * d + j] = (X[k * d + j] - mean) * inv;
  }
}

/** Reads a CSV file (Node only): a regular file of at most 256 MiB (devices and pipes are refused). */
export async function csvFileData(path: string, opts: Omit<CsvOptions, "source">): Promise<CsvData> {
  const fsName = "node:fs"; // a variable: browser bundlers leave the Node-only import alone
  const fs = (await import(/* @vite-ignore */ fsName)) as typeof import("node:fs");
  return csvData(readRegularFile(fs, path, "csv"), { ...opts, source: path });
}

/**
 * Reads a CSV file at once (for checks before a long run starts): its data in Node (≥ 20.16, which has
 * process.getBuiltinModule), undefined where there is no file system (browsers).
 */
export function csvFileDataSync(path: string, opts: Omit<CsvOptions, "source">): CsvData | undefined {
  const proc = (globalThis as { process?: { getBuiltinModule?: (id: string) => unknown } }).process;
  const fs = proc?.getBuiltinModule?.("node:fs") as typeof import("node:fs") | undefined;
  if (!fs) return undefined;
  return csvData(readRegularFile(fs, path, "csv"), { ...opts, source: path });
}
