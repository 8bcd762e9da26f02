// The width at which "is θ a local minimum of L" is asked (verdict.ts: WHICH WIDTH): the network as
// given (neurons below the floor set to exact zeros), padded with zero neurons to a width M, or its
// minimal network (the same function with the fewest neurons: the research's convention).
import type { Data } from "../api/data.js";
import { InputError } from "../api/errors.js";
import { type Network, preActivations } from "../api/network.js";
import { defaultsOf } from "../api/schema.js";
import { type VerdictWidth, verdictSettings } from "./options.js";

/** The classifier's defaults (options.ts: verdictSettings). */
export const VERDICT_DEFAULTS = /* @__PURE__ */ defaultsOf(verdictSettings);

const mass = (w: number[], a: number) => w.reduce((s, v) => s + v * v, a * a);

/** Neurons with ‖w‖² + a² ≤ floor·max (and > 0): below the network's scale. */
function belowFloor(net: Network, floor: number): boolean[] {
  const ms = net.a.map((a, j) => mass(net.W[j], a));
  const top = Math.max(0, ...ms);
  return ms.map((v) => v > 0 && v <= floor * top);
}

/** The network with neurons below the floor set to exact zeros (the width unchanged). */
export function pruneToZero(net: Network, floor: number = VERDICT_DEFAULTS.floor): { network: Network; pruned: number } {
  const low = belowFloor(net, floor);
  return {
    network: { W: net.W.map((w, j) => (low[j] ? w.map(() => 0) : [...w])), a: net.a.map((v, j) => (low[j] ? 0 : v)) },
    pruned: low.filter(Boolean).length,
  };
}

/**
 * The minimal network of the same function (up to neurons below the floor): neurons below the floor,
 * with aⱼ = 0 or wⱼ = 0, or active on no data point removed; neurons of one sign whose directions agree
 * within mergeTol merged into one neuron of the same function, u = Σ|aⱼ|wⱼ: balanced for l2
 * (w = u/√‖u‖, a = ±√‖u‖), on the unit sphere for l1-unit (w = u/‖u‖, a = ±‖u‖); κ cancels.
 */
export function minimalNetwork(net: Network, data: Data, opts: { floor?: number; mergeTol?: number; regularizer?: "l2" | "l1-unit" } = {}): { network: Network; pruned: number; merged: number } {
  const floor = opts.floor ?? VERDICT_DEFAULTS.floor, mergeTol = opts.mergeTol ?? VERDICT_DEFAULTS.mergeTol;
  const low = belowFloor(net, floor);
  let pruned = 0;
  const groups: { s: number; dir: number[]; u: number[]; members: number[] }[] = [];
  for (let j = 0; j < net.a.length; j++) {
    const w = net.W[j], a = net.a[j];
    const wn = Math.hypot(...w);
    if (low[j] || a === 0 || wn === 0 || !preActivations(data, w).some((z) => z > 0)) {
      pruned++;
      continue;
    }
    const s = Math.sign(a), dir = w.map((v) => v / wn);
    const g = groups.find((q) => q.s === s && Math.hypot(...q.dir.map((v, i) => v - dir[i])) <= mergeTol);
    const u = w.map((v) => Math.abs(a) * v);
    if (g) {
      g.u = g.u.map((v, i) => v + u[i]);
      g.members.push(j);
    } else groups.push({ s, dir, u, members: [j] });
  }
  const network: Network = { W: [], a: [] };
  let merged = 0;
  for (const g of groups) {
    if (g.members.length === 1) {
      // a neuron that joins no other is kept as it is
      network.W.push([...net.W[g.members[0]]]);
      network.a.push(net.a[g.members[0]]);
      continue;
    }
    merged += g.members.length - 1;
    // w = u/c, a = ±‖u‖/c: a·relu(w·x) = ±relu(u·x); c = √‖u‖ balances (l2), c = ‖u‖ puts w on the sphere (l1-unit)
    const un = Math.hypot(...g.u), c = opts.regularizer === "l1-unit" ? un : Math.sqrt(un);
    network.W.push(g.u.map((v) => v / c));
    network.a.push((g.s * un) / c);
  }
  return { network, pruned, merged };
}

/** The network at the width of the question. */
export function networkAtWidth(net: Network, data: Data, width: VerdictWidth, opts: { floor?: number; mergeTol?: number; regularizer?: "l2" | "l1-unit" } = {}): { network: Network; pruned: number; merged: number; padded: number } {
  if (width === "minimal") return { ...minimalNetwork(net, data, opts), padded: 0 };
  const { network, pruned } = pruneToZero(net, opts.floor);
  if (width === "own") return { network, pruned, merged: 0, padded: 0 };
  if (width < net.a.length) throw new InputError("width", `is ${width} but the network has ${net.a.length} neurons: give a width ≥ ${net.a.length} (or "own", "minimal")`);
  const padded = width - net.a.length;
  for (let k = 0; k < padded; k++) {
    network.W.push(new Array(data.d).fill(0));
    network.a.push(0);
  }
  return { network, pruned, merged: 0, padded };
}
