// Pricing by streaming over the cells (no pattern stored) against the stored enumeration and its
// pricer: the same cells (every signed pattern of the enumeration, no other), the same max and top K,
// every value a valid bound; data the sweep cannot take (collinear or repeated points) falls back to
// the stored enumeration; the streamed global optimum equals the stored one.
import { describe, expect, it } from "vitest";
import { toData, type Data } from "../src/api/data.js";
import { getCore } from "../src/core/loader.js";
import { allSignedPatterns, globalOptimum } from "../src/convex/index.js";
import { PatternPricer, solveProgram, streamedSource } from "../src/convex/program.js";
import { CellStream } from "../src/convex/cell-stream.js";
import { CROSSOVER_MAX_FLOPS, crossoverFlops } from "../src/convex/crossover.js";
import { moonsData } from "../src/data/moons.js";
import { lcg, randomVector } from "./helpers.js";

const key = (bits: ArrayLike<number>, s: number) => (s > 0 ? "+" : "-") + Array.from(bits).join("");

async function moons(n: number, seed: number): Promise<Data> {
  const m = await moonsData({ n, seed });
  return toData(Array.from({ length: n }, (_, k) => [m.X[2 * k], m.X[2 * k + 1]]), Array.from(m.y), true);
}

/** n×3 data without a bias: rows of random signs and scales (factors 2^±e), the axis coordinate of either sign. */
function scattered(n: number, seed: number, span: number, labels = false): Data {
  const rand = lcg(seed);
  const X: number[][] = [];
  for (let k = 0; k < n; k++) {
    const s = 2 ** Math.round((rand() - 0.5) * span) * (1 + rand());
    X.push([rand() - 0.5, rand() - 0.5, rand() - 0.5].map((v) => v * s));
  }
  return toData(X, randomVector(n, seed + 1).map((v) => (labels ? (v > 0 ? 1 : -1) : v)));
}

describe("streamed pricing agrees with the stored enumeration", () => {
  it("the sweep visits exactly the enumerated cells, each once (both signs reported at threshold −1)", async () => {
    const core = await getCore();
    for (const data of [await moons(9, 1), await moons(30, 2), scattered(17, 3, 0), scattered(25, 4, 60)]) {
      const S = await allSignedPatterns(data);
      const cells = S.completeness.count;
      const cs = new CellStream(core, data);
      try {
        expect(cs.ok).toBe(true);
        expect(cs.cells).toBe(cells);
        const r = Float64Array.from(randomVector(data.n, 7, 0.3));
        const { top } = cs.price(r, -1, 2 * cells + 5);
        expect(top.count).toBe(2 * cells);
        const seen = new Set<string>();
        for (let c = 0; c < top.count; c++) seen.add(key(top.bits.subarray(c * data.n, (c + 1) * data.n), top.signs[c]));
        expect(seen.size).toBe(2 * cells); // no cell twice
        const stored = new Set<string>();
        for (let i = 0; i < S.count; i++) stored.add(key(S.bits.subarray(i * data.n, (i + 1) * data.n), S.signs[i]));
        for (const k of stored) expect(seen.has(k)).toBe(true); // every non-empty signed pattern
      } finally {
        cs.dispose();
      }
    }
  });

  it("same max and top K as the stored pricer; every streamed σ̄ bounds the projection from above and matches it", async () => {
    const core = await getCore();
    for (const [data, seed] of [[await moons(40, 5), 1], [await moons(60, 6), 2], [scattered(30, 7, 0), 3], [scattered(24, 8, 80), 4]] as const) {
      const { n } = data;
      const S = await allSignedPatterns(data);
      const pr = new PatternPricer(core, data, S), cs = new CellStream(core, data);
      try {
        const rand = lcg(seed * 31);
        for (let call = 0; call < 4; call++) {
          const r = Float64Array.from({ length: n }, () => (rand() - 0.5) * (call === 3 ? 1e-30 : 1));
          const a = pr.price(r, 0, Infinity); // every pattern projected
          const exact = new Map<string, number>();
          for (let i = 0; i < S.count; i++) exact.set(key(S.bits.subarray(i * n, (i + 1) * n), S.signs[i]), a.sigma[i]);
          const K = [1, 10, 50, 200][call];
          const b = cs.price(r, 0, K);
          expect(b.max).toBeGreaterThanOrEqual(a.max * (1 - 1e-13));
          expect(Math.abs(b.max - a.max)).toBeLessThanOrEqual(1e-10 * a.max);
          const want = Array.from(a.sigma).sort((p, q) => q - p).slice(0, K);
          const got = Array.from(b.top.sigma).sort((p, q) => q - p);
          expect(got.length).toBe(K);
          got.forEach((v, c) => expect(Math.abs(v - want[c])).toBeLessThanOrEqual(1e-10 * want[0]));
          for (let c = 0; c < b.top.count; c++) {
            const bits = b.top.bits.subarray(c * n, (c + 1) * n);
            if (!bits.some((v) => v)) continue;
            const e = exact.get(key(bits, b.top.signs[c]));
            expect(e).toBeDefined();
            expect(b.top.sigma[c]).toBeGreaterThanOrEqual(e! * (1 - 1e-12));
            expect(b.top.sigma[c] - e!).toBeLessThanOrEqual(1e-10 * a.max);
          }
        }
      } finally {
        pr.dispose();
        cs.dispose();
      }
    }
  });

  it("collinear or repeated points and rows without a usable axis are not swept: the stored enumeration takes them", async () => {
    const core = await getCore();
    const collinear = toData([[0, 0], [1, 1], [2, 2], [0, 1], [3, -1]], [1, -1, 1, 1, -1], true);
    const repeated = toData([[0.5, 1], [0.2, -1], [0.5, 1], [-1, 0.3]], [1, 2, 3, 4], true);
    const axisless = toData([[1, 0, 0], [0, 1, 0], [0, 0, 1], [1, 1, 1]], [1, 2, 3, 4]);
    for (const data of [collinear, repeated, axisless]) expect(streamedSource(core, data)).toBeUndefined();
    const g = await globalOptimum(collinear, 0.01);
    expect(g.completeness?.check).toBe("degenerate");
    expect(g.converged).toBe(true);
  });
});

