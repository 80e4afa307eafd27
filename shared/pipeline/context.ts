import { defaultMonitorConfig, parseMonitorConfig } from "../config/load.ts";
import type { MonitorConfig } from "../config/schema.ts";
import type { ObjectStore } from "../ports.ts";
import { parseReference } from "../reference/parse.ts";
import type { ReferenceProfile } from "../reference/types.ts";
import { monitorKeys, referenceProfileKey } from "./keys.ts";

/**
 * A model's monitor config from `monitors/<model>.yaml` (or `.json`), or the defaults when the
 * bucket has none. An invalid file throws ConfigError naming the key, field and problem.
 *
 * @example
 * (await loadModelConfig(objects, "bank")).window; // "1d"
 */
export async function loadModelConfig(objects: ObjectStore, model: string): Promise<MonitorConfig> {
  for (const key of monitorKeys(model)) {
    const text = await objects.getText(key);
    if (text !== null) {
      const config = parseMonitorConfig(text, key);
      return config.model === model ? config : { ...config, model };
    }
  }
  return defaultMonitorConfig(model);
}

/** A model's reference profile, or null before one was built. */
export async function loadReference(objects: ObjectStore, model: string): Promise<ReferenceProfile | null> {
  const key = referenceProfileKey(model);
  const text = await objects.getText(key);
  return text === null ? null : parseReference(text, key);
}
