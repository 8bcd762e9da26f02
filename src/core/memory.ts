// Typed views into the core's linear memory. Views are made fresh on each call because memory
// growth detaches the old buffer.
import type { CoreExports } from "./loader.js";

export function f64View(core: CoreExports, ptr: number, len: number): Float64Array {
  return new Float64Array(core.memory.buffer, ptr, len);
}
export function f32View(core: CoreExports, ptr: number, len: number): Float32Array {
  return new Float32Array(core.memory.buffer, ptr, len);
}
export function i32View(core: CoreExports, ptr: number, len: number): Int32Array {
  return new Int32Array(core.memory.buffer, ptr, len);
}
export function u8View(core: CoreExports, ptr: number, len: number): Uint8Array {
  return new Uint8Array(core.memory.buffer, ptr, len);
}

/** Bytes the core can address (4 GiB for wasm32). */
export const CORE_MAX_BYTES = 4 * 1024 ** 3 - 64 * 1024 ** 2;

/** A set of allocations freed together. */
export class Arena {
  private ptrs: number[] = [];
  constructor(readonly core: CoreExports) {}
  alloc(bytes: number): number {
    const p = this.core.alloc(Math.max(16, bytes));
    this.ptrs.push(p);
    return p;
  }
  /** Copies `data` into fresh memory and returns the pointer. */
  f64(data: ArrayLike<number>): number {
    const p = this.alloc(data.length * 8);
    f64View(this.core, p, data.length).set(data);
    return p;
  }
  free(): void {
    for (const p of this.ptrs) this.core.free(p);
    this.ptrs = [];
  }
}
