// Typed arrays that serialize as plain JSON arrays. JSON.stringify writes a Float64Array as an object
// ({"0": 1.5, "1": 2}); results of the API that hold typed arrays (Data, PatternSet, samples, signed
// patterns) use these subclasses instead, so `JSON.stringify(result)` gives [1.5, 2]. They are the
// same typed arrays otherwise (instanceof Float64Array, views, .set, WASM copies).

class JsonFloat64Array extends Float64Array {
  toJSON(): number[] {
    return Array.from(this);
  }
}
class JsonFloat32Array extends Float32Array {
  toJSON(): number[] {
    return Array.from(this);
  }
}
class JsonUint8Array extends Uint8Array {
  toJSON(): number[] {
    return Array.from(this);
  }
}
class JsonInt8Array extends Int8Array {
  toJSON(): number[] {
    return Array.from(this);
  }
}
class JsonInt32Array extends Int32Array {
  toJSON(): number[] {
    return Array.from(this);
  }
}

const SUBCLASS = new Map<unknown, object>([
  [Float64Array.prototype, JsonFloat64Array.prototype],
  [Float32Array.prototype, JsonFloat32Array.prototype],
  [Uint8Array.prototype, JsonUint8Array.prototype],
  [Int8Array.prototype, JsonInt8Array.prototype],
  [Int32Array.prototype, JsonInt32Array.prototype],
]);

/** Makes the typed arrays among `o`'s own properties serialize as JSON arrays (in place, no copy); returns `o`. */
export function jsonArrays<T extends object>(o: T): T {
  for (const v of Object.values(o)) {
    if (!ArrayBuffer.isView(v)) continue;
    const proto = SUBCLASS.get(Object.getPrototypeOf(v));
    if (proto) Object.setPrototypeOf(v, proto);
  }
  return o;
}
