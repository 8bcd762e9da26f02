// What the package costs its users: the tarball, a library-only install of it (`npm install <tarball>
// --omit=dev` into an empty directory: packages and size of node_modules), the gzip size of a browser
// bundle that uses train, globalOptimum and certify (esbuild --bundle --minify, resolving
// "relu-landscape" through the package's exports and sideEffects as a user's bundler would) and what
// it is made of, and the time to import the package in Node (ESM and CommonJS, fresh processes).
// Measures the built dist/ (`npm run build` first).
//   npx tsx bench/bundle-size.ts
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";
import { build } from "esbuild";

const root = fileURLToPath(new URL("..", import.meta.url));
if (!existsSync(join(root, "dist/index.js"))) {
  console.error("error: dist/: not built; run `npm run build` first");
  process.exit(2);
}

// a consumer's directory: node_modules/relu-landscape is this package
const dir = mkdtempSync(join(tmpdir(), "relu-bundle-size-"));
mkdirSync(join(dir, "node_modules"));
symlinkSync(root, join(dir, "node_modules/relu-landscape"), "dir");
writeFileSync(join(dir, "package.json"), JSON.stringify({ name: "consumer", private: true, type: "module" }));
const entry = join(dir, "entry.js");
writeFileSync(entry, `import { train, globalOptimum, certify } from "relu-landscape";\nglobalThis.api = { train, globalOptimum, certify };\n`);

try {
  // the tarball and a library-only install of it
  const pack = mkdtempSync(join(tmpdir(), "relu-pack-"));
  try {
    const [info] = JSON.parse(execFileSync("npm", ["pack", "--ignore-scripts", "--json", "--pack-destination", pack], { cwd: root, encoding: "utf8" })) as
      { filename: string; size: number; unpackedSize: number; entryCount: number }[];
    console.log(`tarball: ${MB(info.size)} (${MB(info.unpackedSize)} unpacked, ${info.entryCount} files)`);
    const app = join(pack, "app");
    mkdirSync(app);
    writeFileSync(join(app, "package.json"), JSON.stringify({ name: "app", version: "1.0.0", private: true }));
    execFileSync("npm", ["install", "--omit=dev", "--no-audit", "--no-fund", "--prefer-offline", join(pack, info.filename)], { cwd: app, stdio: "pipe" });
    const packages = execFileSync("npm", ["ls", "--all", "--parseable"], { cwd: app, encoding: "utf8" }).trim().split("\n").length - 1;
    const du = Number(execFileSync("du", ["-sk", join(app, "node_modules")], { encoding: "utf8" }).split("\t")[0]) * 1024;
    console.log(`npm install <tarball> --omit=dev: ${packages} packages, node_modules ${MB(bytesUnder(join(app, "node_modules")))} (${MB(du)} on disk; target < 15 MB)`);
  } finally {
    rmSync(pack, { recursive: true, force: true });
  }

  const result = await build({
    entryPoints: [entry], bundle: true, minify: true, format: "esm", platform: "browser", target: "es2022",
    write: false, metafile: true, logLevel: "error", absWorkingDir: dir,
  });
  const code = result.outputFiles[0].contents;
  const gz = gzipSync(code, { level: 9 }).length;
  console.log(`browser bundle of { train, globalOptimum, certify }: ${kB(code.length)} minified, ${kB(gz)} gzip (target < 60 kB gzip)`);

  // what it is made of: minified bytes per package (the package's own files by name)
  const parts = new Map<string, number>();
  for (const [input, v] of Object.entries(Object.values(result.metafile.outputs)[0].inputs)) {
    const abs = resolve(dir, input);
    const m = /node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(input);
    const name = m ? m[1] : abs.startsWith(root) ? `relu-landscape/${relative(root, abs)}` : input;
    parts.set(name, (parts.get(name) ?? 0) + v.bytesInOutput);
  }
  for (const [name, bytes] of [...parts].sort((a, b) => b[1] - a[1]).slice(0, 8)) {
    if (bytes > 0) console.log(`  ${kB(bytes).padStart(9)}  ${name}`);
  }
  const wasm = /"([A-Za-z0-9+/=]{20000,})"/.exec(Buffer.from(code).toString("latin1"));
  if (wasm) console.log(`  of which the inlined WASM core (deflated, base64): ${kB(wasm[1].length)}, ${kB(gzipSync(wasm[1], { level: 9 }).length)} gzip`);

  // import time: median over fresh processes (what a script or a CLI start pays)
  const runs = 7;
  // wall-clock and CPU milliseconds (CPU time is the steadier figure on a shared machine)
  const timed = (load: string) =>
    `const t = performance.now(), c = process.cpuUsage(); ${load}; const u = process.cpuUsage(c); console.log(performance.now() - t, (u.user + u.system) / 1000);`;
  const probes: [string, string[]][] = [
    ["import \"relu-landscape\" (Node ESM)", ["--input-type=module", "-e", timed(`await import("relu-landscape")`)]],
    ["require(\"relu-landscape\") (Node CJS)", ["-e", timed(`require("relu-landscape")`)]],
    ["import \"relu-landscape/browser\" (Node ESM)", ["--input-type=module", "-e", timed(`await import("relu-landscape/browser")`)]],
  ];
  const median = (v: number[]) => [...v].sort((a, b) => a - b)[v.length >> 1];
  for (const [label, args] of probes) {
    const ms = Array.from({ length: runs }, () => execFileSync(process.execPath, args, { cwd: dir, encoding: "utf8" }).trim().split(" ").map(Number));
    console.log(`${label}: ${median(ms.map((m) => m[0])).toFixed(1)} ms wall, ${median(ms.map((m) => m[1])).toFixed(1)} ms CPU (medians of ${runs} fresh processes)`);
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}

function MB(bytes: number): string {
  return `${(bytes / 1e6).toFixed(1)} MB`;
}

function bytesUnder(d: string): number {
  let total = 0;
  for (const e of readdirSync(d, { withFileTypes: true })) {
    if (e.isDirectory()) total += bytesUnder(join(d, e.name));
    else if (e.isFile()) total += statSync(join(d, e.name)).size;
  }
  return total;
}

function kB(bytes: number): string {
  return `${(bytes / 1000).toFixed(1)} kB`;
}
