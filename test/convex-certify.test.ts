// Certificates and polish: verdicts on GD networks (chattering, polished, narrow), the validity of the
// residual lower bound, tolerances; and the optimum / certify / polish / train --certify CLI.
import { describe, expect, it } from "vitest";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { toData } from "../src/api/data.js";
import { train } from "../src/api/train.js";
import { globalOptimum, certify, polish } from "../src/convex/index.js";
import { runCli } from "./cli-run.js";
import { FIXTURES, randomMatrix, randomVector } from "./helpers.js";

const fixture = (name: string) => JSON.parse(readFileSync(`${FIXTURES}/${name}`, "utf8"));
const p4 = fixture("ex4_small2d.problem.json");
const data4 = toData(p4.X, p4.y);
const lambda4: number = p4.lambda;

describe("certify", () => {
  it("the fixture's GD network (20,000 constant steps) chatters: not stationary, not global; its L is the fixture's", async () => {
    const gd = fixture("ex4_small2d.numpy64.json");
    const c = await certify(data4, lambda4, gd);
    expect(Math.abs(c.inputLoss - gd.final_loss) / gd.final_loss).toBeLessThan(1e-12);
    expect(c.verdict).toBe("not-stationary");
    expect(c.stationarity.norm).toBeGreaterThan(1e-3);
    expect(c.stationarity.relative).toBeGreaterThan(1e-3);
    expect(c.descent!.loss).toBeLessThan(c.loss);
    expect(c.lowerBound).toBeLessThanOrEqual(c.loss);
    expect(c.relativeGap).toBeGreaterThan(1e-6);
    expect(c.residualBound).toBeLessThanOrEqual(c.lowerBound);
    expect(Math.abs(c.optimum! - fixture("ex4_small2d.convex.json").optimum) / c.loss).toBeLessThan(1e-8);
  });

  it("the residual bound of any network is a valid lower bound; the optimum certifies itself without a solve", async () => {
    const g = await globalOptimum(data4, lambda4);
    for (const seed of [1, 2, 3, 4]) {
      const net = { W: randomMatrix(5, 2, seed, 0.7), a: randomVector(5, seed + 10, 0.7) };
      const c = await certify(data4, lambda4, net, { solve: false });
      expect(c.residualBound).toBeLessThanOrEqual(g.value * (1 + 1e-12));
      expect(c.lowerBound).toBe(Math.min(c.residualBound, c.loss));
      expect(c.loss).toBeGreaterThanOrEqual(g.lowerBound);
    }
    const self = await certify(data4, lambda4, g.network, { solve: false });
    expect(self.verdict).toBe("global");
    expect(self.relativeGap).toBeLessThan(1e-6);
    expect(self.optimum).toBeUndefined();
  });

  it("tolerances decide the verdict", async () => {
    const gd = fixture("ex4_small2d.numpy64.json");
    expect((await certify(data4, lambda4, gd, { gapTol: 1e-3 })).verdict).toBe("global");
    // the stationarity tolerance only relabels a witnessed non-minimum (not-stationary ↔ saddle)
    const loose = await certify(data4, lambda4, gd, { stationarityTol: 1e9 });
    expect(loose.verdict).toBe("saddle");
    expect(loose.descent!.loss).toBeLessThan(loose.loss);
    // the deprecated gradTol is accepted and ignored
    expect((await certify(data4, lambda4, gd, { gradTol: 1 })).verdict).toBe("not-stationary");
    await expect(certify(data4, lambda4, gd, { gapTol: -1 })).rejects.toThrow(/gapTol/);
  });
});

