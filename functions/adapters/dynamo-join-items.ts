import type { AttributeValue } from "@aws-sdk/client-dynamodb";
import type { JoinedPrediction, LabelItem, PredictionItem } from "../../shared/ports.ts";
import { fromAttr, fromStringMap, modelPart, numAttr, strAttr, toAttr, toStringMap } from "./dynamo-values.ts";

/**
 * Item layout of the label-join table (one table, partition key `pk` S, sort key `sk` S, TTL
 * attribute `ttl` in epoch seconds), shared with the state store (`S#…` partitions):
 *
 * | item              | pk                          | sk      | other attributes |
 * |-------------------|-----------------------------|---------|------------------|
 * | prediction        | `W#<model>#<windowStartMs>` | `<id>`  | prediction, score, version, segments (M), timestampMs, src?, label?, labelDelayMs?, ttl |
 * | id index          | `I#<model>#<id>`            | `I`     | windowStartMs, timestampMs, src?, ttl |
 * | pending label     | `L#<model>#<id>`            | `L`     | label, timestampMs (of the label), ttl |
 *
 * A window's predictions are one Query. The id index finds a prediction's window from a label,
 * and is also the per-model uniqueness guard: it is put first, conditional on absence, then the
 * prediction item, also conditional; an id seen before (redelivery, or the same id in another
 * window) is a duplicate that writes nothing, and a redelivery after a crash between the two
 * puts finishes the pair. `src` is the source object (`sourceId(key, etag)`) that claimed the id:
 * an index item with the writer's own `src` and window is its own earlier attempt, not a duplicate. A label that arrives first waits as a pending item; whichever side
 * arrives second joins it with an update conditional on `attribute_not_exists(label)`, so each
 * prediction is labelled exactly once, and the pending item is then deleted. Labels that find
 * the index but not yet the prediction item wait as pending too, and look once more after
 * parking, so a join racing a prediction write is never lost.
 *
 * @example
 * windowPk("m", 1_700_000_000_000); // "W#m#1700000000000"
 */
export function windowPk(model: string, windowStartMs: number): string {
  return `W#${modelPart(model)}#${windowStartMs}`;
}

/** Key of a prediction's id-index item. */
export function indexKey(model: string, id: string): Record<string, AttributeValue> {
  return { pk: { S: `I#${modelPart(model)}#${id}` }, sk: { S: "I" } };
}

/** Key of a label waiting for its prediction. */
export function pendingKey(model: string, id: string): Record<string, AttributeValue> {
  return { pk: { S: `L#${modelPart(model)}#${id}` }, sk: { S: "L" } };
}

/** Key of a prediction item. */
export function predictionKey(model: string, windowStartMs: number, id: string): Record<string, AttributeValue> {
  return { pk: { S: windowPk(model, windowStartMs) }, sk: { S: id } };
}

/** The prediction item, unlabelled. */
export function predictionItem(model: string, p: PredictionItem, ttl: number, source?: string): Record<string, AttributeValue> {
  return {
    ...predictionKey(model, p.windowStartMs, p.id),
    ...(source !== undefined ? { src: { S: source } } : {}),
    prediction: toAttr(p.prediction),
    score: toAttr(p.score),
    version: toAttr(p.version),
    segments: toStringMap(p.segments),
    timestampMs: { N: String(p.timestampMs) },
    ttl: { N: String(ttl) },
  };
}

/** The id-index item pointing at the prediction's window. */
export function indexItem(model: string, p: PredictionItem, ttl: number, source?: string): Record<string, AttributeValue> {
  return {
    ...indexKey(model, p.id),
    ...(source !== undefined ? { src: { S: source } } : {}),
    windowStartMs: { N: String(p.windowStartMs) },
    timestampMs: { N: String(p.timestampMs) },
    ttl: { N: String(ttl) },
  };
}

/** A label kept until its prediction arrives. */
export function pendingItem(model: string, l: LabelItem, ttl: number): Record<string, AttributeValue> {
  return { ...pendingKey(model, l.id), label: toAttr(l.label), timestampMs: { N: String(l.timestampMs) }, ttl: { N: String(ttl) } };
}

/** Reads a pending item back as a label. */
export function labelOfPending(id: string, item: Record<string, AttributeValue>): LabelItem {
  return { id, label: fromAttr(item.label) as LabelItem["label"], timestampMs: numAttr(item.timestampMs) ?? 0 };
}

/** Reads a prediction item back, with its label when joined. */
export function joinedOfItem(windowStartMs: number, item: Record<string, AttributeValue>): JoinedPrediction {
  const label = fromAttr(item.label);
  return {
    id: item.sk.S!,
    windowStartMs,
    timestampMs: numAttr(item.timestampMs) ?? 0,
    prediction: fromAttr(item.prediction),
    score: numAttr(item.score),
    version: strAttr(item.version),
    segments: fromStringMap(item.segments),
    label: label === null ? null : label,
    labelDelayMs: label === null ? null : numAttr(item.labelDelayMs),
    source: strAttr(item.src),
  };
}
