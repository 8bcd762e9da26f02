// Stable identities of sweep runs: canonical JSON (keys sorted at every level, numbers in JavaScript's
// shortest round-trip form) hashed with FNV-1a 64. Pure JS (BigInt), so Node, browsers and workers
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

const FNV_OFFSET = 0xcbf29ce484222325n;
const FNV_PRIME = 0x100000001b3n;
const MASK64 = (1n << 64n) - 1n;
const utf8 = new TextEncoder();

/** FNV-1a 64 of the UTF-8 bytes of a string, as a BigInt. */
export function fnv1a64(text: string): bigint {
  let h = FNV_OFFSET;
  for (const b of utf8.encode(text)) h = ((h ^ BigInt(b)) * FNV_PRIME) & MASK64;
  return h;
}

/** FNV-1a 64 as 16 lowercase hex digits. */
export function hashHex(text: string): string {
  return fnv1a64(text).toString(16).padStart(16, "0");
}

/** The stable id of a run: hash of the canonical JSON of its kind and configuration. */
export function runId(kind: string, config: Record<string, unknown>): string {
  return hashHex(canonicalJson({ kind, config }));
}

/** A run's seed: an integer in [0, 2^53) from the sweep seed and the run's id. */
export function deriveSeed(sweepSeed: number, id: string): number {
  return Number(fnv1a64(`seed:${sweepSeed}:${id}`) >> 11n);
}
