// Dynamic string sampling (Freeman & Bruna, ICLR 2017): a piecewise-linear path of "beads" between
// two trained networks A and B. Start from the straight segment (B's neurons aligned to A's); while
// some segment's loss rises above the threshold L₀, put a bead at that segment's maximum, train it
// back down (the run's optimizer from there, until its loss is halfway between the larger endpoint
// loss and L₀, or an epoch budget), and
// split the segment in two. Reports the energy gap (max loss along the final string − the larger
// endpoint loss), the beads, the normalized geodesic length Σ‖θᵢ₊₁ − θᵢ‖ / ‖θ_B − θ_A‖, the profile.
//
// A single threshold quantizes the answer: a successful string's gap is at most L₀ − max(L_A, L_B).
// `stringLevel` removes that: it bisects on L₀ (each round refining the best string found so far) and
// reports the lowest level at which a string was found — an upper bound on the mountain-pass level
// (the lowest possible max along a path from A to B, sampled at `points` per segment) — with the
// bracket [highest level at which the string method failed, that level] and the resolution reached.
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
    const st: StringState = {
      beads: [fa, fb], beadLoss: [lossA, lossB],
      segs: [{ max: lossA + first.barrier + Math.max(0, lossB - lossA), tMax: first.tMax, profile: first.profile }], epochs: 0,
    };
    const stop = await refine(problem, o, e, st, threshold, top, maxBeads, beadEpochs, points, m, d);
    const { beads, segs, epochs } = st, beadLoss = st.beadLoss;
    const { profile, beadS, total } = stringProfile(st);
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

interface StringState {
  beads: Float64Array[];
  beadLoss: number[];
  segs: Seg[];
  epochs: number;
}

function makeSeg(e: PathEvaluator, st: StringState, i: number, points: number): Seg {
  const r = segmentProfile(e, st.beads[i], st.beads[i + 1], points);
  return { max: r.barrier + Math.max(r.lossA, r.lossB), tMax: r.tMax, profile: r.profile };
}

/**
 * Refines a string in place until every segment stays at or below `threshold`: beads above the new
 * target (halfway between the endpoint loss and L₀) are trained further, then a bead is put at the
 * highest point of the worst segment and trained down, until done or `maxBeads` beads.
 */
async function refine(
  problem: Problem, o: Required<TrainOptions>, e: PathEvaluator, st: StringState, threshold: number, top: number,
  maxBeads: number, beadEpochs: number, points: number, m: number, d: number,
): Promise<StringStop> {
  const target = top + 0.5 * (threshold - top);
  for (let i = 1; i + 1 < st.beads.length; i++) {
    if (st.beadLoss[i] <= target) continue;
    const bead = await trainBead(problem, o, st.beads[i], m, d, e, target, beadEpochs);
    st.epochs += bead.epochs;
    st.beads[i] = bead.theta;
    st.beadLoss[i] = bead.loss;
    st.segs[i - 1] = makeSeg(e, st, i - 1, points);
    st.segs[i] = makeSeg(e, st, i, points);
    if (bead.loss > threshold) return "bead-above-threshold";
  }
  for (;;) {
    let w = 0;
    for (let i = 1; i < st.segs.length; i++) if (st.segs[i].max > st.segs[w].max) w = i;
    if (st.segs[w].max <= threshold) return "below-threshold";
    if (st.beads.length - 2 >= maxBeads) return "max-beads";
    const t = st.segs[w].tMax, P = st.beads[w], Q = st.beads[w + 1];
    const start = P.map((v, k) => (1 - t) * v + t * Q[k]);
    const bead = await trainBead(problem, o, start, m, d, e, target, beadEpochs);
    st.epochs += bead.epochs;
    st.beads.splice(w + 1, 0, bead.theta);
    st.beadLoss.splice(w + 1, 0, bead.loss);
    st.segs.splice(w, 1, makeSeg(e, st, w, points), makeSeg(e, st, w + 1, points));
    if (bead.loss > threshold) return "bead-above-threshold";
  }
}

