// Certificates and polish: verdicts on GD networks (chattering, polished, narrow), the validity of the
// residual lower bound, tolerances; and the optimum / certify / polish / train --certify CLI.
import { describe, expect, it } from "vitest";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { toData } from "../src/api/data.js";
import { train } from "../src/api/train.js";
import { globalOptimum, coneOptimum, lambdaMax, certify, polish, classifyNetwork, classifyBothWidths } from "../src/convex/index.js";
import { parseProblem } from "../src/api/problem.js";
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

describe("one calling convention: (problem, [network,] options), λ in the problem or options.lambda", () => {
  const net = { W: [[0.8, -0.3], [-0.5, 0.9], [0.2, 0.4]], a: [0.7, -0.6, 0.3] };
  const same = (a: { verdict?: string; loss?: number; lowerBound: number; value?: number }, b: typeof a) => {
    expect(a.verdict).toBe(b.verdict);
    expect(a.lowerBound).toBe(b.lowerBound);
    expect(a.loss ?? a.value).toBe(b.loss ?? b.value);
  };

  it("the problem object, a parsed Problem and Data with options.lambda give what the deprecated positional λ gives", async () => {
    const obj = { X: p4.X, y: p4.y, lambda: lambda4 };
    const parsed = parseProblem(obj);
    const old = await globalOptimum(data4, lambda4);
    for (const g of [await globalOptimum(obj), await globalOptimum(parsed), await globalOptimum(data4, { lambda: lambda4 })]) same(g, old);
    same(await coneOptimum(obj, net), await coneOptimum(data4, lambda4, net));
    same(await certify(obj, net), await certify(data4, lambda4, net));
    same(await classifyNetwork(parsed, net, { width: "minimal" }), await classifyNetwork(data4, lambda4, net, { width: "minimal" }));
    const [p1, p2] = [await polish(data4, net, { lambda: lambda4 }), await polish(data4, lambda4, net)];
    expect(p1.loss).toBe(p2.loss);
    same(p1.certificate, p2.certificate);
    const [b1, b2] = [await classifyBothWidths(obj, net, { width: 5 }), await classifyBothWidths(data4, lambda4, net, 5)];
    same(b1.atWidth, b2.atWidth);
    same(b1.minimal, b2.minimal);
    expect(b1.atWidth.width).toBe(5);
  });

  it("options.lambda overrides the problem's; the objective comes from the options, else the problem's train settings; Data needs a λ", async () => {
    const obj = { X: p4.X, y: p4.y, lambda: 0.5 };
    same(await globalOptimum(obj, { lambda: lambda4 }), await globalOptimum(data4, { lambda: lambda4 }));
    const y = p4.y.map((v: number) => (v > 0 ? 1 : -1));
    const withTrain = { X: p4.X, y, lambda: lambda4, train: { loss: "logistic" as const, regularizer: "l1-unit" as const, kappa: 2 } };
    const direct = await globalOptimum(toData(p4.X, y), { lambda: lambda4, loss: "logistic", regularizer: "l1-unit", kappa: 2 });
    const fromProblem = await globalOptimum(withTrain);
    same(fromProblem, direct);
    expect(fromProblem.settings).toEqual({ lambda: lambda4, loss: "logistic", regularizer: "l1-unit", kappa: 2 });
    expect((await globalOptimum(withTrain, { kappa: 1 })).settings.kappa).toBe(1);
    expect(await lambdaMax(withTrain)).toBe(await lambdaMax(toData(p4.X, y), { loss: "logistic", regularizer: "l1-unit", kappa: 2 }));
    await expect(globalOptimum(data4)).rejects.toThrow(/^lambda: is missing/);
    await expect(certify(data4, net)).rejects.toThrow(/lambda/);
  });

  it("a given optimum (globalOptimum's result) gives the certificate the global solve gives; one for another λ or objective is refused, naming the field", async () => {
    const g = await globalOptimum(data4, { lambda: lambda4 });
    for (const n of [net, g.network]) {
      const [solved, reused] = [await certify(data4, n, { lambda: lambda4 }), await certify(data4, n, { lambda: lambda4, optimum: g })];
      expect(reused.verdict).toBe(solved.verdict);
      // the same bound where the certificate solved (the global network needs no solve: its own residual's bound is lower)
      if (solved.tried.includes("global solve")) expect(Math.abs(reused.lowerBound - solved.lowerBound)).toBeLessThanOrEqual(1e-12 * solved.loss);
      else expect(reused.lowerBound).toBeGreaterThanOrEqual(solved.lowerBound);
      if (solved.upperBound !== undefined) expect(Math.abs(reused.upperBound! - solved.upperBound)).toBeLessThanOrEqual(1e-9 * solved.loss);
      expect(reused.optimum).toBeUndefined(); // no solve
      expect(reused.tried).not.toContain("global solve");
    }
    await expect(certify(data4, net, { lambda: 2 * lambda4, optimum: g })).rejects.toThrow(/^optimum\.lambda: /);
    await expect(certify(data4, net, { lambda: lambda4, kappa: 2, optimum: g })).rejects.toThrow(/^optimum\.kappa: /);
    await expect(certify(toData(p4.X.map((x: number[]) => [x[0], 2 * x[1]]), p4.y), net, { lambda: lambda4, optimum: g })).rejects.toThrow(/^optimum\.value: .*other data/);
    await expect(polish(data4, net, { lambda: lambda4, loss: "logistic", optimum: g })).rejects.toThrow(/^(optimum\.loss|y\[0\])/);
    await expect(certify(data4, net, { lambda: lambda4, optimum: g, lowerBound: 0 })).rejects.toThrow(/^optimum: /);
  });
});

