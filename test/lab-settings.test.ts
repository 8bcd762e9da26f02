// The lab's settings without a browser: the query string round trip (Train settings and every
// experiment's settings, read and checked by the option groups' own schemas), the experiments' fields
// as the Experiments tab offers them, and the lab's starting point = the CLI's --quick settings.
import { describe, expect, it } from "vitest";
import { InputError } from "../src/api/errors.js";
import { experimentSettings } from "../src/experiments/experiment.js";
import { EXPERIMENTS } from "../src/experiments/registry.js";
import { readField, fieldText } from "../src/web/field-text.js";
import { LAB_EXPERIMENTS, labExperiment, resolveLabSettings, startValues, visibleFields } from "../src/web/lab-experiments.js";
import { DEFAULT_SETTINGS, normalizeSettings, parseSettings, settingsQuery } from "../src/web/settings.js";
import { verdictText } from "../src/web/train-panel.js";
import { widthSweep, widthSummary } from "../src/web/width-experiment.js";

describe("lab settings in the URL", () => {
  it("every setting survives a round trip through the query string, experiments' settings included", () => {
    const s = normalizeSettings({
      ...DEFAULT_SETTINGS, ds: "moons" as const, n: 77, bias: true, alpha: 0.00123, lambda: 0, lr: 0.3, method: "sgd" as const, seed: 2 ** 40 + 3,
      ex: "phase",
      exp: {
        phase: { gammas: [0.5, 1.25], widths: [10, 31, 100], decay: false, posterPairs: "0:0;1:0.25", tol: 0.05 },
        cones: { widths: [3, 9], data: "orthogonal", ds: [9] },
        gaps: { threshold: 0.001, align: false },
        width: { alphas: [1e-5, 2], lrSchedule: "constant" },
      },
    });
    const q = settingsQuery(s);
    expect(parseSettings(q)).toEqual(s);
    expect(settingsQuery(parseSettings(q))).toBe(q);
    // the shown experiment's settings in full (a link does not depend on the lab's starting point),
    // the others' where they differ from it
    const url = new URLSearchParams(q);
    for (const f of visibleFields(labExperiment("phase")!)) expect(url.has(`phase.${f.key}`), f.key).toBe(f.default !== undefined || f.key in (labExperiment("phase")!.definition.presets.quick));
    expect(url.get("phase.decay")).toBe("0");
    expect(url.get("cones.widths")).toBe("3,9");
    expect(url.has("cones.ns")).toBe(false); // the quick preset's value: not written for a hidden experiment
    expect(url.get("gaps.threshold")).toBe("0.001");
    expect(url.get("width.alphas")).toBe("0.00001,2");
  });

  it("unreadable values keep the defaults; a dataset brings its own sizes unless given", () => {
    const s = parseSettings("m=-3&lr=abc&alpha=&method=adam&seed=1.5&tab=nope&foo=1&cones.widths=1,x&cones.cones=0&cones.data=csv&phase.decay=maybe");
    expect(s).toEqual(DEFAULT_SETTINGS);
    const r = parseSettings("ds=regression1d");
    expect([r.n, r.d, r.bias]).toEqual([24, 1, true]);
    expect(parseSettings("ds=smallinit&n=6").d).toBe(6); // n = d
    expect(parseSettings("ds=orthogonal&n=9&d=5").n).toBe(5); // n ≤ d
    // links from before the lab ran the package's experiments
    expect(parseSettings("ex=initscale").ex).toBe("init-scale");
  });

  it("the shown experiment starts from its quick preset, which is the CLI's --quick", () => {
    for (const e of LAB_EXPERIMENTS.filter((x) => x.id !== "width")) {
      const def = EXPERIMENTS.find((d) => d.name === e.id)!;
      const s = parseSettings(`ex=${e.id}`);
      expect(s.exp[e.id]).toEqual(startValues(e));
      expect(resolveLabSettings(e, s.exp[e.id])).toEqual(experimentSettings(def, { ...e.pinned }, "quick"));
    }
  });
});

