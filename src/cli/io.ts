// Reading and writing the files of the CLI: user files are read as regular files with a size limit
// (src/sweep/files.ts), outputs are written atomically into directories created level by level;
// every error is one line naming the file.
import { dirname } from "node:path";
import { makeDirectory, readUserJson, writeFileAtomic } from "../sweep/files.js";

/** Reads a JSON file given by the user (`field` names the flag in errors). */
export function readJson(path: string, field: string): unknown {
  return readUserJson(path, field);
}

/** Writes text atomically (temp file + rename), creating the directory (`field` names the flag in errors). */
export function writeText(path: string, text: string, field = "--out"): void {
  makeDirectory(dirname(path), field);
  writeFileAtomic(path, text);
}

/** Writes JSON atomically (temp file + rename), creating the directory. */
export function writeJson(path: string, value: unknown, field = "--out"): void {
  writeText(path, JSON.stringify(value, null, 1) + "\n", field);
}
