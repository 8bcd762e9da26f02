// The row of one cone (the run kind returns them; the summary and the figures read them).
import type { Verdict } from "../../convex/verdict.js";
import type { FirstOrderLabel } from "../../convex/verdict-label.js";

/** A cone's verdict: the classifier's (null where the scaling grid did not classify). */
export type ConeVerdict = Verdict;

export interface ConeRow {
  cone: number;
  /** Distinct non-empty signed patterns in the cone (the program's size). */
  distinct: number;
  /** Distinct signed patterns drawn, the empty pattern included (the coverage count). */
  hit: number;
  /** Whether the cone program reached its target gap. */
  converged: boolean;
  /** P(S), the best loss in the cone. */
  value: number;
  /** (P(S) − P(all)) / P(all). */
  excess: number;
  /** (L − certified lower bound on min L) / L of the cone's optimum: `global` when ≤ tol. */
  relativeGap: number;
  /** The verdict at the minimal width (the research's convention); null: not classified (scaling grid, not global). */
  verdict: ConeVerdict | null;
  /** Neurons of the minimal network. */
  neurons: number | null;
  /** Witness at the minimal width: L after the descent step (saddle, not-stationary), its kind. */
  descentLoss: number | null;
  descentKind: string | null;
  /** Witness at the minimal width: the local-minimum certificate's relative slack δ/L and radius ρ (when computed). */
  localSlack: number | null;
  localRadius: number | null;
  /** The verdict at the cone's width m (one neuron per drawn pattern, unused ones at zero). */
  verdictAtWidth: ConeVerdict | null;
  /** Witness at width m: L after the descent step, its kind. */
  descentLossAtWidth: number | null;
  descentKindAtWidth: string | null;
  /** The research's first-order label of the minimal network. */
  researchLabel: FirstOrderLabel["label"] | null;
  /** The label's largest gradient entry (it is first-order-stationary when ≤ 5e-5). */
  researchMaxEntry: number | null;
}
