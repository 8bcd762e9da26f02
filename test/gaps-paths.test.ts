// Paths between networks: the batched path losses against the training core, barriers (zero for a
// network and itself, zero for a convex problem), alignment, and dynamic string sampling.
import { describe, expect, it } from "vitest";
import { evaluateNetwork, Trainer, type Network } from "../src/index.js";
import { PathEvaluator, flatten, unflatten, distance } from "../src/api/path-eval.js";
import { alignNetwork, alignmentPermutation, segmentProfile } from "../src/api/paths.js";
import { hungarian } from "../src/api/hungarian.js";
import { stringBetween, stringLevel } from "../src/api/string.js";
import { moonsData } from "../src/data/moons.js";
import { withBias } from "../src/experiments/gaps/data.js";
import type { Problem } from "../src/api/problem.js";
import { lcg, randomMatrix, randomVector } from "./helpers.js";

const net = (m: number, d: number, seed: number, scale = 1): Network => ({ W: randomMatrix(m, d, seed, scale), a: randomVector(m, seed + 1, scale) });
const lerp = (A: Network, B: Network, t: number): Network => ({
  W: A.W.map((w, j) => w.map((v, k) => (1 - t) * v + t * B.W[j][k])),
  a: A.a.map((v, j) => (1 - t) * v + t * B.a[j]),
});

async function moonsProblem(n = 200): Promise<Problem> {
  return { data: withBias(await moonsData({ n, noise: 0.1, seed: 0 })), lambda: 1e-3, bias: true, train: {} };
}

describe("path losses", () => {
  it("equal the training core's loss at every point of a segment (all losses and regularizers, κ ≠ 1)", async () => {
    const p = await moonsProblem(61); // odd n: the SIMD pairs of samples end with a padding sample
    const A = net(21, 3, 5), B = net(21, 3, 8);
    for (const s of [{ loss: "squared", regularizer: "l2", kappa: 1 }, { loss: "logistic", regularizer: "l2", kappa: 2.5 }, { loss: "logistic", regularizer: "l1-unit", kappa: 1 }, { loss: "squared", regularizer: "l1-unit", kappa: 0.7 }] as const) {
      const ev = await PathEvaluator.create(p.data, 21, { lambda: 0.03, ...s });
      const ts = [0, 0.13, 0.5, 0.77, 1];
      const r = ev.segment(flatten(A), flatten(B), ts);
      for (let i = 0; i < ts.length; i++) {
        const ref = await evaluateNetwork(lerp(A, B, ts[i]), p.data, 0.03, s);
        expect(Math.abs(r.loss[i] - ref.loss)).toBeLessThan(1e-12 * Math.max(1, ref.loss));
        expect(Math.abs(r.dataLoss[i] - ref.dataLoss)).toBeLessThan(1e-12 * Math.max(1, ref.dataLoss));
      }
      ev.dispose();
    }
  });

  it("a network and itself: no barrier, and a string with no beads and gap 0", async () => {
    const p = await moonsProblem();
    const A = net(16, 3, 2, 0.5);
    const ev = await PathEvaluator.create(p.data, 16, { lambda: p.lambda, loss: "logistic", regularizer: "l1-unit" });
    const seg = segmentProfile(ev, flatten(A), flatten(A), 17);
    expect(Math.abs(seg.barrier)).toBeLessThan(1e-14);
    expect(seg.distance).toBe(0);
    const s = await stringBetween(p, A, A, { loss: "logistic", regularizer: "l1-unit" }, { thresholdRel: 0 }, ev);
    expect(s.success).toBe(true);
    expect(s.beads).toBe(0);
    expect(Math.abs(s.gap)).toBeLessThan(1e-14);
    expect(s.length).toBe(1);
    ev.dispose();
  });

  it("a convex problem has no barrier: networks sharing W (a random-features model, convex in a)", async () => {
    const p = await moonsProblem();
    for (const [loss, regularizer] of [["squared", "l2"], ["logistic", "l1-unit"]] as const) {
      const ev = await PathEvaluator.create(p.data, 12, { lambda: 0.01, loss, regularizer });
      for (let seed = 0; seed < 5; seed++) {
        const A = net(12, 3, 100 + seed), B = { W: A.W, a: randomVector(12, 200 + seed, 3) };
        const seg = segmentProfile(ev, flatten(A), flatten(B), 41);
        expect(seg.barrier).toBeLessThanOrEqual(1e-12);
        // and the profile itself is convex: second differences ≥ 0
        const L = seg.profile.loss;
        for (let i = 1; i + 1 < L.length; i++) expect(L[i - 1] - 2 * L[i] + L[i + 1]).toBeGreaterThan(-1e-12);
      }
      // while the nonconvex problem shows one: a trained network and a permuted copy (same loss)
      const t = await Trainer.create({ ...p, lambda: 0.01 }, { loss, regularizer, m: 12, lr: 0.2, alpha: 0.3, maxEpochs: 2000, gradTol: 0, seed: 3 });
      const A = (await t.run()) as Network;
      t.dispose();
      const P = { W: [...A.W.slice(1), A.W[0]], a: [...A.a.slice(1), A.a[0]] };
      expect(segmentProfile(ev, flatten(A), flatten(P), 41).barrier).toBeGreaterThan(1e-2);
      ev.dispose();
    }
  });
});

