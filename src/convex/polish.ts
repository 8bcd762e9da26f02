// Polish: constant-step GD never settles exactly at a kinked minimum (it chatters, its loss O(lr)
// above the minimum, its gradient far from 0). The best network inside the network's own activation
// cone is the solution of the convex program over its signed patterns: polish returns it, exactly,
// with its certificate.
import type { Data } from "../api/data.js";
import type { Network } from "../api/network.js";
import type { Problem, ProblemInput } from "../api/problem.js";
import { type Certificate, type CertifyOptions, certify } from "./certify.js";
import { coneOptimum, networkLoss, resolveInput } from "./optimum.js";
import { toNetwork } from "../api/network.js";
import type { ProgramSettings } from "./settings.js";

export interface PolishResult {
  /** The best network in the input network's activation cone. */
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
  /** The polished network's certificate against the global optimum. */
  certificate: Certificate;
  verdict: Certificate["verdict"];
  seconds: number;
}

/** The exact best network in `network`'s activation cone, with its verdict. */
export async function polish(input: Data | Problem | ProblemInput, lambda: number | ProgramSettings | undefined, network: Network, opts: CertifyOptions = {}): Promise<PolishResult> {
  const t0 = typeof performance !== "undefined" ? performance.now() : Date.now();
  const { data, settings } = resolveInput(input, lambda, opts);
  const net = toNetwork(network, data.d);
  const lossBefore = await networkLoss(net, data, settings);
  const cone = await coneOptimum(data, settings, net, opts);
  // never return worse than the input (a cone program stopped short could)
  const better = cone.value <= lossBefore;
  const out = better ? cone.network : net;
  const certificate = await certify(data, settings, out, opts);
  const t1 = typeof performance !== "undefined" ? performance.now() : Date.now();
  return {
    network: out, loss: better ? cone.value : lossBefore, lossBefore, coneLowerBound: cone.lowerBound, coneConverged: cone.converged,
    patterns: cone.patterns, certificate, verdict: certificate.verdict, seconds: (t1 - t0) / 1000,
  };
}
