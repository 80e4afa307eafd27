import type { ObjectStore } from "../ports.ts";
import { readLog } from "../readers/index.ts";
import { buildReference } from "../reference/build.ts";
import { serialiseReference } from "../reference/parse.ts";
import type { ReferenceProfile } from "../reference/types.ts";
import { loadModelConfig } from "./context.ts";
import { isReferenceData, modelOfKey, referenceProfileKey } from "./keys.ts";
import { ReferenceProfiler } from "./reference-profiler.ts";

/**
 * Builds `reference/<model>/profile.json` from a dropped `reference/<model>/data.<ext>` object.
 * Other keys under reference/ (the profile itself) are ignored and return null.
 *
 * @throws ReaderError for a file-level problem; Error when the data has no readable rows.
 */
export async function buildReferenceFromObject(deps: { objects: ObjectStore }, key: string): Promise<ReferenceProfile | null> {
  const where = modelOfKey(key);
  if (!where || where.area !== "reference" || !isReferenceData(key)) return null;
  const source = await deps.objects.open(key);
  if (!source) return null;
  const config = await loadModelConfig(deps.objects, where.model);
  const profiler = new ReferenceProfiler(config);
  const summary = await readLog(source, { fields: config.fields, columnOrder: config.columnOrder, task: config.task }, profiler);
  if (summary.rows === 0) throw new Error(`${key}: no readable rows in the reference data (${summary.malformed} malformed)`);
  const { chunks, windows } = profiler.finish();
  const reference = buildReference(chunks, config, windows);
  await deps.objects.put(referenceProfileKey(where.model), serialiseReference(reference), "application/json");
  return reference;
}
