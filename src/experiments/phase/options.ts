// Settings of the phase experiment: the diagram's grid (γ, γ′, widths), the runs' training settings,
// and the 1-D poster setting computed in closed form by the report. The research's grid is the
// default; --quick is a 4×4 grid at small widths.
import { InputError } from "../../api/errors.js";
import { defaultsOf, bool, int, ints, num, nums, optionGroup, text, type OptionsOf, type ResolvedOf } from "../../api/schema.js";

/** The poster's (a₁, b₁) pairs "a:b;a:b" → [[a, b], ...]; throws an InputError naming posterPairs. */
export function parsePosterPairs(pairs: string): Array<[number, number]> {
  const bad = (why: string) => new InputError("posterPairs", `${why}: give pairs a₁:b₁ separated by ";", e.g. "0:0;0.5:1" (got "${pairs}")`);
  const out = pairs.split(";").map((s) => s.trim()).filter((s) => s !== "").map((s): [number, number] => {
    const parts = s.split(":").map((x) => x.trim());
    const v = parts.map((x) => (x === "" ? NaN : Number(x)));
    if (v.length !== 2 || !v.every(Number.isFinite)) throw bad(`"${s}" is not a pair of numbers`);
    return [v[0], v[1]];
  });
  if (out.length === 0) throw bad("no pair");
  return out;
}

export const phaseOptions = /* @__PURE__ */ (() => optionGroup(
  {
    gammas: nums("values of γ = −log(β₁β₂/κ)/log m (rows of the diagram)", [0.25, 0.5, 0.75, 1, 1.25, 1.5, 1.75, 2], { distinct: true }),
    gammaPrimes: nums("values of γ′ = −log(β₁/β₂)/log m (columns)", [-1.5, -1, -0.5, 0, 0.5, 1, 1.5, 2], { distinct: true }),
    widths: ints("widths m per point (at least two: the slope of log sup RD vs log m is fitted)", [100, 464, 2154, 10000], { min: 1, distinct: true }),
    gammaKappa: num("output scaling κ = m^g (the grid sets β₁, β₂ from γ, γ′ and this)", 0, { placeholder: "g" }),
    gammaLambda: num("weight decay of the second diagram: λ = m^−g", 0.5, { placeholder: "g" }),
    decay: bool("run the weight-decay diagram (λ = m^−γ_λ) besides the one without decay", true),
    seed: int("seed of the initializations (the same standard normals are scaled at every grid point)", 0, { min: 0, max: 2 ** 53 - 1, placeholder: "s" }),
    tol: num("|slope| ≤ t is classified critical", 0.1, { min: 0, placeholder: "t" }),
    maxEpochs: int("epoch cap per run", 20_000, { min: 1, placeholder: "k" }),
    lossTarget: num("no decay: a run stops (converged) when the data loss is below t", 1e-4, { above: 0, placeholder: "t" }),
    posterPairs: text('(a₁, b₁) pairs of the 1-D poster figure, "a:b;a:b"', "0:0;0:0.5;0:1;0.5:0.5;0.5:1;1:0.25", { placeholder: "list" }),
    c1: num("poster setting: weight decay λ = m^−c₁", 1.5, { placeholder: "c" }),
    posterWidths: ints("poster setting: widths m (at least two: exponents are fitted)", [100, 1000, 10000, 100000], { min: 1, distinct: true }),
  },
  (o) => {
    if (o.widths.length < 2) throw new InputError("widths", `give at least two widths to fit a slope (got ${o.widths.join(",")})`);
    if (o.posterWidths.length < 2) throw new InputError("posterWidths", `give at least two widths to fit the exponents (got ${o.posterWidths.join(",")})`);
    parsePosterPairs(o.posterPairs);
  },
))();

/** Options of `relu-landscape phase` (every field optional). */
export type PhaseOptions = OptionsOf<typeof phaseOptions>;
export type ResolvedPhaseOptions = ResolvedOf<typeof phaseOptions>;

/** The research's grid. */
export const PHASE_DEFAULTS = /* @__PURE__ */ defaultsOf(phaseOptions);

/** The reduced grid of --quick (a few seconds). */
export const PHASE_QUICK: PhaseOptions = { gammas: [0.5, 1, 1.5, 2], gammaPrimes: [-1, 0, 1, 2], widths: [50, 158, 500], maxEpochs: 5000, posterWidths: [100, 1000, 10000] };

/** Validates options and fills in the defaults. */
export function resolvePhaseOptions(o: PhaseOptions = {}): ResolvedPhaseOptions {
  return phaseOptions.resolve(o);
}

/** The diagrams of a setting: no decay, and λ = m^−γ_λ unless `decay` is off (null: no decay). */
export function phaseDecays(o: Pick<ResolvedPhaseOptions, "decay" | "gammaLambda">): Array<number | null> {
  return o.decay ? [null, o.gammaLambda] : [null];
}
