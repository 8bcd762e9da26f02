// Figures: a vega-lite spec rendered to an SVG string (in Node with no canvas, and in browsers).
// Every figure of the package goes through here.
// vega and vega-lite are loaded on first use: they are ES modules with top-level await, which the
// CommonJS build (require) could not load at start-up.
import type { TopLevelSpec } from "vega-lite";

export type FigureSpec = TopLevelSpec;

let libs: Promise<[typeof import("vega"), typeof import("vega-lite")]> | undefined;

/** Renders a vega-lite spec to SVG. */
export async function renderSvg(spec: FigureSpec): Promise<string> {
  const [vega, vl] = await (libs ??= Promise.all([import("vega"), import("vega-lite")]));
  const compiled = vl.compile(spec, { logger: vega.logger(vega.Error) }).spec;
  const view = new vega.View(vega.parse(compiled), { renderer: "none", logLevel: vega.Error });
  try {
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}
