// The convex program of weight-decayed two-layer ReLU networks, by a barrier (path-following) method:
//   P(S) = min_{uᵢ ∈ Kᵢ} (1/n)‖Σᵢ sᵢDᵢXuᵢ − y‖² + 2λΣᵢ‖uᵢ‖,   Kᵢ = {u : (2Dᵢ − I)Xu ≥ 0},
// written with tᵢ ≥ ‖uᵢ‖ and minimized as τ·F₀ + φ, F₀ = (1/n)‖p − y‖² + 2λΣtᵢ, φ the barrier
// −Σ log(tᵢ² − ‖uᵢ‖²) − Σᵢₖ log((2Dᵢ − I)ₖₖ xₖ·uᵢ) (parameter ν = Σᵢ(2 + rows)); the tᵢ are minimized
// out in closed form. The Newton matrix is block diagonal (d×d per pattern, from φ) plus the rank-n
// term (2τ/n)·AᵀA of the loss: Woodbury with an n×n capacitance matrix, O(m·(d³ + d²n + dn²) + n³)
// per step. One call = one damped Newton step; the host raises τ. At an exact centre
// r = (2/n)(y − p) is dual feasible (the host certifies it exactly, cone.ts).
// The data term may also be the logistic loss, and the rows may carry scales cₖ (pₖ = cₖ·p̃ₖ with
// p̃ = Σ sᵢDᵢXuᵢ on rows of unit scale: the host's way to solve data whose rows span many orders of
// magnitude, see src/convex/scale.ts): any separable φₖ(p̃ₖ) = ℓ(cₖp̃ₖ, yₖ) enters only through its
// gradient and curvature per row, so the Woodbury term becomes τ·ÃᵀHÃ/n with H = diag(φₖ''). The plain
// case (squared loss, no row scales) keeps its own arithmetic.
import {
  CV_N, CV_D, CV_M, CV_X, CV_Y, CV_BITS, CV_SIGN, CV_LAMBDA, CV_TAU, CV_U, CV_GRAD, CV_DIR, CV_LFAC, CV_XU,
  CV_DXU, CV_SOC, CV_P, CV_DP, CV_CAP, CV_Q, CV_SCR, CV_R, CV_RES, CV_DEC, CV_STEP, CV_F0, CV_PRIMAL, CV_RY, CV_RR,
  CV_LOSS, CV_ROWSCALE, CV_HESS, CV_XT, CV_DIRECT, CV_GRAM, CV_VEC,
} from "./convex-layout";
import { ld, st, dot, cholesky, cholSolve, forwardSub, backSub, qrLower } from "./linalg";
import { getF, getI, getP, setF } from "./context";
import { softplus, lossAt, lossGrad, lossCurv } from "./loss";

// @ts-ignore: decorator
@inline function bit(bits: usize, n: i32, i: i32, k: i32): bool { return load<u8>(bits + <usize>(i * n + k)) != 0; }

/** The plain program: squared loss, no row scales (its own arithmetic, kept as it was). */
// @ts-ignore: decorator
@inline function isPlain(ctx: usize): bool { return getI(ctx, CV_LOSS) == 0 && getP(ctx, CV_ROWSCALE) == 0; }

/** Row k's scale cₖ (1 without row scales). */
// @ts-ignore: decorator
@inline function rowScale(ctx: usize, k: i32): f64 { const c = getP(ctx, CV_ROWSCALE); return c == 0 ? 1.0 : ld(c, k); }

/** Whether row k of X is nonzero (zero rows carry no cone constraint). */
function rowValid(X: usize, d: i32, k: i32): bool {
  const xr = X + (<usize>(k * d) << 3);
  for (let j = 0; j < d; j++) if (ld(xr, j) != 0) return true;
  return false;
}

/**
 * out[k] = xₖ·h for every row (Xᵀ in XT, d×n): a SIMD sweep over samples, each sum in the order of
 * dot(xₖ, h) (the same numbers).
 */
function rowsTimes(XT: usize, n: i32, d: i32, h: usize, out: usize): void {
  const h0 = ld(h, 0), v0 = f64x2.splat(h0);
  let k = 0;
  for (; k + 2 <= n; k += 2) v128.store(out + (<usize>k << 3), f64x2.mul(v128.load(XT + (<usize>k << 3)), v0));
  for (; k < n; k++) st(out, k, ld(XT, k) * h0);
  for (let j = 1; j < d; j++) {
    const hj = ld(h, j), vj = f64x2.splat(hj), xt = XT + (<usize>(j * n) << 3);
    k = 0;
    for (; k + 2 <= n; k += 2) {
      const p = out + (<usize>k << 3);
      v128.store(p, f64x2.add(v128.load(p), f64x2.mul(v128.load(xt + (<usize>k << 3)), vj)));
    }
    for (; k < n; k++) st(out, k, ld(out, k) + ld(xt, k) * hj);
  }
}

