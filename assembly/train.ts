// The training core: full-batch gradient descent and minibatch SGD for
//   f(x) = (1/κ)·Σⱼ aⱼ·relu(wⱼ·x),   L = (1/n)·Σₖ ℓ(f(xₖ), yₖ) + R(W, a),
// with ℓ squared or logistic and R weight decay λ(‖W‖²+‖a‖²) or λ‖a‖₁ with ‖wⱼ‖ ≤ 1.
// Everything the trainer needs lives in a context (layout.ts) in linear memory; one call runs many
// epochs. SIMD runs over neurons: W is stored transposed (row k holds the k-th weight of every neuron),
// neurons padded to a multiple of 16 so that a block of four v128 covers 8 (f64) or 16 (f32) neurons.
// Generic over the element type T (f64 exact, f32 approximate); sums of the loss are kept in f64.

import {
  CTX_N, CTX_D, CTX_M, CTX_MP, CTX_X, CTX_Y, CTX_W, CTX_W2, CTX_CUR, CTX_H, CTX_R, CTX_XB, CTX_YB,
  CTX_PERM, CTX_SAVED, CTX_BACKUP, CTX_PROX, CTX_RNG, CTX_LAMBDA, CTX_LR, CTX_INV_KAPPA, CTX_LOSS_KIND, CTX_REG_KIND,
  CTX_METHOD, CTX_BATCH, CTX_PRECISION, CTX_GRAD_TOL, CTX_LOSS_TOL, CTX_LOSS_WINDOW, CTX_SCHEDULE,
  CTX_SCHED_FACTOR, CTX_SCHED_EVERY, CTX_MAX_EPOCHS, CTX_EPOCH, CTX_LOSS, CTX_DATA_LOSS, CTX_NORM_SQ,
  CTX_GRAD_SQ, CTX_STOP, CTX_REF_LOSS, CTX_REF_EPOCH, CTX_PREV_LOSS, CTX_EVALUATED,
  STOP_NONE, STOP_GRAD_TOL, STOP_MAX_EPOCHS, STOP_PLATEAU, STOP_DIVERGED,
} from "./layout";
import { rngNormal, rngUniform, rngPermutation } from "./rng";
import { getF, getI, getP, setF } from "./context";
import { lossAt, lossGrad } from "./loss";


/** Pointer to the params buffer holding the current state. */
function curParams(ctx: usize): usize { return getI(ctx, CTX_CUR) == 0 ? getP(ctx, CTX_W) : getP(ctx, CTX_W2); }
function otherParams(ctx: usize): usize { return getI(ctx, CTX_CUR) == 0 ? getP(ctx, CTX_W2) : getP(ctx, CTX_W); }
function flip(ctx: usize): void { setF(ctx, CTX_CUR, <f64>(1 - getI(ctx, CTX_CUR))); }

// @ts-ignore: decorator
@inline function hsum<T>(v: v128): f64 {
  if (sizeof<T>() == 8) return f64x2.extract_lane(v, 0) + f64x2.extract_lane(v, 1);
  return <f64>f32x4.extract_lane(v, 0) + <f64>f32x4.extract_lane(v, 1)
    + <f64>f32x4.extract_lane(v, 2) + <f64>f32x4.extract_lane(v, 3);
}

// @ts-ignore: decorator
@inline function splatLoad<T>(p: usize): v128 {
  if (sizeof<T>() == 8) return v128.load64_splat(p);
  return v128.load32_splat(p);
}

/** Neurons per SIMD block: four v128 (8 in f64, 16 in f32). The host pads m to a multiple of 16. */
// @ts-ignore: decorator
@inline function blockNeurons<T>(): i32 { return 64 / sizeof<T>(); }

/**
 * Forward pass over nb samples at params P: stores relu activations in H (nb×mp), the per-sample
 * residual factor ∂ℓ/∂f · (1/nb) · (1/κ) in R, and the loss values in the context; returns the
 * data loss (mean over the nb samples).
 */
