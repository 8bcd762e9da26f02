// Reading and writing the JSON files of the CLI, with errors that name the file.
import { readFileSync, writeFileSync, mkdirSync, renameSync } from "node:fs";
import { dirname } from "node:path";
import { InputError } from "../api/errors.js";

export function readJson(path: string, field: string): unknown {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch {
    throw new InputError(field, `cannot read ${path}: check the path`);
  }
  try {
    return JSON.parse(text);
  } catch (e) {
    throw new InputError(field, `${path} is not valid JSON (${(e as Error).message})`);
  }
}

/** Writes JSON atomically (temp file + rename), creating the directory. */
export function writeJson(path: string, value: unknown): void {
  mkdirSync(dirname(path), { recursive: true });
  const tmp = `${path}.tmp-${process.pid}`;
  writeFileSync(tmp, JSON.stringify(value, null, 1) + "\n");
  renameSync(tmp, path);
}