/** p = Σ sᵢDᵢXuᵢ, and xₖ·uᵢ for every pattern (XU). */
function predict(ctx: usize): void {
  const n = getI(ctx, CV_N), d = getI(ctx, CV_D), m = getI(ctx, CV_M), d1 = d + 1;
  const XT = getP(ctx, CV_XT), bits = getP(ctx, CV_BITS), sign = getP(ctx, CV_SIGN);
  const U = getP(ctx, CV_U), XU = getP(ctx, CV_XU), P = getP(ctx, CV_P);
  for (let k = 0; k < n; k++) st(P, k, 0);
  for (let i = 0; i < m; i++) {
    const u = U + (<usize>(i * d1) << 3);
    const xu = XU + (<usize>(i * n) << 3);
    const si = ld(sign, i);
    rowsTimes(XT, n, d, u, xu);
    for (let k = 0; k < n; k++) if (bit(bits, n, i, k)) st(P, k, ld(P, k) + si * ld(xu, k));
  }
}

/** Recomputes p, F₀, the primal objective, and r = −φ'(p)/n ((2/n)(y − p) squared) with rᵀy and ‖r‖². */
export function convexEvaluate(ctx: usize): void {
  predict(ctx);
  const n = getI(ctx, CV_N), d = getI(ctx, CV_D), m = getI(ctx, CV_M), d1 = d + 1;
  const Y = getP(ctx, CV_Y), U = getP(ctx, CV_U), P = getP(ctx, CV_P), R = getP(ctx, CV_R);
  const lambda = getF(ctx, CV_LAMBDA);
  const plain = isPlain(ctx), logistic = getI(ctx, CV_LOSS) == 1;
  let loss: f64 = 0, ry: f64 = 0, rr: f64 = 0;
  for (let k = 0; k < n; k++) {
    let r: f64;
    if (plain) {
      const e = ld(Y, k) - ld(P, k);
      loss += e * e;
      r = (2.0 / <f64>n) * e;
    } else {
      const pk = rowScale(ctx, k) * ld(P, k), yk = ld(Y, k);
      loss += lossAt(logistic, pk, yk);
      r = -lossGrad(logistic, pk, yk) / <f64>n;
    }
    st(R, k, r);
    ry += r * ld(Y, k);
    rr += r * r;
  }
  let sumT: f64 = 0, sumU: f64 = 0;
  for (let i = 0; i < m; i++) {
    const u = U + (<usize>(i * d1) << 3);
    sumU += Math.sqrt(dot(u, u, d));
    sumT += ld(u, d);
  }
  setF(ctx, CV_F0, loss / <f64>n + 2 * lambda * sumT);
  setF(ctx, CV_PRIMAL, loss / <f64>n + 2 * lambda * sumU);
  setF(ctx, CV_RY, ry);
  setF(ctx, CV_RR, rr);
}

/** Δp = ÃΔ and xₖ·Δuᵢ (DXU) of the direction in DIR. */
function directionImage(ctx: usize): void {
  const n = getI(ctx, CV_N), d = getI(ctx, CV_D), m = getI(ctx, CV_M), d1 = d + 1;
  const XT = getP(ctx, CV_XT), bits = getP(ctx, CV_BITS), sign = getP(ctx, CV_SIGN);
  const DIR = getP(ctx, CV_DIR), DXU = getP(ctx, CV_DXU), DP = getP(ctx, CV_DP);
  for (let k = 0; k < n; k++) st(DP, k, 0);
  for (let i = 0; i < m; i++) {
    const h = DIR + (<usize>(i * d1) << 3);
    const dxu = DXU + (<usize>(i * n) << 3);
    const si = ld(sign, i);
    rowsTimes(XT, n, d, h, dxu);
    for (let k = 0; k < n; k++) if (bit(bits, n, i, k)) st(DP, k, ld(DP, k) + si * ld(dxu, k));
  }
}

/**
 * DIR ← (H + (2τ/n)ÃᵀÃ)⁻¹·DIR by Woodbury, from the factored blocks (LFAC) and the factored
 * capacitance matrix (CAP). With `image`, also leaves Δp and xₖ·Δuᵢ of the result (directionImage).
 */
