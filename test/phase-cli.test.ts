// The `phase` and `optimum-1d` commands end to end (child processes, small settings).
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { runCli } from "./cli-run.js";

const dir = mkdtempSync(join(tmpdir(), "phase-cli-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("relu-landscape phase", () => {
  const args = (out: string) => ["phase", "--out", out, "--gammas", "0.5,2", "--gamma-primes", "-1", "--widths", "20,40", "--max-epochs", "300", "--poster-widths", "10,100", "--workers", "0"];
  const lines = (f: string) => readFileSync(f, "utf8").trim().split("\n");

  it("writes rows, summary, settings and figures; rerunning resumes", () => {
    const out = join(dir, "p");
    const r = runCli(args(out));
    expect(r.stderr).toContain("8/8 runs");
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("points agree with Luo et al.'s regimes");
    for (const f of ["rows.jsonl", "rows.csv", "summary.json", "settings.json", "poster.json", "phase.svg", "phase-decay.svg", "poster-norms.svg", "runs/results.jsonl"]) expect(existsSync(join(out, f))).toBe(true);
    const rows = lines(join(out, "rows.jsonl")).map((l) => JSON.parse(l));
    expect(rows.length).toBe(8);
    expect(lines(join(out, "rows.csv")).length).toBe(9);
    const settings = JSON.parse(readFileSync(join(out, "settings.json"), "utf8"));
    expect(settings.seed).toBe(0);
    expect(settings.decays).toEqual([null, 0.5]);
    expect(typeof settings.version).toBe("string");
    const summary = JSON.parse(readFileSync(join(out, "summary.json"), "utf8"));
    expect(summary.diagrams.length).toBe(2);
    expect(summary.diagrams[0].points.length).toBe(2);
    const poster = JSON.parse(readFileSync(join(out, "poster.json"), "utf8"));
    expect(poster.rows.length).toBe(6 * 2);
    // rerunning resumes: nothing is trained again, same summary
    const again = runCli(args(out));
    expect(again.code).toBe(0);
    expect(lines(join(out, "runs/results.jsonl")).length).toBe(8);
    expect(JSON.parse(readFileSync(join(out, "summary.json"), "utf8")).diagrams).toEqual(summary.diagrams);
  });

  it("--no-decay: one diagram, no phase-decay.svg", () => {
    const out = join(dir, "nd");
    const r = runCli([...args(out), "--no-decay", "--poster-pairs", "0:0;1:0.25"]);
    expect(r.code).toBe(0);
    expect(JSON.parse(readFileSync(join(out, "summary.json"), "utf8")).diagrams.map((d: { gammaLambda: number | null }) => d.gammaLambda)).toEqual([null]);
    expect(existsSync(join(out, "phase-decay.svg"))).toBe(false);
    expect(JSON.parse(readFileSync(join(out, "poster.json"), "utf8")).fits.map((f: { a1: number; b1: number }) => [f.a1, f.b1])).toEqual([[0, 0], [1, 0.25]]);
  });

  it("bad flags give one line and exit code 2", () => {
    for (const [flag, value] of [["--widths", "100"], ["--gammas", "a,b"], ["--poster-pairs", "0:0;x"], ["--poster-widths", "10"]]) {
      const r = runCli(["phase", "--out", join(dir, "x"), flag, value]);
      expect(r.code).toBe(2);
      expect(r.stderr.trim().split("\n").length).toBe(1);
      expect(r.stderr).toContain(`error: ${flag}: `);
    }
    expect(existsSync(join(dir, "x"))).toBe(false);
  });
});

describe("relu-landscape optimum-1d", () => {
  it("prints the closed form and the distance, and writes JSON", () => {
    const p = join(dir, "p1.json");
    writeFileSync(p, JSON.stringify({ X: [[-2], [-1], [1], [2]], y: [2, 1, 1, 2], lambda: 0.01, init: { W: [[0.5], [-0.5]], a: [0.1, 0.1] }, train: { kappa: 2 } }));
    const r = runCli(["optimum-1d", "--problem", p, "--out", join(dir, "o.json")]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("distance from the init");
    const o = JSON.parse(readFileSync(join(dir, "o.json"), "utf8"));
    // A* = (κ/P)(|Q| − nλκ) = (2/5)(5 − 0.08)
    expect(o.A).toBeCloseTo((2 / 5) * (5 - 0.08), 12);
    expect(o.B).toBeCloseTo(o.A, 12);
    expect(o.distance.exact).toBe(true);
    const bad = runCli(["optimum-1d", "--problem", p, "--kappa", "0"]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain("--kappa");
  });

  it("refuses d > 1", () => {
    const p = join(dir, "p2.json");
    writeFileSync(p, JSON.stringify({ X: [[1, 2]], y: [1] }));
    const r = runCli(["optimum-1d", "--problem", p]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("d = 1");
  });
});
