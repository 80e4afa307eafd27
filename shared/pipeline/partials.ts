import type { ObjectStore } from "../ports.ts";
import type { StoredPartial } from "./ingest.ts";
import { partialsPrefix } from "./keys.ts";
import { forEachInOrder } from "./in-order.ts";
import { decodePartial } from "./partial-codec.ts";
import { WindowMerger, type ProfileWithPerformance } from "./profiler.ts";

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
/** Partials read ahead of the next one to merge (they wait, decoded, for their turn). */
const READ_AHEAD = READ_CONCURRENCY;

/**
 * Merges a window's partial profiles and adds the duplicate ids the join store found across
 * objects. Partials are read in parallel and merged one at a time, in key order (so the result
 * does not depend on read timing), each dropped once merged: memory stays flat in the number of
 * partials. A partial that vanished since the listing is skipped.
 *
 * @throws ProfileFormatError naming the key of a partial that is not a valid stored partial.
 */
export async function mergeWindow(objects: ObjectStore, keys: readonly string[]): Promise<ProfileWithPerformance> {
  const merger = new WindowMerger();
  let joinDuplicates = 0;
  const read = async (key: string) => {
    const text = await objects.getText(key);
    return text === null ? null : decodePartial(text, key);
  };
  const merge = (p: StoredPartial | null) => {
    if (p === null) return;
    merger.add(p.profile);
    joinDuplicates += p.joinDuplicates;
  };
  await forEachInOrder(keys, read, merge, { concurrency: READ_CONCURRENCY, ahead: READ_AHEAD });
  if (merger.count === 0) throw new Error(`mergeWindow: none of the ${keys.length} partials could be read`);
  const merged = merger.result();
  return { ...merged, ids: { ...merged.ids, duplicates: merged.ids.duplicates + joinDuplicates } };
}