function applyInverse(ctx: usize, image: bool = true): void {
  if (getI(ctx, CV_DIRECT) != 0) { applyInverseDirect(ctx); if (image) directionImage(ctx); return; }
  const n = getI(ctx, CV_N), d = getI(ctx, CV_D), m = getI(ctx, CV_M), d1 = d + 1;
  const X = getP(ctx, CV_X), bits = getP(ctx, CV_BITS), sign = getP(ctx, CV_SIGN);
  const DIR = getP(ctx, CV_DIR), LF = getP(ctx, CV_LFAC), CAP = getP(ctx, CV_CAP), Q = getP(ctx, CV_Q);
  const tmp = getP(ctx, CV_SCR);
  for (let k = 0; k < n; k++) st(Q, k, 0);
  for (let i = 0; i < m; i++) {
    const h = DIR + (<usize>(i * d1) << 3);
    cholSolve(LF + (<usize>(i * d1 * d1) << 3), d, h);
    const si = ld(sign, i);
    for (let k = 0; k < n; k++) if (bit(bits, n, i, k)) st(Q, k, ld(Q, k) + si * dot(X + (<usize>(k * d) << 3), h, d));
  }
  cholSolve(CAP, n, Q);
  for (let i = 0; i < m; i++) {
    const h = DIR + (<usize>(i * d1) << 3);
    const si = ld(sign, i);
    for (let j = 0; j < d; j++) st(tmp, j, 0);
    for (let k = 0; k < n; k++) {
      if (!bit(bits, n, i, k)) continue;
      const cf = si * ld(Q, k);
      const xr = X + (<usize>(k * d) << 3);
      for (let j = 0; j < d; j++) st(tmp, j, ld(tmp, j) + cf * ld(xr, j));
    }
    cholSolve(LF + (<usize>(i * d1 * d1) << 3), d, tmp);
    for (let j = 0; j < d; j++) st(h, j, ld(h, j) - ld(tmp, j));
  }
  if (image) directionImage(ctx);
}

/**
 * The direct form of the same solve: with the blocks H = L·Lᵀ (LFAC), H + c·AᵀWA = L·N·Lᵀ, N = I +
 * c·L⁻¹GL⁻ᵀ (factored in CAP), so Δ = L⁻ᵀ·N⁻¹·L⁻¹·DIR. N has eigenvalues ≥ 1 and the nonzero spectrum of
 * Woodbury's scaled capacitance matrix: the same conditioning, m·d unknowns instead of n.
 */
function applyInverseDirect(ctx: usize): void {
  const d = getI(ctx, CV_D), m = getI(ctx, CV_M), d1 = d + 1, md = m * d;
  const DIR = getP(ctx, CV_DIR), LF = getP(ctx, CV_LFAC), CAP = getP(ctx, CV_CAP), T = getP(ctx, CV_VEC);
  for (let i = 0; i < m; i++) {
    const h = DIR + (<usize>(i * d1) << 3);
    forwardSub(LF + (<usize>(i * d1 * d1) << 3), d, h);
    for (let j = 0; j < d; j++) st(T, i * d + j, ld(h, j));
  }
  cholSolve(CAP, md, T);
  for (let i = 0; i < m; i++) {
    const h = DIR + (<usize>(i * d1) << 3);
    for (let j = 0; j < d; j++) st(h, j, ld(T, i * d + j));
    backSub(LF + (<usize>(i * d1 * d1) << 3), d, h);
  }
}

/**
 * G = Σₖ wₖ·aₖaₖᵀ (GRAM, lower block triangle, m·d square) over the rows aₖ = (sᵢ·1[k∈Dᵢ]·xₖ)ᵢ of
 * A: block (i, j) = sᵢsⱼ·Σ_{k∈Dᵢ∩Dⱼ} wₖxₖxₖᵀ; wₖ = 1 when W = 0, else W[k]. Per row, over the pairs of
 * patterns holding it. `list` is m i32 scratch.
 */
function gramInto(ctx: usize, W: usize, list: usize): void {
  const n = getI(ctx, CV_N), d = getI(ctx, CV_D), m = getI(ctx, CV_M), md = m * d;
  const X = getP(ctx, CV_X), bits = getP(ctx, CV_BITS), sign = getP(ctx, CV_SIGN), G = getP(ctx, CV_GRAM);
  for (let i = 0; i < md * md; i++) st(G, i, 0);
  for (let k = 0; k < n; k++) {
    const w: f64 = W == 0 ? 1.0 : ld(W, k);
    if (w == 0) continue;
    let len = 0;
    for (let i = 0; i < m; i++) if (bit(bits, n, i, k)) { store<i32>(list + (<usize>len << 2), i); len++; }
    const xr = X + (<usize>(k * d) << 3);
    for (let a = 0; a < len; a++) {
      const i = load<i32>(list + (<usize>a << 2));
      const wi = w * ld(sign, i);
      for (let b = 0; b <= a; b++) {
        const j = load<i32>(list + (<usize>b << 2));
        const wij = wi * ld(sign, j);
        // block (i, j), i ≥ j (the list is increasing)
        const base = G + (<usize>((i * d) * md + j * d) << 3);
        for (let p = 0; p < d; p++) {
          const xp = wij * ld(xr, p);
          const row = base + (<usize>(p * md) << 3);
          for (let q = 0; q < d; q++) st(row, q, ld(row, q) + xp * ld(xr, q));
        }
      }
    }
  }
}

