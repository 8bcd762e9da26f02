// The `phase` and `optimum-1d` commands end to end (child processes, small settings).
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { runCli } from "./cli-run.js";

const dir = mkdtempSync(join(tmpdir(), "phase-cli-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("relu-landscape phase", () => {
  it("writes rows, summary, settings and figures", () => {
    const out = join(dir, "p");
    const r = runCli(["phase", "--out", out, "--gammas", "0.5,2", "--gamma-primes", "-1", "--widths", "20,40", "--max-epochs", "300", "--poster-widths", "10,100", "--workers", "0"]);
    expect(r.stderr).toContain("[");
    expect(r.code).toBe(0);
    for (const f of ["rows.jsonl", "summary.json", "settings.json", "poster.json", "phase.svg", "phase-decay.svg", "poster-norms.svg", "runs/results.jsonl"]) expect(existsSync(join(out, f))).toBe(true);
    const rows = readFileSync(join(out, "rows.jsonl"), "utf8").trim().split("\n").map((l) => JSON.parse(l));
    expect(rows.length).toBe(8);
    const settings = JSON.parse(readFileSync(join(out, "settings.json"), "utf8"));
    expect(settings.seed).toBe(0);
    expect(typeof settings.version).toBe("string");
    const summary = JSON.parse(readFileSync(join(out, "summary.json"), "utf8"));
    expect(summary.diagrams.length).toBe(2);
    expect(summary.diagrams[0].points.length).toBe(2);
    // rerunning resumes: nothing is trained again, same summary
    const again = runCli(["phase", "--out", out, "--gammas", "0.5,2", "--gamma-primes", "-1", "--widths", "20,40", "--max-epochs", "300", "--poster-widths", "10,100", "--workers", "0"]);
    expect(again.code).toBe(0);
    expect(JSON.parse(readFileSync(join(out, "summary.json"), "utf8")).diagrams).toEqual(summary.diagrams);
  });

  it("bad flags give one line and exit code 2", () => {
    const r = runCli(["phase", "--out", join(dir, "x"), "--widths", "100"]);
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split("\n").length).toBe(1);
    expect(r.stderr).toContain("--widths");
    const r2 = runCli(["phase", "--out", join(dir, "x"), "--gammas", "a,b"]);
    expect(r2.code).toBe(2);
    expect(r2.stderr).toContain("--gammas");
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
