/**
 * What every `RecordView` (the JSON Lines, CSV and Parquet fast paths) derives the same way from
 * its feature arrays: one feature's value, a feature by key id, the equivalent `LogRecord`.
 *
 * @example
 * toRecordOf(view).features; // { age: 58, job: "admin" }
 */
import { VIEW_KIND, type FieldValue, type LogRecord, type RecordView } from "../types.ts";

/** The value of feature i of the view's row, as the record's `features` would hold it. */
export function featureValueAt(v: RecordView, i: number): FieldValue {
  switch (v.featureKinds[i]) {
    case VIEW_KIND.number:
      return v.featureNumbers[i];
    case VIEW_KIND.text:
      return v.featureTexts[i];
    case VIEW_KIND.true:
      return true;
    case VIEW_KIND.false:
      return false;
    default:
      return null;
  }
}

/** The value of the feature with key id `key` (-1 for a name never seen), or undefined when absent. */
export function featureByKey(v: RecordView, key: number): FieldValue | undefined {
  for (let i = 0; i < v.featureCount; i++) if (v.featureKeys[i] === key) return featureValueAt(v, i);
  return undefined;
}

/** The `LogRecord` the view describes (allocates). */
export function toRecordOf(v: RecordView): LogRecord {
  const features = Object.create(null) as Record<string, FieldValue>;
  for (let i = 0; i < v.featureCount; i++) features[v.keyNames[v.featureKeys[i]]] = featureValueAt(v, i);
  const { timestampMs, id, version, prediction, score, probabilities, label, latencyMs } = v;
  return { timestampMs, id, version, prediction, score, probabilities, label, latencyMs, features };
}
