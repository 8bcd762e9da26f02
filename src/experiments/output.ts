// What every experiment writes into its --out directory: tables as CSV and JSONL, the exact settings
// (with the seed and the package version), figures as SVG. Files are written whole, atomically.
import * as fs from "node:fs";
import { join } from "node:path";
import { VERSION } from "../version.js";

function atomicWrite(path: string, text: string): void {
  const tmp = `${path}.tmp-${process.pid}`;
  fs.writeFileSync(tmp, text);
  fs.renameSync(tmp, path);
}

const csvCell = (v: unknown): string => {
  if (v === undefined || v === null) return "";
  const s = typeof v === "object" ? JSON.stringify(v) : String(v);
  return /[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
};

/** Writes `name`.csv and `name`.jsonl; returns their paths. */
export function writeTable(dir: string, name: string, rows: object[]): string[] {
  fs.mkdirSync(dir, { recursive: true });
  const cols = [...new Set(rows.flatMap((r) => Object.keys(r)))];
  const csv = [cols.join(","), ...rows.map((r) => cols.map((c) => csvCell((r as Record<string, unknown>)[c])).join(","))].join("\n") + "\n";
  const csvPath = join(dir, `${name}.csv`), jsonlPath = join(dir, `${name}.jsonl`);
  atomicWrite(csvPath, csv);
  atomicWrite(jsonlPath, rows.map((r) => JSON.stringify(r)).join("\n") + (rows.length ? "\n" : ""));
  return [csvPath, jsonlPath];
}

/** Writes settings.json: the experiment's resolved options, the package version and the date. */
export function writeSettings(dir: string, settings: Record<string, unknown>): string {
  fs.mkdirSync(dir, { recursive: true });
  const path = join(dir, "settings.json");
  atomicWrite(path, JSON.stringify({ ...settings, version: VERSION, date: new Date().toISOString() }, null, 1) + "\n");
  return path;
}
