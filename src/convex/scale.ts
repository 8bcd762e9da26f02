// Scale: the barrier method works on data near unit scale; the certificate is checked on the data as
// given. Both rest on exact relations of the program under scaling (derived here), applied with
// powers of two, so that scaling is exact in floating point and the solver meets the same numbers
// at any data scale.
//
// Uniform scaling. With X = s·X̂, y = t·ŷ (s, t > 0) and the substitution uᵢ = (t/s)·ûᵢ (the cones
// Kᵢ = {u : (2Dᵢ − I)Xu ≥ 0} do not change under positive scaling of X), for the squared loss
//   (1/n)‖Σ sᵢDᵢXuᵢ − y‖² + βΣ‖uᵢ‖ = t²·[(1/n)‖Σ sᵢDᵢX̂ûᵢ − ŷ‖² + (β/(st))·Σ‖ûᵢ‖],
// so P(X, y, β) = t²·P(X̂, ŷ, β/(st)), with u = (t/s)·û; the dual point r = (2/n)(y − p) = t·r̂ and
// σᵢ(r; X) = s·t·σᵢ(r̂; X̂), so r is feasible for β exactly when r̂ is for β/(st), with value t²·ĝ.
// For the logistic loss ℓ(p) does not scale with y (t = 1): P(X, y, β) = P(X̂, y, β/s), u = û/s, r = r̂.
//
// Rows of very different norms. Scaling row k by cₖ > 0 leaves its hyperplane, every pattern and every
// cone as they are, but not the loss: with X = C·X̃ the data term becomes (1/n)Σₖ (cₖ·x̃ₖ·… − yₖ)², a
// weighted least squares, and the dual point of a row with a large cₖ is r̃ₖ = cₖ·rₖ: at the optimum
// such a row is fit almost exactly (its cost ~ 1/cₖ), and rₖ = (2/n)(yₖ − pₖ) is a difference of two
// numbers that agree to far below f64's precision. No rescaling makes that residual computable from
// p. So when row norms span more than 2^ROW_SPAN, the solver takes X̂ = C·X̃ with rows x̃ₖ of norm in
// [1, 2) and cₖ = powers of two (the core's row scales: the same program, the loss written as
// ℓ(cₖ·p̃ₖ, yₖ), exact); its primal iterates are then accurate (the Newton step's curvature cₖ²
// damps the residual's rounding), its dual point is not on the large rows, and the crossover
// (crossover.ts) recomputes it in the coordinates r̃ = C·r, where the optimality system
// (C⁻² + Σμᵢ M̃ᵢ)·r̃ = (2/n)·C⁻¹y involves no cancellation. And above all the bound is never taken
// from the solver: every dual point is priced on the original X (cone.ts, rows scaled by powers of
// two there only to condition the projection, which the cone allows) with rounding bounds, so the
// printed lower bound is a true bound whatever the solver did, and a problem the solver cannot close
// ends `converged: false` with the gap it reached.
import type { Data } from "../api/data.js";
import { InputError } from "../api/errors.js";
import type { ResolvedSettings } from "./settings.js";
import { rowSpace } from "../api/patterns.js";
import { pow2, exponentOf, safeNorm } from "../core/float.js";

export { exponentOf, safeNorm };

/** How the solver's data relate to the given data (see the derivation above). */
export interface DataScale {
  /** log₂ s: X̂ = X·2^−a. */
  a: number;
  /** log₂ t: ŷ = y·2^−b (0 for the logistic loss). */
  b: number;
  /**
   * The data the solver works on: X̂ = X·2^−a, ŷ; with row scales, X here holds the rows x̃ₖ of X̂
   * scaled to norm [1, 2) and X̂ = diag(rowScale)·X.
   */
  scaled: Data;
  /**
   * For d > n: an orthonormal basis (r rows of d numbers) of X's row space, and scaled.X holds X̂ in
   * it (n×r): the program lives there (a component of uᵢ orthogonal to every xₖ changes no output
   * and only adds to ‖uᵢ‖), so u = basisᵀ·ũ.
   */
  basis?: Float64Array;
  /** cₖ (powers of two) when the rows span more than 2^ROW_SPAN, else undefined (X̂ = scaled.X). */
  rowScale?: Float64Array;
  /** The largest row scale (1 without row scales): the largest row norm of X̂ is about rowNorm·max‖x̃ₖ‖. */
  rowNorm: number;
  /** β/(st), the solver's weight on Σ‖ûᵢ‖. */
  beta: number;
  /** u = uFactor·û. */
  uFactor: number;
  /** P = valueFactor·P̂. */
  valueFactor: number;
  /** r = rFactor·r̂. */
  rFactor: number;
  /** The largest row norm of X. */
  maxRowNorm: number;
}

