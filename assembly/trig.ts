// Cosine and sine computed inside the module (AssemblyScript's own Math), so data built from them is
// bit-identical in every engine (JavaScript's Math.sin/cos may differ in the last bit between engines).

/** out[2i] = cos(t[i]), out[2i+1] = sin(t[i]) for i < count. */
export function cosSin(t: usize, count: i32, out: usize): void {
  for (let i = 0; i < count; i++) {
    const v = load<f64>(t + (<usize>i << 3));
    store<f64>(out + (<usize>i << 4), Math.cos(v));
    store<f64>(out + (<usize>i << 4), Math.sin(v), 8);
  }
}
