/**
 * SageMaker Data Capture records and ground-truth records, recognised by shape. A capture record
 * gives one LogRecord per input instance: features from `endpointInput`, prediction/score from
 * `endpointOutput`, id = `eventMetadata.inferenceId ?? eventId` (suffixed `#0`, `#1`, … when one
 * request carried several instances, and so are the labels of a ground-truth record with several
 * values), timestamp = `inferenceTime`.
 *
 * @example
 * captureRecords(JSON.parse(line), { columnOrder: ["age", "balance"], task: "binary_classification" }, ctx);
 */
import { emptyRecord, type FieldValue, type LogRecord, type Task } from "../types.ts";
import { splitCsvLine } from "./csv-fields.ts";
import { MalformedRowError } from "./errors.ts";
import { own, timestampOf } from "./normalise.ts";
import { outputPredictions } from "./sagemaker-output.ts";
import { decodePayload, inputFeatures, parsePayloadJson, payloadLines, type Features } from "./sagemaker-payload.ts";
import { csvValue, jsonValue, textValue, type NonScalarCounter } from "./values.ts";

/** True for a Data Capture record (`captureData` object). */
export function isCapture(row: object): boolean {
  const c = own(row, "captureData");
  return typeof c === "object" && c !== null;
}

/** True for a ground-truth record (`groundTruthData` object). */
export function isGroundTruth(row: object): boolean {
  const g = own(row, "groundTruthData");
  return typeof g === "object" && g !== null;
}

/**
 * The records of one capture record (one per input instance).
 *
 * @throws MalformedRowError when the payloads cannot be read or do not align
 */
export function captureRecords(
  row: object,
  options: { readonly columnOrder?: readonly string[]; readonly task?: Task },
  ctx: NonScalarCounter & { readonly latestMs?: number },
): LogRecord[] {
  const data = own(row, "captureData") as object;
  const meta = metadataOf(row);
  const input = decodePayload(own(data, "endpointInput"), "endpointInput");
  const output = decodePayload(own(data, "endpointOutput"), "endpointOutput");
  if (input === null && output === null) throw new MalformedRowError("captureData: no endpointInput or endpointOutput");
  const features: Features[] = input !== null ? inputFeatures(input, options.columnOrder, ctx) : [];
  const predictions = output !== null ? outputPredictions(output, options.task, Math.max(1, features.length), ctx) : [];
  if (input !== null && output !== null && predictions.length !== features.length) {
    throw new MalformedRowError(
      `endpointInput has ${features.length} instances but endpointOutput has ${predictions.length}`,
    );
  }
  const ids = idsOf(meta, Math.max(features.length, predictions.length), ctx);
  const timestampMs = timestampOf(own(meta, "inferenceTime"), ctx.latestMs);
  return ids.map((id, i) => {
    const r = emptyRecord();
    r.id = id;
    r.timestampMs = timestampMs;
    if (i < features.length) r.features = features[i];
    const p = predictions[i];
    if (p !== undefined) {
      r.prediction = p.prediction;
      r.score = p.score;
      r.probabilities = p.probabilities;
    }
    return r;
  });
}

/** The labels of a ground-truth record, with their ids. */
export function groundTruthLabels(row: object, ctx: NonScalarCounter): Array<{ id: string | null; label: FieldValue }> {
  const payload = decodePayload(own(row, "groundTruthData"), "groundTruthData");
  let values: FieldValue[];
  if (payload === null) values = [];
  else if (payload.kind === "csv") values = payloadLines(payload.text).flatMap((l) => splitCsvLine(l).map(csvValue));
  else {
    const v = parsePayloadJson(payload.text, "groundTruthData");
    const list = Array.isArray(v) ? v : [v];
    values = list.map((x) => {
      const inner = typeof x === "object" && x !== null && !Array.isArray(x) ? (own(x, "label") ?? own(x, "value")) : x;
      return jsonValue(inner, ctx);
    });
  }
  const ids = idsOf(metadataOf(row), values.length, ctx);
  return values.map((label, i) => ({ id: ids[i], label }));
}

function metadataOf(row: object): object {
  const meta = own(row, "eventMetadata");
  return typeof meta === "object" && meta !== null ? meta : {};
}

function idsOf(meta: object, count: number, ctx: NonScalarCounter): Array<string | null> {
  const base = textValue(own(meta, "inferenceId"), ctx) ?? textValue(own(meta, "eventId"), ctx);
  if (count <= 1) return count === 1 ? [base] : [];
  return Array.from({ length: count }, (_, i) => (base === null ? null : `${base}#${i}`));
}
