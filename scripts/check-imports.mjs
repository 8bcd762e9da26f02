#!/usr/bin/env node
// The import rules of src/ (ARCHITECTURE.md): layers import downward only and no module imports
// itself through a chain (no cycles). Prints every violation and exits 1 if there is one.
//   node scripts/check-imports.mjs [--json]
// Layers, lowest first; a file may import from its own layer and the layers below it. Entries
// (the composition roots) may import anything; nothing imports an entry.
import { readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const src = join(root, "src");

export const LAYERS = [
  ["core", ["src/version.ts", "src/core/"]],
  ["api", ["src/api/"]],
  ["convex", ["src/convex/"]],
  ["data", ["src/data/"]],
  ["plot", ["src/plot/"]],
  ["sweep", ["src/sweep/"]],
  ["experiments", ["src/experiments/"]],
  ["cluster", ["src/cluster/"]],
  ["cli", ["src/cli/"]],
  ["web", ["src/web/"]],
];
export const ENTRIES = ["src/index.ts", "src/node.ts", "src/internals.ts", "src/sweep-worker.ts"];
/** cli and web are side by side: neither imports the other. */
const SIBLINGS = [["cli", "web"]];

function files(dir) {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    return statSync(p).isDirectory() ? files(p) : /\.ts$/.test(f) && !f.endsWith(".d.ts") ? [p] : [];
  });
}

const layerOf = (rel) => {
  if (ENTRIES.includes(rel)) return { name: "entry", rank: Infinity };
  const i = LAYERS.findIndex(([, prefixes]) => prefixes.some((p) => rel === p || rel.startsWith(p)));
  return i < 0 ? undefined : { name: LAYERS[i][0], rank: i };
};

/** Static import/export specifiers of a file (type-only ones included: they bind the layers too). */
function specifiers(text) {
  const out = [];
  const re = /(?:^|\n)\s*(?:import|export)\s[^;]*?\sfrom\s+["']([^"']+)["']|(?:^|\n)\s*import\s+["']([^"']+)["']|\bimport\(\s*["']([^"']+)["']\s*\)/g;
  for (const m of text.matchAll(re)) out.push(m[1] ?? m[2] ?? m[3]);
  return out;
}

export function checkImports() {
  const all = files(src).map((f) => relative(root, f).split("\\").join("/"));
  const known = new Set(all);
  const graph = new Map();
  const problems = [];
  for (const rel of all) {
    const layer = layerOf(rel);
    if (!layer) problems.push(`${rel}: in no layer (add its folder to LAYERS in scripts/check-imports.mjs and ARCHITECTURE.md)`);
    const deps = [];
    for (const spec of specifiers(readFileSync(join(root, rel), "utf8"))) {
      if (!spec.startsWith(".")) continue;
      let target = relative(root, resolve(root, dirname(rel), spec)).split("\\").join("/").replace(/\.js$/, ".ts");
      if (!known.has(target)) {
        if (known.has(`${target}/index.ts`)) target = `${target}/index.ts`;
        else continue; // assembly/ layouts, generated files
      }
      deps.push(target);
      const to = layerOf(target);
      if (!layer || !to) continue;
      if (to.name === "entry" && layer.name !== "entry") problems.push(`${rel} imports the entry ${target}: entries are composition roots, import what they import instead`);
      else if (to.rank > layer.rank) problems.push(`${rel} (${layer.name}) imports ${target} (${to.name}): upward`);
      else if (SIBLINGS.some((s) => s.includes(layer.name) && s.includes(to.name) && layer.name !== to.name)) problems.push(`${rel} (${layer.name}) imports ${target} (${to.name}): cli and web are separate`);
    }
    graph.set(rel, deps);
  }
  // cycles: strongly connected components (Tarjan) with more than one file, or a file importing itself
  let index = 0;
  const idx = new Map(), low = new Map(), onStack = new Set(), stack = [];
  const cycles = [];
  const strong = (v) => {
    idx.set(v, index); low.set(v, index); index++;
    stack.push(v); onStack.add(v);
    for (const w of graph.get(v) ?? []) {
      if (!idx.has(w)) { strong(w); low.set(v, Math.min(low.get(v), low.get(w))); }
      else if (onStack.has(w)) low.set(v, Math.min(low.get(v), idx.get(w)));
    }
    if (low.get(v) === idx.get(v)) {
      const comp = [];
      let w;
      do { w = stack.pop(); onStack.delete(w); comp.push(w); } while (w !== v);
      if (comp.length > 1 || (graph.get(v) ?? []).includes(v)) cycles.push(comp.sort());
    }
  };
  for (const v of graph.keys()) if (!idx.has(v)) strong(v);
  for (const c of cycles) problems.push(`import cycle: ${c.join(" ↔ ")}`);
  return { files: all.length, edges: [...graph.values()].reduce((s, d) => s + d.length, 0), problems };
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const r = checkImports();
  if (process.argv.includes("--json")) console.log(JSON.stringify(r, null, 1));
  else {
    for (const p of r.problems) console.log(p);
    console.log(`${r.files} files, ${r.edges} imports: ${r.problems.length ? `${r.problems.length} problems` : "layers downward only, no cycles"}`);
  }
  process.exit(r.problems.length ? 1 : 0);
}
