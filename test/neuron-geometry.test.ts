import { describe, expect, it } from "vitest";
import { distinctDirections, effectiveRank, principalDirections, symmetricEigen } from "../src/experiments/shared/neuron-geometry.js";
import { randomMatrix } from "./helpers.js";
import { matchedDistance } from "../src/experiments/shared/train-polish.js";

describe("neuron geometry", () => {
  it("Jacobi eigenvalues reconstruct the matrix", () => {
    const B = randomMatrix(5, 5, 3);
    const A = B.map((r, i) => r.map((_, j) => B.reduce((s, row) => s + row[i] * row[j], 0)));
    const { values, vectors } = symmetricEigen(A);
    for (let i = 0; i < 5; i++) for (let j = 0; j < 5; j++) {
      const r = values.reduce((s, l, k) => s + l * vectors[k][i] * vectors[k][j], 0);
      expect(Math.abs(r - A[i][j])).toBeLessThan(1e-10);
    }
    expect(values).toEqual([...values].sort((a, b) => b - a));
  });

  it("effective rank: 1 for rank one, d for orthogonal rows of equal norm", () => {
    expect(effectiveRank([[1, 2, 0], [2, 4, 0], [-1, -2, 0]])).toBeCloseTo(1, 10);
    expect(effectiveRank([[3, 0, 0], [0, 3, 0], [0, 0, 3]])).toBeCloseTo(3, 10);
    expect(effectiveRank([[2, 0], [0, 1]])).toBeGreaterThan(1);
    expect(effectiveRank([[2, 0], [0, 1]])).toBeLessThan(2);
  });

  it("distinct directions merge neurons within the angle and skip tiny ones", () => {
    const net = { W: [[1, 0], [1, 0.01], [0, 1], [1, 1], [5, 0]], a: [1, 2, 1, -1, 1e-9] };
    expect(distinctDirections(net, 1)).toBe(2); // (1,0) ≈ (1,0.01); (0,1); the tiny one skipped
    expect(distinctDirections(net, -1)).toBe(1);
    expect(distinctDirections(net, 1, 1e-4)).toBe(3);
  });

  it("principal directions of points on a line", () => {
    const [u] = principalDirections([[1, 1, 0], [2, 2, 0], [-3, -3, 0]], 1);
    expect(Math.abs(Math.abs(u[0]) - Math.SQRT1_2)).toBeLessThan(1e-12);
    expect(Math.abs(u[2])).toBeLessThan(1e-12);
  });
});

describe("distance after matching neurons (train-polish)", () => {
  it("is 0 between a network and its neurons permuted, and at most the distance without matching", () => {
    const W = randomMatrix(6, 3, 5), a = [1, -2, 0.5, 3, -1, 0.2];
    const perm = [3, 0, 5, 1, 4, 2];
    const B = { W: perm.map((j) => W[j]), a: perm.map((j) => a[j]) };
    expect(matchedDistance({ W, a }, B)).toBeLessThan(1e-12);
    const C = { W: randomMatrix(6, 3, 9), a: [0.3, 1, -1, 2, 0, -0.5] };
    const plain = Math.sqrt(W.reduce((s, w, j) => s + w.reduce((t, v, i) => t + (v - C.W[j][i]) ** 2, 0) + (a[j] - C.a[j]) ** 2, 0));
    const matched = matchedDistance({ W, a }, C);
    expect(matched).toBeLessThanOrEqual(plain + 1e-12);
    // the best of every pairing (all 720, by brute force)
    const perms = (xs: number[]): number[][] => (xs.length <= 1 ? [xs] : xs.flatMap((x, i) => perms([...xs.slice(0, i), ...xs.slice(i + 1)]).map((r) => [x, ...r])));
    let best = Infinity;
    for (const pi of perms([0, 1, 2, 3, 4, 5])) {
      let sq = 0;
      for (let j = 0; j < 6; j++) sq += W[j].reduce((t, v, i) => t + (v - C.W[pi[j]][i]) ** 2, 0) + (a[j] - C.a[pi[j]]) ** 2;
      best = Math.min(best, Math.sqrt(sq));
    }
    expect(Math.abs(matched - best)).toBeLessThan(1e-12);
  });
});
