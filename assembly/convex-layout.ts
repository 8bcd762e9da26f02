// Slot indices of the convex solver's context (a Float64Array of CV_SIZE slots in WASM memory),
// shared by assembly/convex.ts and src/convex/program.ts. Plain numbers only (compiled by both).

// inputs (set by the host)
export const CV_N = 0; // samples
export const CV_D = 1; // input dimension
export const CV_M = 2; // signed patterns in the program
export const CV_X = 3; // pointer: X, n×d row-major f64
export const CV_Y = 4; // pointer: y, n
export const CV_BITS = 5; // pointer: patterns, m×n bytes (0/1)
export const CV_SIGN = 6; // pointer: signs, m f64 (±1)
export const CV_LAMBDA = 7; // λ
export const CV_TAU = 8; // barrier weight τ (the host raises it along the central path)
export const CV_U = 9; // pointer: the iterate, m×(d+1): uᵢ then tᵢ (host writes a strictly feasible start)
// scratch pointers (host allocates; sizes in src/convex/program.ts)
export const CV_GRAD = 10; // m×(d+1)
export const CV_DIR = 11; // m×(d+1)
export const CV_LFAC = 12; // m×(d+1)×(d+1) Cholesky factors of the barrier Hessian blocks
export const CV_XU = 13; // m×n: xₖ·uᵢ
export const CV_DXU = 14; // m×n: xₖ·Δuᵢ
export const CV_SOC = 15; // m×3: sᵢ = tᵢ² − ‖uᵢ‖², and the coefficients of sᵢ(α)
export const CV_P = 16; // n: prediction Σ sᵢDᵢXuᵢ
export const CV_DP = 17; // n: its Newton direction
export const CV_CAP = 18; // n×n: Woodbury capacitance matrix
export const CV_Q = 19; // n
export const CV_SCR = 20; // (n+d+2)×(d+1) + (d+1)×n scratch
export const CV_R = 21; // n: dual candidate r = −φ'(p)/n, (2/n)(y − p) for the squared loss (convexEvaluate)
export const CV_LOSS = 22; // 0 squared (p − y)², 1 logistic log(1 + e^{−y·p})
export const CV_RES = 23; // m×(d+1): residual of the Newton system (iterative refinement)
// outputs
export const CV_DEC = 24; // Newton decrement² of the last step
export const CV_STEP = 25; // step length taken
export const CV_F0 = 26; // (1/n)‖p − y‖² + 2λΣtᵢ
export const CV_PRIMAL = 27; // (1/n)‖p − y‖² + 2λΣ‖uᵢ‖ (the program's objective at uᵢ)
export const CV_RY = 28; // rᵀy
export const CV_RR = 29; // ‖r‖²
export const CV_ROWSCALE = 30; // pointer: n f64, X = diag(c)·(the X given), or 0 (c = 1): p = c·(Σ sᵢDᵢXuᵢ)
export const CV_HESS = 31; // pointer: n f64 scratch, the loss curvature per row (general losses)
export const CV_XT = 32; // pointer: Xᵀ, d×n row-major (the same numbers as X, for SIMD sweeps over samples)
// the direct Newton system (m·d unknowns instead of Woodbury's n×n, for working sets with m·d < n)
export const CV_DIRECT = 33; // 1: solve the m·d system I + c·L⁻¹GL⁻ᵀ in CAP ((m·d)² f64), 0: Woodbury (CAP n×n)
export const CV_GRAM = 34; // pointer: (m·d)² f64, G = Σₖ wₖ·aₖaₖᵀ over the rows aₖ of A = [sᵢDᵢX] (squared loss: wₖ = 1, set once by convexGram)
export const CV_VEC = 35; // pointer: m·d f64 scratch
export const CV_SIZE = 36;
