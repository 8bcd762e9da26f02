// The sweep engine in a browser: a pool of module Web Workers (each with its own WASM core) in
// headless Chromium gives the same records as Node's worker threads, number for number.
import { createServer, type Server } from "node:http";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";
import { describe, expect, it } from "vitest";
import { runSweep } from "../src/sweep/run-sweep.js";
import { parseJsonl, type RunRecord } from "../src/sweep/results.js";
import { BROWSER_SWEEP } from "./sweep-browser.sweep.js";
import { registerBuiltinKinds } from "../src/experiments/registry.js";
import { launchChromium } from "./setup/chromium.js";

registerBuiltinKinds();

const here = (p: string) => fileURLToPath(new URL(p, import.meta.url));
const strip = (rs: RunRecord[]) => [...rs].sort((a, b) => a.index - b.index).map(({ seconds: _s, ...r }) => r);

async function serve(dir: string): Promise<{ server: Server; url: string }> {
  const page = "<!doctype html><meta charset=utf-8><script type=module src=./page.js></script>";
  const server = createServer((req, res) => {
    const name = (req.url ?? "/").split("?")[0].replace(/^\/+/, "");
    if (name === "" || name === "index.html") return res.writeHead(200, { "content-type": "text/html" }).end(page);
    const file = join(dir, name);
    if (!/^[\w.-]+$/.test(name) || !existsSync(file)) return res.writeHead(404).end();
    res.writeHead(200, { "content-type": "text/javascript" }).end(readFileSync(file));
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const addr = server.address() as { port: number };
  return { server, url: `http://127.0.0.1:${addr.port}/` };
}

describe("sweeps in a browser", () => {
  it("Web Workers in Chromium give the records of Node's worker threads", async () => {
    const dir = mkdtempSync(join(tmpdir(), "sweep-browser-"));
    await build({
      entryPoints: { page: here("./sweep-browser.page.ts"), "sweep-worker": here("../src/sweep-worker.ts") },
      bundle: true, format: "esm", platform: "browser", target: "es2022", outdir: dir, logLevel: "error",
    });
    const { server, url } = await serve(dir);
    const profile = mkdtempSync(join(tmpdir(), "sweep-browser-profile-"));
    const context = await launchChromium(profile);
    try {
      const page = await context.newPage();
      const errors: string[] = [];
      page.on("pageerror", (e) => errors.push(e.message));
      await page.goto(url);
      await page.waitForFunction(() => (globalThis as { __sweep?: unknown }).__sweep !== undefined, null, { timeout: 60_000 });
      const got = (await page.evaluate(() => (globalThis as { __sweep?: unknown }).__sweep)) as { records?: RunRecord[]; error?: string };
      expect(got.error, got.error).toBeUndefined();
      expect(errors).toEqual([]);
      const out = mkdtempSync(join(tmpdir(), "sweep-browser-node-"));
      await runSweep(BROWSER_SWEEP, { out, workers: 2 });
      const node = parseJsonl(readFileSync(join(out, "results.jsonl"), "utf8")).records;
      expect(got.records!.length).toBe(8);
      expect(strip(got.records!)).toEqual(strip(node));
      rmSync(out, { recursive: true, force: true });
    } finally {
      await context.close();
      server.close();
      rmSync(profile, { recursive: true, force: true });
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
