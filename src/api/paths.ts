// Straight paths between two networks of the same width: the loss profile along the segment, its
// barrier, and the alignment of one network's neurons to another's (neurons are interchangeable:
// a permutation minimizing the distance, by the Hungarian method).
import type { Network } from "./network.js";
import { InputError } from "./errors.js";
import { hungarian } from "./hungarian.js";
import { type PathEvaluator, distance, flatten, unflatten } from "./path-eval.js";

/** The loss along a path, at positions s ∈ [0, 1] (fraction of the path's length). */
export interface Profile {
  s: number[];
  loss: number[];
  dataLoss: number[];
}

export interface SegmentResult {
  profile: Profile;
  /** max along the segment − max of the two endpoints (≥ 0 up to sampling; 0 when the max is at an end). */
  barrier: number;
  /** Loss at the two endpoints. */
  lossA: number;
  lossB: number;
  /** Position (t) of the maximum. */
  tMax: number;
  /** ‖θ_B − θ_A‖. */
  distance: number;
}

/** `points` equally spaced t in [0, 1] (both ends included). */
export function grid(points: number): number[] {
  if (!Number.isInteger(points) || points < 2) throw new InputError("points", `is ${points}: give at least 2 points per segment`);
  return Array.from({ length: points }, (_, i) => i / (points - 1));
}

/** The loss along the straight segment from A to B (flat vectors, see `flatten`), at `points` points. */
export function segmentProfile(ev: PathEvaluator, A: Float64Array, B: Float64Array, points = 65): SegmentResult {
  const ts = grid(points);
  const { loss, dataLoss } = ev.segment(A, B, ts);
  let iMax = 0;
  for (let i = 1; i < points; i++) if (loss[i] > loss[iMax]) iMax = i;
  const lossA = loss[0], lossB = loss[points - 1];
  return {
    profile: { s: ts, loss: Array.from(loss), dataLoss: Array.from(dataLoss) },
    barrier: loss[iMax] - Math.max(lossA, lossB),
    lossA,
    lossB,
    tMax: ts[iMax],
    distance: distance(A, B),
  };
}

/** The permutation p (B's neuron p[j] goes to slot j) minimizing ‖θ_A − permuted θ_B‖. */
export function alignmentPermutation(A: Network, B: Network): Int32Array {
  const m = A.a.length;
  if (B.a.length !== m) throw new InputError("B", `has ${B.a.length} neurons but A has ${m}: align networks of the same width`);
  const fa = flatten(A), fb = flatten(B), s = m ? fa.length / m : 0;
  const cost = new Float64Array(m * m);
  for (let i = 0; i < m; i++) {
    for (let j = 0; j < m; j++) {
      let c = 0;
      for (let k = 0; k < s; k++) c += (fa[i * s + k] - fb[j * s + k]) ** 2;
      cost[i * m + j] = c;
    }
  }
  return hungarian(cost, m);
}

/** B with its neurons reordered to be as close as possible to A's (the same function, the same loss). */
export function alignNetwork(A: Network, B: Network): Network {
  const p = alignmentPermutation(A, B);
  return { W: Array.from(p, (j) => [...B.W[j]]), a: Array.from(p, (j) => B.a[j]) };
}

/** Flat-vector version: B aligned to A. */
export function alignFlat(A: Float64Array, B: Float64Array, m: number, d: number): Float64Array {
  return flatten(alignNetwork(unflatten(A, m, d), unflatten(B, m, d)));
}
