// The house's import rules (ARCHITECTURE.md): layers import downward only, no import cycles, and
// only the CLI speaks of flags. The check itself is scripts/check-imports.mjs (also runnable alone).
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
// @ts-expect-error: a plain .mjs script without types
import { checkImports } from "../scripts/check-imports.mjs";

describe("imports", () => {
  it("layers import downward only and there are no cycles", () => {
    const r = checkImports() as { files: number; problems: string[] };
    expect(r.files).toBeGreaterThan(50);
    expect(r.problems).toEqual([]);
  });

  it("below the CLI, errors name fields, not flags (the CLI turns a field into its flag)", () => {
    const files = (dir: string): string[] =>
      readdirSync(dir).flatMap((f) => (statSync(join(dir, f)).isDirectory() ? files(join(dir, f)) : f.endsWith(".ts") ? [join(dir, f)] : []));
    const offenders = files("src")
      .filter((f) => !/^src[\\/](cli|cluster)[\\/]/.test(f))
      .flatMap((f) => readFileSync(f, "utf8").split("\n").map((line, i) => ({ f, i, line })))
      .filter(({ line }) => /(InputError|makeDirectory|lockDirectory|lockResultsFile|checkUserFile|readUserFile|readRegularFile|checkLabels)\([^)]*["'`]--[a-z]/.test(line) || /field\s*=\s*["'`]--/.test(line))
      .map(({ f, i, line }) => `${f}:${i + 1}: ${line.trim()}`);
    expect(offenders).toEqual([]);
  });
});
