// Losses along straight segments between two networks, many points per call (energy gaps, strings).
// Parameters θ are stored neuron by neuron: [wⱼ (d numbers), aⱼ] for j = 0..m−1 (stride d+1); the
// point at t is (1−t)·A + t·B. The data come transposed: XT is d rows of np numbers (feature k of
// every sample; np = n rounded up to even, padding zero), so SIMD runs over pairs of samples.
// Settings in cfg (f64): [lossKind (0 squared, 1 logistic), regKind (0 λ‖θ‖², 1 λ‖a‖₁), λ, 1/κ].
// Scratch: np + d + 1 f64. Output: (L, data loss) per point.

import { lossAt } from "./loss";

/** Writes out[2i] = L and out[2i+1] = data loss at θ = (1 − T[i])·A + T[i]·B for i < count. */
export function pathLosses(XT: usize, Y: usize, n: i32, d: i32, m: i32, A: usize, B: usize, T: usize, count: i32, cfg: usize, scratch: usize, out: usize): void {
  const logistic = load<f64>(cfg) == 1.0, l1 = load<f64>(cfg, 8) == 1.0;
  const lambda = load<f64>(cfg, 16), invKappa = load<f64>(cfg, 24);
  const np = (n + 1) & ~1;
  const rowBytes = <usize>np << 3;
  const F = scratch, w = scratch + rowBytes;
  const stride = <usize>(d + 1) << 3, aOff = <usize>d << 3;
  const zero = f64x2.splat(0);
  for (let i = 0; i < count; i++) {
    const t = load<f64>(T + (<usize>i << 3)), s = 1.0 - t;
    memory.fill(F, 0, rowBytes);
    let reg: f64 = 0;
    for (let j = 0; j < m; j++) {
      const pa = A + <usize>j * stride, pb = B + <usize>j * stride;
      let nw: f64 = 0;
      for (let k = 0; k < d; k++) {
        const v = s * load<f64>(pa + (<usize>k << 3)) + t * load<f64>(pb + (<usize>k << 3));
        store<f64>(w + (<usize>k << 3), v);
        nw += v * v;
      }
      const a = s * load<f64>(pa + aOff) + t * load<f64>(pb + aOff);
      reg += l1 ? Math.abs(a) : nw + a * a;
      if (a == 0) continue;
      const av = f64x2.splat(a);
      for (let r: usize = 0; r < rowBytes; r += 16) {
        let z = zero;
        let xp = XT + r;
        for (let k = 0; k < d; k++) {
          z = f64x2.add(z, f64x2.mul(v128.load(xp), v128.load64_splat(w + (<usize>k << 3))));
          xp += rowBytes;
        }
        const p = F + r;
        v128.store(p, f64x2.add(v128.load(p), f64x2.mul(av, f64x2.max(z, zero))));
      }
    }
    let loss: f64 = 0;
    for (let r = 0; r < n; r++) {
      const f = load<f64>(F + (<usize>r << 3)) * invKappa, y = load<f64>(Y + (<usize>r << 3));
      loss += lossAt(logistic, f, y);
    }
    const dataLoss = loss / <f64>n;
    store<f64>(out + (<usize>i << 4), dataLoss + lambda * reg);
    store<f64>(out + (<usize>i << 4), dataLoss, 8);
  }
}
