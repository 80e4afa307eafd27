import { join } from "node:path";
import { build } from "esbuild";
import { describe, expect, it } from "vitest";
import { esbuildOptions } from "../../infra/bundling.ts";
import { REPO } from "./files.ts";

const HANDLERS = ["ingest", "labels", "evaluate", "reference", "notify"] as const;
/** The bundle budget of the issue: 1.5 MB minified. */
const MAX_BUNDLE_BYTES = 1_500_000;

describe("function bundles", () => {
  it.each(HANDLERS)("bundles functions/%s.ts with the stack's esbuild options within 1.5 MB", async (name) => {
    const result = await build({ ...esbuildOptions(join(REPO, "functions", `${name}.ts`)), write: false, outfile: "index.mjs" });
    expect(result.outputFiles[0].contents.byteLength).toBeLessThanOrEqual(MAX_BUNDLE_BYTES);
  });
});