/** Powers of two within 2^±SNAP of 1 are left at 1: ordinary data is solved exactly as given. */
const SNAP = 10;
/** Row norms spanning more than 2^ROW_SPAN (about 10⁶) get row scales. */
const ROW_SPAN = 20;

/**
 * Checks that the program on these data is within f64's range (refusing up front, naming the field)
 * and returns the power-of-two scaling the solver uses.
 */
export function dataScale(data: Data, s: ResolvedSettings): DataScale {
  const { X, y, n, d } = data;
  let maxRow = 0, minRow = Infinity;
  const norms = new Float64Array(n);
  for (let k = 0; k < n; k++) {
    const norm = (norms[k] = safeNorm(X, k * d, (k + 1) * d));
    if (!Number.isFinite(norm)) throw new InputError(`X[${k}]`, `has norm ‖xₖ‖ beyond f64's range (${norm}): rescale the inputs`);
    maxRow = Math.max(maxRow, norm);
    if (norm > 0) minRow = Math.min(minRow, norm);
  }
  const rowScaled = maxRow > 0 && exponentOf(maxRow) - exponentOf(minRow) > ROW_SPAN;
  let a: number;
  if (rowScaled) {
    const nz = Array.from(norms).filter((v) => v > 0).sort((p, q) => p - q);
    a = exponentOf(nz[Math.floor(nz.length / 2)]);
  } else a = maxRow > 0 ? exponentOf(maxRow) : 0;
  if (Math.abs(a) <= SNAP) a = 0;
  let b = 0;
  if (s.loss === "squared") {
    const ny = safeNorm(y);
    if (!Number.isFinite((ny / Math.sqrt(n)) ** 2)) {
      throw new InputError("y", `has (1/n)·Σy² = ${(ny / Math.sqrt(n)) ** 2} beyond f64's range: rescale the targets`);
    }
    if (ny > 0) b = exponentOf(ny / Math.sqrt(n));
    if (Math.abs(b) <= SNAP) b = 0;
  }
  // the network of a solution has ‖wⱼ‖² ~ |aⱼ|·… ~ t/s: it must stay a normal f64
  if (maxRow > 0 && Math.abs(b - a) > 1000) {
    throw new InputError("X", `and y have scales 2^${a} and 2^${b}: the network's weights (~2^${(b - a) / 2}) would leave f64's range; rescale X or y`);
  }
  const beta = s.beta * pow2(-(a + b));
  if (!(beta >= 2 ** -1000 && beta <= 2 ** 1000)) {
    throw new InputError("lambda", `is ${s.lambda}: relative to the data's scale (‖x‖ ~ 2^${a}${s.loss === "squared" ? `, |y| ~ 2^${b}` : ""}) it is ${beta.toExponential(2)}, beyond what the solver can resolve`);
  }
  const ys = b === 0 ? y : y.map((v) => v * pow2(-b));
  let scaled: Data, rowScale: Float64Array | undefined, rowNorm: number;
  if (rowScaled) {
    // x̃ₖ = xₖ·2^−eₖ (norm in [1, 2)), cₖ = 2^(eₖ − a): X̂ = X·2^−a = diag(c)·X̃, exactly
    const Xt = new Float64Array(n * d);
    rowScale = new Float64Array(n);
    for (let k = 0; k < n; k++) {
      if (norms[k] === 0) { rowScale[k] = 1; continue; }
      const e = exponentOf(norms[k]);
      rowScale[k] = pow2(e - a);
      for (let j = 0; j < d; j++) Xt[k * d + j] = X[k * d + j] * pow2(-e);
    }
    scaled = { n, d, X: Xt, y: ys };
    rowNorm = rowScale.reduce((p, v) => Math.max(p, v), 0); // no spread: n may exceed the argument limit
  } else {
    scaled = a === 0 && b === 0 ? data : { n, d, X: a === 0 ? X : X.map((v) => v * pow2(-a)), y: ys };
    rowNorm = 1;
  }
  let basis: Float64Array | undefined;
  if (d > n) {
    const rs = rowSpace(scaled.X, n, d);
    if (rs.r > 0) { basis = rs.Q; scaled = { n, d: rs.r, X: rs.Xr, y: scaled.y }; }
  }
  return { a, b, scaled, rowScale, rowNorm, basis, beta, uFactor: pow2(b - a), valueFactor: pow2(2 * b), rFactor: pow2(b), maxRowNorm: maxRow };
}
