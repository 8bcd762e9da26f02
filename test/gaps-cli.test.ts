// The width sweep and the `gaps` command: shapes, determinism, output files, one-line errors.
import { describe, expect, it } from "vitest";
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gapsSweep } from "../src/experiments/gaps.js";
import { gapsProblem } from "../src/experiments/gaps-data.js";
import { runCli } from "./cli-run.js";

describe("gaps sweep", () => {
  it("measures every pair at every width, summarizes consistently, and repeats exactly from its seed", async () => {
    const { problem } = await gapsProblem({ dataset: "moons", n: 60 }, 1e-3);
    const opts = { widths: [4, 8], models: 3, seed: 5, train: { maxEpochs: 300 }, string: { beadEpochs: 100, maxBeads: 3 }, permutations: 99 };
    const a = await gapsSweep(problem, opts), b = await gapsSweep(problem, opts);
    expect(a.rows.map((r) => [r.width, r.i, r.j])).toEqual([[4, 0, 1], [4, 0, 2], [4, 1, 2], [8, 0, 1], [8, 0, 2], [8, 1, 2]]);
    const strip = (r: typeof a) => r.rows.map(({ seconds, ...rest }) => rest);
    expect(strip(a)).toEqual(strip(b));
    expect(a.tests).toEqual(b.tests);
    expect(a.tests.map((t) => [t.smaller, t.larger])).toEqual([[4, 8]]);
    for (const s of a.summary) {
      const gaps = a.rows.filter((r) => r.width === s.width).map((r) => r.gap);
      expect(s.max).toBe(Math.max(...gaps));
      expect(s.mean).toBeCloseTo(gaps.reduce((x, y) => x + y, 0) / gaps.length, 14);
      expect(s.min <= s.q25 && s.q25 <= s.median && s.median <= s.q75 && s.q75 <= s.max).toBe(true);
    }
    for (const r of a.rows) {
      expect(r.gap).toBeCloseTo(r.maxLoss - Math.max(r.lossI, r.lossJ), 14);
      if (r.success) expect(r.maxLoss).toBeLessThanOrEqual(r.threshold);
      expect(r.distance).toBeLessThanOrEqual(r.rawDistance + 1e-12); // alignment never moves B away
    }
    expect(a.examples.map((e) => e.width)).toEqual([4, 8]);
  });
});

describe("relu-landscape gaps", () => {
  it("writes settings, rows, summary, profiles and three SVG figures", () => {
    const out = mkdtempSync(join(tmpdir(), "gaps-"));
    const r = runCli(["gaps", "--quick", "--widths", "4,8", "--models", "3", "--n", "60", "--max-epochs", "300", "--bead-epochs", "100", "--out", out]);
    expect(r.stderr).toMatch(/m=4 pair \(0,1\)/);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/m=4 vs m=8: max gap (drops|rises) by .*p = /);
    for (const f of ["settings.json", "rows.jsonl", "rows.csv", "summary.json", "summary.csv", "profiles.json", "gap-vs-width.svg", "barriers.svg", "profile.svg"]) {
      expect(existsSync(join(out, f))).toBe(true);
    }
    expect(readFileSync(join(out, "rows.jsonl"), "utf8").trim().split("\n")).toHaveLength(6);
    expect(readFileSync(join(out, "rows.csv"), "utf8").trim().split("\n")).toHaveLength(7);
    const settings = JSON.parse(readFileSync(join(out, "settings.json"), "utf8"));
    expect(settings.version).toMatch(/^\d+\.\d+\.\d+/);
    expect(settings.seed).toBe(0);
    expect(settings.train.loss).toBe("logistic");
    expect(readFileSync(join(out, "gap-vs-width.svg"), "utf8")).toMatch(/^<svg/);
  }, 120_000);

  it("trains on the sweep engine (--workers 2, resumable) exactly the networks of an in-thread run (--workers 0)", () => {
    const args = ["gaps", "--widths", "4,8", "--models", "3", "--n", "60", "--max-epochs", "300", "--bead-epochs", "100", "--permutations", "99", "--quiet"];
    const rows = (out: string) => readFileSync(join(out, "rows.jsonl"), "utf8").trim().split("\n").map((l) => {
      const { seconds, ...rest } = JSON.parse(l);
      return rest;
    });
    const a = mkdtempSync(join(tmpdir(), "gaps-w0-")), b = mkdtempSync(join(tmpdir(), "gaps-w2-"));
    expect(runCli([...args, "--workers", "0", "--out", a]).code).toBe(0);
    expect(runCli([...args, "--workers", "2", "--out", b]).code).toBe(0);
    expect(existsSync(join(b, "train-runs", "sweep.json"))).toBe(true);
    expect(existsSync(join(a, "train-runs"))).toBe(false);
    expect(rows(b)).toEqual(rows(a));
    // a rerun resumes every training
    const again = runCli([...args.filter((x) => x !== "--quiet"), "--workers", "2", "--out", b]);
    expect(again.stderr).toMatch(/6 resumed/);
    expect(rows(b)).toEqual(rows(a));
  }, 180_000);

  it("reads a CSV with a target column", () => {
    const dir = mkdtempSync(join(tmpdir(), "gaps-csv-"));
    const rows = Array.from({ length: 30 }, (_, k) => `${Math.cos(k)},${Math.sin(3 * k)},${Math.cos(k) * Math.sin(3 * k) > 0 ? "pos" : "neg"}`);
    writeFileSync(join(dir, "d.csv"), ["u,v,cls", ...rows].join("\n"));
    const r = runCli(["gaps", "--csv", join(dir, "d.csv"), "--target", "cls", "--widths", "4,8", "--models", "2", "--max-epochs", "200", "--bead-epochs", "50", "--permutations", "99"]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/gaps on .*d\.csv n=30 d=2 target=cls \(neg=−1, pos=\+1\)/);
  }, 120_000);

  for (const [args, pattern] of [
    [["--widths", "4,x"], /--widths.*4,x/],
    [["--dataset", "csv"], /--csv.*missing/],
    [["--csv", "x.csv"], /--target.*missing/],
    [["--dataset", "csv", "--csv", "nope.csv", "--target", "t"], /--csv.*nope\.csv/],
    [["--dataset", "iris"], /--dataset.*moons, wdbc or csv/],
    [["--m", "5"], /--m.*--widths/],
    [["--models", "1"], /--models/],
  ] as const) {
    it(`refuses ${args.join(" ")} in one line with exit code 2`, () => {
      const r = runCli(["gaps", ...args]);
      expect(r.code).toBe(2);
      expect(r.stderr.trim().split("\n")).toHaveLength(1);
      expect(r.stderr).toMatch(pattern);
    });
  }
});
