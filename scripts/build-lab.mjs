// Builds the browser lab ahead of time into a static site (default dist/lab/): the page, its style,
// the page script (lab.js) and the lab's copy of the package's sweep worker entry (sweep-worker.js,
// src/sweep-worker.ts: the Experiments tab runs the experiments' run kinds in it) as ES modules
// sharing their code in chunks, and the training/certifier worker (worker.js). The WASM core is
// inlined in the scripts: nothing to fetch.
//   node scripts/build-lab.mjs [outDir] [--sourcemap]
// No source maps by default: dist/lab/ ships in the package (the maps were 650 kB of it); pass
// --sourcemap when debugging the lab in a browser.
import { build } from "esbuild";
import { copyFileSync, mkdirSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { thirdPartyLicenses } from "./third-party-licenses.mjs";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const args = process.argv.slice(2);
const out = resolve(root, args.find((a) => !a.startsWith("--")) ?? "dist/lab");
const sourcemap = args.includes("--sourcemap");
mkdirSync(out, { recursive: true });
// import.meta appears only in Node-only file loaders (the WDBC data) that the lab never calls
const common = {
  bundle: true, format: "iife", target: "es2022", minify: true, sourcemap, sourcesContent: false, legalComments: "none",
  logLevel: "warning", logOverride: { "empty-import-meta": "silent" },
  plugins: [thirdPartyLicenses(resolve(out, "THIRD-PARTY-LICENSES.txt"))],
};
await build({
  ...common, format: "esm", splitting: true, outdir: out, chunkNames: "chunk-[hash]",
  entryPoints: { lab: resolve(root, "src/web/main.ts"), "sweep-worker": resolve(root, "src/sweep-worker.ts") },
});
await build({ ...common, entryPoints: [resolve(root, "src/web/worker.ts")], outfile: resolve(out, "worker.js") });
for (const f of ["index.html", "lab.css"]) copyFileSync(resolve(root, "src/web", f), resolve(out, f));
console.log(`lab built in ${out}`);