/** Sets GRAM to AᵀA for the current patterns (the squared loss's fixed Gram matrix of a direct solve). */
export function convexGram(ctx: usize, list: usize): void {
  gramInto(ctx, 0, list);
}

/**
 * N = I + coef·L⁻¹GL⁻ᵀ into CAP (lower block triangle), from GRAM and the block factors; factored in
 * place. False when not numerically positive definite.
 */
function buildDirect(ctx: usize, coef: f64): bool {
  const d = getI(ctx, CV_D), m = getI(ctx, CV_M), d1 = d + 1, md = m * d;
  const LF = getP(ctx, CV_LFAC), CAP = getP(ctx, CV_CAP), G = getP(ctx, CV_GRAM), T = getP(ctx, CV_VEC);
  for (let i = 0; i < m; i++) {
    const Li = LF + (<usize>(i * d1 * d1) << 3);
    for (let j = 0; j <= i; j++) {
      const Lj = LF + (<usize>(j * d1 * d1) << 3);
      // T = L_i⁻¹·G_ij (column by column), then N_ij = coef·T·L_j⁻ᵀ (row by row: L_j⁻¹ applied to T's rows)
      const gb = G + (<usize>((i * d) * md + j * d) << 3), nb = CAP + (<usize>((i * d) * md + j * d) << 3);
      for (let q = 0; q < d; q++) {
        for (let p = 0; p < d; p++) st(T, p, ld(gb + (<usize>(p * md) << 3), q));
        forwardSub(Li, d, T);
        for (let p = 0; p < d; p++) st(nb + (<usize>(p * md) << 3), q, ld(T, p));
      }
      for (let p = 0; p < d; p++) {
        const row = nb + (<usize>(p * md) << 3);
        forwardSub(Lj, d, row);
        for (let q = 0; q < d; q++) st(row, q, coef * ld(row, q) + (i == j && p == q ? 1.0 : 0.0));
      }
    }
  }
  return cholesky(CAP, md);
}

/**
 * One step of iterative refinement of the Newton direction: the residual of the unfactored system
 * (H + (2τ/n)ÃᵀÃ)Δ = −g is solved again and added. Returns false when the residual is negligible.
 */
function refine(ctx: usize, c: f64, tau: f64): bool {
  const n = getI(ctx, CV_N), d = getI(ctx, CV_D), m = getI(ctx, CV_M), d1 = d + 1;
  const plain = isPlain(ctx), HS = getP(ctx, CV_HESS), tn = tau / <f64>n;
  const X = getP(ctx, CV_X), bits = getP(ctx, CV_BITS), sign = getP(ctx, CV_SIGN);
  const U = getP(ctx, CV_U), G = getP(ctx, CV_GRAD), DIR = getP(ctx, CV_DIR), RES = getP(ctx, CV_RES);
  const XU = getP(ctx, CV_XU), DXU = getP(ctx, CV_DXU), DP = getP(ctx, CV_DP);
  const c4 = 4 * c * c, c2 = 2 * tau / <f64>n;
  let rn: f64 = 0, gn: f64 = 0;
  for (let i = 0; i < m; i++) {
    const u = U + (<usize>(i * d1) << 3), h = DIR + (<usize>(i * d1) << 3), g = G + (<usize>(i * d1) << 3);
    const r = RES + (<usize>(i * d1) << 3);
    const xu = XU + (<usize>(i * n) << 3), dxu = DXU + (<usize>(i * n) << 3);
    const q = qOf(c, dot(u, u, d));
    const a1 = c4 / (1 + q), beta = c4 / (q * (1 + q));
    const uh = dot(u, h, d) * beta;
    const si = ld(sign, i);
    for (let j = 0; j < d; j++) st(r, j, -ld(g, j) - a1 * (ld(h, j) - uh * ld(u, j)));
    for (let k = 0; k < n; k++) {
      const z = ld(xu, k);
      let cf: f64 = z != 0 ? ld(dxu, k) / (z * z) : 0;
      if (bit(bits, n, i, k)) cf += (plain ? c2 : tn * ld(HS, k)) * si * ld(DP, k);
      if (cf != 0) {
        const xr = X + (<usize>(k * d) << 3);
        for (let j = 0; j < d; j++) st(r, j, ld(r, j) - cf * ld(xr, j));
      }
    }
    st(r, d, 0);
    for (let j = 0; j < d; j++) { rn += ld(r, j) * ld(r, j); gn += ld(g, j) * ld(g, j); }
  }
  if (!(rn > 1e-24 * gn)) return false;
  // solve for the correction in RES (swap roles with DIR through the scratch copy); the image of the
  // sum is taken once, below
  for (let i = 0; i < m * d1; i++) { const v = ld(DIR, i); st(DIR, i, ld(RES, i)); st(RES, i, v); }
  applyInverse(ctx, false);
  for (let i = 0; i < m * d1; i++) st(DIR, i, ld(DIR, i) + ld(RES, i));
  directionImage(ctx);
  return true;
}

