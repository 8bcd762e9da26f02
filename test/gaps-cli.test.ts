// The energy-gap experiment and the `gaps` command: shapes, determinism, the same networks in model
// and string runs, shards that add up to the whole sweep, output files, one-line errors.
import { describe, expect, it } from "vitest";
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gaps, gapsTables, gapsTests, type GapsOptions } from "../src/experiments/gaps/index.js";
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

  it("measures every pair at every width, summarizes consistently, and repeats exactly from its seed", async () => {
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
      const gapsHere = ta.rows.filter((r) => r.width === s.width).map((r) => r.gap);
      expect(s.max).toBe(Math.max(...gapsHere));
      expect(s.mean).toBeCloseTo(gapsHere.reduce((x, y) => x + y, 0) / gapsHere.length, 14);
      expect(s.min <= s.q25 && s.q25 <= s.median && s.median <= s.q75 && s.q75 <= s.max).toBe(true);
    }
    for (const r of ta.rows) {
      expect(r.gap).toBeCloseTo(r.maxLoss - Math.max(r.lossI, r.lossJ), 14);
      if (r.success) expect(r.maxLoss).toBeLessThanOrEqual(r.threshold);
      expect(r.distance).toBeLessThanOrEqual(r.rawDistance + 1e-12); // alignment never moves B away
    }
    expect(ta.examples.map((e) => e.width)).toEqual([4, 8]);
    for (const e of ta.examples) expect(e.gap).toBe(Math.max(...ta.rows.filter((r) => r.width === e.width).map((r) => r.gap)));
  }, 120_000);

  it("a string joins the very networks of the model runs (seed + k): its endpoint losses are theirs", async () => {
    const a = await run({ ...small, seed: 11, widths: [6] });
    const models = new Map(a.records.filter((r) => "model" in (r.config.job as object)).map((r) => [(r.config.job as { model: number }).model, r.result!.loss as number]));
    expect([...models.keys()].sort()).toEqual([0, 1, 2]);
    const t = gapsTables(a.records, [6]);
    expect(t.rows).toHaveLength(3);
    for (const r of t.rows) {
      // the string's evaluator recomputes the loss of each endpoint: equal up to rounding
      expect(Math.abs(r.lossI - models.get(r.i)!)).toBeLessThan(1e-12 * models.get(r.i)!);
      expect(Math.abs(r.lossJ - models.get(r.j)!)).toBeLessThan(1e-12 * models.get(r.j)!);
    }
    expect(t.summary[0].modelLossMin).toBe(Math.min(...models.values()));
    expect(t.summary[0].modelLossMax).toBe(Math.max(...models.values()));
  }, 120_000);

  it("--quick as shards 0/2 and 1/2 in two directories: their records together are the unsharded run's", async () => {
    const whole = await run({}, "quick");
    const s0 = await run({}, "quick", { index: 0, count: 2 }), s1 = await run({}, "quick", { index: 1, count: 2 });
    expect(whole.total).toBe(3 * (3 + 3));
    expect(s0.complete || s1.complete).toBe(false); // a shard alone writes no report
    expect(s0.records.length + s1.records.length).toBe(whole.total);
    const joined = [...s0.records, ...s1.records].sort((x, y) => x.index - y.index);
    expect(joined.map(untimed)).toEqual(whole.records.map(untimed));
    const rows = (recs: RunRecord[]) => gapsTables(recs, [4, 16, 64]).rows.map(({ seconds, ...r }) => r);
    expect(rows(joined)).toEqual(rows(whole.records));
  }, 300_000);
});

describe("relu-landscape gaps", () => {
  const args = ["gaps", "--widths", "4,8", "--models", "3", "--n", "60", "--max-epochs", "300", "--bead-epochs", "100", "--permutations", "99"];
  const rowsOf = (out: string) => readFileSync(join(out, "rows.jsonl"), "utf8").trim().split("\n").map((l) => {
    const { seconds, ...rest } = JSON.parse(l);
    return rest;
  });

  it("writes settings, rows, summary, profiles and three SVG figures; prints the table and the tests", () => {
    const out = tmp();
    const r = runCli([...args, "--workers", "0", "--out", out]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/gaps on moons n=60 noise=0.1 seed=0, λ=0.001: widths 4,8, 3 networks each, seed 0/);
    expect(r.stdout).toMatch(/m=4 vs m=8: max gap (drops|rises) by .*p = /);
    for (const f of ["settings.json", "rows.jsonl", "rows.csv", "summary.json", "summary.csv", "profiles.json", "gap-vs-width.svg", "barriers.svg", "profile.svg"]) {
      expect(existsSync(join(out, f))).toBe(true);
    }
    const rows = rowsOf(out);
    expect(rows).toHaveLength(6);
    // rows.csv holds the same rows (RFC 4180; read back with the package's CSV reader)
    const csv = readFileSync(join(out, "rows.csv"), "utf8").trim().split("\n").map(splitCsvLine);
    expect(csv).toHaveLength(7);
    expect(csv[0]).toEqual(["width", "i", "j", "lossI", "lossJ", "gap", "maxLoss", "threshold", "success", "stop", "beads", "length", "distance", "rawDistance", "linearBarrier", "rawBarrier", "epochs", "seconds"]);
    csv.slice(1).forEach((line, k) => expect(Number(line[5])).toBe(rows[k].gap));
    const settings = JSON.parse(readFileSync(join(out, "settings.json"), "utf8"));
    expect(settings.version).toMatch(/^\d+\.\d+\.\d+/);
    expect(settings.seed).toBe(0);
    expect(settings.loss).toBe("logistic");
    expect(settings.data).toBe("moons n=60 noise=0.1 seed=0");
    const summary = JSON.parse(readFileSync(join(out, "summary.json"), "utf8"));
    expect(summary.tests.map((t: { smaller: number; larger: number }) => [t.smaller, t.larger])).toEqual([[4, 8]]);
    expect(JSON.parse(readFileSync(join(out, "profiles.json"), "utf8")).map((e: { width: number }) => e.width)).toEqual([4, 8]);
    expect(readFileSync(join(out, "gap-vs-width.svg"), "utf8")).toMatch(/^<svg/);
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
