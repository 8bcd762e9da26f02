// From lab settings to a problem and training options, the same in the page's worker, in Node tests
// and in the bench: the data come from the package's seeded generators, so a seed gives the same run
// everywhere.
import { type Data, rows } from "../api/data.js";
import { type Problem, parseProblem } from "../api/problem.js";
import type { TrainOptions } from "../api/train-options.js";
import type { CoreExports } from "../core/loader.js";
import { moonsData } from "../data/moons.js";
import { orthogonalData } from "../data/orthogonal.js";
import { regression1dData } from "../data/regression1d.js";
import { smallInitData } from "../data/small-init.js";
import { teacherData } from "../data/teacher.js";
import type { LabSettings } from "./settings.js";

export interface LabProblem {
  /** The problem the trainer sees (bias column appended when `bias`). */
  problem: Problem;
  /** The data as generated (no bias column). */
  raw: Data;
  /** For d > 2: the two top principal directions of X (row-major 2×d) spanning the plane drawn. */
  basis: Float64Array | null;
}

/** The data set of the settings. */
export async function labData(s: LabSettings, core?: CoreExports): Promise<Data> {
  switch (s.ds) {
    case "regression1d":
      return regression1dData({ n: s.n, noise: s.noise, seed: s.dseed }, core);
    case "teacher":
      return teacherData({ n: s.n, d: s.d, seed: s.dseed }, core);
    case "moons":
      return moonsData({ n: s.n, noise: s.noise, seed: s.dseed }, core);
    case "smallinit":
      return smallInitData({ n: s.n, seed: s.dseed }, core);
    case "orthogonal":
      return orthogonalData({ n: s.n, d: s.d, seed: s.dseed }, core);
  }
}

/** The training options of the settings. */
export function labTrainOptions(s: LabSettings): TrainOptions {
  return {
    m: s.m,
    alpha: s.alpha,
    initScheme: s.init,
    lr: s.lr,
    method: s.method,
    batchSize: s.batch,
    seed: s.seed,
    maxEpochs: s.epochs,
  };
}

export async function labProblem(s: LabSettings, core?: CoreExports): Promise<LabProblem> {
  const raw = await labData(s, core);
  const problem = parseProblem({ X: rows(raw), y: Array.from(raw.y), lambda: s.lambda, bias: s.bias });
  return { problem, raw, basis: raw.d > 2 ? principalPlane(raw) : null };
}

/** The top two eigenvectors of XᵀX (power iteration with deflation; deterministic). */
export function principalPlane(data: Data): Float64Array {
  const { X, n, d } = data;
  const G = new Float64Array(d * d);
  for (let k = 0; k < n; k++) for (let i = 0; i < d; i++) for (let j = 0; j < d; j++) G[i * d + j] += X[k * d + i] * X[k * d + j];
  const out = new Float64Array(2 * d);
  for (let r = 0; r < 2; r++) {
    let v = new Float64Array(d).map((_, i) => 1 / (1 + i + r));
    for (let it = 0; it < 500; it++) {
      const w = new Float64Array(d);
      for (let i = 0; i < d; i++) for (let j = 0; j < d; j++) w[i] += G[i * d + j] * v[j];
      if (r === 1) {
        let dot = 0;
        for (let i = 0; i < d; i++) dot += w[i] * out[i];
        for (let i = 0; i < d; i++) w[i] -= dot * out[i];
      }
      const norm = Math.hypot(...w);
      if (!(norm > 0)) break;
      v = w.map((x) => x / norm);
    }
    if (r === 1) {
      // keep the second direction orthogonal to the first even when XᵀX has rank 1
      let dot = 0;
      for (let i = 0; i < d; i++) dot += v[i] * out[i];
      const u = v.map((x, i) => x - dot * out[i]);
      const norm = Math.hypot(...u);
      v = norm > 1e-12 ? u.map((x) => x / norm) : v;
    }
    out.set(v, r * d);
  }
  return out;
}

/**
 * The settings' data and λ as a "train" run's configuration (src/sweep/train-kind.ts): generated
 * teacher data by its settings (as a sweep file gives them), any other data set inline.
 */
export async function trainKindData(s: LabSettings, core?: CoreExports): Promise<Record<string, unknown>> {
  if (s.ds === "teacher") return { n: s.n, d: s.d, dataSeed: s.dseed, bias: s.bias, lambda: s.lambda };
  const raw = await labData(s, core);
  return { problem: { X: rows(raw), y: Array.from(raw.y), bias: s.bias }, lambda: s.lambda };
}