function forward<T>(ctx: usize, P: usize, X: usize, Y: usize, nb: i32): f64 {
  const d = getI(ctx, CTX_D), mp = getI(ctx, CTX_MP);
  const H = getP(ctx, CTX_H), R = getP(ctx, CTX_R);
  const es = sizeof<T>();
  const rowBytes = <usize>mp * es; // stride between rows of WT and of H
  const A = P + <usize>d * rowBytes;
  const F = R + <usize>nb * 8; // v128 partial sums per sample, after the nb residuals (f64)
  const zero = v128.splat<T>(<T>0);
  memory.fill(F, 0, <usize>nb << 4);
  let normSq: f64 = 0, absA: f64 = 0;
  const xEnd = X + <usize>(nb * d) * es;
  for (let jb = 0; jb < mp; jb += blockNeurons<T>()) {
    const jo = <usize>jb * es;
    const a0 = v128.load(A + jo), a1 = v128.load(A + jo, 16), a2 = v128.load(A + jo, 32), a3 = v128.load(A + jo, 48);
    let ns = v128.add<T>(v128.add<T>(v128.mul<T>(a0, a0), v128.mul<T>(a1, a1)), v128.add<T>(v128.mul<T>(a2, a2), v128.mul<T>(a3, a3)));
    absA += hsum<T>(v128.add<T>(v128.add<T>(v128.abs<T>(a0), v128.abs<T>(a1)), v128.add<T>(v128.abs<T>(a2), v128.abs<T>(a3))));
    const wBase = P + jo;
    const wEnd = wBase + <usize>d * rowBytes;
    for (let w = wBase; w < wEnd; w += rowBytes) {
      const w0 = v128.load(w), w1 = v128.load(w, 16), w2 = v128.load(w, 32), w3 = v128.load(w, 48);
      ns = v128.add<T>(ns, v128.add<T>(v128.add<T>(v128.mul<T>(w0, w0), v128.mul<T>(w1, w1)), v128.add<T>(v128.mul<T>(w2, w2), v128.mul<T>(w3, w3))));
    }
    normSq += hsum<T>(ns);
    let hp = H + jo, fp = F;
    for (let xr = X; xr < xEnd; xr += <usize>d * es) {
      let z0 = zero, z1 = zero, z2 = zero, z3 = zero;
      let xp = xr;
      for (let w = wBase; w < wEnd; w += rowBytes) {
        const xs = splatLoad<T>(xp);
        z0 = v128.add<T>(z0, v128.mul<T>(xs, v128.load(w)));
        z1 = v128.add<T>(z1, v128.mul<T>(xs, v128.load(w, 16)));
        z2 = v128.add<T>(z2, v128.mul<T>(xs, v128.load(w, 32)));
        z3 = v128.add<T>(z3, v128.mul<T>(xs, v128.load(w, 48)));
        xp += es;
      }
      const h0 = v128.max<T>(z0, zero), h1 = v128.max<T>(z1, zero), h2 = v128.max<T>(z2, zero), h3 = v128.max<T>(z3, zero);
      v128.store(hp, h0);
      v128.store(hp, h1, 16);
      v128.store(hp, h2, 32);
      v128.store(hp, h3, 48);
      const s = v128.add<T>(v128.add<T>(v128.mul<T>(a0, h0), v128.mul<T>(a1, h1)), v128.add<T>(v128.mul<T>(a2, h2), v128.mul<T>(a3, h3)));
      v128.store(fp, v128.add<T>(v128.load(fp), s));
      hp += rowBytes;
      fp += 16;
    }
  }
  const invKappa = getF(ctx, CTX_INV_KAPPA);
  const logistic = getI(ctx, CTX_LOSS_KIND) == 1;
  const invNb = 1.0 / <f64>nb;
  let loss: f64 = 0;
  for (let i = 0; i < nb; i++) {
    const f = hsum<T>(v128.load(F + (<usize>i << 4))) * invKappa;
    const y = <f64>load<T>(Y + <usize>i * es);
    loss += lossAt(logistic, f, y);
    const g = lossGrad(logistic, f, y);
    store<f64>(R + (<usize>i << 3), g * invNb * invKappa);
  }
  setF(ctx, CTX_NORM_SQ, normSq);
  const lambda = getF(ctx, CTX_LAMBDA);
  const reg = getI(ctx, CTX_REG_KIND) == 1 ? lambda * absA : lambda * normSq;
  const dataLoss = loss * invNb;
  setF(ctx, CTX_DATA_LOSS, dataLoss);
  setF(ctx, CTX_LOSS, dataLoss + reg);
  return dataLoss;
}

