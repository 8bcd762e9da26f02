// Loads the WASM core: the module bytes are inlined (wasm-bytes.ts, deflated), inflated and compiled
// asynchronously once, and instantiated on demand. Works unchanged in Node (≥ 18) and browsers (the
// web's Blob, Response and DecompressionStream).
import { WASM_BYTES, WASM_DEFLATED_BASE64 } from "./wasm-bytes.js";

/** The raw exports of the core module (pointers are byte offsets into `memory`). */
export interface CoreExports {
  /**
   * The module's WebAssembly.Memory (typed structurally, so the package's declarations need neither the
   * DOM library nor Node 22's types: a strict Node 20 consumer with `lib: ["ES2022"]` checks them).
   */
  memory: { readonly buffer: ArrayBuffer; grow(delta: number): number };
  alloc(bytes: number): number;
  free(ptr: number): void;
  rngSeed(state: number, seedHi: number, seedLo: number): void;
  rngFillNormal(state: number, out: number, count: number, sd: number): void;
  rngFillUniform(state: number, out: number, count: number, lo: number, hi: number): void;
  rngPermutation(state: number, out: number, n: number): void;
  trainRun(ctx: number, iterations: number): number;
  trainEvaluate(ctx: number): void;
  trainInit(ctx: number, scheme: number, alpha: number): void;
  peakMulAddF64(iterations: number): number;
  cosSin(t: number, count: number, out: number): void;
  patternsEnumerate(X: number, n: number, d: number, tol: number): number;
  patternsCount(handle: number): number;
  patternsUnpack(handle: number, outBits: number, outWits: number, n: number): void;
  patternsFree(handle: number): void;
  patternsEnumerateIncremental(X: number, n: number, d: number, tol: number): number;
  patternsRepair(handle: number, X: number, n: number, d: number): number;
  patternsGeneralPosition(X: number, n: number, d: number, tol: number, maxSubsets: number): number;
  patternsSample(kind: number, X: number, n: number, d: number, handle: number, rng: number, m: number, signed: number, maxTries: number, tol: number, outBits: number, outSigns: number, outWits: number): number;
  patternsCoverage(kind: number, X: number, n: number, d: number, handle: number, rng: number, m: number, signed: number, trials: number, maxTries: number, tol: number, outCounts: number): number;
  patternsOfNeurons(X: number, n: number, d: number, W: number, a: number, m: number, activeOnly: number, outClass: number): number;
  patternsRealizable(X: number, n: number, d: number, bits: number, tol: number, outW: number): number;
  pathLosses(X: number, Y: number, n: number, d: number, m: number, A: number, B: number, T: number, count: number, cfg: number, scratch: number, out: number): void;
  coneInterior(X: number, n: number, d: number, bits: number, count: number, out: number, scratch: number): number;
  conePrice(X: number, n: number, d: number, bits: number, signs: number, count: number, r: number, threshold: number, sigma: number, scratch: number, prevR: number, keep: number, index: number, out: number, warm: number): number;
  conePriceIndexBytes(count: number): number;
  coneScratchBytes(n: number, d: number): number;
  conePriceScratchBytes(n: number, d: number): number;
  convexNewton(ctx: number): number;
  convexEvaluate(ctx: number): void;
  /** assembly/linalg.ts: in-place Cholesky of a k×k SPD matrix (lower triangle; 0 if not positive definite), and the solve with its factor (b overwritten). */
  cholesky(A: number, k: number): number;
  cholSolve(L: number, k: number, b: number): void;
  [name: string]: unknown;
}

function decodeBase64(b64: string): Uint8Array {
  if (typeof Buffer !== "undefined") return new Uint8Array(Buffer.from(b64, "base64"));
  const bin = atob(b64);
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}

/** The module's bytes: the inlined deflate stream, inflated (and checked for its length). */
async function moduleBytes(): Promise<Uint8Array> {
  const stream = new Blob([decodeBase64(WASM_DEFLATED_BASE64) as BlobPart]).stream().pipeThrough(new DecompressionStream("deflate"));
  const bytes = new Uint8Array(await new Response(stream).arrayBuffer());
  if (bytes.length !== WASM_BYTES) throw new Error(`the inlined core inflated to ${bytes.length} bytes, not ${WASM_BYTES}: the package is damaged, reinstall it`);
  return bytes;
}

let modulePromise: Promise<WebAssembly.Module> | undefined;

/** The compiled core module (compiled once per process or page). */
export function coreModule(): Promise<WebAssembly.Module> {
  modulePromise ??= moduleBytes().then((bytes) => WebAssembly.compile(bytes as BufferSource));
  return modulePromise;
}

/** A fresh instance of the core, with its own memory. */
export async function instantiateCore(): Promise<CoreExports> {
  const module = await coreModule();
  let memory: WebAssembly.Memory | undefined;
  const instance = await WebAssembly.instantiate(module, {
    env: {
      abort(msg: number, file: number, line: number, col: number) {
        throw new Error(`relu-landscape core aborted at ${readString(memory, file)}:${line}:${col}: ${readString(memory, msg)}`);
      },
    },
  });
  const exports = instance.exports as unknown as CoreExports;
  memory = exports.memory;
  return exports;
}

function readString(memory: WebAssembly.Memory | undefined, ptr: number): string {
  if (!memory || !ptr) return "";
  const len = new Uint32Array(memory.buffer)[(ptr - 4) >>> 2] >>> 1;
  return String.fromCharCode(...new Uint16Array(memory.buffer, ptr, Math.min(len, 512)));
}

let shared: Promise<CoreExports> | undefined;

/** The instance shared by everything in this thread (the API uses it unless given another). */
export function getCore(): Promise<CoreExports> {
  shared ??= instantiateCore();
  return shared;
}
