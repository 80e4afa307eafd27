import { ConfigFieldError } from "./errors.ts";
import type { MonitorConfig } from "./schema.ts";

/**
 * The config used when none is given, without loading the schema and YAML modules (≈ 0.13 s of
 * `vigil check` start-up): every default of DESIGN §4, equal to validating `{ model }` against
 * the schema (test/shared/config/defaults.test.ts holds the two together).
 */

/** The largest config file accepted, in bytes (1 MiB); callers check a file's size before reading it. */
export const MAX_CONFIG_BYTES = 1_048_576;

/** Model, rule and feature names: the schema's `name`. */
export const NAME_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$/;

/** What the schema says of a name that does not match NAME_PATTERN. */
export const NAME_EXPECTED = "expected letters, digits, '.', '_' or '-' (at most 128, not starting with a symbol)";

/**
 * The config used when none is given: canonical field names, every default of DESIGN §4.
 *
 * @throws ConfigFieldError when the model name is not a valid name (as the schema would).
 * @example
 * defaultMonitorConfig("m").drift.method; // "auto"
 */
export function defaultMonitorConfig(model: string): MonitorConfig {
  if (!NAME_PATTERN.test(model)) throw new ConfigFieldError("default config", "model", NAME_EXPECTED);
  return {
    model,
    task: "binary_classification",
    window: "1d",
    lateness: "2h",
    fields: {},
    positiveLabel: 1,
    segments: [],
    drift: { method: "auto", threshold: null, datasetShare: 0.5, correction: "none", bins: 10, perFeature: {} },
    labels: { sampleRate: 1, ttlDays: 90, minCoverage: 0.8, maxWait: "30d", minLabelled: 100 },
    metrics: { perFeature: "all" },
  };
}
