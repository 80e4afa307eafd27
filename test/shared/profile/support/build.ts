/**
 * Small builders for profile tests: records from plain feature objects, and column summaries of
 * raw values through the public ProfileBuilder.
 *
 * @example
 * const col = columnOf([1, 2, "a", null]);
 */
import { emptyRecord, type FieldValue, type LogRecord } from "../../../../shared/types.ts";
import { ProfileBuilder, type ProfileBuilderOptions } from "../../../../shared/profile/profile-builder.ts";
import type { ColumnSummary, Profile } from "../../../../shared/profile/types.ts";

/** A record whose features are the given entries (a null-prototype map, as readers build). */
export function record(features: Array<[string, FieldValue]>, extra: Partial<Omit<LogRecord, "features">> = {}): LogRecord {
  const r = emptyRecord();
  Object.assign(r, extra);
  for (const [k, v] of features) r.features[k] = v;
  return r;
}

/** The profile of the given records. */
export function profileOf(records: LogRecord[], options: ProfileBuilderOptions = {}): Profile {
  const b = new ProfileBuilder(options);
  for (const r of records) b.add(r);
  return b.finish();
}

/** The summary of one feature "x" holding the given values (one row each). */
export function columnOf(values: ArrayLike<FieldValue>, options: ProfileBuilderOptions = {}): ColumnSummary {
  const b = new ProfileBuilder(options);
  const r = emptyRecord();
  for (let i = 0; i < values.length; i++) {
    r.features.x = values[i];
    b.add(r);
  }
  return b.finish().features.x;
}
