// The one experiment command (src/cli/experiment-command.ts) as a user meets it, on `cones --quick`:
// defaults in --help, presets, --dry-run, --json, one-line errors naming the flag, and shards that
// `merge` joins into exactly the unsharded run's files.
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { EXPERIMENTS } from "../src/experiments/registry.js";
import { runCli } from "./cli-run.js";

const dir = mkdtempSync(join(tmpdir(), "relu-expcli-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const read = (p: string) => readFileSync(join(dir, p), "utf8");
/** Rows of a JSONL table without wall-clock fields. */
const rows = (p: string) => read(p).trim().split("\n").map((l) => JSON.parse(l));

describe("experiment commands", () => {
  it("every experiment is a command whose --help lists each setting with its default, the presets and the shared flags", () => {
    for (const e of EXPERIMENTS) {
      const r = runCli([e.name, "--help"]);
      expect(r.code, e.name).toBe(0);
      for (const f of e.options.fields.filter((f) => !f.noFlag && f.kind !== "json")) {
        const flag = f.kind === "boolean" && f.default === true ? `--no-${f.key.replace(/[A-Z]/g, (c) => "-" + c.toLowerCase())}` : `--${f.key.replace(/[A-Z]/g, (c) => "-" + c.toLowerCase())}`;
        expect(r.stdout, `${e.name} ${flag}`).toContain(flag);
      }
      for (const p of Object.keys(e.presets)) expect(r.stdout).toContain(`--${p}`);
      for (const flag of ["--out", "--workers", "--shard", "--dry-run", "--json", "--retry-failed"]) expect(r.stdout).toContain(flag);
    }
    expect(runCli(["cones", "--help"]).stdout).toMatch(/--cones <N>\s+random cones per dataset and width \(default: 20\)/);
  });

  it("bad settings: one line naming the flag, exit 2, nothing written", () => {
    for (const [args, want] of [
      [["--widths", "4,4"], /^error: --widths: .*repeated/],
      [["--lambda", "-1"], /^error: --lambda: must be a finite number > 0 \(got -1\)/],
      [["--cones", "2.5"], /^error: --cones: must be an integer/],
      [["--data", "nope"], /^error: --data: must be one of teacher, orthogonal/],
      [["--shard", "3/2"], /^error: --shard: /],
    ] as const) {
      const r = runCli(["cones", "--quick", "--out", join(dir, "bad"), ...args]);
      expect(r.code, args.join(" ")).toBe(2);
      expect(r.stderr.trim().split("\n"), args.join(" ")).toHaveLength(1);
      expect(r.stderr).toMatch(want);
    }
    expect(() => readFileSync(join(dir, "bad", "settings.json"))).toThrow();
  });

  it("--dry-run counts without running or writing; --json prints the outcome", () => {
    const dry = runCli(["cones", "--quick", "--out", join(dir, "dry"), "--dry-run"]);
    expect(dry.code).toBe(0);
    expect(dry.stdout).toMatch(/cones: 15 runs, 0 finished in .*, 15 to run/);
    expect(() => readFileSync(join(dir, "dry", "settings.json"))).toThrow();
    const js = runCli(["cones", "--quick", "--out", join(dir, "json"), "--json", "--workers", "0"]);
    expect(js.code).toBe(0);
    const out = JSON.parse(js.stdout);
    expect(out).toMatchObject({ experiment: "cones", total: 15, present: 15, complete: true, failed: [] });
    expect(out.settings.ns).toEqual([4]);
    expect(out.tables.summary).toHaveLength(5);
  });

  it("shards merged with `merge` give the unsharded run's tables, exactly", () => {
    const whole = runCli(["cones", "--quick", "--out", join(dir, "whole"), "--quiet"]);
    expect(whole.code).toBe(0);
    for (const i of [0, 1, 2]) {
      const r = runCli(["cones", "--quick", "--shard", `${i}/3`, "--out", join(dir, `task-${i}`)]);
      expect(r.code).toBe(0);
      expect(r.stdout).toMatch(new RegExp(`shard ${i}/3: 5 runs done`));
    }
    // two of three shards: refused, nothing written
    const part = runCli(["merge", join(dir, "task-0"), join(dir, "task-1"), "--out", join(dir, "part")]);
    expect(part.code).toBe(1);
    expect(part.stderr).toMatch(/5 of 15 runs are missing: rerun shard 2\/3/);
    const m = runCli(["merge", join(dir, "task-0"), join(dir, "task-1"), join(dir, "task-2"), "--out", join(dir, "merged")]);
    expect(m.code, m.stderr).toBe(0);
    expect(m.stdout).toContain("cones: 150 cones solved");
    for (const t of ["cones.jsonl", "summary.jsonl", "cones.csv", "summary.csv"]) expect(read(`merged/${t}`), t).toBe(read(`whole/${t}`));
    const settings = JSON.parse(read("merged/settings.json"));
    expect(settings).toMatchObject({ experiment: "cones", ns: [4], widths: [5, 10, 20, 40, 80] });
    expect(rows("merged/runs/results.jsonl").map((r) => r.id).sort()).toEqual(rows("whole/runs/results.jsonl").map((r) => r.id).sort());
  });
});
