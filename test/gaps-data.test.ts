// The data sets of the gap experiments: two moons (the scikit-learn construction), WDBC, any CSV.
import { describe, expect, it } from "vitest";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { moonsData } from "../src/data/moons.js";
import { wdbcData } from "../src/data/wdbc.js";
import { csvData, csvFileData } from "../src/data/csv.js";
import { InputError } from "../src/index.js";

/** make_moons(n, shuffle=False, noise=None), written out from its definition. */
function sklearnMoons(n: number): { X: number[][]; y: number[] } {
  const nOut = Math.floor(n / 2), nIn = n - nOut;
  const lin = (k: number) => Array.from({ length: k }, (_, i) => (k === 1 ? 0 : (Math.PI * i) / (k - 1)));
  const X = [...lin(nOut).map((t) => [Math.cos(t), Math.sin(t)]), ...lin(nIn).map((t) => [1 - Math.cos(t), 1 - Math.sin(t) - 0.5])];
  return { X, y: [...Array(nOut).fill(-1), ...Array(nIn).fill(1)] };
}
const rowsOf = (X: Float64Array, d: number) => Array.from({ length: X.length / d }, (_, k) => Array.from(X.subarray(k * d, (k + 1) * d)));

describe("two moons", () => {
  it("without noise or shuffling equals the make_moons construction (odd and even n)", async () => {
    for (const n of [7, 200]) {
      const m = await moonsData({ n, noise: 0, shuffle: false });
      const ref = sklearnMoons(n);
      expect(m.d).toBe(2);
      expect(Array.from(m.y)).toEqual(ref.y);
      rowsOf(m.X, 2).forEach((r, k) => {
        expect(Math.abs(r[0] - ref.X[k][0])).toBeLessThan(1e-15);
        expect(Math.abs(r[1] - ref.X[k][1])).toBeLessThan(1e-15);
      });
    }
    // known points: the ends of both half circles
    const m = await moonsData({ n: 6, noise: 0, shuffle: false });
    expect(rowsOf(m.X, 2).map((r) => r.map((v) => Math.round(v * 1e12) / 1e12))).toEqual([[1, 0], [0, 1], [-1, 0], [0, 0.5], [1, -0.5], [2, 0.5]]);
  });

  it("shuffling permutes rows with their labels; noise has the requested standard deviation", async () => {
    const n = 2000;
    const clean = await moonsData({ n, noise: 0, shuffle: false });
    const shuffled = await moonsData({ n, noise: 0, seed: 4 });
    const key = (X: Float64Array, y: Float64Array) => rowsOf(X, 2).map((r, k) => `${r[0]},${r[1]},${y[k]}`).sort();
    expect(key(shuffled.X, shuffled.y)).toEqual(key(clean.X, clean.y));
    expect(Array.from(shuffled.y.subarray(0, 20))).not.toEqual(Array.from(clean.y.subarray(0, 20)));
    const noisy = await moonsData({ n, noise: 0.3, seed: 4 });
    expect(Array.from(noisy.y)).toEqual(Array.from(shuffled.y)); // noise is drawn after the permutation
    const e = Array.from(noisy.X, (v, i) => v - shuffled.X[i]);
    const mean = e.reduce((s, v) => s + v, 0) / e.length;
    const sd = Math.sqrt(e.reduce((s, v) => s + (v - mean) ** 2, 0) / e.length);
    expect(Math.abs(mean)).toBeLessThan(0.02);
    expect(Math.abs(sd - 0.3)).toBeLessThan(0.015);
  });

  it("is reproducible from its seed and checks its inputs", async () => {
    const a = await moonsData({ seed: 9 }), b = await moonsData({ seed: 9 }), c = await moonsData({ seed: 10 });
    expect(Array.from(a.X)).toEqual(Array.from(b.X));
    expect(Array.from(a.X)).not.toEqual(Array.from(c.X));
    await expect(moonsData({ n: 1 })).rejects.toThrow(InputError);
    await expect(moonsData({ noise: -1 })).rejects.toThrow(/noise/);
  });
});

describe("WDBC", () => {
  it("is 569 × 30, standardized, M → +1 (212), B → −1 (357)", async () => {
    const w = await wdbcData();
    expect([w.n, w.d]).toEqual([569, 30]);
    expect(w.y.filter((v) => v === 1).length).toBe(212);
    expect(w.y.filter((v) => v === -1).length).toBe(357);
    expect(w.labels).toEqual({ M: 1, B: -1 });
    expect(w.columns[0]).toBe("radius_mean");
    for (let j = 0; j < 30; j++) {
      let s = 0, q = 0;
      for (let k = 0; k < 569; k++) { s += w.X[k * 30 + j]; q += w.X[k * 30 + j] ** 2; }
      expect(Math.abs(s / 569)).toBeLessThan(1e-12);
      expect(Math.abs(q / 569 - 1)).toBeLessThan(1e-12);
    }
    // first row, radius_mean = 17.99: (17.99 − mean) / sd as StandardScaler gives it
    expect(w.X[0]).toBeCloseTo(1.0970639814699807, 12);
    const raw = await wdbcData({ standardize: false });
    expect(raw.X[0]).toBe(17.99);
  });
});

describe("CSV", () => {
  const text = "a,b,label\n1,2,yes\n3,4,no\n5,6,yes\n";
  it("maps two labels to ±1 (last in sort order positive unless told), standardizes features", () => {
    const c = csvData(text, { target: "label" });
    expect(Array.from(c.y)).toEqual([1, -1, 1]);
    expect(c.columns).toEqual(["a", "b"]);
    expect(Array.from(c.X.filter((_, i) => i % 2 === 0)).map((v) => +v.toFixed(12))).toEqual([-1.224744871392, 0, 1.224744871392]);
    expect(Array.from(csvData(text, { target: "label", positive: "no" }).y)).toEqual([-1, 1, -1]);
    const numeric = csvData("x,\"t\"\n1,0.5\n2,-3\n", { target: "t", standardize: false });
    expect(Array.from(numeric.y)).toEqual([0.5, -3]);
    expect(Array.from(numeric.X)).toEqual([1, 2]);
  });

  it("errors name the row and column", () => {
    const err = (t: string, target = "label") => {
      try { csvData(t, { target, source: "f.csv" }); } catch (e) { expect(e).toBeInstanceOf(InputError); return (e as Error).message; }
      return "no error";
    };
    expect(err(text, "nope")).toMatch(/no column "nope".*a, b, label/);
    expect(err("a,b,label\n1,2,yes\n3,x,no\n")).toMatch(/row 3, column "b": is not a finite number/);
    expect(err("a,b,label\n1,2,yes\n3,4\n")).toMatch(/row 3.*2 fields.*3/);
    expect(err("a,b,label\n1,2,yes\n3,4,no\n5,6,maybe\n")).toMatch(/3 distinct labels/);
    expect(err("a,b,label\n")).toMatch(/header row and at least one data row/);
  });

  it("reads files and says which file cannot be read", async () => {
    const dir = mkdtempSync(join(tmpdir(), "csv-"));
    writeFileSync(join(dir, "d.csv"), text);
    expect((await csvFileData(join(dir, "d.csv"), { target: "label" })).n).toBe(3);
    await expect(csvFileData(join(dir, "missing.csv"), { target: "label" })).rejects.toThrow(/^csv: .*missing\.csv/);
  });
});
