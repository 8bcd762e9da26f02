// Sweeps that must not go silently wrong: two processes on one results directory (one refuses, no run
// recorded twice), failures visible in the exit code (also failures of earlier invocations), files
// a sweep refers to checked before the first run, a write failure stopping the sweep with one line,
// big grids counted without being held in memory, workers capped at the cores.
import { spawn, spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { runSweep } from "../src/sweep/run-sweep.js";
import { coreCount } from "../src/sweep/node-workers.js";
import { expandSweep } from "../src/sweep/grid.js";
import { runAll } from "../src/sweep/loop.js";
import { SweepPool } from "../src/sweep/pool.js";
import { parseJsonl, ResultsWriter, scanJsonl, type RunRecord } from "../src/sweep/results.js";
import * as fs from "node:fs";
import { runCli } from "./cli-run.js";

const kinds = pathToFileURL(fileURLToPath(new URL("./sweep-kinds.fixture.ts", import.meta.url))).href;
const root = fileURLToPath(new URL("..", import.meta.url));
const main = join(root, "src/cli/main.ts");
const made: string[] = [];
const tmp = () => {
  const d = mkdtempSync(join(tmpdir(), "sweep-safety-"));
  made.push(d);
  return d;
};
afterAll(() => made.forEach((d) => rmSync(d, { recursive: true, force: true })));
const lines = (dir: string, file = "results.jsonl"): RunRecord[] => parseJsonl(readFileSync(join(dir, file), "utf8")).records;

describe("two processes, one results directory", () => {
  it("the second sweep refuses while the first runs; every run is recorded exactly once", async () => {
    const dir = tmp();
    const out = join(dir, "out");
    const file = join(dir, "sweep.json");
    const sweep = { kind: "test-sleep", axes: { k: { from: 0, to: 29, step: 1 } }, base: { ms: 100 } };
    writeFileSync(file, JSON.stringify(sweep));
    const args = ["--import", "tsx", main, "sweep", file, "--out", out, "--workers", "1", "--module", kinds, "--quiet"];
    const first = spawn(process.execPath, args, { stdio: ["ignore", "ignore", "pipe"] });
    let firstErr = "";
    first.stderr.on("data", (b: Buffer) => (firstErr += b.toString()));
    const results = join(out, "results.jsonl");
    const t0 = Date.now();
    while (!(existsSync(results) && readFileSync(results, "utf8").length > 0) && Date.now() - t0 < 60_000) await new Promise((r) => setTimeout(r, 20));
    const second = runCli(["sweep", file, "--out", out, "--workers", "1", "--module", kinds, "--quiet"]);
    const firstCode = await new Promise<number | null>((ok) => first.on("exit", ok));
    expect(firstErr).toBe("");
    expect(firstCode).toBe(0);
    expect(second.code).toBe(2);
    expect(second.stderr).toMatch(/^error: --out: .*results\.jsonl is in use by process \d+ on .* \(since \d+ s ago\): wait for it to finish/);
    const ids = lines(out).map((r) => r.id).sort();
    expect(ids).toEqual(expandSweep(sweep).map((r) => r.id).sort());
    expect(existsSync(`${results}.lock`)).toBe(false);
    // and once the first is done, the same command runs (nothing left to do)
    const third = runCli(["sweep", file, "--out", out, "--module", kinds]);
    expect(third.code).toBe(0);
    expect(third.stdout).toMatch(/30 runs, 30 already done, 0 ran/);
  });
});

describe("failures are visible", () => {
  it("a sweep with failed runs exits 1, also when resumed with nothing left to run; fixed and retried, it exits 0", () => {
    const dir = tmp();
    const out = join(dir, "out");
    const needed = join(dir, "needed.txt");
    const file = join(dir, "sweep.json");
    writeFileSync(file, JSON.stringify({ kind: "test-needs-file", base: { path: needed }, axes: { k: [1, 2, 3] } }));
    const a = runCli(["sweep", file, "--out", out, "--workers", "0", "--module", kinds]);
    expect(a.code).toBe(1);
    expect(a.stderr).toMatch(/error: 3 of 3 runs failed \(their errors are recorded in .*out\): fix the cause and rerun with --retry-failed/);
    const b = runCli(["sweep", file, "--out", out, "--workers", "0", "--module", kinds]);
    expect(b.stdout).toMatch(/3 runs, 3 already done, 0 ran/);
    expect(b.code).toBe(1);
    const dry = runCli(["sweep", file, "--out", out, "--module", kinds, "--dry-run"]);
    expect(dry.stdout).toMatch(/3 finished in .* \(3 failed\), 0 to run/);
    writeFileSync(needed, "here");
    const c = runCli(["sweep", file, "--out", out, "--workers", "0", "--module", kinds, "--retry-failed"]);
    expect(c.code).toBe(0);
    expect(c.stderr).not.toMatch(/error/);
  });

  it("runSweep's summary counts failures of earlier invocations (failedTotal) and forgets them once retried successfully", async () => {
    const out = tmp();
    const path = join(out, "needed.txt");
    const sweep = { kind: "test-needs-file", base: { path }, axes: { k: { from: 1, to: 20, step: 1 } } };
    const first = await runSweep(sweep, { out, workers: 0, modules: [kinds] });
    expect([first.failed, first.failedTotal]).toEqual([20, 20]);
    const again = await runSweep(sweep, { out, workers: 0, modules: [kinds] });
    expect([again.done, again.failed, again.failedTotal]).toEqual([0, 0, 20]);
    writeFileSync(path, "here");
    const ac = new AbortController();
    const partial = await runSweep(sweep, {
      out, workers: 0, modules: [kinds], retryFailed: true, signal: ac.signal,
      onProgress: (p) => p.done === 2 && ac.abort(),
    });
    expect(partial.done).toBeLessThan(20);
    expect(partial.failedTotal).toBe(20 - partial.done); // the runs not retried are still failures
    const rest = await runSweep(sweep, { out, workers: 0, modules: [kinds], retryFailed: true });
    expect(rest.failedTotal).toBe(0);
  });

  it("a train sweep's problem files are checked before the first run; errors never quote the file", () => {
    const dir = tmp();
    const secret = join(dir, "passwd");
    writeFileSync(secret, "root:x:0:0:secret-hash:/root:/bin/bash\n");
    const good = join(dir, "good.json");
    writeFileSync(good, JSON.stringify({ X: [[1, 0], [0, 1], [1, 1]], y: [1, 0, 1] }));
    const cases: [object, RegExp][] = [
      [{ axes: { problem: [good, join(dir, "missing.json")] }, base: { maxEpochs: 10 } }, /^error: axes\.problem\[1\]: cannot read .*missing\.json: no such file or directory \(ENOENT\): check the path\n$/],
      [{ base: { problem: secret, maxEpochs: 10 } }, /^error: base\.problem: .*passwd is not valid JSON \(line 1, column 1: unexpected character\)\n$/],
      [{ base: { problem: "/dev/zero", maxEpochs: 10 } }, /^error: base\.problem: \/dev\/zero is a device: give a regular file\n$/],
      [{ axes: { problem: [good, join(dir, "bad.json")] }, base: { maxEpochs: 10 } }, /^error: axes\.problem\[1\]: .*bad\.json is not a valid problem file: /],
    ];
    writeFileSync(join(dir, "bad.json"), JSON.stringify({ X: [[1, 0]], y: [1, 2] }));
    cases.forEach(([sweep, expected], i) => {
      const file = join(dir, `sweep-${i}.json`);
      writeFileSync(file, JSON.stringify(sweep));
      const out = join(dir, `out-${i}`);
      const r = runCli(["sweep", file, "--out", out, "--workers", "0"]);
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(expected);
      expect(r.stderr).not.toMatch(/secret|root:/);
      expect(existsSync(join(out, "results.jsonl"))).toBe(false); // nothing ran
    });
  });

  it("a results file that cannot be written stops the sweep with one line (no stack trace, no temp file); the rerun resumes, every run once", () => {
    const dir = tmp();
    const out = join(dir, "out");
    const file = join(dir, "sweep.json");
    const sweep = { kind: "test-draw", axes: { x: { from: 3, to: 402, step: 1 } } };
    writeFileSync(file, JSON.stringify(sweep));
    // a file-size limit of 8 KiB makes the append fail part-way (EFBIG), as a full disk would (ENOSPC)
    const r = spawnSync("sh", ["-c", `ulimit -f 16; exec "${process.execPath}" --import tsx "${main}" sweep "${file}" --out "${out}" --workers 1 --module "${kinds}" --quiet`], { encoding: "utf8", cwd: root });
    expect(r.stderr).toBe(`error: cannot write ${join(out, "results.jsonl")}: file too large (EFBIG)\n`);
    expect(r.status).toBe(1);
    expect(readdirSync(out).sort()).toEqual(["results.jsonl", "sweep.json"]);
    const again = runCli(["sweep", file, "--out", out, "--workers", "1", "--module", kinds, "--quiet"]);
    expect(again.code).toBe(0);
    const recs = lines(out);
    expect(recs.length).toBe(400);
    expect(new Set(recs.map((x) => x.id)).size).toBe(400);
  });

  it("runAll stops at once when a record cannot be written and rejects with that error", async () => {
    const pool = await SweepPool.create({ workers: 0, modules: [kinds] });
    const runs = expandSweep({ kind: "test-draw", axes: { x: [1, 3, 4, 5, 6, 7, 8, 9, 10, 11] } });
    let written = 0;
    const p = runAll(pool, runs, {
      kind: "test-draw",
      onRecord: () => {
        if (written === 3) throw new Error("disk full");
        written++;
      },
    });
    await expect(p).rejects.toThrow("disk full");
    expect(written).toBe(3);
    pool.close();
  });
});

describe("big grids and many workers", () => {
  it("a dry run of a million runs counts them without holding them (100 MB of heap) and a grid above the limit is refused", () => {
    const dir = tmp();
    const file = join(dir, "sweep.json");
    writeFileSync(file, JSON.stringify({ kind: "test-noop", axes: { a: { from: 1, to: 1000, step: 1 }, b: { from: 1, to: 1000, step: 1 } } }));
    const cli = (extra: string[]) =>
      spawnSync(process.execPath, ["--max-old-space-size=100", "--import", "tsx", main, "sweep", file, "--out", join(dir, "out"), "--module", kinds, "--dry-run", ...extra], { encoding: "utf8", cwd: root });
    const r = cli([]);
    expect(r.stderr).toBe("");
    expect(r.stdout).toMatch(/: 1000000 runs \(a ×1000, b ×1000; 1 repetition\); 0 finished in .*, 1000000 to run/);
    expect(cli(["--shard", "3/7"]).stdout).toMatch(/shard 3\/7: 142857 runs, 0 finished/);
    writeFileSync(file, JSON.stringify({ kind: "test-noop", repetitions: 11, axes: { a: { from: 1, to: 1000, step: 1 }, b: { from: 1, to: 100, step: 1 } } }));
    const big = cli([]);
    expect(big.status).toBe(2);
    expect(big.stderr).toMatch(/^error: axes\.b: the sweep grows past 1000000 runs/);
  });

  it("caps workers at the number of cores unless forced", async () => {
    const s = await runSweep({ kind: "test-draw", axes: { x: [1, 3, 4, 5] } }, { out: tmp(), workers: 1000, modules: [kinds] });
    expect(s.workers).toBe(Math.min(coreCount(), 4));
    const forced = await runSweep({ kind: "test-draw", axes: { x: [1, 3, 4] } }, { out: tmp(), workers: 3, forceWorkers: true, modules: [kinds] });
    expect(forced.workers).toBe(3);
    expect(forced.done).toBe(3);
    const dir = tmp();
    const file = join(dir, "sweep.json");
    writeFileSync(file, JSON.stringify({ kind: "test-draw", axes: { x: [1] } }));
    const r = runCli(["sweep", file, "--out", join(dir, "out"), "--workers", "1000", "--module", kinds]);
    expect(r.code).toBe(0);
    expect(r.stderr).toContain(`note: --workers 1000 is more than the ${coreCount()} cores: using ${coreCount()} (--force-workers starts 1000)`);
  });
});

describe("results files", () => {
  it("are read in chunks: lines longer than a chunk, a torn last line and CRLF give what parseJsonl gives", () => {
    const dir = tmp();
    const f = join(dir, "results.jsonl");
    const big = { id: "b", index: 1, rep: 0, seed: 1, config: {}, result: { v: "x".repeat(3 << 20) }, seconds: 0 };
    const text = `{"id":"a","index":0,"rep":0,"seed":0,"config":{},"seconds":0}\r\n${JSON.stringify(big)}\n\n{"id":"c","index":2,"rep":0,"seed":0,"config":{},"seconds":0}\n{"id":"torn","ind`;
    writeFileSync(f, text);
    const got: RunRecord[] = [];
    const { tornAt } = scanJsonl(fs, f, (r) => got.push(r));
    const ref = parseJsonl(text);
    expect(got.map((r) => r.id)).toEqual(["a", "b", "c"]);
    expect(got).toEqual(ref.records);
    expect(tornAt).toBe(Buffer.byteLength(text.slice(0, ref.tornAt)));
    new ResultsWriter(fs, f).close(); // cuts the torn line
    expect(readFileSync(f, "utf8")).toBe(text.slice(0, ref.tornAt));
    writeFileSync(f, `{"id":"a"}\nnot json\n{"id":"c"}\n`);
    expect(() => scanJsonl(fs, f, () => {})).toThrow(/line 2 is not JSON/);
  });

  it("a short write is continued: every line is written whole", () => {
    const dir = tmp();
    const f = join(dir, "results.jsonl");
    const dribble = { ...fs, writeSync: (fd: number, b: Uint8Array, off: number) => fs.writeSync(fd, b, off, 1) } as unknown as typeof fs;
    const w = new ResultsWriter(dribble, f);
    w.append({ id: "a", index: 0, rep: 0, seed: 0, config: { m: 1 }, result: { loss: 0.5 }, seconds: 0 });
    w.close();
    expect(lines(dir)).toEqual([{ id: "a", index: 0, rep: 0, seed: 0, config: { m: 1 }, result: { loss: 0.5 }, seconds: 0 }]);
  });
});