/**
 * Backward pass after `forward` on the same batch: the gradient of the batch loss at params P.
 * Returns ‖∇‖². When `apply`, writes P − lr·∇ into Q.
 * For the ℓ1-unit regularizer the step is proximal: aⱼ ← soft-threshold(aⱼ − lr·∂ₐ, lr·λ), then each
 * row of W is projected onto the unit ball; the returned measure is then the squared norm of the
 * gradient mapping ‖(θ − θ⁺)/lr‖² (zero exactly at stationary points of the constrained problem),
 * computed in a scratch buffer when the step is not applied.
 */
function backward<T>(ctx: usize, P: usize, Q: usize, X: usize, nb: i32, apply: bool): f64 {
  const d = getI(ctx, CTX_D), mp = getI(ctx, CTX_MP);
  const H = getP(ctx, CTX_H), R = getP(ctx, CTX_R);
  const es = sizeof<T>();
  const rowBytes = <usize>mp * es;
  const offA = <usize>d * rowBytes;
  const zero = v128.splat<T>(<T>0);
  const lambda = getF(ctx, CTX_LAMBDA);
  const l1 = getI(ctx, CTX_REG_KIND) == 1;
  const twoLam = v128.splat<T>(<T>(l1 ? 0.0 : 2.0 * lambda));
  const lr = v128.splat<T>(<T>getF(ctx, CTX_LR));
  const xStride = <usize>d * es;
  const Qs = apply ? Q : (l1 ? getP(ctx, CTX_PROX) : 0); // where the step goes (ℓ1: also when not applied)
  const write = apply || l1;
  const lrS = getF(ctx, CTX_LR);
  const rEnd = R + (<usize>nb << 3);
  let gradSq: f64 = 0;
  for (let jb = 0; jb < mp; jb += blockNeurons<T>()) {
    const jo = <usize>jb * es;
    const pa = P + offA + jo;
    const a0 = v128.load(pa), a1 = v128.load(pa, 16), a2 = v128.load(pa, 32), a3 = v128.load(pa, 48);
    let ga0 = zero, ga1 = zero, ga2 = zero, ga3 = zero;
    // sweep A: ∂/∂a and the per-sample neuron factors g = r·a·1[z>0], written over H
    let hp = H + jo;
    for (let rp = R; rp < rEnd; rp += 8) {
      const r = v128.splat<T>(<T>load<f64>(rp));
      const h0 = v128.load(hp), h1 = v128.load(hp, 16), h2 = v128.load(hp, 32), h3 = v128.load(hp, 48);
      ga0 = v128.add<T>(ga0, v128.mul<T>(r, h0));
      ga1 = v128.add<T>(ga1, v128.mul<T>(r, h1));
      ga2 = v128.add<T>(ga2, v128.mul<T>(r, h2));
      ga3 = v128.add<T>(ga3, v128.mul<T>(r, h3));
      v128.store(hp, v128.and(v128.mul<T>(r, a0), v128.gt<T>(h0, zero)));
      v128.store(hp, v128.and(v128.mul<T>(r, a1), v128.gt<T>(h1, zero)), 16);
      v128.store(hp, v128.and(v128.mul<T>(r, a2), v128.gt<T>(h2, zero)), 32);
      v128.store(hp, v128.and(v128.mul<T>(r, a3), v128.gt<T>(h3, zero)), 48);
      hp += rowBytes;
    }
    // sweep B: ∂/∂W row by row
    for (let k = 0; k < d; k++) {
      let g0 = zero, g1 = zero, g2 = zero, g3 = zero;
      let xp = X + <usize>k * es;
      const hEnd = H + jo + <usize>nb * rowBytes;
      for (let gp = H + jo; gp < hEnd; gp += rowBytes) {
        const xs = splatLoad<T>(xp);
        g0 = v128.add<T>(g0, v128.mul<T>(xs, v128.load(gp)));
        g1 = v128.add<T>(g1, v128.mul<T>(xs, v128.load(gp, 16)));
        g2 = v128.add<T>(g2, v128.mul<T>(xs, v128.load(gp, 32)));
        g3 = v128.add<T>(g3, v128.mul<T>(xs, v128.load(gp, 48)));
        xp += xStride;
      }
      const wp = P + <usize>k * rowBytes + jo;
      const w0 = v128.load(wp), w1 = v128.load(wp, 16), w2 = v128.load(wp, 32), w3 = v128.load(wp, 48);
      g0 = v128.add<T>(g0, v128.mul<T>(twoLam, w0));
      g1 = v128.add<T>(g1, v128.mul<T>(twoLam, w1));
      g2 = v128.add<T>(g2, v128.mul<T>(twoLam, w2));
      g3 = v128.add<T>(g3, v128.mul<T>(twoLam, w3));
      if (!l1) gradSq += hsum<T>(v128.add<T>(v128.add<T>(v128.mul<T>(g0, g0), v128.mul<T>(g1, g1)), v128.add<T>(v128.mul<T>(g2, g2), v128.mul<T>(g3, g3))));
      if (write) {
        const qp = Qs + <usize>k * rowBytes + jo;
        v128.store(qp, v128.sub<T>(w0, v128.mul<T>(lr, g0)));
        v128.store(qp, v128.sub<T>(w1, v128.mul<T>(lr, g1)), 16);
        v128.store(qp, v128.sub<T>(w2, v128.mul<T>(lr, g2)), 32);
        v128.store(qp, v128.sub<T>(w3, v128.mul<T>(lr, g3)), 48);
      }
    }
    if (l1) {
      // proximal step on a: soft-threshold a − lr·∂ₐ at lr·λ; rows of W onto the unit ball; then the
      // gradient mapping (θ − θ⁺)/lr of the block
      const t = v128.splat<T>(<T>(lrS * lambda)), nt = v128.neg<T>(t);
      const qa = Qs + offA + jo;
      const v0 = v128.sub<T>(a0, v128.mul<T>(lr, ga0)), v1 = v128.sub<T>(a1, v128.mul<T>(lr, ga1));
      const v2 = v128.sub<T>(a2, v128.mul<T>(lr, ga2)), v3 = v128.sub<T>(a3, v128.mul<T>(lr, ga3));
      v128.store(qa, v128.sub<T>(v0, v128.min<T>(v128.max<T>(v0, nt), t)));
      v128.store(qa, v128.sub<T>(v1, v128.min<T>(v128.max<T>(v1, nt), t)), 16);
      v128.store(qa, v128.sub<T>(v2, v128.min<T>(v128.max<T>(v2, nt), t)), 32);
      v128.store(qa, v128.sub<T>(v3, v128.min<T>(v128.max<T>(v3, nt), t)), 48);
      projectRows<T>(Qs, d, mp, jo);
      gradSq += mappingSq<T>(P, Qs, d + 1, rowBytes, jo) / (lrS * lrS);
      continue;
    }
    ga0 = v128.add<T>(ga0, v128.mul<T>(twoLam, a0));
    ga1 = v128.add<T>(ga1, v128.mul<T>(twoLam, a1));
    ga2 = v128.add<T>(ga2, v128.mul<T>(twoLam, a2));
    ga3 = v128.add<T>(ga3, v128.mul<T>(twoLam, a3));
    gradSq += hsum<T>(v128.add<T>(v128.add<T>(v128.mul<T>(ga0, ga0), v128.mul<T>(ga1, ga1)), v128.add<T>(v128.mul<T>(ga2, ga2), v128.mul<T>(ga3, ga3))));
    if (apply) {
      const qa = Q + offA + jo;
      v128.store(qa, v128.sub<T>(a0, v128.mul<T>(lr, ga0)));
      v128.store(qa, v128.sub<T>(a1, v128.mul<T>(lr, ga1)), 16);
      v128.store(qa, v128.sub<T>(a2, v128.mul<T>(lr, ga2)), 32);
      v128.store(qa, v128.sub<T>(a3, v128.mul<T>(lr, ga3)), 48);
    }
  }
  return gradSq;
}

