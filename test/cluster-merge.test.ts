// merge as the cluster jobs use it: the per-shard report (expected, found, missing, duplicated,
// failed), nothing written when runs are missing unless --allow-missing, --json, experiment output
// directories (runs under DIR/runs), and refusals that protect the output directory. Runs the built
// CLI (dist/cli.js).
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { runSweep } from "../src/sweep/run-sweep.js";
import { collectResults, mergeResults } from "../src/sweep/merge.js";
import { expandSweep } from "../src/sweep/grid.js";
import { parseSweep } from "../src/sweep/spec.js";
import { parseJsonl, type RunRecord } from "../src/sweep/results.js";


const CLI = fileURLToPath(new URL("../dist/cli.js", import.meta.url));
/** The built CLI (as the cluster jobs run it). */
const runCli = (args: string[]) => {
  const r = spawnSync(process.execPath, [CLI, ...args], { encoding: "utf8", timeout: 120_000 });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
};

const kinds = pathToFileURL(fileURLToPath(new URL("./sweep-kinds.fixture.ts", import.meta.url))).href;
const made: string[] = [];
afterAll(() => made.forEach((d) => rmSync(d, { recursive: true, force: true })));
const tmp = () => {
  const d = mkdtempSync(join(tmpdir(), "merge-test-"));
  made.push(d);
  return d;
};
// x = 2 fails on purpose (test-draw): runs 3, 4, 5 fail, one in each of 3 shards
const sweep = { kind: "test-draw", seed: 4, axes: { x: [1, 2, 3] }, repetitions: 3 }; // 9 runs
const records = (file: string): RunRecord[] => parseJsonl(readFileSync(file, "utf8"), file).records;
const comparable = (rs: RunRecord[]) => [...rs].sort((a, b) => a.index - b.index).map(({ seconds: _s, ...r }) => r);

/** Shards 0..count-1 of `sweep` into root/task-k (an experiment-like directory when `experiment`). */
async function shards(root: string, count: number, experiment: boolean, only?: number[]): Promise<string[]> {
  const dirs: string[] = [];
  for (let k = 0; k < count; k++) {
    const dir = join(root, `task-${k}`);
    dirs.push(dir);
    if (only && !only.includes(k)) continue;
    if (experiment) writeFileSync((mkdirSync(dir, { recursive: true }), join(dir, "settings.json")), "{}\n");
    await runSweep(sweep, { out: experiment ? join(dir, "runs") : dir, workers: 0, shard: { index: k, count }, modules: [kinds] });
  }
  return dirs;
}

