// The witnessed verdicts (src/convex/verdict.ts): a concave kink is not a local minimum; a constructed
// spurious local minimum is one, and survives a perturbation search; the width of the question matters
// (a free neuron makes a non-global point a saddle); verdicts are invariant under rescaling the problem,
// pruning neurons below the floor and permuting neurons; every descent witness lowers L when evaluated
// by the plain TypeScript reference (not the classifier's code).
import { describe, expect, it } from "vitest";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type Data, toData } from "../src/api/data.js";
import type { Network } from "../src/api/network.js";
import { train } from "../src/api/train.js";
import { globalOptimum, coneOptimum } from "../src/convex/optimum.js";
import { classifyNetwork, classifyBothWidths, minimalNetwork, type VerdictOptions, type VerdictResult } from "../src/convex/verdict.js";
import { researchFirstOrderLabel } from "../src/convex/verdict-label.js";
import { polish } from "../src/convex/polish.js";
import { runCli } from "./cli-run.js";
import { loss as refLoss, type RefNet } from "./reference/train-reference.js";
import { FIXTURES, gaussian, lcg } from "./helpers.js";

const rowsOf = (data: Data) => Array.from({ length: data.n }, (_, k) => Array.from(data.X.subarray(k * data.d, (k + 1) * data.d)));
const reference = (data: Data, lambda: number, net: RefNet) => refLoss({ X: rowsOf(data), y: Array.from(data.y), lambda }, net);
const step = (net: Network, dir: Network, t: number): Network => ({
  W: net.W.map((w, j) => w.map((v, i) => v + t * dir.W[j][i])),
  a: net.a.map((v, j) => v + t * dir.a[j]),
});

/** Every witness a test produced, checked at the end against the reference loss. */
const witnesses: { data: Data; lambda: number; r: VerdictResult }[] = [];
async function classify(data: Data, lambda: number, net: Network, opts: VerdictOptions = {}): Promise<VerdictResult> {
  const r = await classifyNetwork(data, net, { lambda, ...opts });
  if (r.descent) witnesses.push({ data, lambda, r });
  return r;
}

// The concave kink of the brief: X = I₂, y = (1, 1), one neuron w = (c, 0), a = c, c² = 1 − 2λ.
const kinkData = toData([[1, 0], [0, 1]], [1, 1]);
const kinkLambda = 0.01;
const c = Math.sqrt(1 - 2 * kinkLambda);
const kinkNet: Network = { W: [[c, 0]], a: [c] };

// A true spurious local minimum: the optimum of the cone of two signed patterns on six points in R²
// (found by a search over small random problems): both neurons used, no data point on either hyperplane.
const spData = toData([[-0.2, 0.2], [-0.6, -3.1], [0, -1.1], [-0.7, 0.5], [1.2, -1.4], [0.3, -0.5]], [0.9, -1.2, 1.9, 0.2, -1.4, 0.8]);
const spLambda = 0.01;
const spSeed: Network = { W: [[0.5447624177606702, -0.369311587017941], [-0.23696714235341093, 0.7095975766863694]], a: [-0.6581467466379828, 0.7481190730053001] };

const fixture = JSON.parse(readFileSync(`${FIXTURES}/ex4_small2d.problem.json`, "utf8"));
const exData = toData(fixture.X, fixture.y);
const exLambda: number = fixture.lambda;

describe("the concave kink", () => {
  it("is Clarke-stationary, yet not called a local minimum: a saddle whose witness lowers L", async () => {
    const r = await classify(kinkData, kinkLambda, kinkNet);
    expect(r.stationarity.relative).toBeLessThan(1e-12); // the old test (some relu′(0) ∈ [0, 1] zeroes ∇L) passes
    expect(r.verdict).toBe("saddle");
    expect(r.descent!.kind).toBe("adjacent-pattern");
    // the witness moves w₂ to the positive side: the kink's bit turns on
    expect(r.descent!.W[0][1]).toBeGreaterThan(0);
    const moved = step(r.network, r.descent!, r.descent!.step);
    expect(reference(kinkData, kinkLambda, moved)).toBeLessThan(reference(kinkData, kinkLambda, kinkNet) - 1e-3);
    // the brief's small move, for the record: w₂ = +1e-3 lowers L by about 1e-3
    expect(reference(kinkData, kinkLambda, { W: [[c, 1e-3]], a: [c] })).toBeLessThan(reference(kinkData, kinkLambda, kinkNet) - 9e-4);
    // the research's label calls it stationary: a label, not a verdict
    expect(researchFirstOrderLabel(kinkData, kinkLambda, kinkNet).label).toBe("first-order-stationary");
  });
});

