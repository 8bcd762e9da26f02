// vitest's global setup: makes sure the browser tests have a browser. When neither CHROME_PATH nor a
// chromium/chrome on PATH exists, it installs Debian's chromium if it can (root, with apt-get), saying
// so; otherwise it prints the one line saying what to install (the browser tests then fail with it).
import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import { CHROMIUM_MISSING, findChromium } from "./chromium.js";

export interface EnsureOptions {
  /** The environment to search (PATH, CHROME_PATH) and to run apt-get in. @default process.env */
  env?: NodeJS.ProcessEnv;
  /** Whether installing is allowed. @default root on Linux with /usr/bin/apt-get */
  canInstall?: boolean;
  /** Where the lines go. @default console.warn */
  log?: (line: string) => void;
}

const aptAvailable = () => process.platform === "linux" && process.getuid?.() === 0 && existsSync("/usr/bin/apt-get");

/** The browser's executable, installing Debian's chromium first if there is none and it may. */
export function ensureChromium(opts: EnsureOptions = {}): string | undefined {
  const env = opts.env ?? process.env;
  const log = opts.log ?? ((l: string) => console.warn(`relu-landscape tests: ${l}`));
  try {
    const found = findChromium(env);
    if (found) return found;
  } catch (e) {
    log((e as Error).message); // a CHROME_PATH that is no executable
    return undefined;
  }
  if (!(opts.canInstall ?? aptAvailable())) {
    log(CHROMIUM_MISSING);
    return undefined;
  }
  log("no Chromium or Chrome found: installing Debian's chromium for the browser tests (apt-get install -y chromium)");
  const aptEnv = { ...env, DEBIAN_FRONTEND: "noninteractive" };
  try {
    execFileSync("apt-get", ["update"], { stdio: ["ignore", "ignore", "inherit"], env: aptEnv });
    execFileSync("apt-get", ["install", "-y", "chromium"], { stdio: ["ignore", "ignore", "inherit"], env: aptEnv });
  } catch (e) {
    log(`installing chromium failed (${e instanceof Error ? e.message.split("\n")[0] : String(e)}); ${CHROMIUM_MISSING}`);
    return undefined;
  }
  const found = findChromium(env);
  log(found ? `installed ${found}` : CHROMIUM_MISSING);
  return found;
}

export default function setup(): void {
  ensureChromium();
}
