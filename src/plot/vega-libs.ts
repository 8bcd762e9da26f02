// vega and vega-lite, the figure renderer's two libraries, behind one module. The build bundles this
// file on its own into dist/vega-libs.js (tsup.config.ts), which the Node entry and the CLI import on
// first use (src/plot/svg.ts): the package then has no plotting dependency to install, library users
// never load it, and the CommonJS build can load it too (it is an ES module with top-level await,
// reachable only through import()).
export * as vega from "vega";
export * as vl from "vega-lite";