describe("alignment", () => {
  it("the Hungarian assignment is optimal (brute force over all permutations, m ≤ 6)", () => {
    const perms = (k: number): number[][] => (k === 0 ? [[]] : perms(k - 1).flatMap((p) => Array.from({ length: k }, (_, i) => [...p.slice(0, i), k - 1, ...p.slice(i)])));
    const r = lcg(11);
    for (let trial = 0; trial < 30; trial++) {
      const m = 1 + (trial % 6);
      const cost = Float64Array.from({ length: m * m }, () => Math.floor(r() * 10)); // ties on purpose
      const p = hungarian(cost, m);
      expect([...p].sort()).toEqual(Array.from({ length: m }, (_, i) => i));
      const total = (q: ArrayLike<number>) => Array.from(q).reduce((s, j, i) => s + cost[i * m + j], 0);
      expect(total(p)).toBe(Math.min(...perms(m).map(total)));
    }
  });

  it("never increases the distance, and recovers a permuted copy exactly", () => {
    for (let seed = 0; seed < 20; seed++) {
      const m = 3 + seed, A = net(m, 4, seed), B = net(m, 4, 1000 + seed);
      const before = distance(flatten(A), flatten(B)), after = distance(flatten(A), flatten(alignNetwork(A, B)));
      expect(after).toBeLessThanOrEqual(before + 1e-12);
      // a permuted copy of A aligns back to A
      const order = Array.from({ length: m }, (_, j) => (j * 7 + seed) % m).filter((v, i, arr) => arr.indexOf(v) === i);
      if (order.length !== m) continue;
      const P = { W: order.map((j) => A.W[j]), a: order.map((j) => A.a[j]) };
      expect(distance(flatten(A), flatten(alignNetwork(A, P)))).toBe(0);
      expect(Array.from(alignmentPermutation(A, P)).map((j) => order[j])).toEqual(Array.from({ length: m }, (_, j) => j));
    }
  });

  it("flatten and unflatten are inverse", () => {
    const A = net(5, 3, 1);
    expect(unflatten(flatten(A), 5, 3)).toEqual(A);
  });
});

describe("dynamic string sampling", () => {
  it("on success every bead (re-evaluated by the training core) and every sampled point stays below L₀", async () => {
    const p = await moonsProblem();
    const train = { loss: "logistic" as const, regularizer: "l1-unit" as const, lr: 0.5, alpha: 0.1, maxEpochs: 3000, gradTol: 0 };
    const nets: Network[] = [];
    for (const seed of [1, 2]) {
      const t = await Trainer.create(p, { ...train, m: 32, seed });
      const r = await t.run();
      nets.push({ W: r.W, a: r.a });
      t.dispose();
    }
    const s = await stringBetween(p, nets[0], nets[1], train, { thresholdRel: 0.01, beadEpochs: 2000, maxBeads: 12 });
    expect(s.beads).toBeGreaterThan(0); // the straight segment rose above L₀: the check below is not vacuous
    expect(s.linearBarrier).toBeGreaterThan(s.threshold - Math.max(s.lossA, s.lossB));
    expect(s.path.length).toBe(s.beads + 2);
    expect(s.beadLosses.length).toBe(s.beads + 2);
    for (let i = 0; i < s.path.length; i++) {
      const L = (await evaluateNetwork(s.path[i], p.data, p.lambda, train)).loss;
      expect(Math.abs(L - s.beadLosses[i])).toBeLessThan(1e-12);
      if (s.success) expect(L).toBeLessThanOrEqual(s.threshold);
    }
    if (s.success) expect(Math.max(...s.profile.loss)).toBeLessThanOrEqual(s.threshold);
    else expect(Math.max(...s.profile.loss)).toBeGreaterThan(s.threshold);
    expect(s.gap).toBeCloseTo(Math.max(...s.profile.loss) - Math.max(s.lossA, s.lossB), 14);
    // the endpoints are A and the aligned B; the length is Σ‖θᵢ₊₁ − θᵢ‖ / ‖θ_B − θ_A‖ ≥ 1
    expect(s.path[0]).toEqual(nets[0]);
    expect(s.path[s.path.length - 1]).toEqual(alignNetwork(nets[0], nets[1]));
    const F = s.path.map(flatten);
    const len = F.slice(1).reduce((acc, v, i) => acc + distance(F[i], v), 0) / distance(F[0], F[F.length - 1]);
    expect(s.length).toBeCloseTo(len, 12);
    expect(s.length).toBeGreaterThanOrEqual(1);
    expect(s.profile.s[0]).toBe(0);
    expect(s.profile.s[s.profile.s.length - 1]).toBeCloseTo(1, 12);
  });

  it("with no bead allowed, a segment above L₀ is reported as a failure with the straight barrier as gap", async () => {
    const p = await moonsProblem();
    const A = net(8, 3, 31), B = net(8, 3, 32);
    const s = await stringBetween(p, A, B, { loss: "logistic" }, { maxBeads: 0, thresholdRel: 0 });
    if (s.linearBarrier > 0) {
      expect(s.success).toBe(false);
      expect(s.stop).toBe("max-beads");
      expect(s.gap).toBeCloseTo(s.linearBarrier, 14);
    } else expect(s.success).toBe(true);
  });
});

