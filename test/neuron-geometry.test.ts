import { describe, expect, it } from "vitest";
import { distinctDirections, effectiveRank, principalDirections, symmetricEigen } from "../src/experiments/shared/neuron-geometry.js";
import { randomMatrix } from "./helpers.js";

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
