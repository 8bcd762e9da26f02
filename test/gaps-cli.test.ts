// The energy-gap experiment and the `gaps` command: shapes, determinism, the same networks in model
// and string runs, shards that add up to the whole sweep, output files, one-line errors.
import { describe, expect, it } from "vitest";
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gaps, gapsProblem, gapsTables, gapsTests, type GapsOptions } from "../src/experiments/gaps/index.js";
import { globalOptimum, lambdaMax } from "../src/convex/optimum.js";
import { experimentSettings } from "../src/experiments/experiment.js";
import { latestRecords, runExperiment } from "../src/experiments/run-experiment.js";
import { registerBuiltinKinds } from "../src/experiments/registry.js";
import { splitCsvLine } from "../src/data/csv.js";
import type { RunRecord } from "../src/sweep/record.js";
import { runCli } from "./cli-run.js";

registerBuiltinKinds();
const tmp = (p = "gaps-") => mkdtempSync(join(tmpdir(), p));

/** The experiment through the one runner, in this thread (as `--workers 0`). */
async function run(opts: GapsOptions, preset?: string, shard?: { index: number; count: number }) {
  const out = tmp();
  const settings = experimentSettings(gaps, opts, preset);
  const r = await runExperiment(gaps, settings, { out, workers: 0, shard });
  return { ...r, out, records: latestRecords(join(out, "runs")) };
}

/** A record without its timings (seconds of the run and of its training or string). */
const untimed = (r: RunRecord) => {
  const { seconds: _s, ...result } = r.result ?? {};
  return { id: r.id, index: r.index, seed: r.seed, config: r.config, result, error: r.error };
};

