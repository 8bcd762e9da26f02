// A tiny static file server for the built lab (node:http only): serves one directory, GET/HEAD,
// no directory listings, nothing outside the directory (symbolic links are resolved and must stay
// inside), and only to requests addressed to this server's own host name (a Host-header check: a
// web page on another site cannot reach the lab through DNS rebinding). A file that cannot be read
// is answered with 500; the server keeps serving.
import { existsSync, realpathSync } from "node:fs";
import { readFile as fsReadFile, realpath, stat } from "node:fs/promises";
import { createServer, type Server } from "node:http";
import { hostname, networkInterfaces } from "node:os";
import { dirname, extname, join, normalize, resolve, sep } from "node:path";
import { fileURLToPath } from "node:url";

const TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".map": "application/json; charset=utf-8",
  ".json": "application/json; charset=utf-8",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".wasm": "application/wasm",
};

/** The built lab's directory: next to the bundled CLI (dist/lab), or dist/lab of the package when run from source. */
export function findLabDir(): string | undefined {
  const here = dirname(fileURLToPath(import.meta.url));
  const candidates = [join(here, "lab"), resolve(here, "../../dist/lab"), resolve(here, "../../../dist/lab")];
  return candidates.find((d) => existsSync(join(d, "index.html")));
}

export interface LabServer {
  server: Server;
  url: string;
  /** The host names the server answers to (the Host header's name, without the port). */
  hosts: string[];
  close(): Promise<void>;
}

export interface LabServeOptions {
  /** More host names to answer to (a DNS name of this machine, a proxy's name). @default [] */
  allowHosts?: string[];
  /** Reads a file (tests inject failures here). @default fs/promises readFile */
  readFile?: (path: string) => Promise<Buffer>;
  /** Called with a one-line message when a file cannot be read. @default a line on stderr */
  onError?: (message: string) => void;
}

/** A host name as compared: lower case, no IPv6 brackets, no zone, no trailing dot. */
const canonicalHost = (h: string) => h.trim().toLowerCase().replace(/^\[(.*)\]$/, "$1").replace(/%.*$/, "").replace(/\.$/, "");

/** Whether an address or name is this machine's loopback (127.0.0.0/8, ::1, localhost). */
export function isLoopback(host: string): boolean {
  const h = canonicalHost(host);
  return h === "localhost" || h.endsWith(".localhost") || h === "::1" || /^(::ffff:)?127\.\d+\.\d+\.\d+$/.test(h);
}

/** Whether binding `host` listens on every interface. */
export const isWildcard = (host: string) => ["0.0.0.0", "::", "0:0:0:0:0:0:0:0"].includes(canonicalHost(host));

/**
 * The host names a server bound to `host` answers to: that host; with a loopback address also
 * localhost, 127.0.0.1 and ::1; with 0.0.0.0 or :: every address of this machine, its name and
 * localhost; plus `extra`.
 */
export function allowedHosts(host: string, extra: readonly string[] = []): Set<string> {
  const set = new Set([...extra, host].map(canonicalHost));
  const loopback = ["localhost", "127.0.0.1", "::1"];
  if (isWildcard(host)) {
    for (const list of Object.values(networkInterfaces())) for (const a of list ?? []) set.add(canonicalHost(a.address));
    set.add(canonicalHost(hostname()));
    loopback.forEach((h) => set.add(h));
  } else if (isLoopback(host)) loopback.forEach((h) => set.add(h));
  return set;
}

/** The host name of a Host header (without its port), or undefined when it is malformed. */
function hostOf(header: string | undefined): string | undefined {
  if (!header) return undefined;
  try {
    return canonicalHost(new URL(`http://${header}`).hostname);
  } catch {
    return undefined;
  }
}

/** Serves `dir` on host:port (port 0 picks a free one). */
export async function serveLab(dir: string, port: number, host = "127.0.0.1", opts: LabServeOptions = {}): Promise<LabServer> {
  const root = realpathSync(resolve(dir));
  const hosts = allowedHosts(host, opts.allowHosts);
  const read = opts.readFile ?? ((p: string) => fsReadFile(p));
  const onError = opts.onError ?? ((m: string) => process.stderr.write(`${m}\n`));
  const text = (code: number, body: string, headers: Record<string, string> = {}) => ({ code, body, headers: { "content-type": "text/plain; charset=utf-8", ...headers } });
  const server = createServer((req, res) => {
    const reply = (r: ReturnType<typeof text>) => res.writeHead(r.code, r.headers).end(req.method === "HEAD" ? undefined : r.body);
    const h = hostOf(req.headers.host);
    if (h === undefined || !hosts.has(h)) {
      reply(text(403, `this lab answers only to ${[...hosts].slice(0, 4).join(", ")}: restart it with --allow-host NAME to use another name\n`));
      return;
    }
    if (req.method !== "GET" && req.method !== "HEAD") {
      res.writeHead(405, { allow: "GET, HEAD" }).end();
      return;
    }
    let path: string;
    try {
      path = decodeURIComponent(new URL(req.url ?? "/", "http://x").pathname);
    } catch {
      reply(text(400, "bad request\n"));
      return;
    }
    if (path.endsWith("/")) path += "index.html";
    const notFound = () => reply(text(404, "not found\n"));
    const inside = (p: string) => p === root || p.startsWith(root + sep);
    (async () => {
      const file = normalize(join(root, path));
      if (!inside(file) || path.includes("\0")) return notFound();
      let real: string;
      try {
        real = await realpath(file); // symbolic links resolved: the target must be inside the folder too
      } catch {
        return notFound();
      }
      if (!inside(real)) return notFound();
      try {
        if (!(await stat(real)).isFile()) return notFound();
      } catch {
        return notFound();
      }
      let body: Buffer;
      try {
        body = await read(real);
      } catch (e) {
        const code = (e as NodeJS.ErrnoException).code;
        onError(`lab: cannot read ${real}: ${code ?? (e as Error).message}`);
        return reply(text(500, "the file could not be read\n"));
      }
      res.writeHead(200, {
        "content-type": TYPES[extname(real)] ?? "application/octet-stream",
        "content-length": body.length,
        "cache-control": "no-cache",
        "x-content-type-options": "nosniff",
      });
      res.end(req.method === "HEAD" ? undefined : body);
    })().catch((e) => {
      onError(`lab: ${(e as Error).message}`);
      if (!res.headersSent) reply(text(500, "internal error\n"));
      else res.destroy();
    });
  });
  return new Promise((ok, fail) => {
    server.once("error", fail);
    server.listen(port, host, () => {
      server.off("error", fail);
      server.on("error", (e) => onError(`lab: ${e.message}`));
      const addr = server.address();
      const p = typeof addr === "object" && addr ? addr.port : port;
      const shown = host.includes(":") ? `[${host}]` : host;
      ok({ server, url: `http://${shown}:${p}/`, hosts: [...hosts], close: () => new Promise((r) => server.close(() => r())) });
    });
  });
}