describe("the streamed global optimum", () => {
  it("equals the stored program's optimum (squared and logistic), certified by the streamed bound", async () => {
    const core = await getCore();
    for (const [data, lambda] of [[await moons(30, 9), 2e-3], [scattered(20, 10, 10, true), 0.01]] as const) {
      const S = await allSignedPatterns(data);
      for (const loss of ["squared", "logistic"] as const) {
        const stored = solveProgram(core, data, { lambda, loss }, S);
        const g = await globalOptimum(data, lambda, { loss });
        expect(stored.converged).toBe(true);
        expect(g.converged).toBe(true);
        expect(g.completeness).toEqual(S.completeness);
        expect(g.patterns).toBe(S.count);
        // each value is above the other's certified lower bound
        expect(g.value).toBeGreaterThanOrEqual(stored.lowerBound);
        expect(stored.primal).toBeGreaterThanOrEqual(g.lowerBound);
        expect(Math.abs(g.value - stored.primal)).toBeLessThanOrEqual(2e-9 * g.value);
      }
    }
  });

  it("stopped by its Newton budget at n = 1000, it returns its certified gap (the n×n crossover declines: it would take minutes)", async () => {
    const data = await moons(1000, 3);
    expect(crossoverFlops(1000, 100, 3)).toBeGreaterThan(CROSSOVER_MAX_FLOPS);
    expect(crossoverFlops(200, 50, 3)).toBeLessThan(CROSSOVER_MAX_FLOPS);
    const g = await globalOptimum(data, { lambda: 1e-3, maxIterations: 150 });
    expect(g.converged).toBe(false);
    expect(g.message).toMatch(/stopped at relative gap .* after \d+ Newton steps/);
    expect(g.lowerBound).toBeLessThanOrEqual(g.value);
    expect(g.lowerBound).toBeGreaterThan(0);
    // a hang detector, not a speed claim: ~1 s here, 69 s when the crossover ran its n×n system
  }, 30_000);
});

describe("cell sweep size", () => {
  it("refuses more than 46,341 rows up front (N(N−1) events beyond i32), and the solver falls back to storing", async () => {
    const core = await getCore();
    const n = 46_342, X = new Float64Array(n * 3), rnd = lcg(7);
    for (let k = 0; k < n; k++) { X[3 * k] = rnd() - 0.5; X[3 * k + 1] = rnd() - 0.5; X[3 * k + 2] = 1; }
    const s = new CellStream(core, { X, y: new Float64Array(n), n, d: 3 });
    try {
      expect(s.ok).toBe(false);
      expect(s.status).toBe(6);
    } finally {
      s.dispose();
    }
  });
});
