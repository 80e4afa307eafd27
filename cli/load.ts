import { readFileSync } from "node:fs";
import { defaultMonitorConfig, parseMonitorConfig } from "../shared/config/load.ts";
import type { MonitorConfig } from "../shared/config/schema.ts";
import { ReferenceProfiler } from "../shared/pipeline/reference-profiler.ts";
import { buildReference } from "../shared/reference/build.ts";
import { parseReference } from "../shared/reference/parse.ts";
import type { ReferenceProfile } from "../shared/reference/types.ts";
import { InputError } from "./errors.ts";
import { readFiles, requiredColumns, type ReadReport } from "./read.ts";
import { expandInputs } from "./sources.ts";

/** Reads `--config`, or the defaults for the model. */
export function loadConfig(path: string | undefined, model: string | undefined): MonitorConfig {
  if (!path) return defaultMonitorConfig(model ?? "model");
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch {
    throw new InputError(path, "cannot read the config file (no such file?)");
  }
  const config = parseMonitorConfig(text, path);
  return model && model !== config.model ? { ...config, model } : config;
}

/** Whether a file is a reference profile rather than data (a JSON object with kind vigil-reference). */
export function isReferenceFile(path: string): boolean {
  if (!/\.json$/i.test(path)) return false;
  const head = readFileSync(path, { encoding: "utf8", flag: "r" }).slice(0, 4096);
  return /^\s*\{[\s\S]*"kind"\s*:\s*"vigil-reference"/.test(head);
}

/**
 * The reference for a comparison: a profile file as it is, or data files profiled in chunks.
 *
 * @throws InputError / ReaderError / ReferenceFormatError naming the file.
 */
export async function loadReference(paths: readonly string[], config: MonitorConfig, extraRequired: string[] = []): Promise<{ reference: ReferenceProfile; read: ReadReport | null }> {
  const files = expandInputs(paths);
  if (files.length === 1 && isReferenceFile(files[0])) {
    return { reference: parseReference(readFileSync(files[0], "utf8"), files[0]), read: null };
  }
  const profiler = new ReferenceProfiler(config);
  const read = await readFiles(files, profiler, config, { required: requiredColumns(config, extraRequired), explicit: new Set(paths) });
  if (read.rows === 0) throw new InputError(paths.join(", "), `no readable rows in the reference data (${read.malformed} malformed)`);
  const { chunks, windows } = profiler.finish();
  return { reference: buildReference(chunks, config, windows), read };
}
