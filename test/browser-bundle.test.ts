// The package's main entry bundles for browsers with no configuration: no Node built-ins reachable
// from src/index.ts (the WASM core is inlined, so there is no file to serve either).
import { describe, expect, it } from "vitest";
import { build } from "esbuild";
import { fileURLToPath } from "node:url";

describe("browser bundle", () => {
  it("src/index.ts bundles for the browser platform with no plugins and inlines the core", async () => {
    const entry = fileURLToPath(new URL("../src/index.ts", import.meta.url));
    const result = await build({ entryPoints: [entry], bundle: true, platform: "browser", format: "esm", write: false, logLevel: "silent" });
    expect(result.errors).toEqual([]);
    const text = result.outputFiles[0].text;
    expect(text).toContain("WASM_DEFLATED_BASE64");
    expect(text).not.toMatch(/from\s*["']node:/);
  });
});

describe("tree shaking", () => {
  it("a page importing train, globalOptimum and certify from the built package does not carry the experiments, the sweep engine or the figures", async () => {
    const dist = fileURLToPath(new URL("../dist/index.js", import.meta.url));
    const result = await build({
      stdin: { contents: `export { train, globalOptimum, certify } from ${JSON.stringify(dist)};`, resolveDir: process.cwd() },
      bundle: true, platform: "browser", format: "esm", write: false, logLevel: "silent",
    });
    const text = result.outputFiles[0].text;
    expect(text).toContain("WASM_DEFLATED_BASE64"); // it did bundle the library
    expect(text).toContain("certify");
    // each is kept only when a page uses it: the experiments' definitions, the sweep engine's run
    // kinds and pools, the figure builders
    for (const needle of ['name: "cones"', 'name: "gaps"', 'name: "phase"', "class SweepPool", "function lineChart", "scalingLaw"]) {
      expect(text, needle).not.toContain(needle);
    }
  });
});
