import type { JoinStore, LabelItem, ObjectStore } from "../ports.ts";
import { readLabels, ReaderError } from "../readers/index.ts";
import type { MalformedRow } from "../types.ts";
import { loadModelConfig } from "./context.ts";
import { modelOfKey, quarantineKey, sourceId } from "./keys.ts";

/** Labels written to the join store per call. */
const JOIN_BATCH = 500;

/** What ingesting one label object did. */
export interface LabelsResult {
  key: string;
  model: string;
  labels: number;
  malformed: number;
  joined: number;
  pending: number;
  duplicates: number;
  /** Why the whole object was rejected, if it was. */
  rejected?: string;
}

/**
 * Ingests one ground-truth object (`labels/<model>/…`): each label joins its prediction now, or
 * waits for it (a label may come first). Conditional writes make redelivery change nothing.
 * Labels without a timestamp are taken as observed at the object's upload time.
 *
 * @throws ReaderError for a file-level problem, ConfigError for a bad monitor config.
 */
export async function ingestLabels(deps: { objects: ObjectStore; joins: JoinStore }, key: string): Promise<LabelsResult> {
  const where = modelOfKey(key);
  if (!where || where.area !== "labels") throw new Error(`ingestLabels: ${key} is not under labels/<model>/`);
  const { model } = where;
  const result: LabelsResult = { key, model, labels: 0, malformed: 0, joined: 0, pending: 0, duplicates: 0 };
  const source = await deps.objects.open(key);
  if (!source) return result;
  const config = await loadModelConfig(deps.objects, model);
  const items: LabelItem[] = [];
  const bad: MalformedRow[] = [];
  const arrival = source.info.lastModifiedMs;
  let summary;
  try {
    summary = await readLabels(source, { fields: config.fields }, {
      label: (l) => items.push({ id: l.id, label: l.label, timestampMs: l.timestampMs ?? arrival }),
      malformed: (m) => {
        if (bad.length < 100) bad.push(m);
      },
    });
  } catch (e) {
    if (!(e instanceof ReaderError)) throw e;
    // Labels are idempotent to rewrite, but a corrupt file has no trustworthy rows: reject it whole.
    await deps.objects.put(quarantineKey(model, sourceId(key, source.info.etag)).replace(/\.jsonl$/, ".rejected.json"), JSON.stringify({ source: key, reason: e.message }), "application/json");
    return { ...result, rejected: e.message };
  }
  result.labels = summary.rows;
  result.malformed = summary.malformed;
  for (let i = 0; i < items.length; i += JOIN_BATCH) {
    const r = await deps.joins.putLabels(model, items.slice(i, i + JOIN_BATCH), config.labels.ttlDays);
    result.joined += r.joined;
    result.pending += r.pending;
    result.duplicates += r.duplicates;
  }
  if (bad.length > 0) {
    const lines = bad.map((m) => JSON.stringify({ source: key, line: m.line, reason: m.reason, raw: m.raw }));
    await deps.objects.put(quarantineKey(model, sourceId(key, source.info.etag)), lines.join("\n") + "\n", "application/x-ndjson");
  }
  return result;
}