describe("merge for cluster jobs", () => {
  const runs = expandSweep(parseSweep(sweep));
  const failing = runs.filter((r) => r.config.x === 2).map((r) => r.index);

  it("reports per shard: expected, found, missing, duplicated, failed", async () => {
    const root = tmp();
    const dirs = await shards(root, 3, false);
    const r = collectResults(dirs);
    const expected = (k: number) => runs.filter((x) => x.index % 3 === k).length;
    expect(r.shards).toEqual([0, 1, 2].map((k) => ({ shard: `${k}/3`, expected: expected(k), found: expected(k), missing: 0, duplicated: 0, failed: failing.filter((i) => i % 3 === k).length })));
    expect(r.failed).toBe(failing.length);
    expect(failing).toEqual([3, 4, 5]);
    // unsharded inputs: one row
    const single = tmp();
    await runSweep(sweep, { out: single, workers: 0, modules: [kinds] });
    expect(collectResults([single]).shards).toEqual([{ shard: "all", expected: 9, found: 9, missing: 0, duplicated: 0, failed: failing.length }]);
  });

  it("writes nothing when runs are missing (exit 1, the shard named); --allow-missing writes what is there; --json", async () => {
    const root = tmp();
    const dirs = await shards(root, 3, false, [0, 2]); // task 1 never ran: no directory at all
    const out = join(root, "all");
    const present = dirs.filter((d) => existsSync(d));
    const r = runCli(["merge", ...present, "--shards", "3", "--out", out]);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/^read 2 directories; nothing written/);
    expect(r.stdout).toMatch(/^1\/3 +3 +0 +3 +0 +0$/m);
    expect(r.stdout).toMatch(/^total +9 +6 +3 +0 +2$/m);
    expect(r.stderr.trim()).toBe("error: 3 of 9 runs are missing: rerun shard 1/3 (a shard resumes: its finished runs are kept), or merge what is there with --allow-missing");
    expect(existsSync(out)).toBe(false);
    // without --shards, the shard with no file cannot be listed, but its runs are missing all the same
    expect(runCli(["merge", ...present, "--out", out]).stdout).toMatch(/^1\/3 +3 +0 +3/m); // file names say "of 3"
    const j = runCli(["merge", ...present, "--shards", "3", "--out", out, "--allow-missing", "--json"]);
    expect(j.code).toBe(0);
    const report = JSON.parse(j.stdout);
    expect(report).toMatchObject({ written: true, layout: "sweep", total: 9, present: 6 });
    expect(report.missing.map((m: { index: number }) => m.index)).toEqual([1, 4, 7]);
    expect(report.shards[1]).toEqual({ shard: "1/3", expected: 3, found: 0, missing: 3, duplicated: 0, failed: 0 });
    expect(records(join(out, "results.jsonl")).map((x) => x.index)).toEqual([0, 2, 3, 5, 6, 8]);
    // once the missing shard has run, merging again into the same directory completes it
    await shards(root, 3, false, [1]);
    const again = runCli(["merge", ...dirs, "--out", out]);
    expect(again.code).toBe(0);
    expect(again.stdout).toMatch(/9 runs in the sweep: 9 present/);
    expect(records(join(out, "results.jsonl")).map((x) => x.index)).toEqual([...Array(9).keys()]);
  });

  it("merges experiment output directories (runs under DIR/runs) into OUT/runs", async () => {
    const root = tmp();
    const dirs = await shards(root, 2, true);
    const single = tmp();
    await runSweep(sweep, { out: single, workers: 0, modules: [kinds] });
    const out = join(root, "merged");
    const m = mergeResults(dirs, out);
    expect(m.layout).toBe("experiment");
    expect(m.written).toBe(true);
    expect(m.outResultsDir).toBe(join(out, "runs"));
    expect(comparable(records(join(out, "runs/results.jsonl")))).toEqual(comparable(records(join(single, "results.jsonl"))));
    expect(JSON.parse(readFileSync(join(out, "runs/sweep.json"), "utf8"))).toEqual(JSON.parse(readFileSync(join(single, "sweep.json"), "utf8")));
    // the same through the CLI, and a sweep results directory cannot join experiment directories
    const viaCli = runCli(["merge", ...dirs, "--out", join(root, "cli")]);
    expect(viaCli.code, viaCli.stderr).toBe(0);
    expect(existsSync(join(root, "cli/runs/results.jsonl"))).toBe(true);
    const mixed = runCli(["merge", ...dirs, single, "--out", join(root, "x")]);
    expect(mixed.code).toBe(2);
    expect(mixed.stderr).toMatch(/is a sweep results directory, .* is not: merge one kind at a time/);
  });

  it("refuses an output directory holding another sweep or other results files, and inputs that are not results", async () => {
    const root = tmp();
    const dirs = await shards(root, 2, false);
    const other = tmp();
    await runSweep({ ...sweep, seed: 5 }, { out: other, workers: 0, modules: [kinds] });
    let r = runCli(["merge", ...dirs, "--out", other]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^error: --out: .* holds the results of a different sweep/);
    const shared = join(root, "shared");
    await runSweep(sweep, { out: shared, workers: 0, shard: { index: 0, count: 2 }, modules: [kinds] });
    r = runCli(["merge", ...dirs, "--out", shared]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/holds other results files .*results\.shard-0-of-2\.jsonl.* that would count twice/);
    r = runCli(["merge", join(root, "nope"), "--out", join(root, "o")]);
    expect(r.stderr.trim()).toBe(`error: ${join(root, "nope")}: does not exist: give the --out directories of the shards`);
    r = runCli(["merge", root, "--out", join(root, "o")]);
    expect(r.stderr).toMatch(/has no sweep\.json \(nor runs\/sweep\.json\): is it the --out directory of a sweep or an experiment\?/);
  });
});
