import { spawnSync } from "node:child_process";
import { mkdirSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { gzipSync } from "node:zlib";
import { build } from "esbuild";
import { esbuildOptions } from "../infra/bundling.ts";

/** The Lambda entry points, as infra deploys them. */
export const HANDLERS = ["ingest", "labels", "evaluate", "reference", "notify"] as const;
export type Handler = (typeof HANDLERS)[number];

/**
 * Bundles functions/<name>.ts with the stack's esbuild options (infra/bundling.ts: ESM, node24,
 * minified, AWS SDK bundled, the createRequire banner; as test/infra/bundles.test.ts does) into
 * `outDir/<name>.mjs`. Returns its size in bytes, and gzipped as a rough zip size.
 */
export async function bundleHandler(name: Handler, outDir: string): Promise<{ file: string; bytes: number; gzipBytes: number }> {
  mkdirSync(outDir, { recursive: true });
  const file = resolve(outDir, `${name}.mjs`);
  await build({ ...esbuildOptions(join("functions", `${name}.ts`)), outfile: file });
  const bytes = readFileSync(file);
  return { file, bytes: bytes.byteLength, gzipBytes: gzipSync(bytes).byteLength };
}

/**
 * One fresh `node` process that imports `file` (or imports nothing, for the bare start-up to
 * subtract): its wall milliseconds seen from here, and the import's own wall and CPU milliseconds
 * measured inside the process (CPU is what a quiet core would take; wall includes waiting for one).
 * Handlers create their SDK clients on first use, so importing needs no environment.
 */
export function coldImport(file: string | null): { wallMs: number; importMs: number; importCpuMs: number } {
  const load = file ? `await import(${JSON.stringify(pathToFileURL(file).href)});` : "";
  const code = `const c0 = process.cpuUsage(); const t0 = performance.now(); ${load} const c = process.cpuUsage(c0);
process.stdout.write(JSON.stringify({ importMs: performance.now() - t0, importCpuMs: (c.user + c.system) / 1000 }));`;
  const t0 = performance.now();
  const r = spawnSync(process.execPath, ["--input-type=module", "-e", code], { encoding: "utf8", env: { PATH: process.env.PATH, AWS_REGION: "us-east-1" } });
  const wallMs = performance.now() - t0;
  if (r.status !== 0) throw new Error(`importing ${file} failed: ${r.stderr}`);
  return { wallMs, ...(JSON.parse(r.stdout) as { importMs: number; importCpuMs: number }) };
}
