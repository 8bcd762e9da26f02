// The package's build (`npm run build` after the WASM core): what lands in dist/ is what the tarball
// ships, so no source maps (they were 3.2 MB of the package; tests and tools run from src/).
//
//   index.js/.cjs, node.js/.cjs (+ .d.ts)  the library; its only dependency is the validator
//   cli.js                                  the command; commander and cli-progress bundled in
//   vega-libs.js                            vega + vega-lite, bundled; loaded by the figure renderer
//                                           (src/plot/svg.ts) on first use, never by library users
//   sweep-worker.js                         the sweep worker, self-contained (no import at all), so a
//                                           bundler may copy it as an asset and browsers run it as is
// commander, cli-progress, vega and vega-lite are devDependencies: tsup bundles what is not a
// dependency, and the licenses of everything bundled go to dist/THIRD-PARTY-LICENSES.txt
// (scripts/third-party-licenses.mjs).
import { defineConfig, type Options } from "tsup";
import { thirdPartyLicenses } from "./scripts/third-party-licenses.mjs";

type Plugin = NonNullable<Options["esbuildPlugins"]>[number];

/** Keeps `import("./vega-libs.js")` an import of dist/vega-libs.js, built by its own entry below. */
const vegaLibsExternal: Plugin = {
  name: "vega-libs-external",
  setup(build) {
    build.onResolve({ filter: /\/vega-libs\.js$/ }, () => ({ path: "./vega-libs.js", external: true }));
  },
};

const licenses = thirdPartyLicenses("dist/THIRD-PARTY-LICENSES.txt");
import { readFileSync } from "node:fs";
/**
 * Marks the option groups' construction as pure for the bundlers of the package's users: the field
 * constructors (num, int, …), optionGroup, defineExperiment and valibot's schema builders are calls at
 * the top level of their modules, which a bundler must otherwise keep (a call may have side effects)
 * — and with them every experiment in a page that imports only `train`. Each such call in src/
 * (outside comments) gets a `/* @__PURE__ *\/` annotation in dist/.
 */
const PURE_CALLS = new RegExp(String.raw`(?<!function |[.\w])(optionGroup|num|int|bool|choice|text|nums|ints|json|defineExperiment|v\.\w+)\(`, "g");
const pure: Plugin = {
  name: "pure-definitions",
  setup(b) {
    b.onLoad({ filter: /[\\/]src[\\/].*\.ts$/ }, (a) => ({
      loader: "ts",
      contents: readFileSync(a.path, "utf8")
        .split("\n")
        .map((line) => (/^\s*(\/\/|\*|\/\*)/.test(line) ? line : line.replace(PURE_CALLS, "/* @__PURE__ */ $1(")))
        .join("\n"),
    }));
  },
};

const common = { sourcemap: false, esbuildPlugins: [vegaLibsExternal, licenses, pure] } satisfies Options;

export default defineConfig([
  {
    ...common,
    entry: { index: "src/index.ts", node: "src/node.ts", internals: "src/internals.ts" },
    format: ["esm", "cjs"],
    dts: true,
    target: "es2022",
  },
  {
    ...common,
    entry: { cli: "src/cli/main.ts" },
    format: ["esm"],
    target: "node20",
    // commander and cli-progress are CommonJS: their require("events") etc. need a require in an ES module
    banner: { js: 'import { createRequire as __cliRequire } from "node:module";\nconst require = __cliRequire(import.meta.url);' },
  },
  {
    // vega's Node build imports `canvas` if present (text measurement); none is needed for SVG
    ...common,
    esbuildPlugins: [licenses],
    entry: { "vega-libs": "src/plot/vega-libs.ts" },
    format: ["esm"],
    platform: "node",
    target: "node20",
    minify: true,
    external: ["canvas"],
  },
  {
    // the sweep worker (worker_threads in Node, module Web Worker in browsers), beside index.js and
    // cli.js; every dependency bundled in
    ...common,
    entry: { "sweep-worker": "src/sweep-worker.ts" },
    format: ["esm"],
    target: "es2022",
    // minified, but not its syntax: that would fold `const fsName = "node:fs"; import(fsName)` (the
    // Node-only paths) into a literal import("node:fs"), which bundlers processing the worker try to resolve
    esbuildOptions(o) {
      o.minifyWhitespace = true;
      o.minifyIdentifiers = true;
    },
    noExternal: [/.*/],
  },
]);
