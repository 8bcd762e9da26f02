// Polish: constant-step GD never settles exactly at a kinked minimum (it chatters, its loss O(lr)
// above the minimum, its gradient far from 0). The best network inside the network's own activation
// cone is the solution of the convex program over its signed patterns: polish returns it, exactly,
// with its certificate — by default at the input network's width: each input neuron keeps its signed
// pattern and carries its share of the optimum's neuron for that pattern (the question "is this a
// local minimum of L at the width it was trained at"); `width: "minimal"` asks the research's question.
import type { Data } from "../api/data.js";
import type { Network } from "../api/network.js";
import { type Certificate, type CertifyOptions, certify } from "./certify.js";
import { coneOptimum, networkLoss } from "./optimum.js";
import { preActivations, rowNorms, toNetwork } from "../api/network.js";
import { VERDICT_DEFAULTS, checkKnownOptimum } from "./verdict.js";
import type { ProgramSettings } from "./settings.js";
import { type ProblemArg, isNetworkArg, optionsOf, resolveProblem } from "./options.js";

export interface PolishResult {
  /** The best network in the input network's activation cone (its neurons only, not padded). */
  network: Network;
  /** Its L (= the cone program's value at convergence). */
  loss: number;
  /** L of the input network. */
  lossBefore: number;
  /** A certified lower bound on the cone program (no network in the cone does better). */
  coneLowerBound: number;
  /** Whether the cone program reached its target gap. */
  coneConverged: boolean;
  /** Signed patterns of the cone. */
  patterns: number;
  /** The polished network's certificate (at `certificate.width`; its `network` is the one classified). */
  certificate: Certificate;
  verdict: Certificate["verdict"];
  seconds: number;
}

/**
 * The polished network at the input's width m: input neuron j (signed pattern (sⱼ, Dⱼ), mass
 * μⱼ = |aⱼ|‖wⱼ‖) is assigned an optimum neuron c of the same sign with w_c in the closed cone K_{Dⱼ};
 * it gets uⱼ = u_c·μⱼ/Σ_{assigned to c} μ (balanced for l2: w and a scaled by √share; for l1-unit w
 * stays on the sphere and a is scaled by the share), so the function and L are the optimum's
 * (parallel parts of one u). Input neurons no optimum neuron uses are zero. Undefined when some
 * optimum neuron finds no input neuron (the caller then pads the optimum with zero neurons).
 */
export function spreadOverInput(opt: Network, input: Network, data: Data, tol: number = VERDICT_DEFAULTS.kinkTol, regularizer: "l2" | "l1-unit" = "l2"): Network | undefined {
  const { n } = data, xn = rowNorms(data), m = input.a.length;
  const inZ = input.W.map((w) => preActivations(data, w));
  const inMass = input.a.map((a, j) => Math.abs(a) * Math.hypot(...input.W[j]));
  const cands = opt.a.map((ac, c) => {
    const wc = opt.W[c], zc = preActivations(data, wc), wn = Math.hypot(...wc);
    const out: number[] = [];
    for (let j = 0; j < m; j++) {
      if (input.a[j] === 0 || Math.sign(input.a[j]) !== Math.sign(ac) || !inZ[j].some((z) => z > 0)) continue;
      let inside = true;
      for (let k = 0; k < n && inside; k++) inside = inZ[j][k] > 0 ? zc[k] >= -tol * xn[k] * wn : zc[k] <= tol * xn[k] * wn;
      if (inside) out.push(j);
    }
    return out;
  });
  const owner = new Array<number>(m).fill(-1);
  const order = [...opt.a.keys()].sort((p, q) => cands[p].length - cands[q].length);
  for (const c of order) {
    const mine = cands[c].filter((j) => owner[j] < 0);
    if (mine.length === 0) return undefined;
    for (const j of mine) owner[j] = c;
  }
  const out: Network = { W: input.W.map((w) => w.map(() => 0)), a: input.a.map(() => 0) };
  for (let c = 0; c < opt.a.length; c++) {
    const js = [...owner.keys()].filter((j) => owner[j] === c);
    const total = js.reduce((s, j) => s + inMass[j], 0);
    for (const j of js) {
      const share = total > 0 ? inMass[j] / total : 1 / js.length;
      // u = share·u_c: w = √share·w_c, a = √share·a_c (l2, balanced when the optimum is); w = w_c, a = share·a_c (l1-unit)
      const sw = regularizer === "l1-unit" ? 1 : Math.sqrt(share), sa = regularizer === "l1-unit" ? share : sw;
      out.W[j] = opt.W[c].map((v) => sw * v);
      out.a[j] = sa * opt.a[c];
    }
  }
  return out;
}

/**
 * The exact best network in `network`'s activation cone, with its verdict. `opts.width` defaults to
 * the input network's width (see spreadOverInput; the optimum padded with zero neurons when it cannot
 * be spread); "minimal" asks the research's question (the optimum merged into a minimal network); a
 * number pads the optimum with zero neurons. The problem carries λ and the data (or Data with
 * options.lambda); the objective comes from the options, else the problem's train settings.
 */
export async function polish(problem: ProblemArg, network: Network, opts?: CertifyOptions): Promise<PolishResult>;
/** @deprecated Give λ in the problem or in the options: `polish(problem, network, { lambda, ...options })`. The positional λ is accepted until the next release. */
export async function polish(problem: ProblemArg, lambda: number | ProgramSettings | undefined, network: Network, opts?: CertifyOptions): Promise<PolishResult>;
export async function polish(input: ProblemArg, x: Network | number | ProgramSettings | undefined, y?: Network | CertifyOptions, z?: CertifyOptions): Promise<PolishResult> {
  const [network, opts] = isNetworkArg(x) ? [x, (y ?? {}) as CertifyOptions] : [y as Network, optionsOf<CertifyOptions>(x, z)];
  const t0 = typeof performance !== "undefined" ? performance.now() : Date.now();
  const { data, settings } = resolveProblem(input, opts);
  // a given optimum must belong to the problem: refused before the cone is solved
  if (opts.optimum !== undefined) checkKnownOptimum(opts.optimum, data, settings);
  const o = { ...opts, lambda: settings.lambda, loss: settings.loss, regularizer: settings.regularizer, kappa: settings.kappa };
  const net = toNetwork(network, data.d);
  const lossBefore = await networkLoss(net, data, settings);
  const cone = await coneOptimum(data, net, o);
  // never return worse than the input (a cone program stopped short could)
  const better = cone.value <= lossBefore;
  const out = better ? cone.network : net;
  const spread = opts.width === undefined && better ? spreadOverInput(out, net, data, opts.kinkTol, settings.regularizer) : undefined;
  const certificate = spread
    ? await certify(data, spread, { ...o, width: "own" })
    : await certify(data, out, { ...o, width: opts.width ?? net.a.length });
  const t1 = typeof performance !== "undefined" ? performance.now() : Date.now();
  return {
    network: out, loss: better ? cone.value : lossBefore, lossBefore, coneLowerBound: cone.lowerBound, coneConverged: cone.converged,
    patterns: cone.patterns, certificate, verdict: certificate.verdict, seconds: (t1 - t0) / 1000,
  };
}
