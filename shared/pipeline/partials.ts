import type { ObjectStore } from "../ports.ts";
import type { StoredPartial } from "./ingest.ts";
import { partialsPrefix } from "./keys.ts";
import { mergeAll, type ProfileWithPerformance } from "./profiler.ts";

/**
 * The windows that have partial profiles, each with its partials' keys, in time order.
 *
 * @example
 * (await listWindows(objects, "bank")).keys(); // window starts in ms
 */
export async function listWindows(objects: ObjectStore, model: string): Promise<Map<number, string[]>> {
  const prefix = partialsPrefix(model);
  const windows = new Map<number, string[]>();
  for await (const o of objects.list(prefix)) {
    const w = Number(o.key.slice(prefix.length).split("/")[0]);
    if (!Number.isFinite(w)) continue;
    const keys = windows.get(w) ?? [];
    keys.push(o.key);
    windows.set(w, keys);
  }
  return new Map([...windows].sort((a, b) => a[0] - b[0]));
}

/** Reads a window's partials in parallel, bounded. */
const READ_CONCURRENCY = 16;

/**
 * Merges a window's partial profiles (profiles are mergeable, so the order does not matter), and
 * adds the duplicate ids the join store found across objects.
 */
export async function mergeWindow(objects: ObjectStore, keys: readonly string[]): Promise<ProfileWithPerformance> {
  const partials: StoredPartial[] = new Array(keys.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(READ_CONCURRENCY, keys.length) }, async () => {
      while (next < keys.length) {
        const i = next++;
        const text = await objects.getText(keys[i]);
        if (text !== null) partials[i] = JSON.parse(text) as StoredPartial;
      }
    }),
  );
  const read = partials.filter((p): p is StoredPartial => Boolean(p));
  if (read.length === 0) throw new Error(`mergeWindow: none of the ${keys.length} partials could be read`);
  let joinDuplicates = 0;
  for (const p of read) {
    p.profile.features = Object.assign(Object.create(null), p.profile.features);
    joinDuplicates += p.joinDuplicates;
  }
  const merged = mergeAll(read.map((p) => p.profile));
  return { ...merged, ids: { ...merged.ids, duplicates: merged.ids.duplicates + joinDuplicates } };
}
