// Dynamic string sampling (Freeman & Bruna, ICLR 2017): a piecewise-linear path of "beads" between
// two trained networks A and B. Start from the straight segment (B's neurons aligned to A's); while
// some segment's loss rises above the threshold L₀, put a bead at that segment's maximum, train it
// back down (the run's optimizer from there, until its loss is halfway between the larger endpoint
// loss and L₀, or an epoch budget), and
// split the segment in two. Reports the energy gap (max loss along the final string − the larger
// endpoint loss), the beads, the normalized geodesic length Σ‖θᵢ₊₁ − θᵢ‖ / ‖θ_B − θ_A‖, the profile.
import type { Network } from "./network.js";
import type { Problem } from "./problem.js";
import { InputError } from "./errors.js";
import { Trainer } from "./train.js";
import { type TrainOptions, type ResolvedTrainOptions, resolveTrainOptions } from "./train-options.js";
import { PathEvaluator, distance, flatten, unflatten } from "./path-eval.js";
import { alignFlat, grid, type Profile, segmentProfile } from "./paths.js";

export interface StringOptions {
  /** The threshold L₀ (absolute). @default (1 + thresholdRel)·max(L_A, L_B) */
  threshold?: number;
  /** L₀ relative to the larger endpoint loss, when no `threshold`. @default 0.01 */
  thresholdRel?: number;
  /** Most beads inserted between A and B. @default 16 */
  maxBeads?: number;
  /** Points per segment for finding its maximum and drawing the profile. @default 33 */
  points?: number;
  /** Epoch budget of each bead's training. @default 5000 */
  beadEpochs?: number;
  /** Align B's neurons to A's before building the string. @default true */
  align?: boolean;
}

export type StringStop = "below-threshold" | "max-beads" | "bead-above-threshold";

export interface StringResult {
  /** Every segment of the final string stays at or below L₀. */
  success: boolean;
  stop: StringStop;
  threshold: number;
  lossA: number;
  lossB: number;
  /** max along the final string − max(L_A, L_B). */
  gap: number;
  maxLoss: number;
  /** Beads inserted (endpoints not counted). */
  beads: number;
  /** Loss of every point of the string, endpoints included, in order. */
  beadLosses: number[];
  /** Σ‖θᵢ₊₁ − θᵢ‖ / ‖θ_B − θ_A‖ (1 for the straight segment). */
  length: number;
  /** ‖θ_B − θ_A‖ after alignment, and before. */
  distance: number;
  rawDistance: number;
  /** Barrier of the straight segment after alignment, and before. */
  linearBarrier: number;
  rawBarrier: number;
  /** Loss along the final string; s = fraction of its length. */
  profile: Profile;
  /** s of each bead (endpoints included). */
  beadS: number[];
  /** The string's networks in order: A, the beads, B (aligned to A unless `align: false`). */
  path: Network[];
  /** Total epochs of bead training, and wall-clock seconds. */
  epochs: number;
  seconds: number;
}

const now = () => (typeof performance !== "undefined" ? performance.now() : Date.now());

interface Seg {
  max: number;
  tMax: number;
  profile: Profile;
}

/**
 * The string between A and B (same width) for the problem and training settings that produced them.
 * `ev` may be shared between strings of the same width (the data are laid out once).
 */