describe("polish", () => {
  it("a chattering GD network polishes to the exact global optimum (its cone holds it)", async () => {
    const gd = fixture("ex4_small2d.numpy64.json");
    const g = await globalOptimum(data4, lambda4);
    const p = await polish(data4, lambda4, gd);
    expect(p.loss).toBeLessThan(p.lossBefore);
    expect(Math.abs(p.loss - g.value) / g.value).toBeLessThan(1e-9);
    expect(p.verdict).toBe("global");
    expect(p.certificate.stationarity.relative).toBeLessThan(1e-4);
  });

  it("narrow networks polish to stationary points that are not global: spurious local minima", async () => {
    const g = await globalOptimum(data4, lambda4);
    let spurious = 0;
    for (const seed of [0, 2]) {
      const r = await train({ X: p4.X, y: p4.y, lambda: lambda4 }, { m: 2, lr: 0.02, maxEpochs: 20000, seed });
      const p = await polish(data4, lambda4, r, { lowerBound: g.lowerBound });
      expect(p.loss).toBeLessThanOrEqual(p.lossBefore * (1 + 1e-12));
      expect(p.loss).toBeGreaterThan(g.value * (1 + 1e-3));
      expect(p.certificate.stationarity.relative).toBeLessThan(1e-4);
      expect(p.certificate.width).toBe(2); // the input's width
      if (p.verdict === "spurious-local-minimum") spurious++;
    }
    expect(spurious).toBe(2);
  });
});

describe("CLI: optimum, certify, polish, train --certify --polish", () => {
  const dir = mkdtempSync(join(tmpdir(), "relu-convex-"));
  const problem = join(dir, "p.json");
  writeFileSync(problem, JSON.stringify({ X: p4.X, y: p4.y, lambda: lambda4 }));

  it("optimum writes value, lowerBound, gap, network, neurons, patterns, seconds; --cone-of restricts", () => {
    const out = join(dir, "o.json");
    const r = runCli(["optimum", "--problem", problem, "--out", out]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/global optimum/);
    const o = JSON.parse(readFileSync(out, "utf8"));
    for (const k of ["value", "lowerBound", "gap", "network", "neurons", "patterns", "seconds"]) expect(o).toHaveProperty(k);
    expect(o.patterns).toBe(32);
    expect(Math.abs(o.value - fixture("ex4_small2d.convex.json").optimum) / o.value).toBeLessThan(1e-8);
    const net = join(dir, "net.json");
    writeFileSync(net, JSON.stringify({ W: o.network.W.slice(1), a: o.network.a.slice(1) }));
    const c = runCli(["optimum", "--problem", problem, "--cone-of", net, "--json"]);
    expect(c.code).toBe(0);
    const co = JSON.parse(c.stdout);
    expect(co.patterns).toBe(o.neurons - 1);
    expect(co.value).toBeGreaterThan(o.value);
  });

  it("certify and polish read any JSON with W and a; train --certify --polish appends both", () => {
    const out = join(dir, "t.json");
    const t = runCli(["train", "--problem", problem, "--m", "40", "--lr", "0.02", "--max-epochs", "20000", "--out", out, "--certify", "--polish", "--quiet"]);
    expect(t.code).toBe(0);
    const res = JSON.parse(readFileSync(out, "utf8"));
    expect(res.certificate.verdict).toBe("not-stationary");
    expect(res.polished.verdict).toBe("global");
    const c = runCli(["certify", "--problem", problem, "--network", out, "--json"]);
    expect(c.code).toBe(0);
    const cj = JSON.parse(c.stdout);
    for (const k of ["loss", "lowerBound", "gap", "verdict"]) expect(cj).toHaveProperty(k);
    expect(cj.inputLoss).toBeCloseTo(res.loss, 12);
    expect(Math.abs(cj.loss - res.loss)).toBeLessThan(1e-9 * res.loss); // the classified network: neurons below the floor set to zero
    const po = join(dir, "pol.json");
    const p = runCli(["polish", "--problem", problem, "--network", out, "--out", po]);
    expect(p.code).toBe(0);
    expect(p.stdout).toMatch(/verdict: global/);
    expect(JSON.parse(readFileSync(po, "utf8")).loss).toBeLessThan(res.loss);
  });

  it("bad input: one line, non-zero exit, the field named", () => {
    const r = runCli(["optimum", "--problem", problem, "--lambda", "0"]);
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split("\n")).toHaveLength(1);
    expect(r.stderr).toMatch(/lambda/);
    const bad = join(dir, "bad.json");
    writeFileSync(bad, JSON.stringify({ W: [[1, 2, 3]], a: [1] }));
    const c = runCli(["certify", "--problem", problem, "--network", bad]);
    expect(c.code).toBe(2);
    expect(c.stderr).toMatch(/--network/);
  });
});
