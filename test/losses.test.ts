// The logistic loss and the l1-unit regularizer of the training core, checked from outside: the
// core's own loss value against a direct formula, its gradient (one step with lr = 1) against central
// finite differences of the core's own loss, and the projection onto ‖wⱼ‖ ≤ 1 after every step.
import { describe, expect, it } from "vitest";
import { Trainer, evaluateNetwork, toData, parseProblem, type Network } from "../src/index.js";
import { randomMatrix, randomVector } from "./helpers.js";

const relu = (z: number) => (z > 0 ? z : 0);
function outputs(net: Network, X: number[][]): number[] {
  return X.map((x) => net.a.reduce((s, a, j) => s + a * relu(net.W[j].reduce((t, w, i) => t + w * x[i], 0)), 0));
}
/** log(1 + e^m) computed stably. */
const softplus = (m: number) => (m > 0 ? m + Math.log1p(Math.exp(-m)) : Math.log1p(Math.exp(m)));

function setup(n: number, d: number, m: number, seed: number) {
  const X = randomMatrix(n, d, seed);
  const y = randomVector(n, seed + 1).map((v) => (v > 0 ? 1 : -1));
  const init: Network = { W: randomMatrix(m, d, seed + 2), a: randomVector(m, seed + 3) };
  return { X, y, init };
}

const clone = (net: Network): Network => ({ W: net.W.map((w) => [...w]), a: [...net.a] });

describe("logistic loss", () => {
  it("L equals (1/n)Σ log(1 + e^{−y f}) + λ(‖W‖² + ‖a‖²), and ℓ1 gives λ‖a‖₁", async () => {
    const { X, y, init } = setup(13, 4, 7, 3);
    const f = outputs(init, X);
    const data = f.reduce((s, v, k) => s + softplus(-y[k] * v), 0) / X.length;
    const norm = init.W.flat().reduce((s, v) => s + v * v, 0) + init.a.reduce((s, v) => s + v * v, 0);
    const l1 = init.a.reduce((s, v) => s + Math.abs(v), 0);
    const s2 = await evaluateNetwork(init, toData(X, y), 0.07, { loss: "logistic" });
    expect(Math.abs(s2.dataLoss - data)).toBeLessThan(1e-14 * Math.max(1, data));
    expect(Math.abs(s2.loss - (data + 0.07 * norm))).toBeLessThan(1e-13);
    const s1 = await evaluateNetwork(init, toData(X, y), 0.07, { loss: "logistic", regularizer: "l1-unit" });
    expect(Math.abs(s1.loss - (data + 0.07 * l1))).toBeLessThan(1e-13);
  });

  it("stays finite and exact for huge margins (no overflow of e^{−y f})", async () => {
    const X = [[1], [1]], y = [1, -1];
    const s = await evaluateNetwork({ W: [[1]], a: [2000] }, toData(X, y), 0, { loss: "logistic" });
    // sample 1: log(1 + e^{−2000}) ≈ 0; sample 2: log(1 + e^{2000}) ≈ 2000
    expect(s.dataLoss).toBeCloseTo(1000, 10);
  });

  for (const regularizer of ["l2", "l1-unit"] as const) {
    it(`the gradient (one step, lr = 1) matches central differences of the core's loss (${regularizer})`, async () => {
      const { X, y, init } = setup(11, 3, 6, 40);
      // keep every row strictly inside the unit ball so the l1-unit projection does not act
      if (regularizer === "l1-unit") init.W = init.W.map((w) => w.map((v) => v * 0.3 / Math.hypot(...w)));
      const lambda = 0.03, opts = { loss: "logistic" as const, regularizer };
      const t = await Trainer.create({ X, y, lambda, init, train: { lr: 1e-3, maxEpochs: 1, gradTol: 0, ...opts } });
      t.advance(1);
      const after = t.params();
      t.dispose();
      const data = toData(X, y);
      const L = async (net: Network) => (await evaluateNetwork(net, data, lambda, opts)).loss;
      const h = 1e-6;
      let checked = 0;
      for (let j = 0; j < init.a.length; j++) {
        for (let k = 0; k <= 3; k++) {
          const plus = clone(init), minus = clone(init);
          if (k < 3) { plus.W[j][k] += h; minus.W[j][k] -= h; } else { plus.a[j] += h; minus.a[j] -= h; }
          const side = (net: Network) => X.map((x) => x.reduce((s, v, i) => s + v * net.W[j][i], 0) > 0).join();
          if (side(plus) !== side(minus)) continue;
          const fd = (await L(plus) - await L(minus)) / (2 * h);
          const step = k < 3 ? init.W[j][k] - after.W[j][k] : init.a[j] - after.a[j];
          expect(Math.abs(step / 1e-3 - fd)).toBeLessThan(1e-6 * Math.max(1, Math.abs(fd)));
          checked++;
        }
      }
      expect(checked).toBeGreaterThan(18);
    });
  }
});