/** Σ (P − Q)² over the block's rows (W rows then a), the squared step of the block. */
function mappingSq<T>(P: usize, Q: usize, rows: i32, rowBytes: usize, jo: usize): f64 {
  let s: f64 = 0;
  for (let k = 0; k < rows; k++) {
    const o = <usize>k * rowBytes + jo;
    for (let b: usize = 0; b < 64; b += 16) {
      const e = v128.sub<T>(v128.load(P + o + b), v128.load(Q + o + b));
      s += hsum<T>(v128.mul<T>(e, e));
    }
  }
  return s;
}

/** Scales each of the block's neurons (rows of W) in Q onto the unit ball ‖wⱼ‖ ≤ 1. */
function projectRows<T>(Q: usize, d: i32, mp: i32, jo: usize): void {
  for (let l = 0; l < blockNeurons<T>(); l++) {
    const off = jo + <usize>l * sizeof<T>();
    let s: f64 = 0;
    for (let k = 0; k < d; k++) {
      const v = <f64>load<T>(Q + <usize>(k * mp) * sizeof<T>() + off);
      s += v * v;
    }
    if (s > 1.0) {
      const c = 1.0 / Math.sqrt(s);
      for (let k = 0; k < d; k++) {
        const p = Q + <usize>(k * mp) * sizeof<T>() + off;
        store<T>(p, <T>(<f64>load<T>(p) * c));
      }
    }
  }
}

