// Typed arrays that serialize as plain JSON arrays. JSON.stringify writes a Float64Array as an object
// ({"0": 1.5, "1": 2}); results of the API that hold typed arrays (Data, PatternSet, samples, signed
// patterns) use these subclasses instead, so `JSON.stringify(result)` gives [1.5, 2]. They are the
// same typed arrays otherwise (instanceof Float64Array, views, .set, WASM copies).

type TypedArrayClass = { new (length: number): ArrayLike<number>; prototype: object };

/** A subclass of a typed-array class whose instances serialize as JSON arrays. */
const jsonClass = (Base: TypedArrayClass): object =>
  class extends (Base as unknown as new (length: number) => ArrayLike<number>) {
    toJSON(): number[] {
      return Array.from(this);
    }
  }.prototype;

const SUBCLASS = new Map<unknown, object>(
  [Float64Array, Float32Array, Uint8Array, Int8Array, Int32Array].map((C) => [C.prototype, jsonClass(C)]),
);

/** Makes the typed arrays among `o`'s own properties serialize as JSON arrays (in place, no copy); returns `o`. */
export function jsonArrays<T extends object>(o: T): T {
  for (const v of Object.values(o)) {
    if (!ArrayBuffer.isView(v)) continue;
    const proto = SUBCLASS.get(Object.getPrototypeOf(v));
    if (proto) Object.setPrototypeOf(v, proto);
  }
  return o;
}
