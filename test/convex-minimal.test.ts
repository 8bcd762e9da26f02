// The minimal optimal network (issue 17): the optimum's network is a basic solution — its neurons'
// outputs on the data linearly independent (at most n neurons), the value within the certified
// tolerance — and no network of fewer neurons attains the optimum: checked against every subset of the
// cells tight in the dual (the only cells an optimal network can use, by complementary slackness),
// each solved with a certified lower bound above the optimum.
import { describe, expect, it } from "vitest";
import { toData, type Data } from "../src/api/data.js";
import { teacherData } from "../src/data/teacher.js";
import { getCore } from "../src/core/loader.js";
import { allSignedPatterns, globalOptimum } from "../src/convex/index.js";
import { PatternPricer, solveProgram } from "../src/convex/program.js";
import { subset } from "../src/convex/signed-patterns.js";
import { randomMatrix, randomVector } from "./helpers.js";

/** Rank of the columns (n-vectors) by Gaussian elimination with partial pivoting, relative tolerance. */
function rank(cols: number[][], tol = 1e-9): number {
  const M = cols.map((c) => [...c]);
  const scale = Math.max(...M.flat().map(Math.abs));
  let r = 0;
  const rows = M[0]?.length ?? 0;
  for (let k = 0; k < rows && r < M.length; k++) {
    let p = r;
    for (let c = r; c < M.length; c++) if (Math.abs(M[c][k]) > Math.abs(M[p][k])) p = c;
    if (!(Math.abs(M[p][k]) > tol * scale)) continue;
    [M[r], M[p]] = [M[p], M[r]];
    for (let c = r + 1; c < M.length; c++) {
      const f = M[c][k] / M[r][k];
      for (let j = k; j < rows; j++) M[c][j] -= f * M[r][j];
    }
    r++;
  }
  return r;
}

/** The neurons' output vectors aⱼ·relu(X·wⱼ) on the data. */
function outputs(data: Data, W: number[][], a: number[]): number[][] {
  return W.map((w, j) => Array.from({ length: data.n }, (_, k) => {
    let z = 0;
    for (let i = 0; i < data.d; i++) z += data.X[k * data.d + i] * w[i];
    return a[j] * Math.max(0, z);
  }));
}

function* subsets(items: number[], size: number, from = 0, acc: number[] = []): Generator<number[]> {
  if (acc.length === size) { yield acc; return; }
  for (let i = from; i < items.length; i++) yield* subsets(items, size, i + 1, [...acc, items[i]]);
}

describe("the minimal optimal network", () => {
  it("has linearly independent neurons (at most n), where the solver's solution has more neurons than samples", async () => {
    // three columns (streamed) and five (stored)
    for (const [n, d, lambda] of [[24, 3, 1e-3], [20, 5, 0.01]] as const) {
      const data = await teacherData({ n, d, seed: 0 });
      const S = await allSignedPatterns(data);
      const sol = solveProgram(await getCore(), data, lambda, S);
      const spread = sol.index.filter((_, c) => Math.hypot(...sol.U.subarray(c * d, (c + 1) * d)) > 0).length;
      expect(spread).toBeGreaterThan(n); // the solver's own solution is not basic
      const g = await globalOptimum(data, lambda);
      expect(g.converged).toBe(true);
      expect(g.minimalWidth).toBe(g.network.a.length);
      expect(g.neurons).toBe(g.minimalWidth);
      expect(g.minimalWidth).toBeLessThanOrEqual(n);
      expect(rank(outputs(data, g.network.W, g.network.a))).toBe(g.minimalWidth);
      expect(Math.abs(g.value - sol.primal)).toBeLessThanOrEqual(1e-9 * sol.primal);
    }
  });

  it("no network of fewer neurons attains the optimum: every smaller subset of the dual's tight cells is certified worse", async () => {
    const core = await getCore();
    const cases: [Data, number][] = [
      [await teacherData({ n: 6, d: 10, seed: 0 }), 0.01],
      [await teacherData({ n: 10, d: 3, seed: 0 }), 0.01],
      [toData(randomMatrix(8, 4, 1), randomVector(8, 4)), 0.01],
    ];
    for (const [data, lambda] of cases) {
      const S = await allSignedPatterns(data);
      const g = await globalOptimum(data, lambda);
      expect(g.converged).toBe(true);
      expect(rank(outputs(data, g.network.W, g.network.a))).toBe(g.minimalWidth);
      // complementary slackness: an optimal network uses only cells with σᵢ(r*) = β
      const pricer = new PatternPricer(core, data, S);
      const { sigma } = pricer.price(Float64Array.from(g.dual), 0, Infinity);
      pricer.dispose();
      const tight = [...Array(S.count).keys()].filter((i) => sigma[i] >= 2 * lambda * (1 - 1e-6));
      expect(tight.length).toBeGreaterThanOrEqual(g.minimalWidth);
      let tried = 0;
      for (const T of subsets(tight, g.minimalWidth - 1)) {
        const sol = solveProgram(core, data, lambda, subset(S, data.n, T));
        expect(sol.lowerBound).toBeGreaterThan(g.value * (1 + 1e-7));
        tried++;
      }
      expect(tried).toBeGreaterThan(0);
    }
  });
});