describe("the lowest level at which a string is found (bisection on L₀)", () => {
  const train = { loss: "logistic" as const, regularizer: "l1-unit" as const, lr: 0.5, alpha: 0.1, gradTol: 0 };
  async function trained(p: Problem, seed: number, epochs: number, m = 32, lr = 0.5): Promise<Network> {
    const t = await Trainer.create(p, { ...train, m, seed, maxEpochs: epochs, lr });
    const r = await t.run();
    t.dispose();
    return { W: r.W, a: r.a };
  }

  it("on a pair whose straight segment is already below the threshold, the level does not depend on the threshold", async () => {
    const p = await moonsProblem();
    // one seed, two schedules: a straight segment with a small barrier (≈ 0.2% of the loss)
    const A = await trained(p, 1, 2000, 128), B = await trained(p, 1, 3000, 128, 0.3);
    const levels = [];
    for (const thresholdRel of [0.01, 0.05, 0.3]) {
      const r = (await stringLevel(p, A, B, train, { thresholdRel, beadEpochs: 1000 })).direct;
      expect(r.straightLevel).toBeLessThan((1 + thresholdRel) * r.endpointLoss); // the premise
      expect(r.straightLevel - r.endpointLoss).toBeGreaterThan(r.resolution); // and the search had something to do
      expect(r.rounds.length).toBeGreaterThan(0);
      levels.push(r);
    }
    expect(levels[1].level).toBe(levels[0].level);
    expect(levels[2].level).toBe(levels[0].level);
    expect(levels[1].rounds).toEqual(levels[0].rounds);
    // while a single threshold's gap is at most its L₀ − max(L_A, L_B): the old answer moved with it on pairs that need beads
    for (const r of levels) {
      expect(r.level).toBeLessThanOrEqual(r.straightLevel);
      expect(r.level).toBeGreaterThanOrEqual(r.endpointLoss);
      expect(r.bracket[1]).toBe(r.level);
      expect(r.bracket[1] - r.bracket[0] <= r.resolution).toBe(r.resolved);
    }
  });

  it("the level is a real string's max, re-evaluated; it never exceeds the single-threshold string; gaps absolute and relative; alignment reported apart", async () => {
    const p = await moonsProblem();
    const A = await trained(p, 1, 3000), B = await trained(p, 2, 3000);
    const opts = { thresholdRel: 0.01, beadEpochs: 2000, maxBeads: 12 };
    const old = await stringBetween(p, A, B, train, { ...opts, align: false });
    const { direct, aligned } = await stringLevel(p, A, B, train, { ...opts, align: true });
    // the first round is the single-threshold string method (from the straight segment, at the same L₀)
    expect(old.linearBarrier).toBeGreaterThan(0.01 * Math.max(old.lossA, old.lossB)); // beads were needed
    expect(direct.rounds[0].threshold).toBe(old.threshold);
    expect(direct.rounds[0].maxLoss).toBe(old.maxLoss);
    expect(direct.level).toBeLessThanOrEqual(old.maxLoss);
    expect(direct.rounds.length).toBeGreaterThan(1);
    expect(direct.gap).toBeCloseTo(direct.level - direct.endpointLoss, 15);
    expect(direct.relativeGap).toBeCloseTo(direct.gap / direct.endpointLoss, 15);
    // the reported string: A … B, every bead (the training core's L) at or below the level, the profile's max is the level
    expect(direct.path[0]).toEqual(A);
    expect(direct.path[direct.path.length - 1]).toEqual(B);
    for (const net of direct.path) expect((await evaluateNetwork(net, p.data, p.lambda, train)).loss).toBeLessThanOrEqual(direct.level * (1 + 1e-12));
    expect(Math.max(...direct.profile.loss)).toBe(direct.level);
    // the aligned join ends at B's aligned copy (the same function, another point) and is reported on its own
    expect(aligned!.path[aligned!.path.length - 1]).toEqual(alignNetwork(A, B));
    expect(aligned!.endpointLoss).toBeCloseTo(direct.endpointLoss, 12);
    expect(aligned!.distance).toBeLessThanOrEqual(direct.distance);
    expect(aligned!.level).toBeGreaterThanOrEqual(aligned!.endpointLoss);
  });

  it("bad settings name the field", async () => {
    const p = await moonsProblem(40);
    const A = net(4, 3, 1), B = net(4, 3, 2);
    await expect(stringLevel(p, A, B, {}, { resolution: 0 })).rejects.toThrow(/resolution/);
    await expect(stringLevel(p, A, B, {}, { maxRounds: -1 })).rejects.toThrow(/maxRounds/);
    await expect(stringLevel(p, A, net(5, 3, 2))).rejects.toThrow(/B/);
  });
});
