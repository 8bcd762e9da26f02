// Every loss and regularizer `train` has, in the convex program and its certificate: the global
// optimum against an independent cvxopt solution (test/fixtures/convex-losses.py: brute-force pattern
// enumeration, cone QP for the squared loss, cvxopt's cp with the logistic loss written out), the
// certified bound below every trained network, and the settings' equivalences (κ, l2 vs l1-unit).
import { describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import { toData } from "../src/api/data.js";
import { train } from "../src/api/train.js";
import { globalOptimum, certify, polish, coneOptimum, lambdaMax, certifiedBound } from "../src/convex/index.js";
import { networkLoss } from "../src/convex/optimum.js";
import { FIXTURES, randomMatrix, randomVector } from "./helpers.js";

interface Case {
  X: number[][]; y: number[]; bias_column: boolean; lambda: number; loss: "squared" | "logistic"; regularizer: "l2" | "l1-unit";
  kappa: number; optimum: number; dual_objective: number; status: string; relative_gap: number; num_patterns: number; num_signed_patterns: number;
}
const fixture = JSON.parse(readFileSync(`${FIXTURES}/convex-losses.json`, "utf8")) as { cases: Case[] };

describe("cvxopt fixtures: both losses, both regularizers, κ, a bias column, several λ", () => {
  it(`${fixture.cases.length} problems: our certified optimum brackets cvxopt's, to its accuracy`, async () => {
    const kinds = new Set<string>();
    for (const c of fixture.cases) {
      const data = toData(c.X, c.y);
      const g = await globalOptimum(data, c.lambda, { loss: c.loss, regularizer: c.regularizer, kappa: c.kappa });
      kinds.add(`${c.loss}/${c.regularizer}`);
      expect(g.converged).toBe(true);
      expect(g.patterns).toBe(c.num_signed_patterns);
      expect(g.completeness?.count).toBe(c.num_patterns);
      // cvxopt brackets the optimum between its dual value and its point's value, each to its
      // feasibility tolerance (1e-9); its gap is up to 6e-6 where it stops short. Ours is certified to
      // 1e-9: it must sit inside cvxopt's bracket, and can only be tighter
      expect(g.value).toBeLessThanOrEqual(c.optimum * (1 + 1e-8));
      expect(g.value).toBeGreaterThanOrEqual(c.dual_objective * (1 - 1e-8));
      expect(g.lowerBound).toBeLessThanOrEqual(c.optimum * (1 + 1e-8));
      expect(g.lowerBound).toBeGreaterThanOrEqual(c.dual_objective * (1 - 1e-8));
      expect(Math.abs(g.value - c.optimum) / c.optimum).toBeLessThan(1e-5);
      expect(g.settings).toEqual({ lambda: c.lambda, loss: c.loss, regularizer: c.regularizer, kappa: c.kappa });
    }
    expect(kinds.size).toBe(4);
  });
});

describe("the certificate holds for every objective", () => {
  it("trained networks (GD, several widths and seeds) never go below the certified bound; certify and polish agree", async () => {
    const X = randomMatrix(8, 2, 3), yr = randomVector(8, 4), yl = yr.map((v) => (v > 0 ? 1 : -1));
    for (const loss of ["squared", "logistic"] as const) {
      for (const regularizer of ["l2", "l1-unit"] as const) {
        const y = loss === "logistic" ? yl : yr;
        const lambda = 0.01, kappa = regularizer === "l2" ? 1 : 1.5;
        const o = { loss, regularizer, kappa };
        const data = toData(X, y);
        const g = await globalOptimum(data, lambda, o);
        expect(g.converged).toBe(true);
        // the rebuilt network's L, by train's own evaluation, is the program's value
        expect(Math.abs((await networkLoss(g.network, data, { lambda, ...o })) - g.value)).toBeLessThan(1e-13 * g.value);
        for (const [m, seed] of [[2, 1], [10, 2], [40, 3]]) {
          const r = await train({ X, y, lambda }, { ...o, m, seed, lr: 0.05, maxEpochs: 4000 });
          expect(r.loss).toBeGreaterThanOrEqual(g.lowerBound);
          const c = await certify(data, lambda, r, { ...o, lowerBound: g.lowerBound });
          expect(Math.abs(c.loss - r.loss)).toBeLessThan(1e-12 * r.loss);
          expect(c.residualBound).toBeLessThanOrEqual(g.value * (1 + 1e-12));
          const p = await polish(data, lambda, r, { ...o, lowerBound: g.lowerBound });
          expect(p.loss).toBeLessThanOrEqual(r.loss * (1 + 1e-12));
          expect(p.loss).toBeGreaterThanOrEqual(g.lowerBound);
        }
        // the optimum's own network certifies itself from its residual alone
        const self = await certifiedBound(data, { lambda, ...o }, g.dual);
        expect((g.value - self.bound) / g.value).toBeLessThan(1e-8);
        const own = await certify(data, lambda, g.network, { ...o, solve: false });
        expect(own.relativeGap).toBeLessThan(1e-6);
      }
    }
  });

  it("settings: κ rescales β (logistic l2 with κ = ½ is logistic l1-unit with κ = 1); λ_max for each objective", async () => {
    const X = randomMatrix(7, 3, 8), y = randomVector(7, 9).map((v) => (v > 0 ? 1 : -1));
    const data = toData(X, y);
    const a = await globalOptimum(data, 0.02, { loss: "logistic", regularizer: "l2", kappa: 0.5 });
    const b = await globalOptimum(data, 0.02, { loss: "logistic", regularizer: "l1-unit" });
    expect(Math.abs(a.value - b.value)).toBeLessThan(1e-10 * a.value);
    for (const o of [{ loss: "logistic" as const }, { loss: "squared" as const, regularizer: "l1-unit" as const }, { kappa: 3 }]) {
      const lmax = await lambdaMax(data, o);
      const zero = o.loss === "logistic" ? Math.LN2 : data.y.reduce((s, v) => s + v * v, 0) / data.n;
      const above = await globalOptimum(data, lmax * 1.001, o);
      expect(above.neurons).toBe(0);
      expect(Math.abs(above.value - zero)).toBeLessThan(1e-14);
      const below = await globalOptimum(data, lmax * 0.98, o);
      expect(below.converged).toBe(true);
      expect(below.value).toBeLessThan(zero * (1 - 1e-6));
    }
  });

  it("cone optimum and problem-file settings: a Problem's train.loss/regularizer/kappa are the defaults", async () => {
    const X = randomMatrix(6, 2, 12), y = randomVector(6, 13).map((v) => (v > 0 ? 1 : -1));
    const problem = { X, y, lambda: 0.01, train: { loss: "logistic" as const, regularizer: "l1-unit" as const, kappa: 2 } };
    const g = await globalOptimum(problem);
    expect(g.settings).toEqual({ lambda: 0.01, loss: "logistic", regularizer: "l1-unit", kappa: 2 });
    const direct = await globalOptimum(toData(X, y), 0.01, { loss: "logistic", regularizer: "l1-unit", kappa: 2 });
    expect(g.value).toBe(direct.value);
    const cone = await coneOptimum(problem, undefined, g.network);
    expect(Math.abs(cone.value - g.value) / g.value).toBeLessThan(1e-8);
  });
});

describe("CLI: --loss, --regularizer, --kappa as train has them", () => {
  it("optimum takes them (and the problem file's), train --certify/--polish use the run's own", async () => {
    const { mkdtempSync, writeFileSync, readFileSync: read } = await import("node:fs");
    const { tmpdir } = await import("node:os");
    const { join } = await import("node:path");
    const { runCli } = await import("./cli-run.js");
    const dir = mkdtempSync(join(tmpdir(), "relu-losses-"));
    const X = randomMatrix(7, 2, 21), y = randomVector(7, 22).map((v) => (v > 0 ? 1 : -1));
    const p = join(dir, "p.json"), q = join(dir, "q.json"), o = join(dir, "o.json"), t = join(dir, "t.json");
    writeFileSync(p, JSON.stringify({ X, y, lambda: 0.01 }));
    writeFileSync(q, JSON.stringify({ X, y, lambda: 0.01, train: { loss: "logistic", regularizer: "l1-unit", kappa: 2 } }));
    const api = await globalOptimum(toData(X, y), 0.01, { loss: "logistic", regularizer: "l1-unit", kappa: 2 });
    expect(runCli(["optimum", "--problem", p, "--loss", "logistic", "--regularizer", "l1-unit", "--kappa", "2", "--out", o, "--quiet"]).code).toBe(0);
    const viaFlags = JSON.parse(read(o, "utf8"));
    expect(viaFlags.value).toBe(api.value);
    expect([viaFlags.loss, viaFlags.regularizer, viaFlags.kappa]).toEqual(["logistic", "l1-unit", 2]);
    expect(runCli(["optimum", "--problem", q, "--out", o, "--quiet"]).code).toBe(0);
    expect(JSON.parse(read(o, "utf8")).value).toBe(api.value);
    const bad = runCli(["optimum", "--problem", p, "--loss", "hinge"]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/--loss/);
    const tr = runCli(["train", "--problem", p, "--loss", "logistic", "--regularizer", "l1-unit", "--m", "10", "--max-epochs", "3000", "--lr", "0.1", "--certify", "--polish", "--out", t, "--quiet"]);
    expect(tr.code).toBe(0);
    const res = JSON.parse(read(t, "utf8"));
    const g = await globalOptimum(toData(X, y), 0.01, { loss: "logistic", regularizer: "l1-unit" });
    expect(res.certificate.lowerBound).toBeLessThanOrEqual(res.loss);
    expect(res.certificate.lowerBound).toBeLessThanOrEqual(g.value * (1 + 1e-12));
    expect(Math.abs(res.certificate.loss - res.loss)).toBeLessThan(1e-12 * res.loss);
    expect(res.polished.loss).toBeGreaterThanOrEqual(g.lowerBound);
  });
});