/** Σₖ φₖ(p̃ₖ + αΔp̃ₖ) − φₖ(p̃ₖ) (general losses; P holds p̃, DP its direction). */
function lossChange(ctx: usize, logistic: bool, alpha: f64): f64 {
  const n = getI(ctx, CV_N), Y = getP(ctx, CV_Y), P = getP(ctx, CV_P), DP = getP(ctx, CV_DP);
  let s: f64 = 0;
  for (let k = 0; k < n; k++) {
    const ck = rowScale(ctx, k), yk = ld(Y, k);
    const p0 = ck * ld(P, k), dp = ck * alpha * ld(DP, k);
    if (logistic) s += softplus(-yk * (p0 + dp)) - softplus(-yk * p0);
    else s += dp * (2 * (p0 - yk) + dp);
  }
  return s;
}

/** q = √(1 + 4c²‖u‖²) of the partially minimized cone barrier (c = λτ). */
// @ts-ignore: decorator
@inline function qOf(c: f64, nu2: f64): f64 { return Math.sqrt(1 + 4 * c * c * nu2); }

/**
 * One damped Newton step on τ·F₀ + φ with every tᵢ minimized out in closed form: with c = λτ,
 * tᵢ = (1 + qᵢ)/(2c), qᵢ = √(1 + 4c²‖uᵢ‖²), and 2ctᵢ − log(tᵢ² − ‖uᵢ‖²) = ψ(‖uᵢ‖) = 1 + qᵢ − log((1+qᵢ)/(2c²)),
 * ∇ψ = 4c²/(1+q)·u, ∇²ψ = 4c²/(1+q)·(I − 4c²/(q(1+q))·uuᵀ): conditioned like τ, not τ² as the
 * (u, t) barrier Hessian is. Returns the Newton decrement² (−1−i if block i, −0.5 if the capacitance
 * matrix, is not numerically positive definite; the iterate is then unchanged).
 */
