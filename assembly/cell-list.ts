// A growable list of bit-packed keys (u64 words each) with a hash index for deduplication, and an
// optional vector of `dim` f64 per key (the witness of an activation pattern). Used for the cells of
// hyperplane arrangements, for deduplicating lines, and for counting distinct signed patterns.

/** Zero-filled raw memory (at least 8 bytes). Free with heap.free. */
export function zalloc(bytes: usize): usize {
  const p = heap.alloc(bytes > 8 ? bytes : 8);
  memory.fill(p, 0, bytes > 8 ? bytes : 8);
  return p;
}

@unmanaged
export class CellList {
  count: i32 = 0;
  cap: i32 = 0;
  words: i32 = 0;
  dim: i32 = 0;
  bits: usize = 0;
  wits: usize = 0;
  table: usize = 0;
  tcap: i32 = 0;
}

export function listNew(words: i32, dim: i32, cap: i32): CellList {
  const l = new CellList();
  l.words = words;
  l.dim = dim;
  l.cap = cap < 4 ? 4 : cap;
  l.bits = zalloc(<usize>l.cap * <usize>words * 8);
  l.wits = zalloc(<usize>l.cap * <usize>dim * 8);
  let t = 16;
  while (t < 2 * l.cap) t <<= 1;
  l.tcap = t;
  l.table = heap.alloc(<usize>t << 2);
  memory.fill(l.table, 0xff, <usize>t << 2);
  return l;
}

export function listFree(l: CellList): void {
  heap.free(l.bits);
  heap.free(l.wits);
  heap.free(l.table);
  heap.free(changetype<usize>(l));
}

/** Pointer to the key of entry i. */
// @ts-ignore: decorator
@inline export function keyAt(l: CellList, i: i32): usize {
  return l.bits + <usize>i * <usize>l.words * 8;
}

/** Pointer to the witness of entry i. */
// @ts-ignore: decorator
@inline export function witAt(l: CellList, i: i32): usize {
  return l.wits + <usize>i * <usize>l.dim * 8;
}

export function hashKey(p: usize, words: i32): u32 {
  let h: u64 = 0x9e3779b97f4a7c15 ^ <u64>words;
  for (let i = 0; i < words; i++) {
    h ^= load<u64>(p + (<usize>i << 3));
    h *= 0xbf58476d1ce4e5b9;
    h ^= h >> 29;
  }
  h *= 0x94d049bb133111eb;
  return <u32>(h ^ (h >> 32));
}

function keyEq(a: usize, b: usize, words: i32): bool {
  for (let i = 0; i < words; i++) if (load<u64>(a + (<usize>i << 3)) != load<u64>(b + (<usize>i << 3))) return false;
  return true;
}

/** Rebuilds the hash index with tcap slots (a power of two ≥ 2·count); keys must be distinct. */
export function rehash(l: CellList, tcap: i32): void {
  heap.free(l.table);
  l.tcap = tcap;
  l.table = heap.alloc(<usize>tcap << 2);
  memory.fill(l.table, 0xff, <usize>tcap << 2);
  const mask = <u32>(tcap - 1);
  for (let i = 0; i < l.count; i++) {
    let h = hashKey(keyAt(l, i), l.words) & mask;
    while (load<i32>(l.table + (<usize>h << 2)) >= 0) h = (h + 1) & mask;
    store<i32>(l.table + (<usize>h << 2), i);
  }
}

/** Doubles the capacity of keys and witnesses. */
export function grow(l: CellList): void {
  const cap = l.cap * 2;
  const kb = <usize>l.words * 8, wb = <usize>l.dim * 8;
  const bits = zalloc(<usize>cap * kb);
  memory.copy(bits, l.bits, <usize>l.count * kb);
  heap.free(l.bits);
  l.bits = bits;
  const wits = zalloc(<usize>cap * wb);
  memory.copy(wits, l.wits, <usize>l.count * wb);
  heap.free(l.wits);
  l.wits = wits;
  l.cap = cap;
}

/** Index of the key at `key`, or -1. */
export function listFind(l: CellList, key: usize): i32 {
  const mask = <u32>(l.tcap - 1);
  let h = hashKey(key, l.words) & mask;
  while (true) {
    const idx = load<i32>(l.table + (<usize>h << 2));
    if (idx < 0) return -1;
    if (keyEq(keyAt(l, idx), key, l.words)) return idx;
    h = (h + 1) & mask;
  }
  return -1;
}

/** Adds a copy of the key at `key` if it is new: returns its index, or -1 when already present. */
export function listAdd(l: CellList, key: usize): i32 {
  if ((l.count + 1) * 2 > l.tcap) rehash(l, l.tcap * 2);
  const mask = <u32>(l.tcap - 1);
  let h = hashKey(key, l.words) & mask;
  while (true) {
    const idx = load<i32>(l.table + (<usize>h << 2));
    if (idx < 0) break;
    if (keyEq(keyAt(l, idx), key, l.words)) return -1;
    h = (h + 1) & mask;
  }
  if (l.count == l.cap) grow(l);
  const i = l.count;
  memory.copy(keyAt(l, i), key, <usize>l.words * 8);
  store<i32>(l.table + (<usize>h << 2), i);
  l.count = i + 1;
  return i;
}

// @ts-ignore: decorator
@inline export function setBit(key: usize, i: i32): void {
  const p = key + (<usize>(i >> 6) << 3);
  store<u64>(p, load<u64>(p) | (<u64>1 << <u64>(i & 63)));
}

// @ts-ignore: decorator
@inline export function getBit(key: usize, i: i32): bool {
  return ((load<u64>(key + (<usize>(i >> 6) << 3)) >> <u64>(i & 63)) & 1) != 0;
}