describe("a constructed spurious local minimum", () => {
  it("at its cone's optimum, every neuron used, no point on a hyperplane, above the global value: spurious-local-minimum", async () => {
    const cone = await coneOptimum(spData, spSeed, { lambda: spLambda });
    const g = await globalOptimum(spData, { lambda: spLambda });
    const net = cone.network;
    // the construction's properties, checked here
    expect(net.a.length).toBe(2);
    expect(cone.converged).toBe(true);
    expect(cone.value).toBeGreaterThan(1.5 * g.value);
    for (const w of net.W) {
      for (const x of rowsOf(spData)) expect(Math.abs(w[0] * x[0] + w[1] * x[1]) / Math.hypot(...w) / Math.hypot(...x)).toBeGreaterThan(0.1);
    }
    const r = await classify(spData, spLambda, net);
    expect(r.verdict).toBe("spurious-local-minimum");
    expect(r.local!.passed).toBe(true);
    expect(r.local!.relativeSlack).toBeLessThan(1e-8);
    expect(r.local!.radius).toBeGreaterThan(0.1);
    expect(r.upperBound!).toBeLessThan(r.loss);
    expect(r.descent).toBeUndefined();
  });

  it("at a larger width (a free neuron) the same point is a saddle: a neuron grown in a violated cell lowers L", async () => {
    const net = (await coneOptimum(spData, spSeed, { lambda: spLambda })).network;
    const r = await classify(spData, spLambda, net, { width: 3 });
    expect(r.padded).toBe(1);
    expect(r.verdict).toBe("saddle");
    expect(r.descent!.kind).toBe("growth");
    expect(r.descent!.neuron).toBe(2);
    const both = await classifyBothWidths(spData, net, { lambda: spLambda, width: 3 });
    expect([both.atWidth.verdict, both.minimal.verdict]).toEqual(["saddle", "spurious-local-minimum"]);
  });
});

describe("polish at the input's width", () => {
  it("parallel copies keep their share (no free neuron: still a spurious local minimum); padding the optimum instead frees neurons (a saddle)", async () => {
    const net = (await coneOptimum(spData, spSeed, { lambda: spLambda })).network;
    // width 4: each neuron split into two parallel copies of unequal mass (the same function and L)
    const split: Network = { W: [], a: [] };
    for (let j = 0; j < 2; j++) for (const share of [0.3, 0.7]) {
      split.W.push(net.W[j].map((v) => Math.sqrt(share) * v));
      split.a.push(Math.sqrt(share) * net.a[j]);
    }
    const p = await polish(spData, split, { lambda: spLambda });
    expect(p.certificate.width).toBe(4);
    expect(p.certificate.network.a.filter((a) => a !== 0).length).toBe(4);
    expect(Math.abs(reference(spData, spLambda, p.certificate.network) - p.loss)).toBeLessThan(1e-12 * p.loss);
    expect(p.verdict).toBe("spurious-local-minimum");
    const padded = await polish(spData, split, { lambda: spLambda, width: 4 });
    expect(padded.verdict).toBe("saddle");
    expect(padded.certificate.padded).toBe(4 - p.network.a.length);
    witnesses.push({ data: spData, lambda: spLambda, r: padded.certificate });
    const minimal = await polish(spData, split, { lambda: spLambda, width: "minimal" });
    expect([minimal.verdict, minimal.certificate.width]).toEqual(["spurious-local-minimum", 2]);
  });
});