describe("experiment fields in the lab", () => {
  it("every experiment of the package has a lab panel, and its fields are its options' flags", () => {
    expect(LAB_EXPERIMENTS.map((e) => e.id)).toEqual(["width", ...EXPERIMENTS.map((e) => e.name)]);
    for (const e of LAB_EXPERIMENTS) {
      const keys = visibleFields(e).map((f) => f.key);
      const expected = e.definition.options.fields.filter((f) => !f.noFlag && f.kind !== "json" && !(f.key in e.pinned)).map((f) => f.key);
      expect(keys).toEqual(expected);
      for (const f of visibleFields(e)) expect(f.doc.length, `${e.id}.${f.key}`).toBeGreaterThan(5);
    }
    // what a browser cannot do is pinned: the gaps experiment's data set (WDBC and CSV read files)
    expect(visibleFields(labExperiment("gaps")!).map((f) => f.key)).not.toContain("csv");
    expect(resolveLabSettings(labExperiment("gaps")!, { dataset: "csv", csv: "x.csv" } as Record<string, unknown>).dataset).toBe("moons");
  });

  it("field values are read by the field's own schema: bounds, integers, choices, lists, none", () => {
    const cones = labExperiment("cones")!, g = cones.definition.options;
    const f = (k: string) => g.fields.find((x) => x.key === k)!;
    expect(readField(g, f("widths"), " 5, 10,20 ")).toEqual([5, 10, 20]);
    expect(readField(g, f("lambda"), "1e-3")).toBe(0.001);
    expect(readField(g, f("widths"), "")).toBeUndefined();
    const bad = (k: string, t: string) => {
      try {
        readField(g, f(k), t);
      } catch (e) {
        expect(e).toBeInstanceOf(InputError);
        return (e as InputError).field;
      }
      throw new Error(`${k}=${t} was accepted`);
    };
    expect(bad("widths", "5,x")).toBe("widths[1]");
    expect(bad("widths", "5,5")).toBe("widths");
    expect(bad("cones", "2.5")).toBe("cones");
    expect(bad("lambda", "0")).toBe("lambda");
    expect(bad("data", "csv")).toBe("data");
    for (const k of ["widths", "lambda", "data", "cones"]) expect(readField(g, f(k), fieldText(f(k), (cones.definition.options.defaults as Record<string, unknown>)[k]))).toEqual((cones.definition.options.defaults as Record<string, unknown>)[k]);
    // a cross-field check of the group names its field
    expect(() => resolveLabSettings(labExperiment("cones")!, { data: "orthogonal", ns: [9], ds: [4] })).toThrow(/^ns: /);
  });
});

describe("the width × init scale sweep", () => {
  it("is a sweep of the train kind over m × α with seeds as repetitions, the halve-on-rise schedule by default", () => {
    const e = labExperiment("width")!;
    const o = resolveLabSettings(e, { widths: [4, 8], alphas: [0.1, 1], seeds: 2 }, { data: { n: 10, d: 2, dataSeed: 3, lambda: 0.01 } });
    const spec = widthSweep(o as never);
    expect(spec).toMatchObject({ kind: "train", repetitions: 2, axes: { m: [4, 8], alpha: [0.1, 1] }, base: { n: 10, d: 2, dataSeed: 3, lambda: 0.01, lrSchedule: "halve-on-rise" } });
    expect(spec.measure).toEqual(expect.arrayContaining(["W", "a", "stopReason", "loss"]));
  });

  it("marks diverged runs and leaves them out of the gap's mean", () => {
    const rec = (m: number, rep: number, result: Record<string, unknown>) => ({ id: `${m}/${rep}`, index: 0, rep, seed: rep, config: { m, alpha: 1, rep }, seconds: 0, result });
    const { rows, summary } = widthSummary([
      rec(64, 0, { loss: 1e156, stopReason: "diverged" }),
      rec(64, 1, { loss: 0.1, stopReason: "maxEpochs", gap: 1e-2, verdict: "not-stationary" }),
      rec(64, 2, { loss: 0.1, stopReason: "maxEpochs", gap: 1e-4, verdict: "not-stationary" }),
    ]);
    expect(rows.map((r) => r.diverged)).toEqual([true, false, false]);
    expect(summary).toHaveLength(1);
    expect(summary[0]).toMatchObject({ runs: 3, diverged: 1, certified: 2, fracGlobal: 0 });
    expect(summary[0].gapGeoMean).toBeCloseTo(1e-3, 12);
  });
});

describe("verdicts on the Train panel", () => {
  it("each of the five verdicts has its own word, and the line under it is what backs it", () => {
    const verdicts = ["global", "spurious-local-minimum", "saddle", "not-stationary", "undetermined"] as const;
    const shown = verdicts.map((verdict) => verdictText({ verdict, reason: `why ${verdict}` }, 12345));
    expect(new Set(shown.map((x) => x.word)).size).toBe(5);
    shown.forEach((x, i) => expect(x.detail).toBe(`epoch 12,345: why ${verdicts[i]}`));
    // "spurious" only for a certified spurious local minimum; nothing else reads as a minimum
    expect(shown.filter((x) => /spurious/.test(x.word)).map((x) => x.word)).toEqual(["spurious local min"]);
    expect(shown.filter((x) => /\bmin\b/.test(x.word)).map((x) => x.word)).toEqual(["global min", "spurious local min"]);
  });
});
