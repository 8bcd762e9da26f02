// The lab's file server: answers only requests addressed to its own host name (DNS rebinding), never
// serves a file outside its folder (also through symbolic links), answers 500 to a file that cannot
// be read and keeps serving; the CLI warns when the lab is reachable from other machines.
import { spawn } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { request } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { allowedHosts, serveLab } from "../src/cli/lab-server.js";

const made: string[] = [];
const tmp = () => {
  const d = mkdtempSync(join(tmpdir(), "lab-server-"));
  made.push(d);
  return d;
};
afterAll(() => made.forEach((d) => rmSync(d, { recursive: true, force: true })));

/** GET path with a given Host header. */
function get(url: string, path: string, host?: string): Promise<{ status: number; body: string }> {
  const u = new URL(url);
  return new Promise((ok, fail) => {
    const req = request({ host: u.hostname, port: u.port, path, headers: host === undefined ? {} : { host } }, (res) => {
      let body = "";
      res.on("data", (c: Buffer) => (body += c.toString()));
      res.on("end", () => ok({ status: res.statusCode ?? 0, body }));
    });
    req.on("error", fail);
    req.end();
  });
}

function site(): { dir: string; outside: string } {
  const root = tmp();
  const dir = join(root, "site");
  mkdirSync(join(dir, "assets"), { recursive: true });
  writeFileSync(join(dir, "index.html"), "<html>lab</html>");
  writeFileSync(join(dir, "assets", "app.js"), "console.log(1)");
  const outside = join(root, "secret.txt");
  writeFileSync(outside, "secret");
  return { dir, outside };
}

describe("the lab server", () => {
  it("answers only to its own host names (with any port: tunnels), not to other names", async () => {
    const { dir } = site();
    const lab = await serveLab(dir, 0, "127.0.0.1");
    try {
      const port = new URL(lab.url).port;
      for (const h of [`127.0.0.1:${port}`, `localhost:${port}`, "localhost:9000", `[::1]:${port}`, "LOCALHOST."]) {
        expect((await get(lab.url, "/", h)).status, h).toBe(200);
      }
      for (const h of [`evil.example:${port}`, "attacker.com", `127.0.0.1.evil.example:${port}`, "a b"]) {
        const r = await get(lab.url, "/", h);
        expect(r.status, h).toBe(403);
        expect(r.body).not.toContain("lab</html>");
      }
    } finally {
      await lab.close();
    }
    const extra = await serveLab(dir, 0, "127.0.0.1", { allowHosts: ["lab.example.org"] });
    try {
      expect((await get(extra.url, "/", "lab.example.org:8080")).status).toBe(200);
    } finally {
      await extra.close();
    }
    expect(allowedHosts("0.0.0.0").has("localhost")).toBe(true);
    expect(allowedHosts("192.0.2.7").has("localhost")).toBe(false);
  });

  it("never serves what a symbolic link points to outside its folder; links inside are fine", async () => {
    const { dir, outside } = site();
    symlinkSync(outside, join(dir, "leak.txt"));
    symlinkSync(join(outside, ".."), join(dir, "up"));
    symlinkSync(join(dir, "assets", "app.js"), join(dir, "alias.js"));
    const lab = await serveLab(dir, 0);
    try {
      for (const p of ["/leak.txt", "/up/secret.txt", "/../secret.txt", "/%2e%2e/secret.txt", "/assets/%2e%2e/%2e%2e/secret.txt"]) {
        const r = await get(lab.url, p);
        expect(r.status, p).toBe(404);
        expect(r.body).not.toContain("secret");
      }
      expect(await get(lab.url, "/alias.js")).toEqual({ status: 200, body: "console.log(1)" });
    } finally {
      await lab.close();
    }
  });

  it("answers 500 to a file that cannot be read (EIO) and keeps serving", async () => {
    const { dir } = site();
    const errors: string[] = [];
    const lab = await serveLab(dir, 0, "127.0.0.1", {
      readFile: async (p) => {
        if (p.endsWith("app.js")) throw Object.assign(new Error("EIO: i/o error, read"), { code: "EIO" });
        return (await import("node:fs/promises")).readFile(p);
      },
      onError: (m) => errors.push(m),
    });
    try {
      expect((await get(lab.url, "/assets/app.js")).status).toBe(500);
      expect(errors).toEqual([expect.stringMatching(/^lab: cannot read .*app\.js: EIO$/)]);
      expect(await get(lab.url, "/")).toEqual({ status: 200, body: "<html>lab</html>" });
    } finally {
      await lab.close();
    }
  });

  it("the CLI warns that the lab has no authentication when bound to every interface", async () => {
    const { dir } = site();
    const main = fileURLToPath(new URL("../src/cli/main.ts", import.meta.url));
    const child = spawn(process.execPath, ["--import", "tsx", main, "lab", "--dir", dir, "--port", "0", "--host", "0.0.0.0"], { stdio: ["ignore", "pipe", "pipe"] });
    let out = "", err = "";
    child.stderr.on("data", (b: Buffer) => (err += b.toString()));
    await new Promise<void>((ok, fail) => {
      child.stdout.on("data", (b: Buffer) => (out += b.toString()).includes("Ctrl+C") && ok());
      child.on("exit", () => fail(new Error(`lab exited: ${err}`)));
    });
    child.kill();
    expect(out).toMatch(/relu-landscape lab: http:\/\/0\.0\.0\.0:\d+\//);
    expect(err).toMatch(/^warning: the lab has no authentication, and --host 0\.0\.0\.0 makes it reachable from other machines/);
  });
});
