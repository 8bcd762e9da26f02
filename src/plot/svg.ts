// Figures: a vega-lite spec rendered to an SVG string (in Node with no canvas, and in browsers).
// Every figure of the package goes through here.
// vega and vega-lite are loaded on first use from ./vega-libs.js (bundled into dist/vega-libs.js by the
// build, so they are no dependency of the package): they are ES modules with top-level await, which the
// CommonJS build (require) could not load at start-up, and most users never draw a figure.

/**
 * A vega-lite specification (https://vega.github.io/vega-lite/docs/spec.html) as a plain JSON object.
 * The package's chart builders return one; render it with any vega-lite 6 (the package's CLI and
 * experiment runners render it to SVG). Typed loosely, so that the package's type declarations need
 * no plotting library.
 */
export interface FigureSpec {
  /** The vega-lite schema URL. */
  $schema?: string;
  [key: string]: unknown;
}

let libs: Promise<typeof import("./vega-libs.js")> | undefined;

/** Renders a vega-lite spec to SVG. */
export async function renderSvg(spec: FigureSpec): Promise<string> {
  const { vega, vl } = await (libs ??= import("./vega-libs.js"));
  const compiled = vl.compile(spec as unknown as import("vega-lite").TopLevelSpec, { logger: vega.logger(vega.Error) }).spec;
  const view = new vega.View(vega.parse(compiled), { renderer: "none", logLevel: vega.Error });
  try {
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}
