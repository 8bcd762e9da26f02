// A microkernel for the benchmark: the peak f64x2 (and f32x4) multiply-add throughput of this
// machine under the engine's WASM SIMD code generation. 12 independent chains of v = v·b + c, so
// latency hides behind throughput. Returns a checksum so the work cannot be optimized away.

export function peakMulAddF64(iterations: i32): f64 {
  const b = f64x2.splat(0.999999), c = f64x2.splat(1e-7);
  let v0 = f64x2.splat(1.0), v1 = f64x2.splat(1.1), v2 = f64x2.splat(1.2), v3 = f64x2.splat(1.3);
  let v4 = f64x2.splat(1.4), v5 = f64x2.splat(1.5), v6 = f64x2.splat(1.6), v7 = f64x2.splat(1.7);
  let v8 = f64x2.splat(1.8), v9 = f64x2.splat(1.9), v10 = f64x2.splat(2.0), v11 = f64x2.splat(2.1);
  for (let i = 0; i < iterations; i++) {
    v0 = f64x2.add(f64x2.mul(v0, b), c); v1 = f64x2.add(f64x2.mul(v1, b), c);
    v2 = f64x2.add(f64x2.mul(v2, b), c); v3 = f64x2.add(f64x2.mul(v3, b), c);
    v4 = f64x2.add(f64x2.mul(v4, b), c); v5 = f64x2.add(f64x2.mul(v5, b), c);
    v6 = f64x2.add(f64x2.mul(v6, b), c); v7 = f64x2.add(f64x2.mul(v7, b), c);
    v8 = f64x2.add(f64x2.mul(v8, b), c); v9 = f64x2.add(f64x2.mul(v9, b), c);
    v10 = f64x2.add(f64x2.mul(v10, b), c); v11 = f64x2.add(f64x2.mul(v11, b), c);
  }
  const s = f64x2.add(f64x2.add(f64x2.add(v0, v1), f64x2.add(v2, v3)), f64x2.add(f64x2.add(v4, v5), f64x2.add(v6, v7)));
  const t = f64x2.add(s, f64x2.add(f64x2.add(v8, v9), f64x2.add(v10, v11)));
  return f64x2.extract_lane(t, 0) + f64x2.extract_lane(t, 1);
}