export function convexNewton(ctx: usize): f64 {
  const n = getI(ctx, CV_N), d = getI(ctx, CV_D), m = getI(ctx, CV_M), d1 = d + 1;
  const X = getP(ctx, CV_X), Y = getP(ctx, CV_Y), bits = getP(ctx, CV_BITS), sign = getP(ctx, CV_SIGN);
  const U = getP(ctx, CV_U), G = getP(ctx, CV_GRAD), DIR = getP(ctx, CV_DIR), LF = getP(ctx, CV_LFAC);
  const XU = getP(ctx, CV_XU), DXU = getP(ctx, CV_DXU), SOC = getP(ctx, CV_SOC);
  const P = getP(ctx, CV_P), DP = getP(ctx, CV_DP), CAP = getP(ctx, CV_CAP), Q = getP(ctx, CV_Q);
  const Z = getP(ctx, CV_SCR); // n×d: L⁻¹ of the active columns, then one d vector after
  const ZT = Z + (<usize>((n + d + 2) * d1) << 3); // d×n: the same, transposed, zero on inactive rows
  const ACC = ZT + (<usize>(d * n) << 3); // n
  const lambda = getF(ctx, CV_LAMBDA), tau = getF(ctx, CV_TAU);
  const c = lambda * tau, c4 = 4 * c * c;
  const inv_n = 1.0 / <f64>n;
  predict(ctx);
  // te = τ·(2/n)(p − y) (in general τ·φₖ'(p̃ₖ)/n, and the curvature φₖ'' in HS), kept in DP until the
  // direction overwrites it
  const plain = isPlain(ctx), logistic = getI(ctx, CV_LOSS) == 1, HS = getP(ctx, CV_HESS);
  if (plain) for (let k = 0; k < n; k++) st(DP, k, tau * 2 * inv_n * (ld(P, k) - ld(Y, k)));
  else {
    for (let k = 0; k < n; k++) {
      const ck = rowScale(ctx, k), pk = ck * ld(P, k), yk = ld(Y, k);
      st(DP, k, tau * inv_n * ck * lossGrad(logistic, pk, yk));
      st(HS, k, ck * ck * lossCurv(logistic, pk, yk));
    }
  }
  const direct = getI(ctx, CV_DIRECT) != 0;
  if (!direct) {
    for (let k = 0; k < n * n; k++) st(CAP, k, 0);
    for (let k = 0; k < d * n; k++) st(ZT, k, 0);
  }
  for (let i = 0; i < m; i++) {
    const u = U + (<usize>(i * d1) << 3);
    const g = G + (<usize>(i * d1) << 3);
    const H = LF + (<usize>(i * d1 * d1) << 3);
    const h = DIR + (<usize>(i * d1) << 3);
    const xu = XU + (<usize>(i * n) << 3);
    const si = ld(sign, i);
    const q = qOf(c, dot(u, u, d));
    const a1 = c4 / (1 + q), beta = c4 / (q * (1 + q));
    for (let j = 0; j < d; j++) st(g, j, a1 * ld(u, j));
    for (let a = 0; a < d; a++) {
      const ua = ld(u, a) * a1 * beta;
      for (let b = 0; b <= a; b++) st(H, a * d + b, -ua * ld(u, b));
      st(H, a * d + a, ld(H, a * d + a) + a1);
    }
    // loss gradient and the linear cone constraints
    for (let k = 0; k < n; k++) {
      const xr = X + (<usize>(k * d) << 3);
      const on = bit(bits, n, i, k);
      let cf: f64 = on ? si * ld(DP, k) : 0;
      const z = ld(xu, k);
      if (z != 0 || rowValid(X, d, k)) {
        const iz = 1.0 / z;
        cf -= iz;
        const iz2 = iz * iz;
        for (let a = 0; a < d; a++) {
          const xa = ld(xr, a) * iz2;
          const ha = H + (<usize>(a * d) << 3);
          for (let b = 0; b <= a; b++) st(ha, b, ld(ha, b) + xa * ld(xr, b));
        }
      }
      if (cf != 0) for (let j = 0; j < d; j++) st(g, j, ld(g, j) + cf * ld(xr, j));
    }
    // Cholesky when well conditioned; else the QR of the stacked square root (barrier rows xₖ/zₖ
    // near an active cone face make H conditioned like τ², beyond what its Cholesky can take)
    let maxDiag: f64 = 0;
    for (let a = 0; a < d; a++) {
      for (let b = 0; b < a; b++) st(H, b * d + a, ld(H, a * d + b));
      maxDiag = Math.max(maxDiag, ld(H, a * d + a));
    }
    let good = cholesky(H, d);
    if (good) for (let a = 0; a < d; a++) { const l = ld(H, a * d + a); if (l * l < 1e-9 * maxDiag) { good = false; break; } }
    if (!good) {
      const A = Z;
      const sa = Math.sqrt(a1), gam = 1 - 1 / Math.sqrt(q);
      const nu2 = dot(u, u, d);
      for (let a = 0; a < d; a++) {
        for (let b = 0; b < d; b++) {
          const radial = nu2 > 0 ? gam * ld(u, a) * ld(u, b) / nu2 : 0;
          st(A, a * d + b, sa * ((a == b ? 1.0 : 0.0) - radial));
        }
      }
      let rws = d;
      for (let k = 0; k < n; k++) {
        const z = ld(xu, k);
        if (z == 0) continue;
        const xr = X + (<usize>(k * d) << 3);
        for (let b = 0; b < d; b++) st(A, rws * d + b, ld(xr, b) / z);
        rws++;
      }
      if (!qrLower(A, rws, d, H)) return -1 - <f64>i;
    }
    if (direct) continue;
    // Woodbury: columns sᵢxₖ for the pattern's active rows (their indices listed in Q, as i32)
    let na = 0;
    for (let k = 0; k < n; k++) {
      if (!bit(bits, n, i, k)) continue;
      const zk = Z + (<usize>(na * d) << 3);
      const xr = X + (<usize>(k * d) << 3);
      for (let j = 0; j < d; j++) st(zk, j, ld(xr, j));
      forwardSub(H, d, zk);
      store<i32>(Q + (<usize>na << 2), k);
      na++;
    }
    // CAP[k][0..k] += zₐ·Zᵀ[·][0..k] for each active row k = idx[a]: Zᵀ (d×n, zero on inactive rows)
    // makes it a dense, SIMD sweep; each entry gets the full dot product first, as zₐ·z_b would
    for (let a = 0; a < na; a++) {
      const k = load<i32>(Q + (<usize>a << 2));
      const za = Z + (<usize>(a * d) << 3);
      for (let j = 0; j < d; j++) st(ZT, j * n + k, ld(za, j));
    }
    for (let a = 0; a < na; a++) {
      const k = load<i32>(Q + (<usize>a << 2));
      const za = Z + (<usize>(a * d) << 3);
      const row = CAP + (<usize>(k * n) << 3);
      const len = k + 1;
      const z0 = ld(za, 0), v0 = f64x2.splat(z0);
      let l = 0;
      for (; l + 2 <= len; l += 2) v128.store(ACC + (<usize>l << 3), f64x2.mul(v0, v128.load(ZT + (<usize>l << 3))));
      for (; l < len; l++) st(ACC, l, z0 * ld(ZT, l));
      for (let j = 1; j < d; j++) {
        const zj = ld(za, j), vj = f64x2.splat(zj), zt = ZT + (<usize>(j * n) << 3);
        l = 0;
        for (; l + 2 <= len; l += 2) {
          const p = ACC + (<usize>l << 3);
          v128.store(p, f64x2.add(v128.load(p), f64x2.mul(vj, v128.load(zt + (<usize>l << 3)))));
        }
        for (; l < len; l++) st(ACC, l, ld(ACC, l) + zj * ld(zt, l));
      }
      l = 0;
      for (; l + 2 <= len; l += 2) {
        const p = row + (<usize>l << 3);
        v128.store(p, f64x2.add(v128.load(p), v128.load(ACC + (<usize>l << 3))));
      }
      for (; l < len; l++) st(row, l, ld(row, l) + ld(ACC, l));
    }
    for (let a = 0; a < na; a++) {
      const k = load<i32>(Q + (<usize>a << 2));
      for (let j = 0; j < d; j++) st(ZT, j * n + k, 0);
    }
  }
  if (direct) {
    // the loss term: (2τ/n)·AᵀA (G fixed, set by the host) or (τ/n)·AᵀHA (G recomputed here)
    if (!plain) gramInto(ctx, HS, Q);
    if (!buildDirect(ctx, plain ? 2 * tau * inv_n : tau * inv_n)) return -0.5;
  } else {
    for (let k = 0; k < n; k++) {
      for (let l = 0; l < k; l++) st(CAP, l * n + k, ld(CAP, k * n + l));
      // the loss's own term (H⁻¹ of Woodbury); a row whose curvature vanished (a saturated logistic
      // term) decouples, its entry kept finite
      st(CAP, k * n + k, ld(CAP, k * n + k) + (plain ? <f64>n / (2 * tau) : Math.min(<f64>n / (tau * ld(HS, k)), 1e300)));
    }
    if (!cholesky(CAP, n)) return -0.5;
  }
  // directions Δᵢ = Hᵢ⁻¹(−gᵢ − Ãᵢᵀξ), then iterative refinement against the unfactored system
  for (let i = 0; i < m; i++) {
    const g = G + (<usize>(i * d1) << 3), h = DIR + (<usize>(i * d1) << 3);
    for (let j = 0; j < d; j++) st(h, j, -ld(g, j));
    st(h, d, 0);
  }
  applyInverse(ctx);
  for (let ref = 0; ref < 2; ref++) {
    if (!refine(ctx, c, tau)) break;
  }
  let dec: f64 = 0;
  for (let i = 0; i < m; i++) dec -= dot(G + (<usize>(i * d1) << 3), DIR + (<usize>(i * d1) << 3), d);
  // largest feasible step (only the linear cone constraints bound it now)
  let amax: f64 = Infinity;
  for (let i = 0; i < m; i++) {
    const u = U + (<usize>(i * d1) << 3);
    const h = DIR + (<usize>(i * d1) << 3);
    const xu = XU + (<usize>(i * n) << 3);
    const dxu = DXU + (<usize>(i * n) << 3);
    const sc = SOC + (<usize>(i * 3) << 3);
    st(sc, 0, dot(u, u, d)); st(sc, 1, 2 * dot(u, h, d)); st(sc, 2, dot(h, h, d));
    for (let k = 0; k < n; k++) {
      const z = ld(xu, k), dz = ld(dxu, k);
      if (z == 0) continue; // a zero row
      if (z * dz < 0) { const r = -z / dz; if (r < amax) amax = r; }
    }
  }
  // Armijo backtracking on the exactly-differenced merit (full step near the centre)
  let alpha = Math.min(1.0, 0.99 * amax);
  const slope = -dec;
  let dpdp: f64 = 0, dpe: f64 = 0;
  if (plain) for (let k = 0; k < n; k++) { const v = ld(DP, k); dpdp += v * v; dpe += v * 2 * (ld(P, k) - ld(Y, k)); }
  if (!(dec < 0.05 && amax > 1.0 / 0.99)) {
    for (let tries = 0; tries < 60; tries++) {
      let delta = plain ? tau * alpha * inv_n * (dpe + alpha * dpdp) : tau * inv_n * lossChange(ctx, logistic, alpha);
      for (let i = 0; i < m; i++) {
        const sc = SOC + (<usize>(i * 3) << 3);
        const nu2 = ld(sc, 0);
        const dnu2 = alpha * ld(sc, 1) + alpha * alpha * ld(sc, 2);
        const q0 = qOf(c, nu2), q1 = qOf(c, nu2 + dnu2);
        const dq = c4 * dnu2 / (q0 + q1);
        delta += dq - Math.log1p(dq / (1 + q0));
        const xu = XU + (<usize>(i * n) << 3);
        const dxu = DXU + (<usize>(i * n) << 3);
        for (let k = 0; k < n; k++) {
          const z = ld(xu, k);
          if (z != 0) delta -= Math.log1p(alpha * ld(dxu, k) / z);
        }
      }
      if (delta <= 0.01 * alpha * slope) break;
      alpha *= 0.5;
    }
  }
  for (let i = 0; i < m; i++) {
    const u = U + (<usize>(i * d1) << 3);
    const h = DIR + (<usize>(i * d1) << 3);
    for (let j = 0; j < d; j++) st(u, j, ld(u, j) + alpha * ld(h, j));
    st(u, d, (1 + qOf(c, dot(u, u, d))) / (2 * c));
  }
  setF(ctx, CV_DEC, dec);
  setF(ctx, CV_STEP, alpha);
  return dec;
}

