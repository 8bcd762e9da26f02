// The patterns command as a user meets it: generated data, a problem file with --out/--list, a
// network's signed patterns, and the size guard as a one-line error.
import { describe, expect, it } from "vitest";
import { mkdtempSync, writeFileSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { runCli } from "./cli-run.js";

const dir = mkdtempSync(join(tmpdir(), "relu-patterns-"));
const write = (name: string, value: unknown) => {
  const p = join(dir, name);
  writeFileSync(p, JSON.stringify(value));
  return p;
};

describe("relu-landscape patterns", () => {
  it("enumerates generated data and prints count, Cover's count and general position", () => {
    const r = runCli(["patterns", "--n", "30", "--d", "3"]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/realizable patterns: 872 .*= 872/);
    expect(r.stdout).toMatch(/general position: yes/);
  });

  it("refuses flags it does not use (λ plays no part in the patterns); --json prints the result", () => {
    const r = runCli(["patterns", "--n", "6", "--d", "2", "--lambda", "5"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/unknown option '--lambda'/);
    const j = runCli(["patterns", "--n", "6", "--d", "2", "--json"]);
    expect(j.code).toBe(0);
    expect(JSON.parse(j.stdout)).toMatchObject({ n: 6, d: 2, count: 12, formula: 12, generalPosition: true });
  });

  it("writes count, formula, generalPosition, seconds and with --list every pattern and witness", () => {
    // x1 = x2 (repeated point), bias appended last: 4 points in R^3
    const p = write("p.json", { X: [[1, 2], [1, 2], [0, 1], [-1, 0.5]], y: [0, 0, 0, 0], bias: true });
    const out = join(dir, "o.json");
    const r = runCli(["patterns", "--problem", p, "--out", out, "--list", "--quiet"]);
    expect(r.code).toBe(0);
    const o = JSON.parse(readFileSync(out, "utf8"));
    expect(o.count).toBe(8);
    expect(o.formula).toBe(14);
    expect(o.generalPosition).toBe(false);
    expect(typeof o.seconds).toBe("number");
    expect(o.patterns).toHaveLength(8);
    const X = [[1, 2, 1], [1, 2, 1], [0, 1, 1], [-1, 0.5, 1]];
    o.patterns.forEach((s: string, c: number) => {
      const w = o.witnesses[c];
      expect(X.map((x) => (x[0] * w[0] + x[1] * w[1] + x[2] * w[2] > 0 ? "1" : "0")).join("")).toBe(s);
    });
  });

  it("reports the signed patterns of a network's neurons", () => {
    const p = write("q.json", { X: [[1, 0], [0, 1], [-1, -1]], y: [0, 0, 0] });
    const net = write("net.json", { W: [[1, 0.1], [2, 0.2], [-1, 0], [0, 1]], a: [1, 3, 0, -1] });
    const r = runCli(["patterns", "--problem", p, "--network", net]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/4 neurons, 3 active .* 2 distinct signed patterns of 12/);
  });

  it("refuses too large an enumeration with a one-line error naming the estimate, exit 2", () => {
    const r = runCli(["patterns", "--n", "200", "--d", "6"]);
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split("\n")).toHaveLength(1);
    expect(r.stderr).toMatch(/up to \d\.\d+e\+9 activation patterns/);
  });
});
