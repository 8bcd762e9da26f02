// The objective of the convex program, as `train` has it: the data loss (squared or logistic), the
// regularizer (weight decay λ(‖W‖² + ‖a‖²), or λ‖a‖₁ with every ‖wⱼ‖ ≤ 1) and the output scaling κ of
// f(x) = (1/κ)·Σⱼ aⱼ·relu(wⱼ·x). All of them lead to one program,
//   P(S) = min_{uᵢ ∈ Kᵢ} (1/n)·Σₖ ℓ(pₖ, yₖ) + β·Σᵢ‖uᵢ‖,   p = Σᵢ sᵢDᵢXuᵢ,
// with a weight β on the group norm that depends on the regularizer and κ:
//  - l2: a neuron (a, w) computes (1/κ)·a·relu(w·x) = sign(a)·relu(x·u) with u = |a|·w/κ, and
//    λ(‖w‖² + a²) ≥ 2λ|a|·‖w‖ = 2λκ‖u‖ with equality iff |a| = ‖w‖: β = 2λκ. Back from u:
//    w = u·√(κ/‖u‖), a = sᵢ·√(κ‖u‖) (balanced, L equals the program's value).
//  - l1-unit: with ‖w‖ ≤ 1, |a| = κ‖u‖/‖w‖ ≥ κ‖u‖, so λ|a| ≥ λκ‖u‖ with equality at ‖w‖ = 1: β = λκ.
//    Back from u: w = u/‖u‖, a = sᵢ·κ‖u‖.
// Several neurons with the same signed pattern merge into one uᵢ (the cone is convex and the norm
// subadditive), so the minimum of the program over every realizable signed pattern is the minimum of
// L over networks of every width, for each of the four combinations and every κ > 0.
import { InputError } from "../api/errors.js";
import type { TrainOptions } from "../api/train-options.js";

export type ConvexLoss = "squared" | "logistic";
export type ConvexRegularizer = "l2" | "l1-unit";

/** The objective of the program: data loss and regularizer as `train` has them. */
export interface ProgramSettings {
  lambda: number;
  /** @default "squared" */
  loss?: ConvexLoss;
  /** @default "l2" */
  regularizer?: ConvexRegularizer;
  /** Output scaling κ of f(x) = (1/κ)·Σ aⱼ relu(wⱼ·x) (as `train`'s kappa). @default 1 */
  kappa?: number;
}

/** Settings with defaults filled in, and the program's weight β on Σ‖uᵢ‖. */
export interface ResolvedSettings extends Required<ProgramSettings> {
  /** β: 2λκ (l2) or λκ (l1-unit). */
  beta: number;
}

/** Validates settings (a bare number is λ with the defaults) and fills in the defaults. */
export function resolveSettings(s: ProgramSettings | number): ResolvedSettings {
  const o: ProgramSettings = typeof s === "number" ? { lambda: s } : s;
  const lambda = o.lambda;
  if (lambda === undefined || typeof lambda !== "number" || !Number.isFinite(lambda) || !(lambda > 0)) {
    throw new InputError("lambda", `is ${lambda}: the convex program needs a weight decay λ > 0`);
  }
  const loss = o.loss ?? "squared", regularizer = o.regularizer ?? "l2", kappa = o.kappa ?? 1;
  if (loss !== "squared" && loss !== "logistic") throw new InputError("loss", `is "${String(loss)}": give squared or logistic`);
  if (regularizer !== "l2" && regularizer !== "l1-unit") throw new InputError("regularizer", `is "${String(regularizer)}": give l2 or l1-unit`);
  if (typeof kappa !== "number" || !Number.isFinite(kappa) || !(kappa > 0)) throw new InputError("kappa", `is ${kappa}: give a finite κ > 0`);
  const beta = (regularizer === "l2" ? 2 : 1) * lambda * kappa;
  if (!(beta > 0) || !Number.isFinite(beta)) throw new InputError("lambda", `λ·κ = ${lambda * kappa} is not a positive finite number`);
  return { lambda, loss, regularizer, kappa, beta };
}

/** The training options that make evaluateNetwork compute this objective. */
export function trainOptionsOf(s: ResolvedSettings): Pick<TrainOptions, "loss" | "regularizer" | "kappa"> {
  return { loss: s.loss, regularizer: s.regularizer, kappa: s.kappa };
}

/** The neuron (w, a) of a program variable u with sign s: its L contribution equals the program's. */
export function neuronOf(u: ArrayLike<number>, sign: number, norm: number, s: ResolvedSettings): { w: number[]; a: number } {
  if (s.regularizer === "l1-unit") return { w: Array.from(u, (v) => v / norm), a: sign * s.kappa * norm };
  const g = Math.sqrt(norm / s.kappa);
  return { w: Array.from(u, (v) => v / g), a: sign * Math.sqrt(s.kappa * norm) };
}