function forwardAny(ctx: usize, P: usize, X: usize, Y: usize, nb: i32): f64 {
  return getI(ctx, CTX_PRECISION) == 1 ? forward<f32>(ctx, P, X, Y, nb) : forward<f64>(ctx, P, X, Y, nb);
}
function backwardAny(ctx: usize, P: usize, Q: usize, X: usize, nb: i32, apply: bool): f64 {
  return getI(ctx, CTX_PRECISION) == 1
    ? backward<f32>(ctx, P, Q, X, nb, apply) : backward<f64>(ctx, P, Q, X, nb, apply);
}

/** Evaluates L, the data loss, ‖θ‖² and ‖∇L‖² on the full data at the current parameters. */
export function trainEvaluate(ctx: usize): void {
  const P = curParams(ctx);
  const n = getI(ctx, CTX_N);
  forwardAny(ctx, P, getP(ctx, CTX_X), getP(ctx, CTX_Y), n);
  setF(ctx, CTX_GRAD_SQ, backwardAny(ctx, P, 0, getP(ctx, CTX_X), n, false));
  setF(ctx, CTX_EVALUATED, 1);
}

/**
 * The checks made at every evaluated state, in order: divergence (the caller restores), gradient
 * tolerance, maximum epochs, plateau. Returns a STOP_* code.
 */
function checkStop(ctx: usize): i32 {
  const loss = getF(ctx, CTX_LOSS);
  if (!isFinite(loss) || !isFinite(getF(ctx, CTX_GRAD_SQ))) return STOP_DIVERGED; // the state itself is finite-loss
  if (getF(ctx, CTX_GRAD_SQ) < getF(ctx, CTX_GRAD_TOL)) return STOP_GRAD_TOL;
  const epoch = getF(ctx, CTX_EPOCH);
  if (epoch >= getF(ctx, CTX_MAX_EPOCHS)) return STOP_MAX_EPOCHS;
  const tol = getF(ctx, CTX_LOSS_TOL);
  if (tol > 0) {
    const ref = getF(ctx, CTX_REF_LOSS);
    if (!isFinite(ref) || ref - loss > tol * Math.abs(ref)) {
      setF(ctx, CTX_REF_LOSS, loss);
      setF(ctx, CTX_REF_EPOCH, epoch);
    } else if (epoch - getF(ctx, CTX_REF_EPOCH) >= getF(ctx, CTX_LOSS_WINDOW)) return STOP_PLATEAU;
  }
  return STOP_NONE;
}

