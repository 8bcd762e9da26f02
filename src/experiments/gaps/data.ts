// The data sets of the energy-gap experiments, as problems with a bias (constant-1 column last).
import type { Data } from "../../api/data.js";
import { InputError } from "../../api/errors.js";
import type { Problem } from "../../api/problem.js";
import { moonsData } from "../../data/moons.js";
import { wdbcData } from "../../data/wdbc.js";
import { csvFileData } from "../../data/csv.js";

export interface GapsDataOptions {
  /** @default "moons" */
  dataset?: "moons" | "wdbc" | "csv";
  /** moons: samples. @default 200 */
  n?: number;
  /** moons: noise standard deviation. @default 0.1 */
  noise?: number;
  /** moons: seed of the data. @default 0 */
  dataSeed?: number;
  /** csv: the file. */
  csv?: string;
  /** csv: the target column. */
  target?: string;
  /** Append a constant-1 feature (the bias). @default true */
  bias?: boolean;
}

/** Data with a constant-1 column appended last. */
export function withBias(data: Data): Data {
  const { n, d } = data, X = new Float64Array(n * (d + 1));
  for (let k = 0; k < n; k++) {
    X.set(data.X.subarray(k * d, (k + 1) * d), k * (d + 1));
    X[k * (d + 1) + d] = 1;
  }
  return { X, y: data.y, n, d: d + 1 };
}

/** Loads the data set and returns it as a problem with weight λ (a short description too). */
export async function gapsProblem(o: GapsDataOptions, lambda: number): Promise<{ problem: Problem; description: string }> {
  const dataset = o.dataset ?? "moons";
  let data: Data, description: string;
  if (dataset === "moons") {
    const n = o.n ?? 200, noise = o.noise ?? 0.1, seed = o.dataSeed ?? 0;
    data = await moonsData({ n, noise, seed });
    description = `moons n=${n} noise=${noise} seed=${seed}`;
  } else if (dataset === "wdbc") {
    data = await wdbcData();
    description = "WDBC 569×30 (standardized; M=+1, B=−1)";
  } else if (dataset === "csv") {
    if (!o.csv) throw new InputError("csv", "is missing: give the CSV file (and its target column)");
    if (!o.target) throw new InputError("target", "is missing: name the target column of the CSV");
    const c = await csvFileData(o.csv, { target: o.target });
    data = c;
    description = `${o.csv} n=${c.n} d=${c.d} target=${o.target}${c.labels ? ` (${Object.entries(c.labels).map(([k, v]) => `${k}=${v > 0 ? "+1" : "−1"}`).join(", ")})` : ""}`;
  } else throw new InputError("dataset", `got "${dataset}": use moons, wdbc or csv`);
  const bias = o.bias ?? true;
  return { problem: { data: bias ? withBias(data) : data, lambda, bias, train: {} }, description };
}
