import { closeSync, openSync, readFileSync, readSync, statSync } from "node:fs";
import { ConfigTooLargeError } from "../shared/config/errors.ts";
import { defaultMonitorConfig, MAX_CONFIG_BYTES } from "../shared/config/defaults.ts";
import type { MonitorConfig } from "../shared/config/schema.ts";
import { ReferenceProfiler } from "../shared/pipeline/reference-profiler.ts";
import { buildReference } from "../shared/reference/build.ts";
import { MAX_REFERENCE_BYTES, parseReference, ReferenceTooLargeError } from "../shared/reference/parse.ts";
import type { ReferenceProfile } from "../shared/reference/types.ts";
import { InputError } from "./errors.ts";
import { readFiles, requiredColumns, type ReadReport } from "./read.ts";
import { expandInputs } from "./sources.ts";

/**
 * Reads `--config`, or the defaults for the model. A file over MAX_CONFIG_BYTES is refused by its
 * size, unread. The schema and YAML modules are loaded only to read a file.
 *
 * @throws InputError for a missing file, ConfigError for a bad or too large one
 */
export async function loadConfig(path: string | undefined, model: string | undefined): Promise<MonitorConfig> {
  if (!path) return defaultMonitorConfig(model ?? "model");
  let text: string;
  try {
    const size = statSync(path).size;
    if (size > MAX_CONFIG_BYTES) throw new ConfigTooLargeError(path, size, MAX_CONFIG_BYTES);
    text = readFileSync(path, "utf8");
  } catch (e) {
    if (e instanceof ConfigTooLargeError) throw e;
    throw new InputError(path, "cannot read the config file (no such file?)");
  }
  const { parseMonitorConfig } = await import("../shared/config/load.ts");
  const config = parseMonitorConfig(text, path);
  return model && model !== config.model ? { ...config, model } : config;
}

/** Bytes at the start of a `.json` file examined to tell a reference profile from data. */
const REFERENCE_SNIFF_BYTES = 4096;

/** Whether a file is a reference profile rather than data (a JSON object with kind vigil-reference). */
export function isReferenceFile(path: string): boolean {
  if (!/\.json$/i.test(path)) return false;
  // Only the head is read: a multi-gigabyte JSON data file must not be loaded to find out.
  const fd = openSync(path, "r");
  let head: string;
  try {
    const buf = Buffer.alloc(REFERENCE_SNIFF_BYTES);
    head = buf.toString("utf8", 0, readSync(fd, buf, 0, buf.length, 0));
  } finally {
    closeSync(fd);
  }
  return /^\s*\{[\s\S]*"kind"\s*:\s*"vigil-reference"/.test(head);
}

/** A reference profile file's text; one over MAX_REFERENCE_BYTES is refused by its size, unread. */
function readReferenceFile(path: string): string {
  const size = statSync(path).size;
  if (size > MAX_REFERENCE_BYTES) throw new ReferenceTooLargeError(path, size, MAX_REFERENCE_BYTES);
  return readFileSync(path, "utf8");
}

/**
 * The reference for a comparison: a profile file as it is, or data files profiled in chunks
 * (records timestamped after `latestTimestampMs` are malformed).
 *
 * @throws InputError / ReaderError / ReferenceFormatError naming the file.
 */
export async function loadReference(paths: readonly string[], config: MonitorConfig, extraRequired: string[] = [], latestTimestampMs?: number): Promise<{ reference: ReferenceProfile; read: ReadReport | null }> {
  const files = expandInputs(paths);
  if (files.length === 1 && isReferenceFile(files[0])) {
    return { reference: parseReference(readReferenceFile(files[0]), files[0]), read: null };
  }
  const profiler = new ReferenceProfiler(config);
  const read = await readFiles(files, profiler, config, { required: requiredColumns(config, extraRequired), explicit: new Set(paths), latestTimestampMs });
  if (read.rows === 0) throw new InputError(paths.join(", "), `no readable rows in the reference data (${read.malformed} malformed)`);
  const { chunks, windows } = profiler.finish();
  return { reference: buildReference(chunks, config, windows), read };
}
