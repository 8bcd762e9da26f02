import { defineConfig } from "tsup";

export default defineConfig([
  {
    entry: { index: "src/index.ts", node: "src/node.ts" },
    format: ["esm", "cjs"],
    dts: true,
    sourcemap: true,
    clean: true,
    target: "es2022",
  },
  {
    entry: { cli: "src/cli/main.ts" },
    format: ["esm"],
    sourcemap: true,
    target: "node20",
    banner: { js: "" },
  },
  {
    // the sweep worker (worker_threads in Node, module Web Worker in browsers), beside index.js and cli.js
    entry: { "sweep-worker": "src/sweep-worker.ts" },
    format: ["esm"],
    sourcemap: true,
    target: "es2022",
  },
]);
