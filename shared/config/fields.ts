import type { MonitorConfig } from "./schema.ts";

/**
 * The config's explicitly named fields that CSV and Parquet inputs must have as columns.
 *
 * @example
 * requiredFields(config); // ["ts", "request_id"] for fields {timestamp: ts, id: request_id}
 */
export function requiredFields(config: MonitorConfig): string[] {
  const { features: _f, probabilities: _p, ...named } = config.fields;
  return Object.values(named).filter((v): v is string => typeof v === "string");
}
