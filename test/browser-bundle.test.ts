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
    expect(text).toContain("WASM_BASE64");
    expect(text).not.toMatch(/from\s*["']node:/);
  });
});
