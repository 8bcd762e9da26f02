// The licenses of the third-party code bundled into dist/ (the CLI's commander and cli-progress, vega
// and vega-lite in dist/vega-libs.js, the validator in the self-contained sweep worker): an esbuild
// plugin for tsup.config.ts that records every package an output draws code from, and writes
// dist/THIRD-PARTY-LICENSES.txt (name, version, license, the package's license text) after each build.
import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join, sep } from "node:path";

/** The package directory of a bundled input path (…/node_modules/name or …/node_modules/@scope/name). */
function packageDir(input) {
  const parts = input.split(/[\\/]/);
  const i = parts.lastIndexOf("node_modules");
  if (i < 0) return undefined;
  const n = parts[i + 1]?.startsWith("@") ? 2 : 1;
  return parts.slice(0, i + 1 + n).join(sep);
}

function licenseText(dir) {
  const file = readdirSync(dir).find((f) => /^licen[cs]e(\.(md|txt))?$/i.test(f));
  return file ? readFileSync(join(dir, file), "utf8").trim() : undefined;
}

/**
 * An esbuild plugin writing `out` (the union over every build that uses the same plugin object).
 * @param {string} out the file to write
 */
export function thirdPartyLicenses(out) {
  const dirs = new Set();
  return {
    name: "third-party-licenses",
    setup(build) {
      build.initialOptions.metafile = true;
      build.onEnd((result) => {
        if (!result.metafile) return;
        // bundled code only: a package counts when some output took bytes from it
        for (const o of Object.values(result.metafile.outputs)) {
          for (const [input, v] of Object.entries(o.inputs)) {
            const dir = packageDir(input);
            if (dir && v.bytesInOutput > 0) dirs.add(dir);
          }
        }
        write(out, dirs);
      });
    },
  };
}

function write(out, dirs) {
  const entries = [...dirs]
    .map((dir) => ({ dir, pkg: JSON.parse(readFileSync(join(dir, "package.json"), "utf8")) }))
    .sort((a, b) => a.pkg.name.localeCompare(b.pkg.name));
  const seen = new Set();
  const blocks = [];
  for (const { dir, pkg } of entries) {
    const id = `${pkg.name}@${pkg.version}`;
    if (seen.has(id)) continue;
    seen.add(id);
    const text = licenseText(dir) ?? `(no license file in the package; package.json says ${pkg.license ?? "nothing"})`;
    blocks.push(`${id} — ${pkg.license ?? "unknown"}\n\n${text}`);
  }
  const head = "Third-party code bundled into this package's dist/ files, with its licenses.\n";
  if (!existsSync(dirname(out))) return;
  writeFileSync(out, `${head}\n${blocks.join(`\n\n${"-".repeat(72)}\n\n`)}\n`);
}