/** The final profile of a string, by arc length, and its bead positions. */
function stringProfile(st: StringState): { profile: Profile; beadS: number[]; total: number } {
  const lens = st.segs.map((_, i) => distance(st.beads[i], st.beads[i + 1]));
  const total = lens.reduce((s, v) => s + v, 0);
  const profile: Profile = { s: [], loss: [], dataLoss: [] };
  const beadS = [0];
  let acc = 0;
  st.segs.forEach((sg, i) => {
    sg.profile.s.forEach((t, k) => {
      if (i > 0 && k === 0) return;
      profile.s.push(total > 0 ? (acc + t * lens[i]) / total : t);
      profile.loss.push(sg.profile.loss[k]);
      profile.dataLoss.push(sg.profile.dataLoss[k]);
    });
    acc += lens[i];
    beadS.push(total > 0 ? acc / total : 1);
  });
  return { profile, beadS, total };
}

/** Settings of the level search (the string settings without a fixed threshold). */
export interface LevelOptions {
  /**
   * The first L₀ tried (absolute), when the straight segment rises above it; afterwards L₀ is bisected.
   * It only changes the order of the search, not what a found string proves. @default (1 + thresholdRel)·max(L_A, L_B)
   */
  threshold?: number;
  /** The first L₀ relative to the larger endpoint loss, when no `threshold`. @default 0.01 */
  thresholdRel?: number;
  /** Stop when the bracket is at most this wide (absolute). @default resolutionRel·max(L_A, L_B) */
  resolution?: number;
  /** The resolution relative to the larger endpoint loss, when no `resolution`. @default 0.001 */
  resolutionRel?: number;
  /** Most string refinements (one per L₀ tried). @default 12 */
  maxRounds?: number;
  /** Most beads in a string. @default 16 */
  maxBeads?: number;
  /** Points per segment (the max along a string is over these). @default 33 */
  points?: number;
  /** Epoch budget of each bead's training (per refinement). @default 5000 */
  beadEpochs?: number;
  /** Also join A to B with B's neurons aligned to A's, reported separately as `aligned`. @default false */
  align?: boolean;
}

/** One L₀ tried by the level search. */
export interface LevelRound {
  threshold: number;
  success: boolean;
  stop: StringStop;
  /** Max along the string refined in this round. */
  maxLoss: number;
  beads: number;
}

/** The lowest level at which a string from A to B was found. */
export interface LevelResult {
  /** max(L_A, L_B). */
  endpointLoss: number;
  /**
   * The lowest max along a string found (over `points` sampled points per segment): an upper bound on
   * the mountain-pass level between A and B (up to the sampling between points).
   */
  level: number;
  /** level − endpointLoss (absolute). */
  gap: number;
  /** gap / endpointLoss. */
  relativeGap: number;
  /**
   * `[lo, level]`: lo is the highest L₀ below `level` at which the string method failed (max(L_A, L_B)
   * when none did). A failure is not a proof that no lower path exists (the string method is a
   * heuristic, not monotone in L₀): lo is where the search stopped looking.
   */
  bracket: [number, number];
  /** The resolution asked for (absolute), and whether level − lo reached it (else maxRounds stopped). */
  resolution: number;
  resolved: boolean;
  /** Every L₀ tried, in order (the straight segment is the string of level `straightLevel`). */
  rounds: LevelRound[];
  /** Max along the straight segment from A to B. */
  straightLevel: number;
  /** The string of `level`: its beads' losses, profile, length, networks (A, beads, B). */
  beads: number;
  beadLosses: number[];
  profile: Profile;
  beadS: number[];
  length: number;
  path: Network[];
  /** ‖θ_B − θ_A‖ (B as joined: aligned or not). */
  distance: number;
  epochs: number;
  seconds: number;
}

