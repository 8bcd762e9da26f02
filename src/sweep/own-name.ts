// Node: a run-kind module (--module FILE, `modules` of a sweep) may live outside any installation of
// the package — `npx relu-landscape sweep s.json --module ~/kinds/my-kind.mjs` — and still
// `import ... from "relu-landscape"`: a resolve hook (module.register) maps the package's own name,
// when Node cannot find it from the importing file, to the copy that is running. Browser-safe to
// import (it does nothing outside Node).
declare const __filename: string | undefined;

let registered: Promise<void> | undefined;

/** This module's own URL (ESM; in the CommonJS build, from __filename); undefined when unknown. */
function hereUrl(): string | undefined {
  try {
    if (import.meta.url) return import.meta.url;
  } catch {
    /* CommonJS */
  }
  return typeof __filename === "string" ? `file://${__filename}` : undefined;
}

/** The URLs of the running package's entries, by import specifier. */
export function ownEntries(here: string): Record<string, string> {
  // built: every bundle sits in dist/ beside node.js; from the sources: this file is src/sweep/own-name.ts
  const fromSources = /\.ts$/.test(new URL(here).pathname);
  const at = (built: string, source: string) => new URL(fromSources ? source : built, here).href;
  const node = at("./node.js", "../node.ts");
  return {
    "relu-landscape": node,
    "relu-landscape/node": node,
    "relu-landscape/browser": at("./index.js", "../index.ts"),
    "relu-landscape/internals": at("./internals.js", "../internals.ts"),
  };
}

/** Registers the resolve hook once (Node ≥ 20.6; elsewhere nothing). */
export function registerOwnName(): Promise<void> {
  const proc = (globalThis as { process?: { versions?: { node?: string } } }).process;
  const here = hereUrl();
  if (!proc?.versions?.node || !here) return Promise.resolve();
  return (registered ??= (async () => {
    const name = "node:module"; // a variable: browser bundlers leave the Node-only import alone
    const mod = (await import(/* @vite-ignore */ name)) as { register?: (url: string) => void };
    if (typeof mod.register !== "function") return;
    const hook =
      `const own = ${JSON.stringify(ownEntries(here))};\n` +
      "export async function resolve(specifier, context, next) {\n" +
      "  try { return await next(specifier, context); }\n" +
      "  catch (e) { if (Object.hasOwn(own, specifier)) return { url: own[specifier], shortCircuit: true }; throw e; }\n" +
      "}\n";
    mod.register(`data:text/javascript,${encodeURIComponent(hook)}`);
  })());
}
