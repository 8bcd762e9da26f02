// Stable identities of sweep runs: canonical JSON (keys sorted at every level, numbers in JavaScript's
// shortest round-trip form) hashed with FNV-1a 64. Pure JS, so Node, browsers and workers
// agree; a run's seed is derived from the sweep seed and its hash, never from order or worker.

/** JSON with object keys sorted recursively: equal values give equal strings. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== "object") {
    if (typeof value === "number" && !Number.isFinite(value)) throw new Error(`canonicalJson: ${value} is not representable in JSON`);
    if (value === undefined) return "null";
    return JSON.stringify(value);
  }
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  const obj = value as Record<string, unknown>;
  const keys = Object.keys(obj).filter((k) => obj[k] !== undefined).sort();
  return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson(obj[k])}`).join(",")}}`;
}

const utf8 = new TextEncoder();

/**
 * FNV-1a 64 of the UTF-8 bytes of a string, as four 16-bit limbs (least significant first). The
 * product by the prime 2⁴⁰ + 0x1b3 is done limb by limb in exact double arithmetic (every partial
 * sum stays below 2³¹), about ten times faster than BigInt; test/sweep-grid.test.ts checks it
 * against a BigInt reference.
 */
function fnvLimbs(text: string): [number, number, number, number] {
  let h0 = 0x2325, h1 = 0x8422, h2 = 0x9ce4, h3 = 0xcbf2; // offset basis 0xcbf29ce484222325
  // ASCII (every configuration of numbers and plain keys) is its own UTF-8: no encoding needed
  let ascii = true;
  for (let i = 0; i < text.length && ascii; i++) ascii = text.charCodeAt(i) < 0x80;
  const bytes: ArrayLike<number> = ascii ? { length: text.length } : utf8.encode(text);
  for (let i = 0; i < bytes.length; i++) {
    h0 ^= ascii ? text.charCodeAt(i) : bytes[i];
    const t0 = h0 * 0x1b3;
    const t1 = h1 * 0x1b3 + (t0 >>> 16);
    const t2 = h2 * 0x1b3 + (h0 << 8) + (t1 >>> 16); // h · 2⁴⁰: h0 lands at bit 8 of limb 2, h1 at bit 8 of limb 3
    const t3 = h3 * 0x1b3 + (h1 << 8) + (t2 >>> 16);
    h0 = t0 & 0xffff;
    h1 = t1 & 0xffff;
    h2 = t2 & 0xffff;
    h3 = t3 & 0xffff;
  }
  return [h0, h1, h2, h3];
}

/** FNV-1a 64 of the UTF-8 bytes of a string, as a BigInt. */
export function fnv1a64(text: string): bigint {
  return BigInt(`0x${hashHex(text)}`);
}

const hex4 = (v: number) => v.toString(16).padStart(4, "0");

/** FNV-1a 64 as 16 lowercase hex digits. */
export function hashHex(text: string): string {
  const [h0, h1, h2, h3] = fnvLimbs(text);
  return hex4(h3) + hex4(h2) + hex4(h1) + hex4(h0);
}

/** The stable id of a run: hash of the canonical JSON of its kind and configuration. */
export function runId(kind: string, config: Record<string, unknown>): string {
  return hashHex(canonicalJson({ kind, config }));
}

/** A run's seed: an integer in [0, 2^53) from the sweep seed and the run's id. */
export function deriveSeed(sweepSeed: number, id: string): number {
  const [h0, h1, h2, h3] = fnvLimbs(`seed:${sweepSeed}:${id}`);
  return h3 * 2 ** 37 + h2 * 2 ** 21 + h1 * 2 ** 5 + (h0 >>> 11); // the top 53 bits, exactly
}
