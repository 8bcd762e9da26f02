// Results as a flat table: one row per run, the run's settings (config) then its measurements, for
// CSV files, spreadsheets and plots. Nested values (arrays, objects) are kept as JSON text.
import type { RunRecord } from "./results.js";

export interface Table {
  columns: string[];
  rows: Record<string, unknown>[];
}

/** Flattens records into rows: id, index, rep, seed, config keys, measure keys, error, seconds. */
export function toTable(records: RunRecord[]): Table {
  const configKeys: string[] = [];
  const measureKeys: string[] = [];
  const add = (list: string[], k: string) => !list.includes(k) && list.push(k);
  for (const r of records) {
    for (const k of Object.keys(r.config)) if (k !== "rep") add(configKeys, k);
    for (const k of Object.keys(r.result ?? {})) add(measureKeys, k);
  }
  // a setting named like a record field (a sweep that sets `seed`) and a measure named like a setting
  // get a prefix, so no column is lost or written twice
  const own = ["id", "index", "rep", "seed", "error", "runSeconds"];
  const configCol = (k: string) => (own.includes(k) ? `config.${k}` : k);
  const measureCol = (k: string) => (configKeys.includes(k) || own.includes(k) ? `result.${k}` : k);
  const columns = ["id", "index", "rep", "seed", ...configKeys.map(configCol), ...measureKeys.map(measureCol), "error", "runSeconds"];
  const rows = records.map((r) => {
    const row: Record<string, unknown> = { id: r.id, index: r.index, rep: r.rep, seed: r.seed };
    for (const k of configKeys) row[configCol(k)] = r.config[k];
    for (const k of measureKeys) row[measureCol(k)] = r.result?.[k];
    row.error = r.error;
    row.runSeconds = r.seconds;
    return row;
  });
  return { columns, rows };
}

function cell(v: unknown): string {
  if (v === undefined || v === null) return "";
  const s = typeof v === "object" ? JSON.stringify(v) : String(v);
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** RFC 4180 CSV (header row, comma-separated, quoted where needed, \n line ends). */
export function toCsv(table: Table): string {
  const lines = [table.columns.map(cell).join(",")];
  for (const row of table.rows) lines.push(table.columns.map((c) => cell(row[c])).join(","));
  return lines.join("\n") + "\n";
}
