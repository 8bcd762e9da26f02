// Brute-force reference for activation patterns, independent of the WASM method: a sign vector τ
// (over the nonzero rows) is realizable iff the polyhedron P = {w : τₖ·xₖ·w ≥ 1} is nonempty. In the
// row space of X (rank r) P is pointed, so when nonempty it has a vertex: the solution of r linearly
// independent tight constraints. So: try every r-subset of rows, solve, check all constraints.

export type Rows = number[][];

function dot(a: number[], b: number[]): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i] * b[i];
  return s;
}

/** Orthonormal basis of the span of the rows (Gram–Schmidt, relative tolerance). */
export function rowBasis(X: Rows, tol = 1e-10): number[][] {
  const Q: number[][] = [];
  for (const x of X) {
    const nx = Math.sqrt(dot(x, x));
    if (nx === 0) continue;
    let r = [...x];
    for (let pass = 0; pass < 2; pass++) for (const q of Q) { const c = dot(q, r); r = r.map((v, i) => v - c * q[i]); }
    const nr = Math.sqrt(dot(r, r));
    if (nr > tol * nx) Q.push(r.map((v) => v / nr));
  }
  return Q;
}

/** Solves the square system A x = b by Gaussian elimination; undefined when (nearly) singular. */
function solve(A: number[][], b: number[]): number[] | undefined {
  const n = A.length;
  const M = A.map((r, i) => [...r, b[i]]);
  const scale = Math.max(1e-300, ...A.flat().map(Math.abs));
  for (let k = 0; k < n; k++) {
    let p = k;
    for (let i = k + 1; i < n; i++) if (Math.abs(M[i][k]) > Math.abs(M[p][k])) p = i;
    if (Math.abs(M[p][k]) <= 1e-10 * scale) return undefined;
    [M[k], M[p]] = [M[p], M[k]];
    for (let i = k + 1; i < n; i++) {
      const f = M[i][k] / M[k][k];
      for (let j = k; j <= n; j++) M[i][j] -= f * M[k][j];
    }
  }
  const x = new Array<number>(n).fill(0);
  for (let i = n - 1; i >= 0; i--) {
    let s = M[i][n];
    for (let j = i + 1; j < n; j++) s -= M[i][j] * x[j];
    x[i] = s / M[i][i];
  }
  return x;
}

function* subsets(n: number, k: number): Generator<number[]> {
  const c = Array.from({ length: k }, (_, i) => i);
  if (k > n) return;
  while (true) {
    yield [...c];
    let t = k - 1;
    while (t >= 0 && c[t] === n - k + t) t--;
    if (t < 0) return;
    c[t]++;
    for (let q = t + 1; q < k; q++) c[q] = c[q - 1] + 1;
  }
}

/** Is the 0/1 pattern realizable (strict signs on every nonzero row; zero rows must have bit 0)? */
export function realizableBrute(X: Rows, bits: number[]): boolean {
  const nz = X.map((x, k) => k).filter((k) => X[k].some((v) => v !== 0));
  if (X.some((x, k) => !nz.includes(k) && bits[k] !== 0)) return false;
  if (nz.length === 0) return true;
  const Q = rowBasis(nz.map((k) => X[k]));
  const r = Q.length;
  // constraint rows a = τ·(Q x) in R^r
  const A = nz.map((k) => { const y = Q.map((q) => dot(q, X[k])); const t = bits[k] ? 1 : -1; return y.map((v) => t * v); });
  for (const S of subsets(A.length, r)) {
    const w = solve(S.map((i) => A[i]), S.map(() => 1));
    if (!w) continue;
    if (A.every((a) => dot(a, w) >= 1 - 1e-7)) return true;
  }
  return false;
}

/** Every realizable pattern, by trying all 2^(nonzero rows) sign vectors. Strings "0101…". */
export function allPatternsBrute(X: Rows): Set<string> {
  const n = X.length;
  const nz = X.map((x, k) => k).filter((k) => X[k].some((v) => v !== 0));
  const out = new Set<string>();
  for (let mask = 0; mask < 2 ** nz.length; mask++) {
    const bits = new Array<number>(n).fill(0);
    nz.forEach((k, t) => (bits[k] = (mask >> t) & 1));
    if (realizableBrute(X, bits)) out.add(bits.join(""));
  }
  return out;
}

/** Cells of a 2-D arrangement with their exact Gaussian probabilities (arc length / 2π). */
export function gaussianProbabilities2d(X: Rows): Map<string, number> {
  const angles: number[] = [];
  for (const [a, b] of X) {
    if (a === 0 && b === 0) continue;
    const t = Math.atan2(a, -b); // direction ⊥ x
    angles.push(((t % (2 * Math.PI)) + 2 * Math.PI) % (2 * Math.PI), ((t + Math.PI) % (2 * Math.PI) + 2 * Math.PI) % (2 * Math.PI));
  }
  angles.sort((p, q) => p - q);
  const probs = new Map<string, number>();
  for (let i = 0; i < angles.length; i++) {
    const lo = angles[i], hi = i + 1 < angles.length ? angles[i + 1] : angles[0] + 2 * Math.PI;
    if (hi - lo < 1e-15) continue;
    const mid = (lo + hi) / 2;
    const w = [Math.cos(mid), Math.sin(mid)];
    const key = X.map((x) => (dot(x, w) > 0 ? 1 : 0)).join("");
    probs.set(key, (probs.get(key) ?? 0) + (hi - lo) / (2 * Math.PI));
  }
  return probs;
}
