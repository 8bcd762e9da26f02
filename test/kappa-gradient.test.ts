// The output scaling κ of the training core, checked against central finite differences of a plain
// loss written here: f = (1/κ)Σ aⱼ relu(wⱼ·x), L = (1/n)Σ(f − y)² + λ(‖W‖² + ‖a‖²).
import { describe, expect, it } from "vitest";
import { Trainer, evaluateNetwork } from "../src/api/train.js";
import { toData } from "../src/api/data.js";

function lossOf(X: number[][], y: number[], lambda: number, kappa: number, theta: number[], m: number, d: number): number {
  let s = 0;
  for (let k = 0; k < X.length; k++) {
    let f = 0;
    for (let j = 0; j < m; j++) {
      let z = 0;
      for (let i = 0; i < d; i++) z += theta[j * d + i] * X[k][i];
      f += theta[m * d + j] * Math.max(z, 0);
    }
    s += (f / kappa - y[k]) ** 2;
  }
  let r = 0;
  for (const v of theta) r += v * v;
  return s / X.length + lambda * r;
}

// a small deterministic problem (no randomness needed; values chosen away from ReLU kinks)
const X = [[0.9, -0.3, 0.5], [-0.4, 1.1, 0.2], [0.3, 0.7, -1.2], [1.5, 0.1, 0.4], [-0.8, -0.6, 0.9]];
const y = [0.7, -0.2, 1.1, 0.4, -0.9];
const W = [[0.5, -0.7, 0.2], [-0.3, 0.8, 0.6], [0.9, 0.4, -0.5], [0.2, -0.1, 0.7]];
const a = [1.3, -0.6, 0.8, -1.1];
const m = 4, d = 3;
const theta0 = [...W.flat(), ...a];

describe("output scaling κ (training core)", () => {
  for (const kappa of [1, 0.37, 4.5]) {
    for (const lambda of [0, 0.05]) {
      it(`loss and one GD step match finite differences (κ = ${kappa}, λ = ${lambda})`, async () => {
        const lr = 1e-3;
        const state = await evaluateNetwork({ W, a }, toData(X, y), lambda, { kappa });
        const L = lossOf(X, y, lambda, kappa, theta0, m, d);
        expect(state.loss).toBeCloseTo(L, 12);
        // FD gradient
        const h = 1e-6;
        const g = theta0.map((_, i) => {
          const p = [...theta0], q = [...theta0];
          p[i] += h;
          q[i] -= h;
          return (lossOf(X, y, lambda, kappa, p, m, d) - lossOf(X, y, lambda, kappa, q, m, d)) / (2 * h);
        });
        expect(state.gradNormSq).toBeCloseTo(g.reduce((s, v) => s + v * v, 0), 6);
        // one step of GD: θ₁ = θ₀ − lr·∇L, so (θ₀ − θ₁)/lr is the core's gradient, component by component
        const t = await Trainer.create({ X, y, lambda, init: { W, a } }, { kappa, lr, maxEpochs: 1e9, gradTol: 0 });
        t.advance(1);
        const p = t.params();
        t.dispose();
        const theta1 = [...p.W.flat(), ...p.a];
        theta1.forEach((v, i) => expect((theta0[i] - v) / lr).toBeCloseTo(g[i], 6));
      });
    }
  }
});