export async function stringBetween(problem: Problem, A: Network, B: Network, train: TrainOptions = {}, opts: StringOptions = {}, ev?: PathEvaluator): Promise<StringResult> {
  const t0 = now();
  const o = resolveTrainOptions({ ...problem.train, ...train });
  const { d } = problem.data, m = A.a.length;
  if (B.a.length !== m) throw new InputError("B", `has ${B.a.length} neurons but A has ${m}: a string joins networks of the same width`);
  const points = opts.points ?? 33, maxBeads = opts.maxBeads ?? 16, beadEpochs = opts.beadEpochs ?? 5000;
  grid(points);
  if (!Number.isInteger(maxBeads) || maxBeads < 0) throw new InputError("maxBeads", `is ${maxBeads}: give a whole number ≥ 0`);
  if (!(beadEpochs >= 1)) throw new InputError("beadEpochs", `is ${beadEpochs}: give at least 1 epoch`);
  const own = !ev;
  const e = ev ?? (await PathEvaluator.create(problem.data, m, { lambda: problem.lambda, loss: o.loss, regularizer: o.regularizer, kappa: o.kappa }));
  try {
    const fa = flatten(A), fbRaw = flatten(B);
    const fb = opts.align === false ? fbRaw : alignFlat(fa, fbRaw, m, d);
    const raw = segmentProfile(e, fa, fbRaw, points);
    const first = fb === fbRaw ? raw : segmentProfile(e, fa, fb, points);
    const lossA = first.lossA, lossB = first.lossB, top = Math.max(lossA, lossB);
    const threshold = opts.threshold ?? (1 + (opts.thresholdRel ?? 0.01)) * top;
    if (!(threshold >= top)) throw new InputError("threshold", `is ${threshold}, below the endpoint loss ${top}: L₀ must be at least max(L_A, L_B)`);
    const beads: Float64Array[] = [fa, fb];
    const beadLoss = [lossA, lossB];
    const segs: Seg[] = [{ max: lossA + first.barrier + Math.max(0, lossB - lossA), tMax: first.tMax, profile: first.profile }];
    const makeSeg = (i: number): Seg => {
      const r = segmentProfile(e, beads[i], beads[i + 1], points);
      return { max: r.barrier + Math.max(r.lossA, r.lossB), tMax: r.tMax, profile: r.profile };
    };
    let stop: StringStop = "below-threshold", epochs = 0;
    for (;;) {
      let w = 0;
      for (let i = 1; i < segs.length; i++) if (segs[i].max > segs[w].max) w = i;
      if (segs[w].max <= threshold) break;
      if (beads.length - 2 >= maxBeads) {
        stop = "max-beads";
        break;
      }
      const t = segs[w].tMax, P = beads[w], Q = beads[w + 1];
      const start = P.map((v, k) => (1 - t) * v + t * Q[k]);
      const bead = await trainBead(problem, o, start, m, d, e, top + 0.5 * (threshold - top), beadEpochs);
      epochs += bead.epochs;
      beads.splice(w + 1, 0, bead.theta);
      beadLoss.splice(w + 1, 0, bead.loss);
      segs.splice(w, 1, makeSeg(w), makeSeg(w + 1));
      if (bead.loss > threshold) {
        stop = "bead-above-threshold";
        break;
      }
    }
    // the final profile, by arc length
    const lens = segs.map((_, i) => distance(beads[i], beads[i + 1]));
    const total = lens.reduce((s, v) => s + v, 0);
    const profile: Profile = { s: [], loss: [], dataLoss: [] };
    const beadS = [0];
    let acc = 0;
    segs.forEach((sg, i) => {
      sg.profile.s.forEach((t, k) => {
        if (i > 0 && k === 0) return;
        profile.s.push(total > 0 ? (acc + t * lens[i]) / total : t);
        profile.loss.push(sg.profile.loss[k]);
        profile.dataLoss.push(sg.profile.dataLoss[k]);
      });
      acc += lens[i];
      beadS.push(total > 0 ? acc / total : 1);
    });
    const maxLoss = Math.max(...segs.map((s) => s.max));
    const dist = first.distance;
    return {
      success: stop === "below-threshold",
      stop,
      threshold,
      lossA,
      lossB,
      gap: maxLoss - top,
      maxLoss,
      beads: beads.length - 2,
      beadLosses: beadLoss,
      length: dist > 0 ? total / dist : beads.length === 2 ? 1 : Infinity,
      distance: dist,
      rawDistance: raw.distance,
      linearBarrier: first.barrier,
      rawBarrier: raw.barrier,
      profile,
      beadS,
      path: beads.map((v) => unflatten(v, m, d)),
      epochs,
      seconds: (now() - t0) / 1000,
    };
  } finally {
    if (own) e.dispose();
  }
}

/**
 * Trains a bead from `start` with the run's settings until its loss reaches `target` (halfway between
 * the larger endpoint loss and L₀) or `budget` epochs; checks the loss between chunks of growing length.
 */
async function trainBead(problem: Problem, o: ResolvedTrainOptions, start: Float64Array, m: number, d: number, ev: PathEvaluator, target: number, budget: number): Promise<{ theta: Float64Array; loss: number; epochs: number }> {
  const t = await Trainer.create(
    { ...problem, init: unflatten(start, m, d) },
    { ...o, maxEpochs: 1e15, gradTol: 0, lossTol: 0, traceGrowth: 1e12 },
  );
  try {
    let theta = start, loss = ev.loss(start), done = 0, chunk = 50;
    while (done < budget && loss > target) {
      const k = Math.min(chunk, budget - done);
      const stop = t.advance(k);
      done += k;
      const next = flatten(t.params());
      const l = ev.loss(next);
      if (Number.isFinite(l)) {
        theta = next;
        loss = l;
      }
      if (stop) break; // diverged (the trainer keeps the last finite state)
      chunk = Math.min(2 * chunk, 1000);
    }
    return { theta, loss, epochs: done };
  } finally {
    t.dispose();
  }
}
