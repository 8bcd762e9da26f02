import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    testTimeout: 120_000,
    hookTimeout: 120_000,
    pool: "forks",
    // finds (or installs) the Chromium the browser tests drive
    globalSetup: ["test/setup/global.ts"],
    // the JSON report lets CI print a plain "N passed, N failed" line
    reporters: ["default", "json"],
    outputFile: { json: "artifacts/test-results.json" },
  },
});