describe("CLI: the flags come from the option groups; --optimum; exit codes", () => {
  const dir = mkdtempSync(join(tmpdir(), "relu-convex-flags-"));
  const problem = join(dir, "p.json");
  writeFileSync(problem, JSON.stringify({ X: p4.X, y: p4.y, lambda: lambda4 }));
  const network = join(dir, "n.json");
  writeFileSync(network, JSON.stringify({ W: [[0.8, -0.3], [-0.5, 0.9], [0.2, 0.4]], a: [0.7, -0.6, 0.3] }));

  it("help shows the groups' defaults; bad settings are refused naming the flag", () => {
    const h = runCli(["certify", "--help"]);
    for (const f of [/--gap-tol <t>.*\(default: 1e-6\)/s, /--tol <t>.*\(default: 1e-9\)/s, /--no-solve/, /--optimum <file>/, /--lower-bound <x>/, /--loss <squared\|logistic>/, /exit code 1 when the verdict is undetermined/]) expect(h.stdout).toMatch(f);
    for (const [flag, value] of [["--gap-tol", "-1"], ["--tol", "2"], ["--width", "wide"], ["--loss", "hinge"], ["--max-iterations", "0.5"]]) {
      const r = runCli(["certify", "--problem", problem, "--network", network, flag, value]);
      expect(r.code, flag).toBe(2);
      expect(r.stderr, flag).toMatch(new RegExp(`^error: ${flag}: `));
    }
  });

  it("certify --optimum gives the certificate that solves; a file for another problem is refused naming the field; optimum's exit code", () => {
    const opt = join(dir, "o.json");
    expect(runCli(["optimum", "--problem", problem, "--out", opt, "--quiet"]).code).toBe(0);
    const solved = JSON.parse(runCli(["certify", "--problem", problem, "--network", network, "--json"]).stdout);
    const reused = runCli(["certify", "--problem", problem, "--network", network, "--optimum", opt, "--json"]);
    expect(reused.code).toBe(0);
    const rj = JSON.parse(reused.stdout);
    expect(rj.verdict).toBe(solved.verdict);
    expect(Math.abs(rj.lowerBound - solved.lowerBound)).toBeLessThanOrEqual(1e-12 * solved.loss);
    expect(Math.abs(rj.upperBound - solved.upperBound)).toBeLessThanOrEqual(1e-9 * solved.loss); // the optimum's network is pruned
    expect(rj.tried).not.toContain("global solve");
    const bounds = JSON.parse(readFileSync(opt, "utf8"));
    const given = JSON.parse(runCli(["certify", "--problem", problem, "--network", network, "--lower-bound", String(bounds.lowerBound), "--global-value", String(bounds.value), "--json"]).stdout);
    expect(given.verdict).toBe(solved.verdict);
    const wrong = runCli(["certify", "--problem", problem, "--network", network, "--optimum", opt, "--lambda", "0.5"]);
    expect(wrong.code).toBe(2);
    expect(wrong.stderr).toMatch(/^error: --optimum: .*o\.json: optimum\.lambda is 0\.\d+ but the problem's λ is 0\.5/);
    const both = runCli(["certify", "--problem", problem, "--network", network, "--optimum", opt, "--lower-bound", "0"]);
    expect(both.code).toBe(2);
    expect(both.stderr).toMatch(/^error: --optimum: /);
    const cone = join(dir, "cone.json");
    runCli(["optimum", "--problem", problem, "--cone-of", network, "--out", cone, "--quiet"]);
    const c = runCli(["certify", "--problem", problem, "--network", network, "--optimum", cone]);
    expect(c.code).toBe(2);
    expect(c.stderr).toMatch(/optimum\.coneOf/);
    const t = runCli(["train", "--problem", problem, "--m", "3", "--max-epochs", "200", "--certify", "--optimum", opt, "--json"]);
    expect([0, 1]).toContain(t.code);
    const tj = JSON.parse(t.stdout);
    expect(tj.certificate.tried).not.toContain("global solve");
    const tw = runCli(["train", "--problem", problem, "--m", "3", "--max-epochs", "200", "--certify", "--optimum", opt, "--loss", "logistic"]);
    expect(tw.code).toBe(2);
  });

  it("exit code 1 when the certificate the verdict needs is not established (still printed and written): certify, polish, train --certify", () => {
    // the cone optimum of test/verdict.test.ts's construction: a local minimum; with --no-solve no lower network is known
    const sp = join(dir, "sp.json");
    writeFileSync(sp, JSON.stringify({ X: [[-0.2, 0.2], [-0.6, -3.1], [0, -1.1], [-0.7, 0.5], [1.2, -1.4], [0.3, -0.5]], y: [0.9, -1.2, 1.9, 0.2, -1.4, 0.8], lambda: 0.01 }));
    const seed = join(dir, "seed.json");
    writeFileSync(seed, JSON.stringify({ W: [[0.5447624177606702, -0.369311587017941], [-0.23696714235341093, 0.7095975766863694]], a: [-0.6581467466379828, 0.7481190730053001] }));
    const pol = join(dir, "pol.json");
    const pu = runCli(["polish", "--problem", sp, "--network", seed, "--no-solve", "--out", pol]);
    expect(pu.code).toBe(1);
    expect(pu.stderr).toMatch(/polish: undetermined/);
    expect(JSON.parse(readFileSync(pol, "utf8")).verdict).toBe("undetermined");
    const out = join(dir, "c.json");
    const u = runCli(["certify", "--problem", sp, "--network", pol, "--no-solve", "--out", out]);
    expect(u.code).toBe(1);
    expect(u.stdout).toMatch(/verdict: undetermined/);
    expect(u.stderr).toMatch(/certify: undetermined/);
    expect(JSON.parse(readFileSync(out, "utf8")).verdict).toBe("undetermined");
    expect(runCli(["certify", "--problem", sp, "--network", pol, "--quiet"]).code).toBe(0); // solved: spurious-local-minimum
    const ps = runCli(["polish", "--problem", sp, "--network", seed]);
    expect(ps.code).toBe(0);
    expect(ps.stdout).toMatch(/verdict: spurious-local-minimum/);
    // a trivial lower bound and a worse network: the polished local minimum is neither certified global nor spurious
    const tu = runCli(["train", "--problem", sp, "--m", "2", "--max-epochs", "100", "--polish", "--lower-bound", "0", "--global-value", "1e9", "--out", join(dir, "tu.json"), "--quiet"]);
    expect(tu.code).toBe(1);
    expect(tu.stderr).toMatch(/train --polish: undetermined/);
    expect(JSON.parse(readFileSync(join(dir, "tu.json"), "utf8")).polished.verdict).toBe("undetermined");
  });
});
