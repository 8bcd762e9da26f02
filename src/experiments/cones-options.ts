// Settings of the cones-vs-width experiment (Boursier et al., Theorem 1), with the research's grid as
// the defaults and a reduced grid for --quick.
import { InputError } from "../api/errors.js";

/** Options of `relu-landscape cones`. */
export interface ConesOptions {
  /** Sample counts n of the datasets. @default [4, 6] */
  ns?: number[];
  /** Input dimensions d. @default [8, 10] */
  ds?: number[];
  /** Widths m: signed patterns drawn per cone (duplicates merged). @default [10, 20, 40, 80, 160, 320, 640] */
  widths?: number[];
  /** Random cones per (dataset, m). @default 20 */
  cones?: number;
  /** Datasets per (n, d). @default 5 */
  datasets?: number;
  /** Weight decay λ. @default 0.01 */
  lambda?: number;
  /** `teacher` (X ~ N(0, I), ReLU teacher of width 10) or `orthogonal` (Haar rows, teacher labels). @default "teacher" */
  data?: "teacher" | "orthogonal";
  /** How a cone's patterns are drawn: uniform over the enumeration (as the research did) or Gaussian neurons. @default "uniform" */
  sampler?: "uniform" | "gaussian";
  /** A cone holds a global minimum when P(S) − P(all) ≤ tol·P(all). @default 1e-6 */
  tol?: number;
  /** Seed of the whole experiment (datasets and cones derive from it). @default 0 */
  seed?: number;
}

export const CONES_DEFAULTS: Required<ConesOptions> = {
  ns: [4, 6],
  ds: [8, 10],
  widths: [10, 20, 40, 80, 160, 320, 640],
  cones: 20,
  datasets: 5,
  lambda: 0.01,
  data: "teacher",
  sampler: "uniform",
  tol: 1e-6,
  seed: 0,
};

/** The reduced grid of --quick (under a minute). */
export const CONES_QUICK: Partial<ConesOptions> = { ns: [4], ds: [8], widths: [5, 10, 20, 40, 80], cones: 10, datasets: 3 };

const positiveInts = (v: number[] | undefined, field: string) => {
  if (v === undefined) return;
  if (!Array.isArray(v) || v.length === 0 || v.some((x) => !Number.isInteger(x) || x < 1)) {
    throw new InputError(field, `is ${JSON.stringify(v)}: give a non-empty list of positive integers`);
  }
};

export function resolveConesOptions(o: ConesOptions = {}): Required<ConesOptions> {
  positiveInts(o.ns, "ns");
  positiveInts(o.ds, "ds");
  positiveInts(o.widths, "widths");
  for (const k of ["cones", "datasets"] as const) {
    const v = o[k];
    if (v !== undefined && (!Number.isInteger(v) || v < 1)) throw new InputError(k, `is ${v}: give a positive integer`);
  }
  if (o.lambda !== undefined && !(o.lambda > 0)) throw new InputError("lambda", `is ${o.lambda}: give λ > 0`);
  if (o.tol !== undefined && !(o.tol > 0)) throw new InputError("tol", `is ${o.tol}: give a tolerance > 0`);
  if (o.data !== undefined && o.data !== "teacher" && o.data !== "orthogonal") throw new InputError("data", `is "${o.data}": use teacher or orthogonal`);
  if (o.sampler !== undefined && o.sampler !== "uniform" && o.sampler !== "gaussian") throw new InputError("sampler", `is "${o.sampler}": use uniform or gaussian`);
  if (o.seed !== undefined && (!Number.isInteger(o.seed) || o.seed < 0)) throw new InputError("seed", `is ${o.seed}: give an integer ≥ 0`);
  const r = { ...CONES_DEFAULTS, ...Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) } as Required<ConesOptions>;
  if (r.data === "orthogonal") {
    for (const n of r.ns) for (const d of r.ds) if (n > d) throw new InputError("ns", `n = ${n} > d = ${d}: orthogonal data needs n ≤ d`);
  }
  return r;
}

/** The seed of dataset `index` of (n, d): shared by every width, so the widths see the same data. */
export function datasetSeed(seed: number, n: number, d: number, index: number): number {
  return (seed * 1_000_003 + n * 10_007 + d * 101 + index) % 2 ** 32;
}
