// Results holding typed arrays serialize as plain JSON arrays (JSON.stringify of a bare Float64Array
// gives {"0": …}), and stay typed arrays in every other respect.
import { describe, expect, it } from "vitest";
import { enumeratePatterns, networkPatterns, samplePatterns, teacherData, toData, moonsData, csvData, allSignedPatterns } from "../src/index.js";

const plain = (o: unknown) => JSON.parse(JSON.stringify(o)) as Record<string, unknown>;

describe("typed arrays in JSON", () => {
  it("Data, PatternSet, samples, signed patterns and network patterns serialize as arrays of numbers", async () => {
    const data = await teacherData({ n: 6, d: 2, seed: 1 });
    expect(data.X).toBeInstanceOf(Float64Array);
    const d = plain(data);
    expect(d.X).toEqual(Array.from(data.X));
    expect(d.y).toEqual(Array.from(data.y));
    for (const other of [toData([[1, 2], [3, 4]], [1, -1]), await moonsData({ n: 10, seed: 0 }), csvData("a,b,t\n1,2,1\n3,4,2\n", { target: "t" })]) {
      expect(plain(other).X).toEqual(Array.from(other.X));
    }
    const set = await enumeratePatterns(data);
    const s = plain(set);
    expect(s.patterns).toEqual(Array.from(set.patterns));
    expect(s.witnesses).toEqual(Array.from(set.witnesses));
    const sample = await samplePatterns(data, 5, { signed: true, seed: 2 });
    expect(plain(sample).signs).toEqual(Array.from(sample.signs));
    const S = await allSignedPatterns(data);
    expect(plain(S).bits).toEqual(Array.from(S.bits));
    const np = await networkPatterns({ W: [[1, 0], [0, 1]], a: [1, -1] }, data);
    expect(plain(np).classes).toEqual(Array.from(np.classes));
    // still typed arrays: slicing keeps the kind, the numbers are the same
    expect(set.witnesses.slice(0, 2)).toBeInstanceOf(Float64Array);
    expect(JSON.stringify(set.witnesses.subarray(0, 2))).toBe(JSON.stringify(Array.from(set.witnesses.subarray(0, 2))));
  });
});
