import { ConfigTooLargeError } from "../config/errors.ts";
import { defaultMonitorConfig, MAX_CONFIG_BYTES } from "../config/defaults.ts";
import { parseMonitorConfig } from "../config/load.ts";
import type { MonitorConfig } from "../config/schema.ts";
import type { ObjectStore } from "../ports.ts";
import { MAX_REFERENCE_BYTES, parseReference, ReferenceTooLargeError } from "../reference/parse.ts";
import type { ReferenceProfile } from "../reference/types.ts";
import { monitorKeys, referenceProfileKey } from "./keys.ts";

/**
 * A model's monitor config from `monitors/<model>.yaml` (or `.json`), or the defaults when the
 * bucket has none. An invalid file throws ConfigError naming the key, field and problem; one over
 * MAX_CONFIG_BYTES throws ConfigTooLargeError without being read.
 *
 * @example
 * (await loadModelConfig(objects, "bank")).window; // "1d"
 */
export async function loadModelConfig(objects: ObjectStore, model: string): Promise<MonitorConfig> {
  for (const key of monitorKeys(model)) {
    const text = await readCapped(objects, key, MAX_CONFIG_BYTES, (size) => new ConfigTooLargeError(key, size, MAX_CONFIG_BYTES));
    if (text !== null) {
      const config = parseMonitorConfig(text, key);
      return config.model === model ? config : { ...config, model };
    }
  }
  return defaultMonitorConfig(model);
}

/** A model's reference profile, or null before one was built; over MAX_REFERENCE_BYTES it throws ReferenceTooLargeError unread. */
export async function loadReference(objects: ObjectStore, model: string): Promise<ReferenceProfile | null> {
  const key = referenceProfileKey(model);
  const text = await readCapped(objects, key, MAX_REFERENCE_BYTES, (size) => new ReferenceTooLargeError(key, size, MAX_REFERENCE_BYTES));
  return text === null ? null : parseReference(text, key);
}

/**
 * A small object's text, or null when absent. One larger than `maxBytes` is refused by its size
 * before a byte is read, and the read stops at the limit should the size have been wrong, so a
 * huge config or reference never lands in memory.
 *
 * @throws the error `tooLarge` makes
 * @example
 * await readCapped(objects, "monitors/m.yaml", MAX_CONFIG_BYTES, (n) => new ConfigTooLargeError("monitors/m.yaml", n, MAX_CONFIG_BYTES));
 */
export async function readCapped(objects: ObjectStore, key: string, maxBytes: number, tooLarge: (size: number) => Error): Promise<string | null> {
  const source = await objects.open(key);
  if (source === null) return null;
  if (source.info.size > maxBytes) throw tooLarge(source.info.size);
  // Decoded chunk by chunk (a character split across chunks is kept for the next), so the bytes
  // and the text are never both held whole.
  const decoder = new TextDecoder("utf-8");
  let text = "";
  let bytes = 0;
  for await (const chunk of source.stream()) {
    bytes += chunk.length;
    if (bytes > maxBytes) throw tooLarge(bytes);
    text += decoder.decode(chunk, { stream: true });
  }
  return text + decoder.decode();
}