/** The level search for A and B as given (B not realigned). */
async function levelSearch(problem: Problem, o: Required<TrainOptions>, e: PathEvaluator, fa: Float64Array, fb: Float64Array, opts: LevelOptions, m: number, d: number): Promise<LevelResult> {
  const t0 = now();
  const points = opts.points ?? 33, maxBeads = opts.maxBeads ?? 16, beadEpochs = opts.beadEpochs ?? 5000, maxRounds = opts.maxRounds ?? 12;
  const first = segmentProfile(e, fa, fb, points);
  const top = Math.max(first.lossA, first.lossB);
  const resolution = opts.resolution ?? (opts.resolutionRel ?? 1e-3) * Math.abs(top);
  if (!(resolution > 0) || !Number.isFinite(resolution)) throw new InputError("resolution", `is ${resolution}: give a positive absolute resolution (or resolutionRel > 0)`);
  const firstTry = opts.threshold ?? (1 + (opts.thresholdRel ?? 0.01)) * top;
  if (!(firstTry >= top)) throw new InputError("threshold", `is ${firstTry}, below the endpoint loss ${top}: L₀ must be at least max(L_A, L_B)`);
  const straight: StringState = {
    beads: [fa, fb], beadLoss: [first.lossA, first.lossB],
    segs: [{ max: first.barrier + top, tMax: first.tMax, profile: first.profile }], epochs: 0,
  };
  const maxOf = (st: StringState) => Math.max(...st.segs.map((sg) => sg.max));
  // `best`: the lowest string found (any string is a path: its max bounds the mountain-pass level);
  // `base`: the lowest string that met its L₀, which each round refines (a failed string has used up
  // its bead budget at a level the search has left)
  let best = straight, base = straight, level = maxOf(straight), epochs = 0;
  const failed: number[] = [];
  const lowOf = () => Math.max(top, ...failed.filter((v) => v < level));
  const rounds: LevelRound[] = [];
  let next = level > firstTry ? firstTry : undefined;
  while (rounds.length < maxRounds && level - lowOf() > resolution) {
    const L0 = next ?? (lowOf() + level) / 2;
    next = undefined;
    const st: StringState = { beads: [...base.beads], beadLoss: [...base.beadLoss], segs: [...base.segs], epochs: 0 };
    const stop = await refine(problem, o, e, st, L0, top, maxBeads, beadEpochs, points, m, d);
    epochs += st.epochs;
    const mx = maxOf(st), success = stop === "below-threshold";
    rounds.push({ threshold: L0, success, stop, maxLoss: mx, beads: st.beads.length - 2 });
    if (success) base = st;
    else failed.push(L0);
    if (mx < level) { best = st; level = mx; }
  }
  const lo = lowOf();
  const { profile, beadS, total } = stringProfile(best);
  const dist = first.distance;
  const gap = level - top;
  return {
    endpointLoss: top, level, gap, relativeGap: top !== 0 ? gap / Math.abs(top) : gap, bracket: [lo, level], resolution,
    resolved: level - lo <= resolution, rounds, straightLevel: first.barrier + top, beads: best.beads.length - 2, beadLosses: [...best.beadLoss],
    profile, beadS, length: dist > 0 ? total / dist : best.beads.length === 2 ? 1 : Infinity,
    path: best.beads.map((v) => unflatten(v, m, d)), distance: dist, epochs, seconds: (now() - t0) / 1000,
  };
}

/** Both joins of a pair: A to B itself, and (with `align`) A to B with its neurons aligned to A's. */
export interface PairLevels {
  direct: LevelResult;
  aligned?: LevelResult;
}

/**
 * The lowest level at which a string from A to B was found, by bisection on L₀ down to an absolute
 * resolution (see LevelResult): an upper bound on the mountain-pass level and the gap from it,
 * absolute and relative to max(L_A, L_B), with the bracket. Joins A to B itself; `align: true` adds
 * the join to B with its neurons aligned to A's (the same function, another point), reported apart.
 */
export async function stringLevel(problem: Problem, A: Network, B: Network, train: TrainOptions = {}, opts: LevelOptions = {}, ev?: PathEvaluator): Promise<PairLevels> {
  const o = resolveTrainOptions({ ...problem.train, ...train });
  const { d } = problem.data, m = A.a.length;
  if (B.a.length !== m) throw new InputError("B", `has ${B.a.length} neurons but A has ${m}: a string joins networks of the same width`);
  grid(opts.points ?? 33);
  if (!Number.isInteger(opts.maxBeads ?? 16) || (opts.maxBeads ?? 16) < 0) throw new InputError("maxBeads", `is ${opts.maxBeads}: give a whole number ≥ 0`);
  if (!((opts.beadEpochs ?? 5000) >= 1)) throw new InputError("beadEpochs", `is ${opts.beadEpochs}: give at least 1 epoch`);
  if (!(Number.isInteger(opts.maxRounds ?? 12) && (opts.maxRounds ?? 12) >= 0)) throw new InputError("maxRounds", `is ${opts.maxRounds}: give a whole number ≥ 0`);
  const own = !ev;
  const e = ev ?? (await PathEvaluator.create(problem.data, m, { lambda: problem.lambda, loss: o.loss, regularizer: o.regularizer, kappa: o.kappa }));
  try {
    const fa = flatten(A), fb = flatten(B);
    const direct = await levelSearch(problem, o, e, fa, fb, opts, m, d);
    if (!opts.align) return { direct };
    return { direct, aligned: await levelSearch(problem, o, e, fa, alignFlat(fa, fb, m, d), opts, m, d) };
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
