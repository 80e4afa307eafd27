import * as esbuild from "esbuild";
import { describe, expect, it } from "vitest";

/**
 * The packages a command loads before it runs, from its static imports (what `import()` of the
 * command module evaluates). Start-up is part of `vigil check`'s time: zod and yaml cost ≈ 0.13 s
 * and are needed only to read a --config file (cli/load.ts imports the parser when it does).
 */
async function staticPackages(entry: string): Promise<Set<string>> {
  const r = await esbuild.build({ entryPoints: [entry], bundle: true, write: false, metafile: true, platform: "node", format: "esm", packages: "external", outdir: "out", splitting: true, logLevel: "silent" });
  const inputs = r.metafile.inputs;
  const seen = new Set([entry]);
  const packages = new Set<string>();
  for (const queue = [entry]; queue.length > 0; ) {
    for (const imp of inputs[queue.shift() as string]?.imports ?? []) {
      if (imp.kind !== "import-statement") continue;
      if (imp.external) packages.add(imp.path);
      else if (!seen.has(imp.path)) {
        seen.add(imp.path);
        queue.push(imp.path);
      }
    }
  }
  return packages;
}

describe("command start-up", () => {
  it("vigil check loads no config parser, AWS SDK or SQLite unless asked to", async () => {
    const packages = [...(await staticPackages("cli/commands/check.ts"))];
    expect(packages.filter((p) => !p.startsWith("node:"))).toEqual([]);
  });

  it("the profiling worker loads only Node's own modules", async () => {
    const packages = [...(await staticPackages("cli/profile-worker.ts"))];
    expect(packages.filter((p) => !p.startsWith("node:"))).toEqual([]);
  });
});
