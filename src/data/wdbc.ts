// The Wisconsin diagnostic breast-cancer data (569 × 30), shipped as data/wdbc.csv with its
// attribution (data/README.md): features standardized, diagnosis M → +1 (malignant), B → −1.
// Node only for now (reads the file next to the package).
import { InputError } from "../api/errors.js";
import { type CsvData, csvFileData } from "./csv.js";

export interface WdbcOptions {
  /** Standardize the 30 features. @default true */
  standardize?: boolean;
  /** Path of wdbc.csv. @default the copy shipped in the package's data/ directory */
  path?: string;
}

/** Where the shipped copy lives: data/ beside src/ (from source) or beside dist/ (from a build). */
async function shippedPath(): Promise<string> {
  const fsName = "node:fs", urlName = "node:url"; // variables: browser bundlers leave Node-only imports alone
  const { existsSync } = (await import(/* @vite-ignore */ fsName)) as typeof import("node:fs");
  const { fileURLToPath } = (await import(/* @vite-ignore */ urlName)) as typeof import("node:url");
  const here = typeof import.meta !== "undefined" && import.meta.url ? import.meta.url : undefined;
  const candidates = here ? [new URL("../../data/wdbc.csv", here), new URL("../data/wdbc.csv", here)].map((u) => fileURLToPath(u)) : [];
  if (typeof __dirname !== "undefined") candidates.push(`${__dirname}/../data/wdbc.csv`);
  const found = candidates.find((p) => existsSync(p));
  if (!found) throw new InputError("wdbc", `cannot find the shipped data/wdbc.csv (looked in ${candidates.join(", ")}): pass its path`);
  return found;
}

/** The WDBC data set: X 569 × 30 (standardized), y = +1 malignant, −1 benign. */
export async function wdbcData(opts: WdbcOptions = {}): Promise<CsvData> {
  const path = opts.path ?? (await shippedPath());
  return csvFileData(path, { target: "diagnosis", positive: "M", standardize: opts.standardize ?? true });
}