describe("CLI", () => {
  it("certify prints and writes the verdict with its witness; --width picks the question; a bad width is refused", () => {
    const dir = mkdtempSync(join(tmpdir(), "relu-verdict-"));
    const problem = join(dir, "p.json"), network = join(dir, "n.json");
    writeFileSync(problem, JSON.stringify({ X: rowsOf(kinkData), y: Array.from(kinkData.y), lambda: kinkLambda }));
    writeFileSync(network, JSON.stringify(kinkNet));
    const r = runCli(["certify", "--problem", problem, "--network", network, "--json"]);
    expect(r.code).toBe(0);
    const j = JSON.parse(r.stdout);
    expect(j.verdict).toBe("saddle");
    for (const k of ["W", "a", "step", "loss"]) expect(j.descent).toHaveProperty(k);
    expect(reference(kinkData, kinkLambda, step(j.network, j.descent, j.descent.step))).toBeLessThan(reference(kinkData, kinkLambda, kinkNet));
    const t = runCli(["certify", "--problem", problem, "--network", network, "--width", "3"]);
    expect(t.code).toBe(0);
    expect(t.stdout).toMatch(/verdict: saddle at width 3 \(2 zero neurons added\)/);
    expect(t.stdout).toMatch(/descent \(/);
    const bad = runCli(["certify", "--problem", problem, "--network", network, "--width", "wide"]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/^error: --width: /);
  });
});

describe("every network called a spurious local minimum survives a perturbation search", () => {
  it("thousands of random directions at several radii, and every coordinate direction: L never drops by more than the certificate's slack plus rounding", async () => {
    const g = await globalOptimum(exData, { lambda: exLambda });
    const found: { data: Data; lambda: number; r: VerdictResult }[] = [];
    const sp = await classify(spData, spLambda, (await coneOptimum(spData, spSeed, { lambda: spLambda })).network);
    found.push({ data: spData, lambda: spLambda, r: sp });
    // narrow trained networks on the fixture's data, polished to their cones' optima
    for (const seed of [0, 2]) {
      const t = await train({ X: fixture.X, y: fixture.y, lambda: exLambda }, { m: 2, lr: 0.02, maxEpochs: 20000, seed });
      const cone = await coneOptimum(exData, t, { lambda: exLambda });
      const r = await classify(exData, exLambda, cone.network, { lowerBound: g.lowerBound, globalValue: g.value });
      if (r.verdict === "spurious-local-minimum") found.push({ data: exData, lambda: exLambda, r });
    }
    expect(found.length).toBeGreaterThanOrEqual(2);
    const rand = lcg(7);
    for (const { data, lambda, r } of found) {
      expect(r.verdict).toBe("spurious-local-minimum");
      const L = reference(data, lambda, r.network);
      const allowed = r.local!.slack + 1e-13 * L;
      const m = r.network.a.length, d = data.d, dim = m * (d + 1);
      const unflat = (v: number[]): Network => ({ W: Array.from({ length: m }, (_, j) => v.slice(j * (d + 1), j * (d + 1) + d)), a: Array.from({ length: m }, (_, j) => v[j * (d + 1) + d]) });
      const dirs: number[][] = [];
      for (let i = 0; i < dim; i++) for (const s of [1, -1]) dirs.push(Array.from({ length: dim }, (_, q) => (q === i ? s : 0)));
      for (let k = 0; k < 3000; k++) {
        const v = Array.from({ length: dim }, () => gaussian(rand));
        const nv = Math.hypot(...v);
        dirs.push(v.map((x) => x / nv));
      }
      let worst = Infinity;
      for (const radius of [1e-6, 1e-4, 1e-2, 0.5].map((f) => f * r.local!.radius)) {
        for (const v of dirs) {
          const Lp = reference(data, lambda, step(r.network, unflat(v), radius));
          worst = Math.min(worst, Lp - L);
        }
      }
      expect(worst).toBeGreaterThanOrEqual(-allowed);
    }
  });
});

describe("invariance", () => {
  /** Networks of every verdict, on their data. */
  async function cases(): Promise<{ name: string; data: Data; lambda: number; net: Network; width?: "own" | "minimal" | number }[]> {
    const spNet = (await coneOptimum(spData, spSeed, { lambda: spLambda })).network;
    const gd = JSON.parse(readFileSync(`${FIXTURES}/ex4_small2d.numpy64.json`, "utf8"));
    const g = await globalOptimum(exData, { lambda: exLambda });
    return [
      { name: "concave kink", data: kinkData, lambda: kinkLambda, net: kinkNet },
      { name: "spurious", data: spData, lambda: spLambda, net: spNet },
      { name: "spurious, padded", data: spData, lambda: spLambda, net: spNet, width: 4 },
      { name: "chattering GD", data: exData, lambda: exLambda, net: { W: gd.W, a: gd.a } },
      { name: "global", data: exData, lambda: exLambda, net: g.network },
      { name: "GD, minimal", data: exData, lambda: exLambda, net: { W: gd.W, a: gd.a }, width: "minimal" },
    ];
  }

  it("under (θ, y, λ) → (√c·θ, c·y, c·λ) for c ∈ {0.01, 10}: the same verdict and the same relative numbers", async () => {
    const seen = new Set<string>();
    for (const k of await cases()) {
      const base = await classify(k.data, k.lambda, k.net, { width: k.width });
      seen.add(base.verdict);
      for (const cc of [0.01, 10]) {
        const data = { ...k.data, y: k.data.y.map((v) => cc * v) };
        const s = Math.sqrt(cc);
        const net = { W: k.net.W.map((w) => w.map((v) => s * v)), a: k.net.a.map((v) => s * v) };
        const r = await classify(data, cc * k.lambda, net, { width: k.width });
        expect(r.verdict, `${k.name}, c = ${cc}`).toBe(base.verdict);
        expect(r.width).toBe(base.width);
        expect(Math.abs(r.loss / (cc * cc) - base.loss)).toBeLessThan(1e-12 * base.loss);
        expect(r.stationarity.relative).toBeCloseTo(base.stationarity.relative, 6);
        expect(r.descent?.kind).toBe(base.descent?.kind);
      }
    }
    expect(seen).toEqual(new Set(["saddle", "spurious-local-minimum", "not-stationary", "global"]));
  });

  it("under pruning neurons below the floor (set to zero at the network's width, removed at the minimal width)", async () => {
    for (const k of await cases()) {
      const tiny = { W: [...k.net.W, k.net.W[0].map((v) => 1e-6 * v)], a: [...k.net.a, 1e-6 * k.net.a[0]] }; // mass 1e-12 of neuron 0's
      const zeroed = { W: [...k.net.W, k.net.W[0].map(() => 0)], a: [...k.net.a, 0] };
      if (k.width === "minimal") {
        const [a, b] = [await classify(k.data, k.lambda, tiny, { width: "minimal" }), await classify(k.data, k.lambda, k.net, { width: "minimal" })];
        expect(a.verdict, k.name).toBe(b.verdict);
        expect(a.network).toEqual(b.network);
      } else if (k.width === undefined) {
        const [a, b] = [await classify(k.data, k.lambda, tiny), await classify(k.data, k.lambda, zeroed)];
        expect(a.verdict, k.name).toBe(b.verdict);
        expect(a.pruned).toBe(b.pruned + 1);
        expect(a.network).toEqual(b.network);
      }
    }
  });

  it("under permutations of the neurons", async () => {
    for (const k of await cases()) {
      const m = k.net.a.length;
      if (m < 2) continue;
      let order = Array.from({ length: m }, (_, j) => (j * 3 + 1) % m).filter((v, i, arr) => arr.indexOf(v) === i);
      if (order.length !== m) order = Array.from({ length: m }, (_, j) => m - 1 - j); // 3 shares a factor with m: reversed instead
      const perm = { W: order.map((j) => k.net.W[j]), a: order.map((j) => k.net.a[j]) };
      const [a, b] = [await classify(k.data, k.lambda, k.net, { width: k.width }), await classify(k.data, k.lambda, perm, { width: k.width })];
      expect(b.verdict, k.name).toBe(a.verdict);
      expect(Math.abs(b.loss - a.loss)).toBeLessThan(1e-12 * a.loss);
    }
  });
});

describe("widths", () => {
  it("minimal merges parallel neurons (balanced) and removes dead ones; the function is unchanged", () => {
    const net: Network = { W: [[1, 0.5], [2, 1], [0, 0], [-1, -1], [1e-9, 0]], a: [1, 0.5, 0, 2, 1e-9] };
    const data = toData([[1, 0], [0, 1], [1, 1]], [1, 0, 1]);
    const { network, pruned, merged } = minimalNetwork(net, data);
    expect(merged).toBe(1);
    expect(pruned).toBe(3); // the zero neuron, the one below the floor, and (−1, −1) active on no data point
    expect(network.a.length).toBe(1);
    const f = (nw: Network, x: number[]) => nw.a.reduce((s, a, j) => s + a * Math.max(0, nw.W[j][0] * x[0] + nw.W[j][1] * x[1]), 0);
    for (const x of rowsOf(data)) expect(f(network, x)).toBeCloseTo(f(net, x), 6);
    expect(Math.abs(network.a[0])).toBeCloseTo(Math.hypot(...network.W[0]), 12);
  });

  it("refuses a width below the network's neuron count, naming the field", async () => {
    await expect(classifyNetwork(kinkData, kinkNet, { lambda: kinkLambda, width: 0 })).rejects.toThrow(/width/);
  });

});

describe("spurious-local-minimum never rests on a lower bound alone", () => {
  it("a certified local minimum is spurious only when a network with lower L is known; otherwise undetermined, saying so", async () => {
    const net = (await coneOptimum(spData, spSeed, { lambda: spLambda })).network;
    const g = await globalOptimum(spData, { lambda: spLambda });
    const known = await classify(spData, spLambda, net, { lowerBound: g.lowerBound, globalValue: g.value });
    expect(known.verdict).toBe("spurious-local-minimum");
    expect(known.upperBoundFrom).toBe("globalValue");
    // an optimum with its network: that network evaluated here; without one, its value is named as given, not as a network
    const withNet = await classify(spData, spLambda, net, { optimum: { ...g, settings: { lambda: spLambda } } });
    expect([withNet.verdict, withNet.upperBoundFrom]).toEqual(["spurious-local-minimum", "optimum"]);
    expect(withNet.reason).toMatch(/the given optimum's network/);
    const valueOnly = await classify(spData, spLambda, net, { optimum: { value: g.value, lowerBound: g.lowerBound, lambda: spLambda } });
    expect([valueOnly.verdict, valueOnly.upperBoundFrom]).toEqual(["spurious-local-minimum", "optimum value"]);
    expect(valueOnly.reason).toMatch(/the given optimum's value \(no network given to evaluate\)/);
    // a lower bound far below L, and no network: not established
    const noSolve = await classify(spData, spLambda, net, { solve: false });
    expect(noSolve.local!.passed).toBe(true);
    expect(noSolve.verdict).toBe("undetermined");
    expect(noSolve.reason).toMatch(/no network with lower L is known/);
    const lowerOnly = await classify(spData, spLambda, net, { lowerBound: g.lowerBound, solve: false });
    expect(lowerOnly.lowerBound).toBeLessThan(0.7 * lowerOnly.loss);
    expect(lowerOnly.verdict).toBe("undetermined");
    // a known network, but not lower by more than gapTol·L
    const close = await classify(spData, spLambda, net, { lowerBound: g.lowerBound, globalValue: known.loss * (1 - 1e-7) });
    expect(close.verdict).toBe("undetermined");
    expect(close.reason).toMatch(/not lower than L by more than gapTol·L/);
  });

  it("a global solve run late (a loose lowerBound given, then a local minimum found) still certifies global", async () => {
    const g = await globalOptimum(spData, { lambda: spLambda });
    // the optimum with a scaled by 1 + 1e-5: its own residual bounds it only to ~1e-5·L, its true gap is ~1e-10·L
    const net = { W: g.network.W, a: g.network.a.map((a) => a * (1 + 1e-5)) };
    const r = await classify(spData, spLambda, net, { lowerBound: 0 });
    expect(r.tried).toEqual(expect.arrayContaining(["local certificate", "global solve"]));
    expect(r.verdict).toBe("global");
    expect(r.relativeGap).toBeLessThan(1e-6);
  });

  it("rows 10²⁰ apart: the optimal network of a loosely bounded problem is undetermined, not spurious (the global solve's network is worse)", async () => {
    const data = toData([[1e20, 2], [3, -1e20], [1, 1]], [1, 2, 3]);
    // polish from a network whose neurons carry one row each: the cone's optimum, L ≈ 0.0597
    const p = await polish(data, { W: [[1e-20, 0], [0, -1e-20], [0.5, 1]], a: [1, 1, 1] }, { lambda: 0.01 });
    expect(p.loss).toBeCloseTo(0.0597, 6);
    const r = p.certificate;
    expect(r.verdict).not.toBe("spurious-local-minimum");
    expect(r.verdict).toBe("undetermined");
    expect(r.loss).toBeCloseTo(0.0597, 6); // its tiny-weight neurons (large outputs on the 10²⁰ rows) are not pruned
    expect(r.relativeGap).toBeGreaterThan(0.5); // the global bound is valid but loose
    expect(r.upperBound!).toBeGreaterThan(r.loss);
    expect(r.reason).toMatch(/global or spurious is not established/);
  });
});

describe("given bounds", () => {
  it("that contradict what is evaluated or certified are refused, naming the field: they would make any network global, or a local minimum spurious", async () => {
    const net = (await coneOptimum(spData, spSeed, { lambda: spLambda })).network;
    const g = await globalOptimum(spData, { lambda: spLambda });
    // a "lower bound" above this network's L, or above a known network's L
    await expect(classify(spData, spLambda, net, { lowerBound: 10 })).rejects.toThrow(/^lowerBound: .*at most every network's L/);
    await expect(classify(spData, spLambda, net, { lowerBound: 0.99 * g.value + 0.01 * 10, globalValue: g.value })).rejects.toThrow(/^lowerBound/);
    await expect(classify(spData, spLambda, net, { optimum: { value: g.value, lowerBound: 2 * g.value, lambda: spLambda } })).rejects.toThrow(/^optimum\.lowerBound/);
    // a "known value" below the certified bound: no network has it
    await expect(classify(spData, spLambda, net, { globalValue: 0 })).rejects.toThrow(/^globalValue: .*no network has that L/);
    await expect(classify(spData, spLambda, net, { optimum: { value: 0, lowerBound: 0, lambda: spLambda } })).rejects.toThrow(/^optimum\.value/);
    // consistent ones are taken
    expect((await classify(spData, spLambda, net, { lowerBound: g.lowerBound, globalValue: g.value })).verdict).toBe("spurious-local-minimum");
  });
});

describe("bounded adjacency", () => {
  it("a neuron with many data points on its hyperplane skips the local certificate up front (maxAdjacent), instead of failing in the enumeration", async () => {
    const rows: number[][] = [], y: number[] = [];
    for (let k = 0; k < 40; k++) { rows.push([0, -2 + k * 0.1, 1]); y.push(Math.sin(k)); }
    rows.push([1, 0, 1]); y.push(1);
    const data = toData(rows, y);
    const r = await classify(data, 0.01, { W: [[1, 0, 0]], a: [1] }, { maxAdjacent: 100 });
    expect(r.local).toBeUndefined();
    expect(r.tried.join("; ")).toMatch(/local certificate skipped: 1562 > maxAdjacent = 100/);
    expect(r.verdict).not.toBe("spurious-local-minimum");
  });
});

describe("dead and decaying networks", () => {
  it("two dead neurons of tiny weights (slack ≪ localTol·L) are no local minimum: a saddle whose witness lowers L", async () => {
    // as orthogonal --quick's n = 3, m = 2 GD run that stopped on gradTol: every neuron off every data point
    const data = toData([[1, 0.2], [0.3, 1], [0.5, 0.5]], [1, 2, 3]);
    const net: Network = { W: [[-2e-7, -1e-7], [-1e-7, -3e-7]], a: [1e-7, -2e-7] };
    const r = await classify(data, 0.01, net);
    expect(r.local!.relativeSlack).toBeLessThan(1e-12);
    expect(r.local!.passed).toBe(false);
    expect(r.verdict).toBe("saddle");
    expect(r.descent!.loss).toBeLessThan(r.loss);
    // a neuron whose removal lowers L only below rounding: still never spurious
    const tiny = await classify(data, 0.01, { W: [[-2e-12, -1e-12]], a: [1e-12] });
    expect(tiny.verdict).not.toBe("spurious-local-minimum");
    expect(tiny.local!.weakestNeuron!.dataRise).toBe(0);
  });
});

describe("the research's first-order label", () => {
  it("zeroes weights below the tolerance and allows any relu′(0) at kinks; absolute, so not scale-free", () => {
    const net: Network = { W: [[c, 4e-5]], a: [c] };
    const l = researchFirstOrderLabel(kinkData, kinkLambda, net);
    expect(l.zeroed).toBe(1);
    expect(l.kinks).toBe(1);
    expect(l.label).toBe("first-order-stationary");
    // a non-stationary network
    expect(researchFirstOrderLabel(kinkData, kinkLambda, { W: [[0.5, 0]], a: [0.5] }).label).toBe("not-first-order-stationary");
    // rescaled by c = 1e-4 the entries fall below the absolute tolerance: a label, not a verdict
    const s = 1e-2;
    const tiny = researchFirstOrderLabel({ ...kinkData, y: kinkData.y.map((v) => 1e-4 * v) }, 1e-4 * kinkLambda, { W: [[0.5 * s, 0]], a: [0.5 * s] });
    expect(tiny.label).toBe("first-order-stationary");
  });
});

describe("the research's first-order label, on its tolerance's boundary", () => {
  it("a kink whose relu′(0) can zero the gradient is first-order-stationary for every nearby problem (the search aims inside the set, not on its edge)", () => {
    // one neuron w = a = (1, 0)·1: x₂ on its hyperplane; the kink's column can cancel the second entry for
    // relu′(0) ∈ [0.25, 0.75] (the entry is 2·tol, the column −4·tol): the test passes, at every y below
    let stationary = 0;
    for (let i = 0; i < 200; i++) {
      const t = 1e-4 * (1 + i * 1e-3);
      const y3 = 1 - 1.5 * t, y1 = 2.03 - y3, y2 = 3 * t * (1 + (0.37 * (i % 7)) / 7);
      const l = researchFirstOrderLabel(toData([[1, 0], [0, 1], [1, 1]], [y1, y2, y3]), 0.01, { W: [[1, 0]], a: [1] });
      expect(l.kinks).toBe(1);
      if (l.label === "first-order-stationary" && l.maxEntry < 5e-5 * (1 - 1e-7)) stationary++;
    }
    expect(stationary).toBe(200);
  });
});

describe("the region path", () => {
  it("alone, it finds descent where the others would: the concave kink, a chattering GD network, a free neuron", async () => {
    const gd = JSON.parse(readFileSync(`${FIXTURES}/ex4_small2d.numpy64.json`, "utf8"));
    const spNet = (await coneOptimum(spData, spSeed, { lambda: spLambda })).network;
    for (const [data, lambda, net, width] of [[kinkData, kinkLambda, kinkNet, undefined], [exData, exLambda, { W: gd.W, a: gd.a }, undefined], [spData, spLambda, spNet, 3]] as const) {
      const r = await classify(data, lambda, net, { witnesses: ["region-path"], width });
      expect(r.descent?.kind).toBe("region-path");
      expect(["saddle", "not-stationary"]).toContain(r.verdict);
    }
    await expect(classifyNetwork(kinkData, kinkNet, { lambda: kinkLambda, witnesses: ["sideways" as "clarke"] })).rejects.toThrow(/witnesses/);
  });
});

describe("descent witnesses", () => {
  it("every witness produced above lowers L, evaluated by the plain TypeScript reference", () => {
    expect(witnesses.length).toBeGreaterThan(5);
    for (const { data, lambda, r } of witnesses) {
      const d = r.descent!;
      expect(d.W.length).toBe(r.network.W.length);
      expect(d.a.length).toBe(r.network.a.length);
      const L0 = reference(data, lambda, r.network);
      const L1 = reference(data, lambda, step(r.network, d, d.step));
      expect(L1).toBeLessThan(L0);
      expect(Math.abs(L1 - d.loss)).toBeLessThan(1e-12 * L0);
    }
  });
});
