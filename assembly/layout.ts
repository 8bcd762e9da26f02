// Slot indices of the training context: a Float64Array of CTX_SIZE slots in WASM memory, shared by
// assembly/train.ts and src/core. Plain numbers only: this file is compiled by AssemblyScript and
// imported by TypeScript alike, so both sides agree on one layout.

// inputs (set by the host)
export const CTX_N = 0; // number of samples in the full data
export const CTX_D = 1; // input dimension (bias column included)
export const CTX_M = 2; // neurons
export const CTX_MP = 3; // neurons padded to a multiple of 16 (SIMD blocks; padded neurons stay zero)
export const CTX_X = 4; // pointer: X, n×d row-major, element type of the precision
export const CTX_Y = 5; // pointer: y, n
export const CTX_W = 6; // pointer: params buffer 0: WT (d×mp, row k = k-th input weight of every neuron) then a (mp)
export const CTX_W2 = 7; // pointer: params buffer 1 (same layout); the trainer alternates between the two
export const CTX_CUR = 8; // which params buffer holds the current state (0 or 1)
export const CTX_H = 9; // pointer: scratch, batch×mp activations
export const CTX_R = 10; // pointer: scratch, n f64 residual factors then n v128 partial sums (24·n bytes)
export const CTX_XB = 11; // pointer: scratch, minibatch X (B×d)
export const CTX_YB = 12; // pointer: scratch, minibatch y (B)
export const CTX_PERM = 13; // pointer: scratch, i32 permutation (n)
export const CTX_SAVED = 14; // pointer: scratch, 4 f64: the loss values of the previous accepted state
export const CTX_RNG = 15; // pointer: the generator state (rng.ts)
export const CTX_LAMBDA = 16; // λ
export const CTX_LR = 17; // learning rate (the trainer may change it: schedules)
export const CTX_INV_KAPPA = 18; // 1/κ, output scaling (default 1)
export const CTX_LOSS_KIND = 19; // 0 squared, 1 logistic
export const CTX_REG_KIND = 20; // 0 weight decay λ(‖W‖²+‖a‖²); 1 ℓ1 on a, rows of W projected to ‖w‖ ≤ 1
export const CTX_METHOD = 21; // 0 full-batch GD, 1 minibatch SGD
export const CTX_BATCH = 22; // minibatch size B
export const CTX_PRECISION = 23; // 0 f64, 1 f32
export const CTX_GRAD_TOL = 24; // stop when ‖∇L‖² < gradTol
export const CTX_LOSS_TOL = 25; // plateau: relative improvement required over the window (0 = off)
export const CTX_LOSS_WINDOW = 26; // plateau window in epochs
export const CTX_SCHEDULE = 27; // 0 constant, 1 step (factor every K epochs), 2 halve on rise
export const CTX_SCHED_FACTOR = 28;
export const CTX_SCHED_EVERY = 29;
export const CTX_MAX_EPOCHS = 30;
export const CTX_BACKUP = 31; // pointer: SGD only, a copy of the params at the start of the epoch
// state (maintained by the trainer, read by the host)
export const CTX_EPOCH = 32; // epochs completed
export const CTX_LOSS = 33; // L at the current parameters (full data)
export const CTX_DATA_LOSS = 34;
export const CTX_NORM_SQ = 35; // ‖θ‖²
export const CTX_GRAD_SQ = 36; // ‖∇L‖² at the current parameters (full data)
export const CTX_STOP = 37; // stop reason code (STOP_*)
export const CTX_REF_LOSS = 38; // plateau reference loss
export const CTX_REF_EPOCH = 39; // epoch of the plateau reference
export const CTX_PREV_LOSS = 40; // loss before the last epoch (for halve-on-rise)
export const CTX_EVALUATED = 41; // 1 when LOSS/GRAD_SQ are those of the current parameters
export const CTX_PROX = 42; // pointer: scratch params buffer, the proximal step of the l1-unit regularizer when not applied
export const CTX_SIZE = 48;

export const STOP_NONE = 0;
export const STOP_GRAD_TOL = 1;
export const STOP_MAX_EPOCHS = 2;
export const STOP_PLATEAU = 3;
export const STOP_DIVERGED = 4;
