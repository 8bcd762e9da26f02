// The browser tests' set-up on a machine without a browser: it installs Debian's chromium when it may
// (checked against a stand-in apt-get that records its calls and "installs" an executable), and says
// what to install in one line when it may not.
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { CHROMIUM_MISSING, findChromium } from "./chromium.js";
import { ensureChromium } from "./global.js";

const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));

/** A PATH directory with a stand-in apt-get: logs its arguments, and `install` creates bin/chromium. */
function fakeApt(): { bin: string; calls: () => string[] } {
  const root = mkdtempSync(join(tmpdir(), "fake-apt-"));
  dirs.push(root);
  const bin = join(root, "bin");
  mkdirSync(bin);
  const log = join(root, "calls.txt");
  writeFileSync(join(bin, "apt-get"),
    `#!/bin/sh\necho "$DEBIAN_FRONTEND $*" >> ${log}\n` +
    `if [ "$1" = install ]; then printf '#!/bin/sh\\n' > ${bin}/chromium; /bin/chmod +x ${bin}/chromium; fi\n`);
  chmodSync(join(bin, "apt-get"), 0o755);
  return { bin, calls: () => readFileSync(log, "utf8").trim().split("\n") };
}

describe("browser set-up", () => {
  it("finds CHROME_PATH first, then the names on PATH in order", () => {
    const { bin } = fakeApt();
    for (const name of ["google-chrome", "chromium-browser"]) {
      writeFileSync(join(bin, name), "#!/bin/sh\n");
      chmodSync(join(bin, name), 0o755);
    }
    expect(findChromium({ PATH: bin })).toBe(join(bin, "chromium-browser"));
    expect(findChromium({ PATH: bin, CHROME_PATH: join(bin, "google-chrome") })).toBe(join(bin, "google-chrome"));
    expect(() => findChromium({ PATH: bin, CHROME_PATH: join(bin, "nothing") })).toThrow(/^CHROME_PATH=.*not an executable/);
    writeFileSync(join(bin, "chromium"), "not executable");
    expect(findChromium({ PATH: bin })).toBe(join(bin, "chromium-browser"));
  });

  it("with no browser, installs Debian's chromium when it may, saying so, and finds it", () => {
    const { bin, calls } = fakeApt();
    const lines: string[] = [];
    const found = ensureChromium({ env: { PATH: bin }, canInstall: true, log: (l) => lines.push(l) });
    expect(calls()).toEqual(["noninteractive update", "noninteractive install -y chromium"]);
    expect(found).toBe(join(bin, "chromium"));
    expect(lines[0]).toMatch(/installing Debian's chromium/);
    expect(lines.at(-1)).toBe(`installed ${join(bin, "chromium")}`);
  });

  it("with no browser and no right to install, says in one line what to install", () => {
    const { bin } = fakeApt();
    const lines: string[] = [];
    expect(ensureChromium({ env: { PATH: bin }, canInstall: false, log: (l) => lines.push(l) })).toBeUndefined();
    expect(lines).toEqual([CHROMIUM_MISSING]);
    expect(CHROMIUM_MISSING).not.toContain("\n");
  });
});
