// The training core against a plain TypeScript reference, finite differences and the fixtures of an
// independent float64 implementation; determinism; each stopping rule.
import { describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import { Trainer, train, evaluateNetwork, toData, InputError } from "../src/index.js";
import { getCore, Rng } from "../src/internals.js";
import * as ref from "./reference/train-reference.js";
import { randomMatrix, randomVector, relErr } from "./helpers.js";

function problem(n: number, d: number, m: number, seed: number, scale = 1) {
  const X = randomMatrix(n, d, seed);
  const y = randomVector(n, seed + 1);
  const init = { W: randomMatrix(m, d, seed + 2, scale), a: randomVector(m, seed + 3, scale) };
  return { X, y, init };
}

describe("loss and gradient", () => {
  it("L from the core equals the reference at random points", async () => {
    for (const [n, d, m] of [[7, 3, 5], [20, 5, 13], [3, 9, 17]]) {
      const { X, y, init } = problem(n, d, m, n * 100 + d);
      const s = await evaluateNetwork(init, toData(X, y), 0.03);
      const p = { X, y, lambda: 0.03 };
      expect(Math.abs(s.loss - ref.loss(p, init)) / ref.loss(p, init)).toBeLessThan(1e-14);
      expect(Math.abs(s.normSq - ref.normSq(init)) / ref.normSq(init)).toBeLessThan(1e-14);
    }
  });

  it("the gradient (one step with lr = 1) matches central finite differences of L", async () => {
    const { X, y, init } = problem(9, 4, 6, 7);
    const lambda = 0.05;
    const t = await Trainer.create({ X, y, lambda, init, train: { lr: 1, maxEpochs: 1, gradTol: 0 } });
    t.advance(1);
    const after = t.params();
    t.dispose();
    const g = { W: init.W.map((w, j) => w.map((v, k) => v - after.W[j][k])), a: init.a.map((v, j) => v - after.a[j]) };
    const p = { X, y, lambda };
    const h = 1e-6;
    let checked = 0;
    for (let j = 0; j < init.a.length; j++) {
      for (let k = 0; k <= init.W[0].length; k++) {
        const plus = { W: init.W.map((w) => [...w]), a: [...init.a] };
        const minus = { W: init.W.map((w) => [...w]), a: [...init.a] };
        if (k < init.W[0].length) { plus.W[j][k] += h; minus.W[j][k] -= h; } else { plus.a[j] += h; minus.a[j] -= h; }
        // skip coordinates whose ±h move crosses a kink (a data point changes side)
        const side = (net: ref.RefNet) => X.map((x) => x.reduce((s, v, i) => s + v * net.W[j][i], 0) > 0).join();
        if (side(plus) !== side(minus)) continue;
        const fd = (ref.loss(p, plus) - ref.loss(p, minus)) / (2 * h);
        const an = k < init.W[0].length ? g.W[j][k] : g.a[j];
        expect(Math.abs(fd - an)).toBeLessThan(1e-6 * Math.max(1, Math.abs(fd)));
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(20);
  });

  it("the gradient equals the reference gradient for the logistic loss, κ ≠ 1 and the l1-unit regularizer", async () => {
    const { X, init } = problem(11, 3, 9, 21);
    const y = randomVector(11, 5).map((v) => (v > 0 ? 1 : -1));
    for (const opts of [{ loss: "logistic" as const }, { kappa: 3.5 }, { regularizer: "l1-unit" as const }]) {
      const t = await Trainer.create({ X, y, lambda: 0.02, init, train: { lr: 1e-3, maxEpochs: 1, gradTol: 0, ...opts } });
      t.advance(1);
      const got = t.params();
      t.dispose();
      const want = ref.step({ X, y, lambda: 0.02, ...opts }, init, 1e-3);
      expect(relErr(got.W, want.W)).toBeLessThan(1e-13);
      expect(relErr(got.a, want.a)).toBeLessThan(1e-13);
    }
  });
});

describe("trainer against the reference", () => {
  it("1,000 GD steps agree to 1e-12 relative (f64)", async () => {
    const { X, y, init } = problem(20, 5, 30, 3, 0.5);
    const r = await train({ X, y, lambda: 0.01, init }, { lr: 0.01, maxEpochs: 1000, gradTol: 0 });
    const want = ref.gd({ X, y, lambda: 0.01 }, init, 0.01, 1000);
    expect(r.epochs).toBe(1000);
    expect(r.stopReason).toBe("maxEpochs");
    expect(relErr(r.W, want.W)).toBeLessThan(1e-12);
    expect(relErr(r.a, want.a)).toBeLessThan(1e-12);
    expect(Math.abs(r.loss - ref.loss({ X, y, lambda: 0.01 }, want)) / r.loss).toBeLessThan(1e-12);
  });

  it("SGD with the same seed agrees with the reference using the same permutations", async () => {
    const { X, y, init } = problem(23, 4, 12, 5, 0.5);
    const seed = 77;
    const r = await train({ X, y, lambda: 0.01, init }, { method: "sgd", batchSize: 5, lr: 0.02, maxEpochs: 60, gradTol: 0, seed });
    const rng = new Rng(await getCore(), seed);
    const want = ref.sgd({ X, y, lambda: 0.01 }, init, 0.02, 5, 60, (n) => rng.permutation(n));
    rng.dispose();
    expect(r.epochs).toBe(60);
    expect(relErr(r.W, want.W)).toBeLessThan(1e-12);
    expect(relErr(r.a, want.a)).toBeLessThan(1e-12);
  });

  it("matches the independent float64 fixtures", async () => {
    for (const name of ["ex1_gd", "ex3_bias1d", "ex4_small2d"]) {
      const dir = new URL("./fixtures/", import.meta.url);
      const p = JSON.parse(readFileSync(new URL(`${name}.problem.json`, dir), "utf8"));
      const want = JSON.parse(readFileSync(new URL(`${name}.numpy64.json`, dir), "utf8"));
      const r = await train({ X: p.X, y: p.y, lambda: p.lambda, init: { W: p.W, a: p.a } }, { lr: p.lr, maxEpochs: p.steps, gradTol: 0 });
      expect(r.epochs).toBe(p.steps);
      expect(relErr(r.W, want.W)).toBeLessThan(1e-11);
      expect(relErr(r.a, want.a)).toBeLessThan(1e-11);
      expect(Math.abs(r.loss - want.final_loss) / want.final_loss).toBeLessThan(1e-11);
      expect(Math.abs(r.dataLoss - want.data_loss) / want.data_loss).toBeLessThan(1e-10);
      expect(Math.abs(Math.sqrt(r.gradNormSq) - want.grad_norm) / want.grad_norm).toBeLessThan(1e-8);
    }
  });

  it("f32 stays within 1e-4 relative of f64 over 500 steps", async () => {
    const { X, y, init } = problem(20, 5, 40, 9, 0.5);
    const a = await train({ X, y, lambda: 0.01, init }, { lr: 0.01, maxEpochs: 500, gradTol: 0 });
    const b = await train({ X, y, lambda: 0.01, init }, { lr: 0.01, maxEpochs: 500, gradTol: 0, precision: "f32" });
    expect(Math.abs(a.loss - b.loss) / a.loss).toBeLessThan(1e-4);
    expect(relErr(b.a, a.a)).toBeLessThan(1e-3);
    expect(relErr(b.a, a.a)).toBeGreaterThan(0); // it really ran in f32
  });
});

describe("determinism", () => {
  it("the same seed gives bit-identical results; another seed does not", async () => {
    const X = randomMatrix(15, 4, 1), y = randomVector(15, 2);
    const run = (seed: number, method: "gd" | "sgd") =>
      train({ X, y, lambda: 0.01 }, { m: 25, seed, method, batchSize: 4, maxEpochs: 200, initScheme: "balanced", alpha: 0.5 });
    for (const method of ["gd", "sgd"] as const) {
      const a = await run(3, method), b = await run(3, method), c = await run(4, method);
      expect(b.W).toEqual(a.W);
      expect(b.a).toEqual(a.a);
      expect(b.loss).toBe(a.loss);
      expect(c.loss).not.toBe(a.loss);
    }
  });

  it("balanced init has |aⱼ| = ‖wⱼ‖; gaussian init has the requested scale", async () => {
    const X = randomMatrix(10, 6, 1), y = randomVector(10, 2);
    const t = await Trainer.create({ X, y, lambda: 0 }, { m: 400, initScheme: "balanced", alpha: 0.3, seed: 1 });
    const p = t.params();
    t.dispose();
    p.a.forEach((a, j) => expect(Math.abs(Math.abs(a) - Math.hypot(...p.W[j]))).toBeLessThan(1e-15));
    const pos = p.a.filter((a) => a > 0).length;
    expect(pos).toBeGreaterThan(150);
    expect(pos).toBeLessThan(250);
    const g = await Trainer.create({ X, y, lambda: 0 }, { m: 2000, alpha: 0.3, seed: 2 });
    const q = g.params();
    g.dispose();
    const all = [...q.W.flat(), ...q.a];
    const sd = Math.sqrt(all.reduce((s, v) => s + v * v, 0) / all.length);
    expect(Math.abs(sd - 0.3)).toBeLessThan(0.01); // 14,000 draws: sd of the estimate ≈ 0.0018
  });
});

describe("stopping rules", () => {
  const X = randomMatrix(12, 3, 11), y = randomVector(12, 12);

  it("gradTol fires when ‖∇L‖² drops below it (strong decay drives the net to zero)", async () => {
    const r = await train({ X, y, lambda: 5 }, { m: 10, lr: 0.02, maxEpochs: 1e6, gradTol: 1e-20 });
    expect(r.stopReason).toBe("gradTol");
    expect(r.gradNormSq).toBeLessThan(1e-20);
    expect(r.epochs).toBeLessThan(1e6);
    expect(r.trace.at(-2)!.gradNormSq).toBeGreaterThanOrEqual(1e-20);
  });

  it("maxEpochs stops at exactly that many epochs, also past 2^31 in the count", async () => {
    const r = await train({ X, y, lambda: 0.01 }, { m: 10, maxEpochs: 1234 });
    expect(r.stopReason).toBe("maxEpochs");
    expect(r.epochs).toBe(1234);
    const u = await Trainer.create({ X, y, lambda: 0.01 }, { m: 10, maxEpochs: 700 });
    expect(u.advance(700)).toBe("maxEpochs"); // known as soon as the limit is reached
    expect(u.epoch).toBe(700);
    u.dispose();
    const t = await Trainer.create({ X, y, lambda: 0.01 }, { m: 10, maxEpochs: 3e9 });
    t.advance(5000);
    expect(t.epoch).toBe(5000);
    expect(t.stopReason).toBeUndefined();
    t.dispose();
  });

  it("plateau fires when L improves by less than lossTol over the window", async () => {
    const r = await train({ X, y, lambda: 0.01 }, { m: 10, maxEpochs: 1e6, lossTol: 1e-3, lossWindow: 50 });
    expect(r.stopReason).toBe("plateau");
    expect(r.epochs).toBeLessThan(1e6);
    // replay: at the stop, the loss 50 epochs earlier was within 1e-3 relative
    const before = await train({ X, y, lambda: 0.01 }, { m: 10, maxEpochs: r.epochs - 50 });
    expect((before.loss - r.loss) / before.loss).toBeLessThanOrEqual(1e-3);
  });

  it("diverged keeps the last finite state", async () => {
    const r = await train({ X, y, lambda: 0.01 }, { m: 50, lr: 10, maxEpochs: 10000, alpha: 2 });
    expect(r.stopReason).toBe("diverged");
    expect(Number.isFinite(r.loss)).toBe(true);
    expect(r.W.flat().every(Number.isFinite)).toBe(true);
    expect(r.a.every(Number.isFinite)).toBe(true);
    // the kept state is the one reached after r.epochs steps
    const replay = await train({ X, y, lambda: 0.01 }, { m: 50, lr: 10, maxEpochs: r.epochs, alpha: 2 });
    expect(replay.loss).toBe(r.loss);
  });

  it("halve-on-rise never accepts a rise and lowers the rate; step multiplies it on schedule", async () => {
    const t = await Trainer.create({ X, y, lambda: 0.01 }, { m: 30, lr: 0.5, alpha: 1, lrSchedule: "halve-on-rise", maxEpochs: 3000 });
    let prev = Infinity;
    for (let i = 0; i < 300; i++) {
      t.advance(10);
      const s = t.state();
      expect(s.loss).toBeLessThanOrEqual(prev);
      prev = s.loss;
    }
    expect(t.state().lr).toBeLessThan(0.5);
    t.dispose();
    const u = await Trainer.create({ X, y, lambda: 0.01 }, { m: 5, lr: 0.01, lrSchedule: "step", lrFactor: 0.1, lrEvery: 100 });
    u.advance(250);
    expect(u.state().lr).toBeCloseTo(0.01 * 0.1 * 0.1, 15);
    u.dispose();
  });

  it("the trace is log-spaced and ends at the final epoch", async () => {
    const r = await train({ X, y, lambda: 0.01 }, { m: 10, maxEpochs: 10000, traceGrowth: 2 });
    const epochs = r.trace.map((s) => s.epoch);
    expect(epochs.slice(0, 5)).toEqual([0, 1, 2, 4, 8]);
    expect(epochs.at(-1)).toBe(10000);
    expect(epochs.length).toBeLessThan(20);
    expect(r.trace.at(-1)!.loss).toBe(r.loss);
  });
});

describe("errors name the field", () => {
  const cases: [string, unknown, RegExp][] = [
    ["ragged X", { X: [[1, 2], [3]], y: [1, 2] }, /^X\[1\]: has 1 entries/],
    ["length mismatch", { X: [[1], [2]], y: [1] }, /^y: has 1 entries but X has 2 rows/],
    ["NaN in X", { X: [[1], [NaN]], y: [1, 2] }, /^X\[1\]\[0\]: is NaN/],
    ["Infinity in y", { X: [[1], [2]], y: [1, Infinity] }, /^y\[1\]: is Infinity/],
    ["unknown key", { X: [[1]], y: [1], lamda: 0.1 }, /^lamda: unknown key/],
    ["unknown train key", { X: [[1]], y: [1], train: { learningRate: 1 } }, /^train\.learningRate: unknown key/],
    ["lr ≤ 0", { X: [[1]], y: [1], train: { lr: 0 } }, /^train\.lr:/],
    ["m·d too large", { X: [[1, 2, 3]], y: [1], train: { m: 3e8 } }, /^train\.m: .*WASM memory/],
  ];
  for (const [name, input, re] of cases) {
    it(name, async () => {
      const err = await Trainer.create(input as never).then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(err).toBeInstanceOf(InputError);
      expect((err as Error).message).toMatch(re);
    });
  }
});

describe("observing a run", () => {
  it("pausing and resuming (advance in pieces, or the async iterator) gives the same numbers as one run", async () => {
    const X = randomMatrix(10, 3, 31), y = randomVector(10, 32);
    const whole = await train({ X, y, lambda: 0.01 }, { m: 20, maxEpochs: 3000, seed: 5 });
    const t = await Trainer.create({ X, y, lambda: 0.01 }, { m: 20, maxEpochs: 3000, seed: 5 });
    for (const piece of [1, 7, 500, 13]) t.advance(piece);
    let seen = 0;
    for await (const s of t.states(1)) {
      expect(s.epoch).toBeGreaterThan(0);
      seen++;
    }
    expect(seen).toBeGreaterThan(0);
    const r = t.result();
    t.dispose();
    expect(r.epochs).toBe(3000);
    expect(r.W).toEqual(whole.W);
    expect(r.loss).toBe(whole.loss);
  });
});

describe("l1-unit: proximal steps", () => {
  it("small output weights are soft-thresholded to exactly zero, as in the reference", async () => {
    const { X, init } = problem(10, 3, 12, 41);
    const y = randomVector(10, 42).map((v) => (v > 0 ? 1 : -1));
    init.a = init.a.map((v, j) => (j % 3 === 0 ? 1e-4 * v : v)); // some weights inside the threshold
    const opts = { loss: "logistic" as const, regularizer: "l1-unit" as const };
    const r = await train({ X, y, lambda: 0.5, init }, { lr: 0.01, maxEpochs: 20, gradTol: 0, ...opts });
    let want: ref.RefNet = init;
    for (let t = 0; t < 20; t++) want = ref.step({ X, y, lambda: 0.5, ...opts }, want, 0.01);
    expect(relErr(r.a, want.a)).toBeLessThan(1e-12);
    expect(relErr(r.W, want.W)).toBeLessThan(1e-12);
    expect(r.a.filter((v) => v === 0).length).toBeGreaterThanOrEqual(4);
  });

  it("strong decay reaches the zero output layer exactly and stops on the gradient mapping", async () => {
    const { X, init } = problem(10, 3, 8, 43);
    const y = randomVector(10, 44).map((v) => (v > 0 ? 1 : -1));
    const r = await train({ X, y, lambda: 5, init }, { lr: 0.05, maxEpochs: 1e5, gradTol: 1e-20, loss: "logistic", regularizer: "l1-unit" });
    expect(r.stopReason).toBe("gradTol");
    expect(r.a.every((v) => v === 0)).toBe(true);
    expect(r.gradNormSq).toBeLessThan(1e-20);
  });
});

describe("trace pattern count", () => {
  it("equals the distinct signed patterns of the network's active neurons (TS reference)", async () => {
    const { toData: td } = await import("../src/index.js");
    const { signedPatternKeys } = await import("../src/internals.js");
    const X = randomMatrix(15, 3, 51), y = randomVector(15, 52);
    for (const precision of ["f64", "f32"] as const) {
      const t = await Trainer.create({ X, y, lambda: 0.01 }, { m: 40, alpha: 0.7, seed: 3, precision });
      t.advance(200);
      const net = t.params();
      expect(t.state().patterns).toBe(signedPatternKeys(net, td(X, y)).size);
      expect(t.state().patterns).toBeGreaterThan(5);
      t.dispose();
    }
  });
});
