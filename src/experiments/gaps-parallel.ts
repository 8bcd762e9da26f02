// The trainings of the gap sweep on the sweep engine (Node): every (width, model) is one "gaps-train"
// run on a pool of worker threads, appended to <dir>/results*.jsonl as it finishes (rerunning with the
// same directory and settings resumes). The networks are the same as in-process (model k: seed + k).
import * as fs from "node:fs";
import type { Network } from "../api/network.js";
import type { TrainOptions } from "../api/train-options.js";
import { readResults } from "../sweep/results.js";
import { runSweep } from "../sweep/run-sweep.js";
import type { SweepProgress } from "../sweep/loop.js";
import type { SweepSpec } from "../sweep/spec.js";
import type { GapsDataOptions } from "./gaps-data.js";
import "./gaps-kind.js";

const defined = (o: object) => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined));

export function gapsTrainSpec(data: GapsDataOptions, lambda: number, train: TrainOptions, widths: number[], K: number, seed: number): SweepSpec {
  return {
    name: "gaps-train",
    kind: "gaps-train",
    seed,
    base: { data: defined(data), lambda, train: defined(train), baseSeed: seed },
    axes: { m: [...new Set(widths)], k: Array.from({ length: K }, (_, k) => k) },
  };
}

/** Trains every (width, model) on `workers` threads; returns the networks by width, model k at index k. */
export async function trainGapsModelsParallel(
  data: GapsDataOptions, lambda: number, train: TrainOptions, widths: number[], K: number, seed: number, dir: string,
  opts: { workers?: number; onProgress?: (p: SweepProgress) => void } = {},
): Promise<Map<number, { nets: Network[]; losses: number[]; seconds: number }>> {
  await runSweep(gapsTrainSpec(data, lambda, train, widths, K, seed), { out: dir, workers: opts.workers, onProgress: opts.onProgress, retryFailed: true });
  const got = new Map<string, { net: Network; loss: number; seconds: number }>();
  const errors: string[] = [];
  for (const { records } of readResults(fs, dir)) {
    for (const r of records) {
      const key = `${r.config.m}/${r.config.k}`;
      if (r.result) got.set(key, { net: { W: r.result.W as number[][], a: r.result.a as number[] }, loss: r.result.loss as number, seconds: r.seconds });
      else if (r.error) errors.push(`m=${r.config.m} model ${r.config.k}: ${r.error}`);
    }
  }
  const out = new Map<number, { nets: Network[]; losses: number[]; seconds: number }>();
  for (const m of widths) {
    const runs = Array.from({ length: K }, (_, k) => got.get(`${m}/${k}`));
    if (runs.some((r) => !r)) throw new Error(`training failed for width ${m}: ${errors.filter((e) => e.startsWith(`m=${m} `)).join("; ") || "runs missing"}`);
    out.set(m, { nets: runs.map((r) => r!.net), losses: runs.map((r) => r!.loss), seconds: runs.reduce((s, r) => s + r!.seconds, 0) });
  }
  return out;
}
