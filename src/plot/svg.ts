// Figures: a vega-lite spec rendered to an SVG string (in Node with no canvas, and in browsers).
// Every figure of the package goes through here.
import * as vega from "vega";
import * as vl from "vega-lite";
import type { TopLevelSpec } from "vega-lite";

export type FigureSpec = TopLevelSpec;

/** Renders a vega-lite spec to SVG. */
export async function renderSvg(spec: FigureSpec): Promise<string> {
  const compiled = vl.compile(spec, { logger: vega.logger(vega.Error) }).spec;
  const view = new vega.View(vega.parse(compiled), { renderer: "none", logLevel: vega.Error });
  try {
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}
