// The browser the browser tests drive (the lab, sweeps in Web Workers, the packed package's Vite page):
// CHROME_PATH, else the first of chromium, chromium-browser, google-chrome, google-chrome-stable on
// PATH. test/setup/global.ts installs Debian's chromium first when none is found and it can.
// The machine's network may be closed: the flags keep Chromium from reaching out (updates, sync, QUIC).
import { accessSync, constants, existsSync, statSync } from "node:fs";
import { delimiter, join } from "node:path";
import { chromium, type BrowserContext } from "playwright-core";

/** The command-line flags every browser test launches Chromium with. */
export const CHROMIUM_ARGS = [
  "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
  "--disable-background-networking", "--disable-component-update", "--disable-sync",
];

/** The executables looked up on PATH, in order. */
export const CHROMIUM_NAMES = ["chromium", "chromium-browser", "google-chrome", "google-chrome-stable"];

/** What to do when no browser is found (one line). */
export const CHROMIUM_MISSING =
  "no Chromium or Chrome for the browser tests: install one (Debian/Ubuntu: apt-get install -y chromium) or set CHROME_PATH to its executable";

function isExecutable(file: string): boolean {
  try {
    accessSync(file, constants.X_OK);
    return statSync(file).isFile();
  } catch {
    return false;
  }
}

/** The browser executable, or undefined when there is none. A CHROME_PATH that is not one is an error. */
export function findChromium(env: NodeJS.ProcessEnv = process.env): string | undefined {
  if (env.CHROME_PATH) {
    if (!isExecutable(env.CHROME_PATH)) throw new Error(`CHROME_PATH=${env.CHROME_PATH} is not an executable file: point it at a Chromium or Chrome, or unset it`);
    return env.CHROME_PATH;
  }
  const dirs = (env.PATH ?? "").split(delimiter).filter((d) => d && existsSync(d));
  for (const name of CHROMIUM_NAMES) {
    for (const dir of dirs) if (isExecutable(join(dir, name))) return join(dir, name);
  }
  return undefined;
}

/** The browser executable; throws the one-line CHROMIUM_MISSING when there is none. */
export function chromiumPath(): string {
  const path = findChromium();
  if (!path) throw new Error(CHROMIUM_MISSING);
  return path;
}

/** Launches the browser headless with a fresh profile in `profileDir` (playwright-core). */
export function launchChromium(
  profileDir: string,
  options: Omit<Parameters<typeof chromium.launchPersistentContext>[1], "executablePath" | "headless" | "args"> = {},
): Promise<BrowserContext> {
  return chromium.launchPersistentContext(profileDir, { ...options, executablePath: chromiumPath(), headless: true, args: CHROMIUM_ARGS });
}
