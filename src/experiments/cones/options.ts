// Settings of the cones-vs-width experiment (Boursier et al., Theorem 1): the research's grid as the
// defaults, a reduced grid as the quick preset.
import { InputError } from "../../api/errors.js";
import { patternCountFormula } from "../../api/patterns.js";
import { defaultsOf, choice, int, ints, num, nums, optionGroup, type OptionsOf, type ResolvedOf } from "../../api/schema.js";

export const conesOptions = optionGroup(
  {
    ns: ints("sample counts n of the datasets", [4, 6], { min: 1, distinct: true }),
    ds: ints("input dimensions d", [8, 10], { min: 1, distinct: true }),
    widths: ints("widths m: signed patterns drawn per cone (duplicates merged)", [10, 20, 40, 80, 160, 320, 640], { min: 1, distinct: true }),
    cones: int("random cones per dataset and width", 20, { min: 1, placeholder: "N" }),
    datasets: int("datasets per (n, d)", 5, { min: 1, placeholder: "k" }),
    lambda: num("weight decay λ", 0.01, { above: 0, placeholder: "λ" }),
    data: choice("teacher: X ~ N(0, I) with a ReLU teacher of width 10; orthogonal: Haar rows, teacher labels", ["teacher", "orthogonal"], "teacher"),
    sampler: choice("how a cone's patterns are drawn: uniform over the enumeration (as the research did) or Gaussian neurons", ["uniform", "gaussian"], "uniform"),
    tol: num("a cone holds a global minimum when P(S) − P(all) ≤ tol·P(all)", 1e-6, { above: 0, placeholder: "t" }),
    seed: int("seed of the whole experiment (datasets and cones derive from it)", 0, { min: 0, placeholder: "s" }),
    grid: choice(
      "paper: every (n, d) of ns × ds at the widths given; scaling: the Theorem-1 scaling law — for n in scalingNs, d = 2 … n + 2, widths m = f·N (f in widthFactors, N the signed patterns), m₉₀ per (n, d) and its fit against N",
      ["paper", "scaling"],
      "paper",
    ),
    scalingNs: ints("scaling grid: the sample counts n (d runs from 2 to n + 2)", [4, 6, 8, 10], { min: 2, distinct: true, placeholder: "list" }),
    widthFactors: nums("scaling grid: widths as multiples of N, the number of signed patterns", [0.5, 1, 1.5, 2, 3, 4, 6, 8], { above: 0, distinct: true }),
    replicates: int("bootstrap replicates of the scaling law's intervals", 1000, { min: 10 }),
  },
  (o) => {
    if (o.grid === "scaling" && o.data === "orthogonal") throw new InputError("data", "the scaling grid takes d from 2 to n + 2, and orthogonal data needs n ≤ d: use teacher data");
    if (o.data === "orthogonal") {
      for (const n of o.ns) for (const d of o.ds) if (n > d) throw new InputError("ns", `n = ${n} > d = ${d}: orthogonal data needs n ≤ d`);
    }
  },
);

/** Options of `relu-landscape cones` (every field optional). */
export type ConesOptions = OptionsOf<typeof conesOptions>;
export type ResolvedConesOptions = ResolvedOf<typeof conesOptions>;

/** The research's grid. */
export const CONES_DEFAULTS = /* @__PURE__ */ defaultsOf(conesOptions);

/** The reduced grid of --quick (about a second). */
export const CONES_QUICK: ConesOptions = { ns: [4], ds: [8], widths: [5, 10, 20, 40, 80], cones: 10, datasets: 3, scalingNs: [4, 6], widthFactors: [0.5, 1, 2, 4, 8], replicates: 200 };

/** The (n, d, m) points of the scaling grid: d = 2 … n + 2, m = f·N with N = 2·(Cover's count). */
export function scalingPoints(o: Pick<ResolvedConesOptions, "scalingNs" | "widthFactors">): { n: number; d: number; m: number }[] {
  const out: { n: number; d: number; m: number }[] = [];
  for (const n of o.scalingNs) {
    for (let d = 2; d <= n + 2; d++) {
      const N = 2 * patternCountFormula(n, d);
      const ms = [...new Set(o.widthFactors.map((f) => Math.max(1, Math.round(f * N))))].sort((a, b) => a - b);
      for (const m of ms) out.push({ n, d, m });
    }
  }
  return out;
}

/** Validates options and fills in the defaults. */
export function resolveConesOptions(o: ConesOptions = {}): ResolvedConesOptions {
  return conesOptions.resolve(o);
}

/** The seed of dataset `index` of (n, d): shared by every width, so the widths see the same data. */
export function datasetSeed(seed: number, n: number, d: number, index: number): number {
  return (seed * 1_000_003 + n * 10_007 + d * 101 + index) % 2 ** 32;
}
