import { readFileSync } from "node:fs";
import { createRequire } from "node:module";

/** The charting library's browser build and stylesheet, as text to inline. */
export interface ChartAssets {
  /** uPlot's IIFE build: defines the global `uPlot`. */
  js: string;
  css: string;
  /** The library's version, shown in the page footer. */
  version: string;
}

let cached: ChartAssets | undefined;

/**
 * Reads uPlot (https://github.com/leeoniya/uPlot, MIT) from node_modules, once per process, so the
 * page carries the library itself and needs no network. Throws when a file could close the
 * element it is inlined into.
 *
 * @example
 * const { js, css } = chartAssets(); // js ≈ 51 kB, css ≈ 2 kB
 */
export function chartAssets(): ChartAssets {
  if (cached) return cached;
  const require = createRequire(import.meta.url);
  const read = (spec: string): string => readFileSync(require.resolve(spec), "utf8");
  const js = read("uplot/dist/uPlot.iife.min.js");
  const css = read("uplot/dist/uPlot.min.css");
  const { version } = JSON.parse(read("uplot/package.json")) as { version: string };
  if (/<\/script/i.test(js)) throw new Error("chartAssets: uPlot's script contains </script");
  if (/<\/style/i.test(css)) throw new Error("chartAssets: uPlot's stylesheet contains </style");
  cached = { js, css, version };
  return cached;
}