describe("l1-unit projection", () => {
  it("one step is the gradient step followed by scaling each row onto ‖wⱼ‖ ≤ 1", async () => {
    const { X, y, init } = setup(9, 3, 10, 70);
    // half the rows far outside the ball, half inside
    init.W = init.W.map((w, j) => w.map((v) => (v * (j % 2 ? 3 : 0.2)) / Math.hypot(...w)));
    const lambda = 0.01, lr = 1e-4;
    const t = await Trainer.create({ X, y, lambda, init, train: { lr, maxEpochs: 1, gradTol: 0, loss: "logistic", regularizer: "l1-unit" } });
    t.advance(1);
    const after = t.params();
    t.dispose();
    // the unprojected step from central differences of the data loss (l1 adds nothing to ∂/∂W)
    const data = toData(X, y);
    const dataLoss = async (net: Network) => (await evaluateNetwork(net, data, 0, { loss: "logistic" })).dataLoss;
    const h = 1e-6;
    for (let j = 0; j < init.a.length; j++) {
      const raw: number[] = [];
      for (let k = 0; k < 3; k++) {
        const plus = clone(init), minus = clone(init);
        plus.W[j][k] += h; minus.W[j][k] -= h;
        raw.push(init.W[j][k] - lr * ((await dataLoss(plus)) - (await dataLoss(minus))) / (2 * h));
      }
      const norm = Math.hypot(...raw);
      const expected = norm > 1 ? raw.map((v) => v / norm) : raw;
      for (let k = 0; k < 3; k++) expect(Math.abs(after.W[j][k] - expected[k])).toBeLessThan(1e-9);
      expect(Math.hypot(...after.W[j])).toBeLessThanOrEqual(1 + 1e-12);
      if (j % 2) expect(Math.hypot(...after.W[j])).toBeCloseTo(1, 12);
    }
  });

  it("every row stays in the unit ball over a long run with a large step (f64 and f32)", async () => {
    const { X, y, init } = setup(30, 4, 20, 90);
    init.W = init.W.map((w) => w.map((v) => v * 5));
    for (const precision of ["f64", "f32"] as const) {
      for (const method of ["gd", "sgd"] as const) {
        const t = await Trainer.create({ X, y, lambda: 1e-3, init, train: { lr: 0.5, maxEpochs: 300, gradTol: 0, loss: "logistic", regularizer: "l1-unit", precision, method, batchSize: 7 } });
        for (let e = 0; e < 3; e++) {
          t.advance(100);
          for (const w of t.params().W) expect(Math.hypot(...w)).toBeLessThanOrEqual(1 + (precision === "f32" ? 1e-6 : 1e-12));
        }
        // the loss went down from the start: the projected method still trains
        expect(t.state().dataLoss).toBeLessThan(t.result().trace[0].dataLoss);
        t.dispose();
      }
    }
  });
});

describe("bias", () => {
  it("bias: true appends a constant-1 column last and the network's last weight is the bias", async () => {
    const p = parseProblem({ X: [[2, 3], [4, 5]], y: [1, -1], bias: true });
    expect(p.data.d).toBe(3);
    expect(Array.from(p.data.X)).toEqual([2, 3, 1, 4, 5, 1]);
    // f(x) = relu(0·x + 1·1) = 1 for every x: logistic loss of margin ±1
    const s = await evaluateNetwork({ W: [[0, 0, 1]], a: [1] }, p.data, 0, { loss: "logistic" });
    expect(s.dataLoss).toBeCloseTo((softplus(-1) + softplus(1)) / 2, 14);
  });
});
