// Whether the gaps experiment can compare its networks with the global minimum of L: the convex
// program (src/convex/optimum.ts globalOptimum) prices every activation pattern of X, which it
// refuses up front beyond GLOBAL_MAX_PATTERNS (Cover's count 2·Σ_{k<d} C(n−1, k)) or when the signed
// patterns would not fit in memory (its globalOutOfReach, the one rule), and it needs λ > 0. Decided from n and d alone, before any run
// starts (the command says so and goes on without the comparison), and again in every model run on
// the data it loaded (the same rule, so a run never attempts what the sweep left out).
import { globalOutOfReach as globalOptimumOutOfReach } from "../../convex/optimum.js";
import { csvFileDataSync } from "../../data/csv.js";
import { datasetOf, type ResolvedGapsOptions } from "./options.js";

/** The most activation patterns the experiment lets the global program enumerate (globalOptimum's own default). */
export const GLOBAL_MAX_PATTERNS = 1e6;

/** The shipped WDBC file's shape (src/data/wdbc.ts: 569 samples × 30 features). */
const WDBC_SHAPE = { n: 569, d: 30 };

/**
 * Why the global program is out of reach for n samples in d dimensions (the bias column counted) at
 * weight λ, or undefined when it is within reach: globalOptimum's own rule (convex/optimum.ts).
 */
export function globalOutOfReach(n: number, d: number, lambda: number): string | undefined {
  if (!(lambda > 0)) return `λ = ${lambda}: the convex program needs λ > 0`;
  return globalOptimumOutOfReach(n, d, GLOBAL_MAX_PATTERNS);
}

/** n and d (the bias column counted) of the experiment's data set, when known without loading it (undefined: a CSV where there is no file system). */
export function gapsDataShape(o: ResolvedGapsOptions): { n: number; d: number } | undefined {
  const dataset = datasetOf(o), bias = o.bias ? 1 : 0;
  if (dataset === "moons") return { n: o.n, d: 2 + bias };
  if (dataset === "wdbc") return { n: WDBC_SHAPE.n, d: WDBC_SHAPE.d + bias };
  const data = csvFileDataSync(o.csv!, { target: o.target! });
  return data ? { n: data.n, d: data.d + bias } : undefined;
}

/**
 * Whether the runs compare with the global minimum, and when not, why (one line). `shape` defaults
 * to the data set's; where it is unknown the runs decide on the data they load (the same rule).
 */
export function globalComparison(o: ResolvedGapsOptions, shape = gapsDataShape(o)): { on: boolean; note?: string } {
  if (!o.global) return { on: false, note: "no comparison with the global minimum (--no-global)" };
  const why = shape && globalOutOfReach(shape.n, shape.d, o.lambda);
  if (why) return { on: false, note: `no comparison with the global minimum: out of reach, ${why}` };
  return { on: true };
}
