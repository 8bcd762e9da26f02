// Activation patterns: the exact enumeration against Cover's count and a brute-force reference
// (degenerate data included), witnesses, the fixtures of an independent implementation, the
// general-position test, the samplers (chi-square tests with fixed seeds) and coverage.
import { describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import { enumeratePatterns, patternCountFormula, isGeneralPosition, toData, InputError, samplePatterns, simulateCoverage, couponCollectorExpected, networkPatterns, type Data, type PatternSet } from "../src/index.js";
import { patternString, getCore, signedPatternKeys } from "../src/internals.js";
import { allPatternsBrute, gaussianProbabilities2d, realizableBrute, type Rows } from "./reference/patterns-reference.js";
import { FIXTURES, lcg, randomMatrix } from "./helpers.js";

const data = (X: Rows): Data => toData(X, X.map(() => 0));
const setOf = (s: PatternSet) => Array.from({ length: s.count }, (_, c) => patternString(s, c));

/** Every witness strictly realizes its pattern (nonzero rows have xₖ·w ≠ 0 with the right sign). */
function checkWitnesses(X: Rows, s: PatternSet): void {
  const bad: string[] = [];
  for (let c = 0; c < s.count; c++) {
    const w = s.witnesses.subarray(c * s.d, (c + 1) * s.d);
    X.forEach((x, k) => {
      let z = 0;
      for (let i = 0; i < x.length; i++) z += x[i] * w[i];
      const zero = x.every((v) => v === 0);
      const bit = s.patterns[c * s.n + k];
      const ok = zero ? bit === 0 : Math.abs(z) > 1e-12 * Math.hypot(...x) && (z > 0 ? 1 : 0) === bit;
      if (!ok && bad.length < 5) bad.push(`pattern ${c} row ${k}: x·w = ${z}, bit ${bit}`);
    });
  }
  expect(bad).toEqual([]);
}

/** Chi-square critical value at p ≈ 1e-4 (Wilson–Hilferty). */
function chiCritical(df: number): number {
  const z = 3.719;
  return df * (1 - 2 / (9 * df) + z * Math.sqrt(2 / (9 * df))) ** 3;
}
function chiSquare(counts: Map<string, number>, probs: Map<string, number>, total: number): number {
  let chi = 0;
  for (const [k, p] of probs) chi += ((counts.get(k) ?? 0) - total * p) ** 2 / (total * p);
  for (const k of counts.keys()) if (!probs.has(k)) return Infinity;
  return chi;
}

describe("Cover's count", () => {
  it("is 2·Σ_{k<d} C(n−1,k), 2ⁿ for d ≥ n", () => {
    expect(patternCountFormula(100, 3)).toBe(9902);
    expect(patternCountFormula(40, 4)).toBe(19840);
    expect(patternCountFormula(12, 12)).toBe(4096);
    expect(patternCountFormula(5, 9)).toBe(32);
    expect(patternCountFormula(8, 2)).toBe(16);
    expect(patternCountFormula(7, 1)).toBe(2);
  });
});

for (const method of ["lines", "incremental", "auto"] as const) describe(`exact enumeration (${method})`, () => {
  it("equals Cover's count on random Gaussian data, d < n and d ≥ n; witnesses realize; no repeats", async () => {
    const cases = [[1, 1], [1, 3], [2, 2], [5, 1], [5, 2], [7, 3], [9, 4], [10, 5], [12, 3], [6, 6], [4, 7], [13, 13], [25, 3], [16, 4], [11, 6]];
    for (const [n, d] of cases) {
      const X = randomMatrix(n, d, 1000 * n + d);
      const s = await enumeratePatterns(data(X), { method });
      expect(s.count, `n=${n} d=${d}`).toBe(patternCountFormula(n, d));
      expect(s.formula).toBe(patternCountFormula(n, d));
      expect(new Set(setOf(s)).size).toBe(s.count);
      expect(await isGeneralPosition(data(X))).toBe(true);
      checkWitnesses(X, s);
    }
  });

  it("equals brute force on random Gaussian data (every sign vector tested)", async () => {
    for (const [n, d, seed] of [[6, 2, 1], [7, 3, 2], [8, 3, 3], [6, 4, 4], [5, 5, 5]]) {
      const X = randomMatrix(n, d, seed);
      const s = await enumeratePatterns(data(X), { method });
      expect(new Set(setOf(s))).toEqual(allPatternsBrute(X));
    }
  });

  const degenerate: [string, Rows][] = [
    ["repeated points", [[1, 2], [1, 2], [-1, 0.5], [3, 1], [3, 1], [0.5, -2]]],
    ["antipodal points", [[1, 0], [-1, 0], [0, 1], [1, 1]]],
    ["points on a plane in R^3", [[1, 0, 1], [0, 1, 1], [1, 1, 2], [2, -1, 1], [-1, 3, 2]]],
    ["x3 = x1 + x2 in R^3", [[1, 0, 0], [0, 1, 0], [1, 1, 0], [0, 0, 1], [1, -1, 1]]],
    ["zero rows", [[0, 0, 0], [1, 2, 0], [0, 0, 0], [-1, 1, 1], [2, 0, -1]]],
    ["only zero rows", [[0, 0], [0, 0]]],
    ["collinear in R^2", [[1, 1], [2, 2], [-3, -3], [1, -1], [0, 1]]],
    ["1-D with bias, repeated t", [[0.5, 1], [0.5, 1], [-1, 1], [2, 1], [-1, 1], [0, 1]]],
    ["four rows through one line in R^3", [[1, 0, 0], [0, 1, 0], [1, 1, 0], [1, -2, 0], [0, 0, 1], [1, 1, 1]]],
    ["rank 1 in R^4", [[1, 2, 0, -1], [-2, -4, 0, 2], [0.5, 1, 0, -0.5]]],
  ];
  for (const [name, X] of degenerate) {
    it(`is exact on degenerate data: ${name}`, async () => {
      const s = await enumeratePatterns(data(X), { method });
      const brute = allPatternsBrute(X);
      expect(new Set(setOf(s))).toEqual(brute);
      expect(s.count).toBe(brute.size);
      expect(new Set(setOf(s)).size).toBe(s.count);
      checkWitnesses(X, s);
      expect(await isGeneralPosition(data(X))).toBe(false);
    });
  }

  it("is exact on 40 random small integer matrices (entries in {−1, 0, 1, 2})", async () => {
    const r = lcg(77);
    for (let t = 0; t < 40; t++) {
      const n = 2 + Math.floor(r() * 6), d = 1 + Math.floor(r() * 4);
      const X = Array.from({ length: n }, () => Array.from({ length: d }, () => Math.floor(r() * 4) - 1));
      const s = await enumeratePatterns(data(X), { method });
      const brute = allPatternsBrute(X);
      expect(new Set(setOf(s)), JSON.stringify(X)).toEqual(brute);
      expect(s.count).toBe(brute.size);
      checkWitnesses(X, s);
      expect(s.count).toBeLessThanOrEqual(patternCountFormula(n, d));
      expect(s.unverified).toBe(0);
    }
  });

  it("treats data within tol of degenerate as degenerate: 1e-10 noise, tol 1e-6 gives the exact set of the noise-free data", async () => {
    const r = lcg(78);
    for (let t = 0; t < 30; t++) {
      const n = 3 + Math.floor(r() * 5), d = 2 + Math.floor(r() * 3);
      const X = Array.from({ length: n }, () => Array.from({ length: d }, () => Math.floor(r() * 5) - 2));
      const noisy = X.map((x) => (x.some((v) => v !== 0) ? x.map((v) => v + 1e-10 * (r() - 0.5)) : x)); // zero rows stay zero
      const s = await enumeratePatterns(data(noisy), { tol: 1e-6, method });
      expect(new Set(setOf(s)), JSON.stringify(X)).toEqual(allPatternsBrute(X));
      expect(s.unverified).toBe(0);
      checkWitnesses(noisy, s);
    }
  });

  it("flags witnesses it cannot confirm when X is degenerate to within about tol", async () => {
    // antipodal and parallel rows perturbed by ~1e-8, close to tol = 1e-9: rounding decides
    const r = lcg(5);
    const X = [[1, 2, 1], [0, 2, 2], [0, 1, 1], [-1, -2, -1], [1, 1, 1], [-2, -2, 0], [2, 1, -2], [-1, -2, -2]].map((x) => x.map((v) => v + 1e-8 * (r() - 0.5)));
    const s = await enumeratePatterns(data(X), { method });
    let bad = 0;
    for (let c = 0; c < s.count; c++) {
      const w = s.witnesses.subarray(c * 3, c * 3 + 3);
      if (X.some((x, k) => ((x[0] * w[0] + x[1] * w[1] + x[2] * w[2]) > 0 ? 1 : 0) !== s.patterns[c * 8 + k] || x[0] * w[0] + x[1] * w[1] + x[2] * w[2] === 0)) bad++;
    }
    expect(s.unverified).toBe(bad);
    const t = await enumeratePatterns(data(X), { tol: 1e-6, method });
    expect(t.unverified).toBe(0);
    checkWitnesses(X, t);
  });

  it("repeated points at scale: 60 rows that are 6 copies of 10 points give the 10-point patterns, copied", async () => {
    const base = randomMatrix(10, 3, 41);
    const order = Array.from({ length: 60 }, (_, k) => (k * 7) % 10);
    const X = order.map((i) => base[i]);
    const s0 = await enumeratePatterns(data(base), { method });
    const s = await enumeratePatterns(data(X), { method });
    const expanded = new Set(setOf(s0).map((p) => order.map((i) => p[i]).join("")));
    expect(new Set(setOf(s))).toEqual(expanded);
    expect(s.count).toBe(patternCountFormula(10, 3));
    checkWitnesses(X, s);
  });

  it("1-D data with a bias column and ties: 2·(distinct values) patterns", async () => {
    const r = lcg(9);
    const t = Array.from({ length: 80 }, () => Math.floor(r() * 25) / 4 - 3);
    const X = t.map((v) => [v, 1]);
    const s = await enumeratePatterns(data(X), { method });
    expect(s.count).toBe(2 * new Set(t).size);
    checkWitnesses(X, s);
  });

  it("gives exactly the fixtures' patterns (independent numpy implementation)", async () => {
    for (const f of ["ex4_small2d", "ex3_bias1d"]) {
      const p = JSON.parse(readFileSync(`${FIXTURES}/${f}.problem.json`, "utf8"));
      const c = JSON.parse(readFileSync(`${FIXTURES}/${f}.convex.json`, "utf8"));
      const s = await enumeratePatterns(data(p.X), { method });
      expect(s.count).toBe(c.num_patterns);
      // the fixtures list the nonzero patterns (the all-zero pattern adds nothing to a network)
      const mine = new Set(setOf(s).filter((k) => k.includes("1")));
      expect(mine).toEqual(new Set(c.patterns));
    }
  });

  it("refuses, before starting, an enumeration beyond maxPatterns, naming Cover's estimate", async () => {
    const X = randomMatrix(60, 8, 3);
    await expect(enumeratePatterns(data(X))).rejects.toThrow(InputError);
    await expect(enumeratePatterns(data(X))).rejects.toThrow(`up to ${patternCountFormula(60, 8).toExponential(3)} activation patterns`);
    await expect(enumeratePatterns(data(randomMatrix(9, 3, 1)), { maxPatterns: 50 })).rejects.toThrow(/maxPatterns/);
  });
});

describe("general position", () => {
  it("detects a dependent d-subset and a zero row; accepts n < d independent rows", async () => {
    const X = randomMatrix(8, 3, 9);
    expect(await isGeneralPosition(data(X))).toBe(true);
    const Y = X.map((r) => [...r]);
    Y[5] = Y[1].map((v, i) => 0.3 * v - 2 * Y[2][i]); // x5 in span(x1, x2)
    expect(await isGeneralPosition(data(Y))).toBe(false);
    expect(await isGeneralPosition(data([[1, 2, 3], [0, 1, 0]]))).toBe(true);
    expect(await isGeneralPosition(data([[1, 2, 3], [2, 4, 6]]))).toBe(false);
    expect(await isGeneralPosition(data([[1], [0], [2]]))).toBe(false);
  });
});

describe("realizability LP (rejection sampler's test)", () => {
  it("agrees with the brute-force reference on every sign vector of small cases", async () => {
    const core = await getCore();
    const cases: Rows[] = [randomMatrix(6, 2, 4), randomMatrix(6, 3, 5), [[1, 1], [2, 2], [-1, 0], [0, 0], [1, -1]], [[1, 0, 1], [0, 1, 1], [1, 1, 2], [2, -1, 1]]];
    for (const X of cases) {
      const n = X.length, d = X[0].length;
      const xp = core.alloc(n * d * 8), bp = core.alloc(n), wp = core.alloc(d * 8);
      new Float64Array(core.memory.buffer, xp, n * d).set(X.flat());
      for (let mask = 0; mask < 2 ** n; mask++) {
        const bits = Array.from({ length: n }, (_, k) => (mask >> k) & 1);
        new Uint8Array(core.memory.buffer, bp, n).set(bits);
        const ok = core.patternsRealizable(xp, n, d, bp, 1e-9, wp) === 1;
        expect(ok, `${JSON.stringify(X)} ${bits.join("")}`).toBe(realizableBrute(X, bits));
        if (ok) {
          const w = new Float64Array(core.memory.buffer, wp, d);
          X.forEach((x, k) => {
            if (x.every((v) => v === 0)) return;
            const z = x.reduce((s, v, i) => s + v * w[i], 0);
            expect(z > 0 ? 1 : 0).toBe(bits[k]);
            expect(Math.abs(z)).toBeGreaterThan(1e-9);
          });
        }
      }
      core.free(xp); core.free(bp); core.free(wp);
    }
  });
});

describe("samplers (chi-square, p ≈ 1e-4, fixed seeds)", () => {
  const X = randomMatrix(6, 2, 21);
  const count = (s: { m: number; n: number; patterns: Uint8Array; signs: Int8Array }, signed: boolean) => {
    const c = new Map<string, number>();
    for (let j = 0; j < s.m; j++) {
      const k = (signed ? (s.signs[j] > 0 ? "+" : "-") : "") + s.patterns.subarray(j * s.n, (j + 1) * s.n).join("");
      c.set(k, (c.get(k) ?? 0) + 1);
    }
    return c;
  };

  for (const sampler of ["uniform", "rejection"] as const) {
    for (const signed of [false, true]) {
      it(`${sampler}${signed ? " signed" : ""}: uniform over the realizable (signed) patterns`, async () => {
        const all = setOf(await enumeratePatterns(data(X)));
        const keys = signed ? all.flatMap((k) => ["+" + k, "-" + k]) : all;
        const probs = new Map(keys.map((k) => [k, 1 / keys.length]));
        const m = 200 * keys.length;
        const s = await samplePatterns(data(X), m, { sampler, signed, seed: 5 });
        const chi = chiSquare(count(s, signed), probs, m);
        expect(chi).toBeLessThan(chiCritical(keys.length - 1));
        checkWitnesses(X, { ...s, count: s.m, formula: 0, unverified: 0 });
      });
    }
  }

  for (const signed of [false, true]) {
    it(`gaussian${signed ? " signed" : ""}: each cell with probability = its angle / 2π`, async () => {
      const p = gaussianProbabilities2d(X);
      const probs = signed ? new Map([...p].flatMap(([k, v]) => [["+" + k, v / 2], ["-" + k, v / 2]])) : p;
      const m = 40000;
      const s = await samplePatterns(data(X), m, { sampler: "gaussian", signed, seed: 11 });
      expect(chiSquare(count(s, signed), probs, m)).toBeLessThan(chiCritical(probs.size - 1));
      checkWitnesses(X, { ...s, count: s.m, formula: 0, unverified: 0 });
    });
  }

  it("the chi-square test can fail: gaussian frequencies are not uniform", async () => {
    const all = setOf(await enumeratePatterns(data(X)));
    const s = await samplePatterns(data(X), 40000, { sampler: "gaussian", seed: 11 });
    expect(chiSquare(count(s, false), new Map(all.map((k) => [k, 1 / all.length])), 40000)).toBeGreaterThan(chiCritical(all.length - 1));
  });

  it("same seed, same samples; rejection refuses when 2ⁿ/N exceeds maxTries", async () => {
    const a = await samplePatterns(data(X), 50, { sampler: "rejection", signed: true, seed: 3 });
    const b = await samplePatterns(data(X), 50, { sampler: "rejection", signed: true, seed: 3 });
    expect(a.patterns).toEqual(b.patterns);
    expect(a.signs).toEqual(b.signs);
    await expect(samplePatterns(data(randomMatrix(60, 3, 1)), 5, { sampler: "rejection" })).rejects.toThrow(/rejection/);
    await expect(samplePatterns(data(X), 5, { sampler: "nope" as never })).rejects.toThrow(/sampler/);
  });
});

describe("coverage", () => {
  it("uniform: the simulated mean matches the coupon-collector formula (signed and not)", async () => {
    const X = randomMatrix(9, 3, 8);
    for (const signed of [false, true]) {
      for (const m of [5, 40, 200]) {
        const r = await simulateCoverage(data(X), m, { sampler: "uniform", signed, trials: 400, seed: m });
        const N = patternCountFormula(9, 3) * (signed ? 2 : 1);
        expect(r.total).toBe(N);
        expect(r.expected).toBeCloseTo(N * (1 - (1 - 1 / N) ** m), 9);
        expect(Math.abs(r.mean - r.expected!)).toBeLessThan(4.5 * r.stderr + 1e-9);
      }
    }
    expect(couponCollectorExpected(10, 0)).toBe(0);
    expect(couponCollectorExpected(1, 3)).toBe(1);
  });

  it("gaussian and rejection: simulated means match the exact expectation from the cell probabilities", async () => {
    const X = randomMatrix(5, 2, 31);
    const probs = [...gaussianProbabilities2d(X).values()];
    const m = 12;
    const exactGauss = probs.reduce((s, p) => s + 1 - (1 - p) ** m, 0);
    const g = await simulateCoverage(data(X), m, { sampler: "gaussian", trials: 2000, seed: 1 });
    expect(Math.abs(g.mean - exactGauss)).toBeLessThan(4.5 * g.stderr);
    const rj = await simulateCoverage(data(X), m, { sampler: "rejection", trials: 500, seed: 2 });
    expect(Math.abs(rj.mean - couponCollectorExpected(probs.length, m))).toBeLessThan(4.5 * rj.stderr);
  });

  it("a network's signed patterns equal signedPatternKeys", async () => {
    const X = randomMatrix(12, 3, 4);
    const d = data(X);
    const W = randomMatrix(30, 3, 5);
    const a = randomMatrix(1, 30, 6)[0].map((v, j) => (j % 7 === 0 ? 0 : v));
    W[3] = [...W[2]]; a[3] = Math.abs(a[2]) * (a[2] < 0 ? -2 : 2); // same signed pattern as neuron 2
    const r = await networkPatterns({ W, a }, d);
    const ref = signedPatternKeys({ W, a }, d);
    expect(new Set(r.keys)).toEqual(ref);
    expect(r.count).toBe(ref.size);
    expect(r.classes[3]).toBe(r.classes[2]);
    expect(r.classes[0]).toBe(-1);
    const all = await networkPatterns({ W, a }, d, { activeOnly: false });
    expect(all.classes.every((c) => c >= 0)).toBe(true);
  });
});