/** The learning-rate schedule at the start of an epoch. Returns true if the state must be rejected. */
function schedule(ctx: usize): bool {
  const kind = getI(ctx, CTX_SCHEDULE);
  const epoch = getF(ctx, CTX_EPOCH);
  if (kind == 1) {
    const every = getF(ctx, CTX_SCHED_EVERY);
    if (epoch > 0 && epoch % every == 0) setF(ctx, CTX_LR, getF(ctx, CTX_LR) * getF(ctx, CTX_SCHED_FACTOR));
  } else if (kind == 2) {
    if (getF(ctx, CTX_LOSS) > getF(ctx, CTX_PREV_LOSS)) {
      setF(ctx, CTX_LR, getF(ctx, CTX_LR) * 0.5);
      return true;
    }
  }
  return false;
}

/** Slots saved with the previous accepted state, restored when a state is rejected. */
const SAVED: StaticArray<i32> = [CTX_LOSS, CTX_DATA_LOSS, CTX_NORM_SQ, CTX_GRAD_SQ];

function restorePrev(ctx: usize, prev: usize): void {
  for (let s = 0; s < SAVED.length; s++) setF(ctx, SAVED[s], load<f64>(prev + (<usize>s << 3)));
}
function savePrev(ctx: usize, prev: usize): void {
  for (let s = 0; s < SAVED.length; s++) store<f64>(prev + (<usize>s << 3), getF(ctx, SAVED[s]));
  setF(ctx, CTX_PREV_LOSS, getF(ctx, CTX_LOSS));
}

/** Makes the previous accepted state current again (it is in the other buffer for GD, in the backup for SGD). */
function revert(ctx: usize, sgd: bool, paramBytes: usize): void {
  if (sgd) memory.copy(curParams(ctx), getP(ctx, CTX_BACKUP), paramBytes);
  else flip(ctx);
  restorePrev(ctx, getP(ctx, CTX_SAVED));
}

function finish(ctx: usize, stop: i32): i32 {
  setF(ctx, CTX_EVALUATED, 1);
  setF(ctx, CTX_STOP, <f64>stop);
  return stop;
}

/**
 * Runs up to `iterations` epochs. Each epoch evaluates the current state on the full data, checks
 * the stopping rules (the state is kept when one fires), applies the schedule, then updates. Returns
 * the STOP_* code (STOP_NONE when the iterations ran out). A state whose loss is not finite is
 * replaced by the last finite one (stop `diverged`); with halve-on-rise, a state whose loss rose is
 * replaced by the previous one and the learning rate halved (that epoch counts, so runs stay bounded).
 * For GD the evaluation shares its passes with the step: one forward and one backward per epoch.
 */
export function trainRun(ctx: usize, iterations: i32): i32 {
  const saved = getP(ctx, CTX_SAVED);
  const sgd = getI(ctx, CTX_METHOD) == 1;
  const n = getI(ctx, CTX_N), d = getI(ctx, CTX_D), mp = getI(ctx, CTX_MP);
  const X = getP(ctx, CTX_X), Y = getP(ctx, CTX_Y);
  const paramBytes = <usize>((d + 1) * mp) * (getI(ctx, CTX_PRECISION) == 1 ? 4 : 8);
  for (let it = 0; it < iterations; it++) {
    const P = curParams(ctx), Q = otherParams(ctx);
    const epoch = getF(ctx, CTX_EPOCH);
    forwardAny(ctx, P, X, Y, n);
    if (!isFinite(getF(ctx, CTX_LOSS))) {
      if (epoch > 0) revert(ctx, sgd, paramBytes);
      return finish(ctx, STOP_DIVERGED);
    }
    if (epoch > 0 && schedule(ctx)) {
      revert(ctx, sgd, paramBytes);
      setF(ctx, CTX_EPOCH, epoch + 1);
      if (epoch + 1 >= getF(ctx, CTX_MAX_EPOCHS)) return finish(ctx, STOP_MAX_EPOCHS);
      continue;
    }
    setF(ctx, CTX_GRAD_SQ, backwardAny(ctx, P, Q, X, n, !sgd));
    const stop = checkStop(ctx);
    if (stop != STOP_NONE) return finish(ctx, stop);
    savePrev(ctx, saved);
    if (sgd) {
      memory.copy(getP(ctx, CTX_BACKUP), P, paramBytes);
      sgdEpoch(ctx);
    } else flip(ctx);
    setF(ctx, CTX_EPOCH, epoch + 1);
    setF(ctx, CTX_EVALUATED, 0);
  }
  return STOP_NONE;
}

