// Drives the built lab in Chromium (playwright-core; the browser test/setup/chromium.ts finds): builds
// the lab into a fresh directory (so a test never depends on a stale dist/), serves it with the CLI's
// own server, launches the browser with a fresh profile. Shared by test/lab.test.ts and bench/lab.ts.
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import type { BrowserContext, Page } from "playwright-core";
import { type LabServer, serveLab } from "../src/cli/lab-server.js";
import { chromiumPath, launchChromium } from "./setup/chromium.js";

export interface LabSession {
  lab: LabServer;
  context: BrowserContext;
  close(): Promise<void>;
}

/** Builds the lab (scripts/build-lab.mjs) into a temporary directory and returns it. */
export function buildLab(): string {
  const root = fileURLToPath(new URL("..", import.meta.url));
  const out = mkdtempSync(join(tmpdir(), "relu-lab-site-"));
  execFileSync(process.execPath, [join(root, "scripts/build-lab.mjs"), out], { cwd: root, stdio: "pipe" });
  return out;
}

export async function openLab(viewport = { width: 1440, height: 860 }): Promise<LabSession> {
  chromiumPath(); // fails first, in one line, when there is no browser
  const site = buildLab();
  const lab = await serveLab(site, 0);
  const profile = mkdtempSync(join(tmpdir(), "relu-lab-profile-"));
  const context = await launchChromium(profile, { viewport, acceptDownloads: true });
  return {
    lab,
    context,
    async close() {
      await context.close();
      await lab.close();
      rmSync(profile, { recursive: true, force: true });
      rmSync(site, { recursive: true, force: true });
    },
  };
}

/** Waits until the Train panel's current session has its data and first state. */
export async function waitReady(page: Page): Promise<void> {
  await page.waitForFunction(() => (globalThis as { __lab?: { train: { ready: boolean } } }).__lab?.train.ready === true, null, { timeout: 30_000 });
}