/**
 * A predictor step along the central path: from a centred iterate at τ to τ + dτ, u ← u + dτ·u'(τ),
 * the tangent u' = −(∇²Φ)⁻¹·∂τ∇Φ of the centre condition ∇Φ = τ∇F₀ + ∇ψ + ∇φ = 0 (with the factors of
 * the last Newton step, taken at the same centre to within its decrement): ∂τ∇Φ = ∇F₀'s loss part
 * + λ·(4c/q)·uᵢ (∂c of ψ's gradient 4c²/(1+q)·u is 4c/q·u, c = λτ). The step is cut to 0.9 of the way
 * to the nearest cone face. Returns the fraction of dτ taken (the host corrects with Newton steps at
 * the new τ).
 */
export function convexPredict(ctx: usize, dtau: f64): f64 {
  const n = getI(ctx, CV_N), d = getI(ctx, CV_D), m = getI(ctx, CV_M), d1 = d + 1;
  const X = getP(ctx, CV_X), Y = getP(ctx, CV_Y), bits = getP(ctx, CV_BITS), sign = getP(ctx, CV_SIGN);
  const U = getP(ctx, CV_U), DIR = getP(ctx, CV_DIR), XU = getP(ctx, CV_XU), DXU = getP(ctx, CV_DXU);
  const P = getP(ctx, CV_P), Q = getP(ctx, CV_Q);
  const lambda = getF(ctx, CV_LAMBDA), tau = getF(ctx, CV_TAU);
  const c = lambda * tau;
  const plain = isPlain(ctx), logistic = getI(ctx, CV_LOSS) == 1;
  predict(ctx);
  // the loss gradient per row, (2/n)(p − y) (general: cₖφₖ'(cₖp̃ₖ)/n), in Q
  const inv_n = 1.0 / <f64>n;
  for (let k = 0; k < n; k++) {
    if (plain) st(Q, k, 2 * inv_n * (ld(P, k) - ld(Y, k)));
    else { const ck = rowScale(ctx, k); st(Q, k, inv_n * ck * lossGrad(logistic, ck * ld(P, k), ld(Y, k))); }
  }
  for (let i = 0; i < m; i++) {
    const u = U + (<usize>(i * d1) << 3), h = DIR + (<usize>(i * d1) << 3);
    const si = ld(sign, i);
    const q = qOf(c, dot(u, u, d));
    const a = 4 * lambda * c / q;
    for (let j = 0; j < d; j++) st(h, j, -a * ld(u, j));
    for (let k = 0; k < n; k++) {
      if (!bit(bits, n, i, k)) continue;
      const cf = -si * ld(Q, k);
      const xr = X + (<usize>(k * d) << 3);
      for (let j = 0; j < d; j++) st(h, j, ld(h, j) + cf * ld(xr, j));
    }
    st(h, d, 0);
  }
  applyInverse(ctx);
  // fraction to the boundary of the linear cone constraints
  let amax: f64 = Infinity;
  for (let i = 0; i < m; i++) {
    const xu = XU + (<usize>(i * n) << 3), dxu = DXU + (<usize>(i * n) << 3);
    for (let k = 0; k < n; k++) {
      const z = ld(xu, k), dz = dtau * ld(dxu, k);
      if (z == 0) continue;
      if (z * dz < 0) { const r = -z / dz; if (r < amax) amax = r; }
    }
  }
  const alpha = Math.min(1.0, 0.9 * amax);
  if (!(alpha > 0)) return 0;
  const cn = lambda * (tau + alpha * dtau);
  for (let i = 0; i < m; i++) {
    const u = U + (<usize>(i * d1) << 3), h = DIR + (<usize>(i * d1) << 3);
    for (let j = 0; j < d; j++) st(u, j, ld(u, j) + alpha * dtau * ld(h, j));
    st(u, d, (1 + qOf(cn, dot(u, u, d))) / (2 * cn));
  }
  return alpha;
}