/** One SGD epoch: a seeded permutation, then ⌈n/B⌉ steps on contiguous copies of each minibatch. */
function sgdEpoch(ctx: usize): void {
  const n = getI(ctx, CTX_N), d = getI(ctx, CTX_D), B = getI(ctx, CTX_BATCH);
  const X = getP(ctx, CTX_X), Y = getP(ctx, CTX_Y), XB = getP(ctx, CTX_XB), YB = getP(ctx, CTX_YB);
  const perm = getP(ctx, CTX_PERM);
  const es: usize = getI(ctx, CTX_PRECISION) == 1 ? 4 : 8;
  const rowBytes = <usize>d * es;
  rngPermutation(getP(ctx, CTX_RNG), perm, n);
  const saveLoss = getF(ctx, CTX_LOSS), saveData = getF(ctx, CTX_DATA_LOSS), saveNorm = getF(ctx, CTX_NORM_SQ);
  for (let start = 0; start < n; start += B) {
    const nb = min(B, n - start);
    for (let i = 0; i < nb; i++) {
      const src = <usize>load<i32>(perm + (<usize>(start + i) << 2));
      memory.copy(XB + <usize>i * rowBytes, X + src * rowBytes, rowBytes);
      memory.copy(YB + <usize>i * es, Y + src * es, es);
    }
    const P = curParams(ctx), Q = otherParams(ctx);
    forwardAny(ctx, P, XB, YB, nb);
    backwardAny(ctx, P, Q, XB, nb, true);
    flip(ctx);
  }
  setF(ctx, CTX_LOSS, saveLoss); setF(ctx, CTX_DATA_LOSS, saveData); setF(ctx, CTX_NORM_SQ, saveNorm);
}

/**
 * Initializes the current parameters with scale α from the context's generator.
 * scheme 0 `gaussian`: every entry of W (neuron by neuron), then every aⱼ, ~ N(0, α²).
 * scheme 1 `balanced`: W as above, then aⱼ = ±‖wⱼ‖ with a fair random sign per neuron.
 */
export function trainInit(ctx: usize, scheme: i32, alpha: f64): void {
  const d = getI(ctx, CTX_D), m = getI(ctx, CTX_M), mp = getI(ctx, CTX_MP);
  const P = curParams(ctx), rng = getP(ctx, CTX_RNG);
  const f32 = getI(ctx, CTX_PRECISION) == 1;
  const es: usize = f32 ? 4 : 8;
  const A = P + <usize>(d * mp) * es;
  for (let j = 0; j < m; j++) {
    let s: f64 = 0;
    for (let k = 0; k < d; k++) {
      const v = alpha * rngNormal(rng);
      s += v * v;
      const p = P + <usize>(k * mp + j) * es;
      if (f32) store<f32>(p, <f32>v); else store<f64>(p, v);
    }
    if (scheme == 1) {
      const v = rngUniform(rng) < 0.5 ? -Math.sqrt(s) : Math.sqrt(s);
      if (f32) store<f32>(A + <usize>j * es, <f32>v); else store<f64>(A + <usize>j * es, v);
    }
  }
  if (scheme == 0) {
    for (let j = 0; j < m; j++) {
      const v = alpha * rngNormal(rng);
      if (f32) store<f32>(A + <usize>j * es, <f32>v); else store<f64>(A + <usize>j * es, v);
    }
  }
}
