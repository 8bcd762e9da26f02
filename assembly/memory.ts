// Raw memory for the host: every buffer the host lays out in WASM memory comes from here.

/** Allocates `bytes` bytes aligned to 16, zero-filled. Returns the pointer. */
export function alloc(bytes: usize): usize {
  const ptr = heap.alloc(bytes + 32);
  const aligned = (ptr + 31) & ~(<usize>15); // at least 16 bytes after ptr: room for the header below
  store<usize>(aligned - sizeof<usize>(), ptr);
  memory.fill(aligned, 0, bytes);
  return aligned;
}

/** Frees a block returned by `alloc`. */
export function free(ptr: usize): void {
  if (ptr == 0) return;
  heap.free(load<usize>(ptr - sizeof<usize>()));
}
