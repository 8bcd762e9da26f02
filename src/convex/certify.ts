// Certificates for any network: its loss L, a certified lower bound on the global optimum (the
// network's own scaled residual as a dual point, a bound or optimum given by the caller, or the global
// solve), the gap, and a witnessed verdict from the one classifier (verdict.ts): `global`,
// `spurious-local-minimum` (with its local-minimum certificate), `saddle` or `not-stationary` (with an
// evaluated descent step), or `undetermined` (with what was tried).
import type { Data } from "../api/data.js";
import { type Network, predict } from "../api/network.js";
import { type ProgramSettings, resolveSettings } from "./settings.js";
import { type ProblemArg, isNetworkArg, optionsOf } from "./options.js";
import { VERDICT_DEFAULTS, type VerdictOptions, type VerdictResult, classifyNetwork } from "./verdict.js";
import { clarke, objective } from "./verdict-objective.js";

export type { Verdict } from "./verdict.js";

/** Settings of certify: those of the classifier (VerdictOptions). */
export interface CertifyOptions extends VerdictOptions {
  /**
   * @deprecated Ignored. The old absolute test ‖∇L‖ ≤ gradTol is not scale-free and could not see
   * concave kinks or free neurons; verdicts now carry certificates and witnesses (stationarityTol is
   * the relative Clarke threshold). Accepted so that old callers compile.
   */
  gradTol?: number;
}

/** Defaults of certify (the classifier's, plus the deprecated gradTol's old value). */
export const CERTIFY_DEFAULTS = { ...VERDICT_DEFAULTS, gradTol: 2e-5 } as const;

/** A network's certificate: the classifier's result (see VerdictResult). */
export type Certificate = VerdictResult;

/**
 * The absolute Clarke measure of a network: ‖g‖ for the least-norm g in {∇L with relu′(0) ∈ [0, 1] at
 * every kink |xₖ·wⱼ| ≤ kinkTol·‖xₖ‖·‖wⱼ‖} (for l1-unit with the normal cone of ‖wⱼ‖ ≤ 1 and λ[−1, 1]
 * at aⱼ = 0), for the objective given (λ alone: squared loss, ℓ2 decay, κ = 1). Not scale-free (for
 * l2 and the squared loss it scales as c^{3/2} under (θ, y, λ) → (√c·θ, c·y, c·λ)); the verdicts use
 * certificates and witnesses instead.
 */
export function stationarity(net: Network, data: Data, settings: number | ProgramSettings, kinkTol: number): { norm: number; kinks: number } {
  const obj = objective(resolveSettings(settings));
  const c = clarke(net, data, obj, obj.dataGradient(predict(net, data, obj.kappa), data.y), kinkTol);
  return { norm: c.norm, kinks: c.kinks };
}

/**
 * Certifies a network: loss, certified lower bound on the global optimum, gap and a witnessed verdict.
 * The problem carries λ and the data (or Data with options.lambda); the objective comes from the
 * options, else the problem's train settings: `certify(problem, network, { optimum })`.
 */
export async function certify(problem: ProblemArg, network: Network, opts?: CertifyOptions): Promise<Certificate>;
/** @deprecated Give λ in the problem or in the options: `certify(problem, network, { lambda, ...options })`. The positional λ is accepted until the next release. */
export async function certify(problem: ProblemArg, lambda: number | ProgramSettings | undefined, network: Network, opts?: CertifyOptions): Promise<Certificate>;
export async function certify(input: ProblemArg, x: Network | number | ProgramSettings | undefined, y?: Network | CertifyOptions, z?: CertifyOptions): Promise<Certificate> {
  const [network, opts] = isNetworkArg(x) ? [x, (y ?? {}) as CertifyOptions] : [y as Network, optionsOf<CertifyOptions>(x, z)];
  const { gradTol: _ignored, ...o } = opts;
  void _ignored;
  return classifyNetwork(input, network, o);
}