describe("gaps experiment", () => {
  const small: GapsOptions = { n: 60, widths: [4, 8], models: 3, seed: 5, maxEpochs: 300, beadEpochs: 100, maxBeads: 3, permutations: 99 };

  it("measures every pair at every width by its lowest level, summarizes consistently, and repeats exactly from its seed", async () => {
    const a = await run(small), b = await run(small);
    expect(a.failed).toEqual([]);
    expect(a.complete).toBe(true);
    const ta = gapsTables(a.records, [4, 8]), tb = gapsTables(b.records, [4, 8]);
    expect(ta.rows.map((r) => [r.width, r.i, r.j])).toEqual([[4, 0, 1], [4, 0, 2], [4, 1, 2], [8, 0, 1], [8, 0, 2], [8, 1, 2]]);
    const strip = (t: typeof ta) => t.rows.map(({ seconds, ...rest }) => rest);
    expect(strip(ta)).toEqual(strip(tb));
    const tests = await gapsTests(ta.rows, [4, 8], 5, 99);
    expect(tests).toEqual(await gapsTests(tb.rows, [4, 8], 5, 99));
    expect(tests.map((t) => [t.smaller, t.larger])).toEqual([[4, 8]]);
    expect(a.report!.json!.summary).toMatchObject({ tests });
    for (const s of ta.summary) {
      const here = ta.rows.filter((r) => r.width === s.width);
      const gapsHere = here.map((r) => r.gap), rel = here.map((r) => r.relativeGap);
      expect(s.max).toBe(Math.max(...gapsHere));
      expect(s.relMax).toBe(Math.max(...rel));
      expect(s.mean).toBeCloseTo(gapsHere.reduce((x, y) => x + y, 0) / gapsHere.length, 14);
      expect(s.relMean).toBeCloseTo(rel.reduce((x, y) => x + y, 0) / rel.length, 14);
      expect(s.min <= s.q25 && s.q25 <= s.median && s.median <= s.q75 && s.q75 <= s.max).toBe(true);
      expect(s.relMin <= s.relQ25 && s.relQ25 <= s.relMedian && s.relMedian <= s.relQ75 && s.relQ75 <= s.relMax).toBe(true);
      expect(s.resolved).toBe(here.filter((r) => r.resolved).length / here.length);
      expect(s.thresholdGapMax).toBe(Math.max(...here.map((r) => r.thresholdGap!)));
    }
    const byPair = new Map(a.records.filter((r) => "pair" in (r.config.job as object)).map((r) => [`${r.config.m}:${(r.config.job as { pair: number[] }).pair}`, r.result!]));
    for (const r of ta.rows) {
      expect(r.endpointLoss).toBe(Math.max(r.lossI, r.lossJ));
      expect(r.gap).toBe(r.level - r.endpointLoss);
      expect(r.relativeGap).toBe(r.gap / r.endpointLoss);
      // the level is a string's max: at most the straight segment's and the single-L₀ string's, never below the endpoints
      expect(r.gap).toBeGreaterThanOrEqual(0);
      expect(r.gap).toBeLessThanOrEqual(r.straightGap);
      expect(r.gap).toBeLessThanOrEqual(r.thresholdGap!);
      if (r.thresholdSuccess) expect(r.endpointLoss + r.thresholdGap!).toBeLessThanOrEqual(r.threshold);
      expect(r.threshold).toBe((1 + 0.01) * r.endpointLoss); // the first L₀ (thresholdRel 0.01)
      expect(r.bracketLow).toBeLessThanOrEqual(r.level);
      expect(r.bracketLow).toBeGreaterThanOrEqual(r.endpointLoss);
      expect(r.resolved).toBe(r.level - r.bracketLow <= r.resolution);
      expect(r.resolution).toBeCloseTo(1e-3 * r.endpointLoss, 15);
      expect(r.alignedGap).toBeUndefined(); // A is joined to B itself unless asked
      // the recorded string's profile peaks at the level, and starts and ends at the two networks' losses
      const rec = byPair.get(`${r.width}:${r.i},${r.j}`)! as { profile: { loss: number[] }; beadLosses: number[]; levels: { threshold: number }[] };
      expect(Math.max(...rec.profile.loss)).toBe(r.level);
      expect([rec.beadLosses[0], rec.beadLosses[rec.beadLosses.length - 1]]).toEqual([r.lossI, r.lossJ]);
      expect(rec.levels).toHaveLength(r.rounds);
    }
    expect(ta.rows.some((r) => r.rounds > 1)).toBe(true); // the search bisected (the checks above are not about the first L₀ alone)
    expect(ta.examples.map((e) => e.width)).toEqual([4, 8]);
    for (const e of ta.examples) expect(e.gap).toBe(Math.max(...ta.rows.filter((r) => r.width === e.width).map((r) => r.gap)));
  }, 120_000);

  it("on pairs whose straight segment is below the first L₀, the level does not depend on it: rows for two thresholds", async () => {
    const opts: GapsOptions = { ...small, widths: [6], seed: 2 };
    const lo = gapsTables((await run({ ...opts, thresholdRel: 20 })).records, [6]).rows;
    const hi = gapsTables((await run({ ...opts, thresholdRel: 40 })).records, [6]).rows;
    expect(lo).toHaveLength(3);
    for (const r of lo) {
      expect(r.endpointLoss + r.straightGap).toBeLessThan(r.threshold); // the premise
      expect(r.straightGap - r.resolution).toBeGreaterThan(0); // and the search had something to do
      expect(r.rounds).toBeGreaterThan(0);
    }
    const same = (rows: typeof lo) => rows.map(({ seconds, threshold, ...rest }) => rest);
    expect(same(hi)).toEqual(same(lo));
    hi.forEach((r, k) => expect(r.threshold).toBeCloseTo(41 / 21 * lo[k].threshold, 12));
  }, 120_000);

  it("a string joins the very networks of the model runs (seed + k): its endpoint losses are theirs", async () => {
    const a = await run({ ...small, seed: 11, widths: [6], align: true });
    const models = new Map(a.records.filter((r) => "model" in (r.config.job as object)).map((r) => [(r.config.job as { model: number }).model, r.result!.loss as number]));
    expect([...models.keys()].sort()).toEqual([0, 1, 2]);
    const t = gapsTables(a.records, [6]);
    expect(t.rows).toHaveLength(3);
    for (const r of t.rows) {
      // the string's evaluator recomputes the loss of each endpoint: equal up to rounding
      expect(Math.abs(r.lossI - models.get(r.i)!)).toBeLessThan(1e-12 * models.get(r.i)!);
      expect(Math.abs(r.lossJ - models.get(r.j)!)).toBeLessThan(1e-12 * models.get(r.j)!);
      // with align, the join to B's aligned copy is reported apart: the same endpoint loss, a distance no larger
      expect(r.alignedDistance!).toBeLessThanOrEqual(r.distance + 1e-12);
      expect(r.alignedGap!).toBeGreaterThanOrEqual(0);
      expect(r.alignedGap!).toBeLessThanOrEqual(r.alignedStraightGap!);
    }
    expect(t.summary[0].modelLossMin).toBe(Math.min(...models.values()));
    expect(t.summary[0].modelLossMax).toBe(Math.max(...models.values()));
    expect(t.summary[0].alignedMax).toBe(Math.max(...t.rows.map((r) => r.alignedGap!)));
  }, 120_000);

  it("every network against the global minimum: lower bound ≤ L, the program's value independently, the summary from the rows", async () => {
    const opts: GapsOptions = { ...small, n: 40, widths: [4, 16], maxEpochs: 2000 };
    const a = await run(opts);
    expect(a.failed).toEqual([]);
    const t = gapsTables(a.records, [4, 16]);
    const { problem } = await gapsProblem({ dataset: "moons", n: 40 }, 1e-3);
    const settings = { lambda: 1e-3, loss: "logistic", regularizer: "l1-unit" } as const;
    const opt = await globalOptimum(problem.data, settings);
    expect(t.models).toHaveLength(6);
    for (const n of t.models) {
      expect(n.lowerBound!).toBeLessThanOrEqual(n.loss);
      expect(n.lowerBound!).toBeGreaterThanOrEqual(n.globalLowerBound!); // the program's bound is used
      expect(Math.abs(n.globalValue! - opt.value)).toBeLessThanOrEqual(1e-9 * opt.value);
      expect(Math.abs(n.globalLowerBound! - opt.lowerBound)).toBeLessThanOrEqual(1e-9 * opt.value);
      expect(n.globalGap).toBe(n.loss - n.lowerBound!);
      expect(n.globalRelativeGap!).toBeCloseTo(n.globalGap! / n.loss, 15);
      expect(n.loss).toBeGreaterThanOrEqual(opt.lowerBound); // no network beats the certified minimum
      expect(n.verdict).toMatch(/^(global|spurious-local-minimum|saddle|not-stationary|undetermined)$/);
      if (n.verdict === "global") expect(n.globalRelativeGap!).toBeLessThanOrEqual(1e-6);
    }
    expect(t.models.some((n) => n.globalRelativeGap! > 1e-3)).toBe(true); // networks short of the minimum are told apart
    expect(t.optimum).toEqual({ value: t.models[0].globalValue, lowerBound: t.models[0].globalLowerBound, note: null });
    const stats = (v: number[]) => [v.reduce((x, y) => x + y, 0) / v.length, Math.max(...v)];
    for (const s of t.summary) {
      const here = t.models.filter((n) => n.width === s.width);
      expect(s.models).toBe(3);
      const [gm, gx] = stats(here.map((n) => n.globalGap!)), [rm, rx] = stats(here.map((n) => n.globalRelativeGap!));
      expect(s.globalGapMean).toBeCloseTo(gm, 15);
      expect(s.globalGapMax).toBe(gx);
      expect(s.globalRelGapMean).toBeCloseTo(rm, 15);
      expect(s.globalRelGapMax).toBe(rx);
      expect(s.certifiedGlobal).toBe(here.filter((n) => n.verdict === "global").length / 3);
    }
    // above λ_max the zero network is the global minimum: the trained networks reach it and are certified global
    const lambda = 2 * (await lambdaMax(problem.data, { loss: "logistic", regularizer: "l1-unit" }));
    const big = gapsTables((await run({ ...opts, widths: [4], lambda })).records, [4]);
    expect(big.models.map((n) => n.verdict)).toEqual(["global", "global", "global"]);
    for (const n of big.models) expect(n.globalRelativeGap!).toBeLessThanOrEqual(1e-6);
    expect(big.summary[0].certifiedGlobal).toBe(1);
  }, 120_000);

  it("--quick as shards 0/2 and 1/2 in two directories: their records together are the unsharded run's", async () => {
    const whole = await run({}, "quick");
    const s0 = await run({}, "quick", { index: 0, count: 2 }), s1 = await run({}, "quick", { index: 1, count: 2 });
    expect(whole.total).toBe(3 * (3 + 3));
    expect(s0.complete || s1.complete).toBe(false); // a shard alone writes no report
    expect(s0.records.length + s1.records.length).toBe(whole.total);
    const joined = [...s0.records, ...s1.records].sort((x, y) => x.index - y.index);
    expect(joined.map(untimed)).toEqual(whole.records.map(untimed));
    const tables = (recs: RunRecord[]) => {
      const t = gapsTables(recs, [4, 16, 64]);
      return { rows: t.rows.map(({ seconds, ...r }) => r), models: t.models.map(({ seconds, ...r }) => r), optimum: t.optimum };
    };
    expect(tables(joined)).toEqual(tables(whole.records));
    expect(tables(whole.records).optimum.value).toBeGreaterThan(0); // the global comparison is part of it
  }, 300_000);
});

