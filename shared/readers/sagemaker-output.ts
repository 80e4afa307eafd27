/**
 * SageMaker endpoint outputs as predictions. A single number in (0,1) is a score (positive-class
 * probability); it also gives prediction 0/1 by threshold 0.5 when the task is binary, and is the
 * prediction itself for regression and multiclass tasks. Any other number or text is the
 * prediction. Several numbers for one instance are class probabilities (prediction = the argmax
 * class, score = class "1" when there are two). JSON objects may say `predicted_label` / `label` /
 * `prediction`, `score` / `probability`, `probabilities` / `scores` with optional `labels` /
 * `classes`, under `predictions`, `outputs` or `results` for batches.
 *
 * @example
 * outputPredictions({ kind: "csv", text: "0.87" }, "binary_classification", 1, ctx);
 * // [{ prediction: 1, score: 0.87, probabilities: null }]
 */
import type { FieldValue, Task } from "../types.ts";
import { splitCsvLine } from "./csv-fields.ts";
import { own, probabilitiesOf } from "./normalise.ts";
import { parsePayloadJson, payloadLines, type Payload } from "./sagemaker-payload.ts";
import { csvValue, jsonValue, type NonScalarCounter } from "./values.ts";

/** What one output says about one instance. */
export interface Prediction {
  prediction: FieldValue;
  score: number | null;
  probabilities: Record<string, number> | null;
}

/** The predictions of an output payload, one per instance when `instances` > 1 and they align. */
export function outputPredictions(p: Payload, task: Task | undefined, instances: number, ctx: NonScalarCounter): Prediction[] {
  if (p.kind === "csv") {
    const rows = payloadLines(p.text).map((l) => splitCsvLine(l).map(csvValue));
    if (rows.length === 1 && instances > 1 && rows[0].length === instances) return rows[0].map((v) => fromValue(v, task, ctx));
    return rows.map((r) => (r.length === 1 ? fromValue(r[0], task, ctx) : fromList(r, task, ctx)));
  }
  return outputsOf(parsePayloadJson(p.text, "endpointOutput"), instances).map((o) => fromValue(o, task, ctx));
}

function outputsOf(v: unknown, instances: number): unknown[] {
  if (Array.isArray(v)) {
    return instances === 1 && v.length > 1 && v.every((x) => typeof x === "number") ? [v] : v;
  }
  if (typeof v === "object" && v !== null) {
    for (const key of ["predictions", "outputs", "results"]) {
      const list = own(v, key);
      if (Array.isArray(list)) return outputsOf(list, instances);
    }
  }
  return [v];
}

function fromValue(v: unknown, task: Task | undefined, ctx: NonScalarCounter): Prediction {
  if (typeof v === "number") return fromNumber(v, task);
  if (Array.isArray(v)) return fromList(v, task, ctx);
  if (typeof v === "object" && v !== null) return fromObject(v, task, ctx);
  return { prediction: jsonValue(v, ctx), score: null, probabilities: null };
}

function fromNumber(x: number, task: Task | undefined): Prediction {
  if (task === "regression" || task === "multiclass_classification" || !(x > 0 && x < 1)) {
    return { prediction: x, score: null, probabilities: null };
  }
  return { prediction: task === "binary_classification" ? (x >= 0.5 ? 1 : 0) : null, score: x, probabilities: null };
}

function fromList(list: readonly unknown[], task: Task | undefined, ctx: NonScalarCounter): Prediction {
  if (list.length > 0 && list.every((x) => typeof x === "number")) return fromProbabilities(probabilitiesOf(list, ctx));
  const score = typeof list[1] === "number" && list[1] >= 0 && list[1] <= 1 ? list[1] : null;
  return { ...fromValue(list[0], task, ctx), ...(score !== null ? { score } : {}) };
}

function fromProbabilities(probabilities: Record<string, number> | null): Prediction {
  if (probabilities === null) return { prediction: null, score: null, probabilities: null };
  const keys = Object.keys(probabilities);
  let best = keys[0];
  for (const k of keys) if (probabilities[k] > probabilities[best]) best = k;
  const score = keys.length === 2 ? (probabilities["1"] ?? probabilities[keys[1]]) : null;
  return { prediction: classOf(best), score, probabilities };
}

function fromObject(o: object, task: Task | undefined, ctx: NonScalarCounter): Prediction {
  const label = firstOwn(o, ["predicted_label", "label", "prediction", "predicted_class", "class"]);
  const rawScore = firstOwn(o, ["score", "probability"]);
  let probs = firstOwn(o, ["probabilities", "scores"]);
  if (probs === undefined && Array.isArray(rawScore)) probs = rawScore;
  const labels = firstOwn(o, ["labels", "classes"]);
  if (Array.isArray(probs) && Array.isArray(labels) && labels.length === probs.length) {
    probs = Object.fromEntries(labels.map((l, i) => [String(l), probs && (probs as unknown[])[i]]));
  }
  const fromProbs = fromProbabilities(probabilitiesOf(probs, ctx));
  const score = typeof rawScore === "number" ? rawScore : fromProbs.score;
  let prediction: FieldValue = label === undefined ? fromProbs.prediction : jsonValue(label, ctx);
  if (label === undefined && typeof rawScore === "number") prediction = fromNumber(rawScore, task).prediction;
  return { prediction, score, probabilities: fromProbs.probabilities };
}

function firstOwn(o: object, keys: readonly string[]): unknown {
  for (const k of keys) {
    const v = own(o, k);
    if (v !== undefined) return v;
  }
  return undefined;
}

function classOf(key: string): FieldValue {
  return /^-?\d+$/.test(key) ? Number(key) : key;
}
