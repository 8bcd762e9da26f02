// Polish: constant-step GD never settles exactly at a kinked minimum (it chatters, its loss O(lr)
// above the minimum, its gradient far from 0). The best network inside the network's own activation
// cone is the solution of the convex program over its signed patterns: polish returns it, exactly,
// with its certificate — by default at the input network's width: each input neuron keeps its signed
// pattern and carries its share of the optimum's neuron for that pattern (the question "is this a
// local minimum of L at the width it was trained at"); `width: "minimal"` asks the research's question.
import type { Data } from "../api/data.js";
import type { Network } from "../api/network.js";
import type { Problem, ProblemInput } from "../api/problem.js";
import { type Certificate, type CertifyOptions, certify } from "./certify.js";
import { coneOptimum, networkLoss, resolveInput } from "./optimum.js";
import { toNetwork } from "../api/network.js";
import { VERDICT_DEFAULTS } from "./verdict.js";
import { preActivations, rowNorms } from "./verdict-objective.js";
import type { ProgramSettings } from "./settings.js";

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
 * it gets uⱼ = u_c·μⱼ/Σ_{assigned to c} μ (balanced), so the function and L are the optimum's (parallel
 * parts of one u). Input neurons no optimum neuron uses are zero. Undefined when some optimum neuron
 * finds no input neuron (the caller then pads the optimum with zero neurons).
 */
export function spreadOverInput(opt: Network, input: Network, data: Data, tol: number = VERDICT_DEFAULTS.kinkTol): Network | undefined {
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
      const scale = Math.sqrt(share); // u = share·u_c: w = √share·w_c, a = √share·a_c (balanced when the optimum is)
      out.W[j] = opt.W[c].map((v) => scale * v);
      out.a[j] = scale * opt.a[c];
    }
  }
  return out;
}

/**
 * The exact best network in `network`'s activation cone, with its verdict. `opts.width` defaults to
 * the input network's width (see spreadOverInput; the optimum padded with zero neurons when it cannot
 * be spread); "minimal" asks the research's question (the optimum merged into a minimal network); a
 * number pads the optimum with zero neurons.
 */
export async function polish(input: Data | Problem | ProblemInput, lambda: number | ProgramSettings | undefined, network: Network, opts: CertifyOptions = {}): Promise<PolishResult> {
  const t0 = typeof performance !== "undefined" ? performance.now() : Date.now();
  const { data, settings } = resolveInput(input, lambda, opts);
  const net = toNetwork(network, data.d);
  const lossBefore = await networkLoss(net, data, settings);
  const cone = await coneOptimum(data, settings, net, opts);
  // never return worse than the input (a cone program stopped short could)
  const better = cone.value <= lossBefore;
  const out = better ? cone.network : net;
  const spread = opts.width === undefined && better ? spreadOverInput(out, net, data, opts.kinkTol) : undefined;
  const certificate = spread
    ? await certify(data, settings, spread, { ...opts, width: "own" })
    : await certify(data, settings, out, { ...opts, width: opts.width ?? net.a.length });
  const t1 = typeof performance !== "undefined" ? performance.now() : Date.now();
  return {
    network: out, loss: better ? cone.value : lossBefore, lossBefore, coneLowerBound: cone.lowerBound, coneConverged: cone.converged,
    patterns: cone.patterns, certificate, verdict: certificate.verdict, seconds: (t1 - t0) / 1000,
  };
}