describe("relu-landscape gaps", () => {
  const args = ["gaps", "--widths", "4,8", "--models", "3", "--n", "60", "--max-epochs", "300", "--bead-epochs", "100", "--permutations", "99"];
  const rowsOf = (out: string) => readFileSync(join(out, "rows.jsonl"), "utf8").trim().split("\n").map((l) => {
    const { seconds, ...rest } = JSON.parse(l);
    return rest;
  });

  it("writes settings, rows, models, summary, profiles and four SVG figures; prints the gaps, each width's gap to the global minimum, and the tests", () => {
    const out = tmp();
    const r = runCli([...args, "--workers", "0", "--out", out]);
    expect(r.code).toBe(0);
    expect(r.stderr).not.toMatch(/note:/); // the global comparison is within reach on moons
    expect(r.stdout).toMatch(/gaps on moons n=60 noise=0.1 seed=0, λ=0.001: widths 4,8, 3 networks each, seed 0/);
    expect(r.stdout).toMatch(/bisection on L₀ from L₀ = \(1 \+ 0\.01\)·max\(L_A, L_B\), down to 0\.001·max\(L_A, L_B\)/);
    expect(r.stdout).toMatch(/m=4 vs m=8: max gap (drops|rises) by .*p = /);
    for (const f of ["settings.json", "rows.jsonl", "rows.csv", "models.jsonl", "models.csv", "summary.json", "summary.csv", "profiles.json", "gap-vs-width.svg", "barriers.svg", "profile.svg", "gap-to-global.svg"]) {
      expect(existsSync(join(out, f))).toBe(true);
    }
    const rows = rowsOf(out);
    expect(rows).toHaveLength(6);
    // rows.csv holds the same rows (RFC 4180; read back with the package's CSV reader)
    const csv = readFileSync(join(out, "rows.csv"), "utf8").trim().split("\n").map(splitCsvLine);
    expect(csv).toHaveLength(7);
    expect(csv[0]).toEqual([
      "width", "i", "j", "lossI", "lossJ", "endpointLoss", "level", "gap", "relativeGap", "bracketLow", "resolution", "resolved", "rounds", "lowStop",
      "threshold", "thresholdGap", "thresholdSuccess", "straightGap", "beads", "length", "distance", "epochs", "seconds",
    ]);
    csv.slice(1).forEach((line, k) => expect(Number(line[7])).toBe(rows[k].gap));
    const settings = JSON.parse(readFileSync(join(out, "settings.json"), "utf8"));
    expect(settings.version).toMatch(/^\d+\.\d+\.\d+/);
    expect(settings.seed).toBe(0);
    expect(settings.loss).toBe("logistic");
    expect(settings.global).toBe(true);
    expect(settings.data).toBe("moons n=60 noise=0.1 seed=0");
    const summary = JSON.parse(readFileSync(join(out, "summary.json"), "utf8"));
    expect(summary.tests.map((t: { smaller: number; larger: number }) => [t.smaller, t.larger])).toEqual([[4, 8]]);
    expect(settings.globalMinimum).toEqual(summary.globalMinimum);
    // every width's gap to the global minimum is printed, as in the summary
    const value = summary.globalMinimum.value as number;
    expect(r.stdout).toContain(`min L ∈ [${(summary.globalMinimum.lowerBound as number).toPrecision(8)}, ${value.toPrecision(8)}]`);
    for (const w of summary.summary) {
      const e3 = (v: number) => v.toExponential(2).replace("+", "\\+");
      expect(r.stdout).toMatch(new RegExp(`\\n\\s+${w.width}\\s+3\\s+${e3(w.globalGapMean)}\\s+${e3(w.globalGapMax)}\\s`));
    }
    const models = readFileSync(join(out, "models.jsonl"), "utf8").trim().split("\n").map((l) => JSON.parse(l));
    expect(models).toHaveLength(6);
    for (const n of models) expect(n.globalValue).toBe(value);
    expect(JSON.parse(readFileSync(join(out, "profiles.json"), "utf8")).map((e: { width: number }) => e.width)).toEqual([4, 8]);
    expect(readFileSync(join(out, "gap-vs-width.svg"), "utf8")).toMatch(/^<svg/);
    expect(readFileSync(join(out, "gap-to-global.svg"), "utf8")).toMatch(/^<svg/);
  }, 120_000);

  it("where the global program is out of reach (WDBC, d = 30) says so before the runs and goes on without it", () => {
    const out = tmp("gaps-wdbc-");
    const r = runCli(["gaps", "--dataset", "wdbc", "--widths", "4", "--models", "2", "--max-epochs", "50", "--bead-epochs", "20", "--max-rounds", "2", "--permutations", "9", "--workers", "0", "--out", out]);
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/^note: no comparison with the global minimum: out of reach, X \(n=569, d=31\).*Cover's count/);
    expect(r.stdout).toMatch(/\n {2}no comparison with the global minimum: out of reach/);
    expect(existsSync(join(out, "gap-to-global.svg"))).toBe(false);
    const models = readFileSync(join(out, "models.jsonl"), "utf8").trim().split("\n").map((l) => JSON.parse(l));
    expect(models).toHaveLength(2);
    for (const n of models) expect([n.globalValue, n.lowerBound, n.verdict]).toEqual([null, null, null]);
    expect(JSON.parse(readFileSync(join(out, "settings.json"), "utf8")).globalMinimum.note).toMatch(/out of reach/);
  }, 120_000);

  it("on two worker threads gives exactly the rows of one thread (--workers 0), and a rerun resumes every run", () => {
    const a = tmp("gaps-w0-"), b = tmp("gaps-w2-");
    expect(runCli([...args, "--quiet", "--workers", "0", "--out", a]).code).toBe(0);
    expect(runCli([...args, "--quiet", "--workers", "2", "--out", b]).code).toBe(0);
    expect(rowsOf(b)).toEqual(rowsOf(a));
    const again = runCli([...args, "--json", "--workers", "2", "--out", b]);
    expect(again.code).toBe(0);
    const outcome = JSON.parse(again.stdout);
    expect([outcome.ran, outcome.present, outcome.total]).toEqual([0, 12, 12]);
    expect(rowsOf(b)).toEqual(rowsOf(a));
  }, 180_000);

  it("reads a CSV with a target column (--csv alone implies --dataset csv)", () => {
    const dir = tmp("gaps-csv-");
    const rows = Array.from({ length: 30 }, (_, k) => `${Math.cos(k)},${Math.sin(3 * k)},${Math.cos(k) * Math.sin(3 * k) > 0 ? "pos" : "neg"}`);
    writeFileSync(join(dir, "d.csv"), ["u,v,cls", ...rows].join("\n"));
    const r = runCli(["gaps", "--csv", join(dir, "d.csv"), "--target", "cls", "--widths", "4,8", "--models", "2", "--max-epochs", "200", "--bead-epochs", "50", "--permutations", "99", "--workers", "0", "--out", join(dir, "out")]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/gaps on .*d\.csv n=30 d=2 target=cls \(neg=−1, pos=\+1\)/);
  }, 120_000);

  const dir = tmp("gaps-bad-");
  writeFileSync(join(dir, "real.csv"), "u,v,y\n1,2,0.5\n3,4,-1\n");
  for (const [flags, pattern] of [
    [["--widths", "4,x"], /--widths.*"x"/],
    [["--widths", "4,4"], /--widths.*repeated/],
    [["--dataset", "csv"], /--csv.*missing/],
    [["--csv", "x.csv"], /--target.*missing/],
    [["--dataset", "csv", "--csv", "nope.csv", "--target", "t"], /--csv.*nope\.csv/],
    [["--csv", "nope.csv", "--target", "t"], /--csv.*nope\.csv/],
    [["--csv", join(dir, "real.csv"), "--target", "t"], /--target.*no column "t"/],
    [["--csv", join(dir, "real.csv"), "--target", "y"], /--target.*logistic loss needs labels/],
    [["--dataset", "moons", "--csv", "x.csv"], /--csv.*moons/],
    [["--dataset", "iris"], /--dataset.*moons, wdbc, csv/],
    [["--models", "1"], /--models.*≥ 2/],
    [["--models", "100000000"], /--models.*≤ 1413/], // K(K+1)/2 runs a width: refused before the runs are listed (it ran out of memory)
    [["--resolution-rel", "0"], /--resolution-rel.*> 0/],
    [["--max-rounds", "-1"], /--max-rounds.*≥ 0/],
  ] as const) {
    it(`refuses ${flags.join(" ")} in one line with exit code 2, before any run`, () => {
      const out = join(dir, "out");
      const r = runCli(["gaps", ...flags, "--out", out]);
      expect(r.code).toBe(2);
      expect(r.stderr.trim().split("\n")).toHaveLength(1);
      expect(r.stderr).toMatch(pattern);
      expect(existsSync(out)).toBe(false);
    });
  }

  it("has no --m: the widths are --widths", () => {
    const r = runCli(["gaps", "--m", "5"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/unknown option '--m'/);
  });
});
