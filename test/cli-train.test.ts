// The train command as a user meets it: a default run, a problem file and result file, flags that
// override the file, and one-line errors with a non-zero exit code.
import { describe, expect, it } from "vitest";
import { mkdtempSync, writeFileSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { runCli } from "./cli-run.js";
import { train } from "../src/index.js";

const dir = mkdtempSync(join(tmpdir(), "relu-cli-"));
const write = (name: string, value: unknown) => {
  const p = join(dir, name);
  writeFileSync(p, typeof value === "string" ? value : JSON.stringify(value));
  return p;
};

describe("relu-landscape train", () => {
  it("trains generated teacher data by default and prints a summary", () => {
    const r = runCli(["train", "--max-epochs", "300"]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/stopped: maxEpochs after 300 epochs/);
    expect(r.stdout).toMatch(/L = /);
  });

  it("reads a problem file, writes the result file, and flags override the file", async () => {
    const problem = { X: [[1, 0.5], [-0.3, 2], [0.7, -1], [2, 1]], y: [1, -1, 0.5, 2], lambda: 0.01, train: { m: 7, lr: 0.05, maxEpochs: 100, seed: 3 } };
    const p = write("p.json", problem);
    const out = join(dir, "r.json");
    const r = runCli(["train", "--problem", p, "--out", out, "--max-epochs", "250", "--quiet"]);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe("");
    const result = JSON.parse(readFileSync(out, "utf8"));
    for (const key of ["W", "a", "loss", "dataLoss", "normSq", "gradNormSq", "epochs", "stopReason", "trace", "settings", "version"]) {
      expect(result).toHaveProperty(key);
    }
    expect(result.epochs).toBe(250);
    expect(result.settings.lr).toBe(0.05);
    expect(result.W).toHaveLength(7);
    const api = await train(problem, { maxEpochs: 250 });
    expect(result.loss).toBe(api.loss); // the CLI and the API give the same numbers
  });

  const bad: [string, string[], RegExp][] = [
    ["ragged X", ["--problem", "ragged.json"], /X\[1\]: has 1 entries/],
    ["length mismatch", ["--problem", "mismatch.json"], /y: has 1 entries but X has 2 rows/],
    ["unknown key", ["--problem", "unknown.json"], /lamda: unknown key/],
    ["non-positive lr", ["--lr", "0"], /--lr: must be a finite number > 0 \(got 0\)/],
    ["fractional epochs", ["--max-epochs", "2.5"], /--max-epochs: must be an integer ≥ 0 \(got 2\.5\)/],
    ["logistic loss on real targets", ["--loss", "logistic"], /y\[0\]: is .*: the logistic loss needs labels \+1 or −1/],
    ["bad number", ["--m", "ten"], /--m: got "ten"/],
    ["m·d too large", ["--m", "300000000"], /--m: .*WASM memory/],
    ["missing file", ["--problem", "nope.json"], /--problem: cannot read/],
    ["invalid JSON", ["--problem", "broken.json"], /--problem: .* is not valid JSON/],
    ["bad enum", ["--method", "adam"], /--method: must be one of gd, sgd \(got "adam"\)/],
  ];
  write("ragged.json", { X: [[1, 2], [3]], y: [1, 2] });
  write("mismatch.json", { X: [[1], [2]], y: [1] });
  write("unknown.json", { X: [[1]], y: [1], lamda: 1 });
  write("broken.json", "{ X: ");
  for (const [name, args, re] of bad) {
    it(`bad input: ${name} → one line, exit code 2`, () => {
      const r = runCli(["train", ...args.map((a) => (a.endsWith(".json") ? join(dir, a) : a))]);
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(re);
      expect(r.stderr.trim().split("\n")).toHaveLength(1);
      expect(r.stderr).not.toMatch(/\n\s+at /); // no stack trace
    });
  }
});

describe("train --json", () => {
  it("prints on stdout the result --out writes (and nothing else)", () => {
    const out = join(dir, "r-json.json");
    const r = runCli(["train", "--n", "6", "--d", "2", "--m", "4", "--max-epochs", "30", "--json", "--out", out]);
    expect(r.code).toBe(0);
    const printed = JSON.parse(r.stdout);
    const written = JSON.parse(readFileSync(out, "utf8"));
    expect(printed).toEqual(written);
    expect(printed.epochs).toBe(30);
  });
});

describe("usage errors", () => {
  it("a missing required option or an unknown option exits 2; --help exits 0", () => {
    const missing = runCli(["certify", "--n", "4", "--d", "2"]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/--network/);
    expect(runCli(["train", "--bogus"]).code).toBe(2);
    expect(runCli(["train", "--help"]).code).toBe(0);
  });
});
