// Plain TypeScript reference of the model, its loss and gradient, GD and SGD: the oracle the WASM
// trainer is tested against. Written for clarity, not speed; summation in natural order.

export interface RefNet {
  W: number[][]; // m × d
  a: number[];
}

export interface RefProblem {
  X: number[][]; // n × d
  y: number[];
  lambda: number;
  kappa?: number;
  loss?: "squared" | "logistic";
  regularizer?: "l2" | "l1-unit";
}

const relu = (z: number) => (z > 0 ? z : 0);

export function predict(net: RefNet, x: number[], kappa = 1): number {
  let f = 0;
  for (let j = 0; j < net.a.length; j++) {
    let z = 0;
    for (let k = 0; k < x.length; k++) z += net.W[j][k] * x[k];
    f += net.a[j] * relu(z);
  }
  return f / kappa;
}

function pointLoss(f: number, y: number, kind: "squared" | "logistic"): number {
  if (kind === "logistic") {
    const m = -y * f;
    return m > 0 ? m + Math.log1p(Math.exp(-m)) : Math.log1p(Math.exp(m));
  }
  return (f - y) ** 2;
}

function pointDeriv(f: number, y: number, kind: "squared" | "logistic"): number {
  if (kind === "logistic") return -y / (1 + Math.exp(y * f));
  return 2 * (f - y);
}

export function normSq(net: RefNet): number {
  let s = 0;
  for (const w of net.W) for (const v of w) s += v * v;
  for (const v of net.a) s += v * v;
  return s;
}

/** Data loss on the rows `idx` (default all). */
export function dataLoss(p: RefProblem, net: RefNet, idx?: number[]): number {
  const rows = idx ?? p.X.map((_, i) => i);
  let s = 0;
  for (const i of rows) s += pointLoss(predict(net, p.X[i], p.kappa), p.y[i], p.loss ?? "squared");
  return s / rows.length;
}

export function regularizer(p: RefProblem, net: RefNet): number {
  if (p.regularizer === "l1-unit") return p.lambda * net.a.reduce((s, v) => s + Math.abs(v), 0);
  return p.lambda * normSq(net);
}

/** Whether the network is in the objective's domain: l1-unit needs every ‖wⱼ‖ ≤ 1 (exactly, as computed here). */
export function feasible(p: RefProblem, net: RefNet): boolean {
  if (p.regularizer !== "l1-unit") return true;
  return net.W.every((w) => Math.sqrt(w.reduce((s, v) => s + v * v, 0)) <= 1);
}

export function loss(p: RefProblem, net: RefNet, idx?: number[]): number {
  return dataLoss(p, net, idx) + regularizer(p, net);
}

/** Gradient of the (batch) loss; relu'(0) = 0. */
export function gradient(p: RefProblem, net: RefNet, idx?: number[]): RefNet {
  const rows = idx ?? p.X.map((_, i) => i);
  const m = net.a.length, d = net.W[0].length, kappa = p.kappa ?? 1;
  const gW = net.W.map((w) => w.map(() => 0));
  const ga = net.a.map(() => 0);
  for (const i of rows) {
    const x = p.X[i];
    const r = pointDeriv(predict(net, x, kappa), p.y[i], p.loss ?? "squared") / rows.length / kappa;
    for (let j = 0; j < m; j++) {
      let z = 0;
      for (let k = 0; k < d; k++) z += net.W[j][k] * x[k];
      if (z > 0) {
        ga[j] += r * z;
        for (let k = 0; k < d; k++) gW[j][k] += r * net.a[j] * x[k];
      }
    }
  }
  const l1 = p.regularizer === "l1-unit"; // ℓ1: the data gradient only; step() applies the proximal step
  for (let j = 0; j < m; j++) {
    if (!l1) {
      ga[j] += 2 * p.lambda * net.a[j];
      for (let k = 0; k < d; k++) gW[j][k] += 2 * p.lambda * net.W[j][k];
    }
  }
  return { W: gW, a: ga };
}

const softThreshold = (v: number, t: number) => Math.sign(v) * Math.max(Math.abs(v) - t, 0);

/** One step: plain GD, or for l1-unit the proximal step (soft-threshold a, project rows of W). */
export function step(p: RefProblem, net: RefNet, lr: number, idx?: number[]): RefNet {
  const g = gradient(p, net, idx);
  const l1 = p.regularizer === "l1-unit";
  const next = {
    W: net.W.map((w, j) => w.map((v, k) => v - lr * g.W[j][k])),
    a: net.a.map((v, j) => (l1 ? softThreshold(v - lr * g.a[j], lr * p.lambda) : v - lr * g.a[j])),
  };
  if (l1) {
    for (const w of next.W) {
      const s = Math.sqrt(w.reduce((t, v) => t + v * v, 0));
      if (s > 1) for (let k = 0; k < w.length; k++) w[k] /= s;
    }
  }
  return next;
}

/** `steps` full-batch GD steps. */
export function gd(p: RefProblem, net: RefNet, lr: number, steps: number): RefNet {
  let cur = net;
  for (let t = 0; t < steps; t++) cur = step(p, cur, lr);
  return cur;
}

/** SGD epochs; `permutation(n)` supplies each epoch's order (the same generator as the core's). */
export function sgd(p: RefProblem, net: RefNet, lr: number, batch: number, epochs: number, permutation: (n: number) => ArrayLike<number>): RefNet {
  let cur = net;
  const n = p.X.length;
  for (let e = 0; e < epochs; e++) {
    const perm = Array.from(permutation(n));
    for (let s = 0; s < n; s += batch) cur = step(p, cur, lr, perm.slice(s, s + batch));
  }
  return cur;
}
