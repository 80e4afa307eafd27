/** Default number of AWS calls an adapter keeps in flight at once. */
export const DEFAULT_CONCURRENCY = 16;

/**
 * Runs `fn` over `items` with at most `limit` calls in flight and returns the results in input
 * order. The first rejection rejects the whole call; calls already started finish, no new ones start.
 *
 * @example
 * await mapLimit([1, 2, 3], 2, async (n) => n * 2); // [2, 4, 6]
 */
export async function mapLimit<T, R>(
  items: readonly T[],
  limit: number,
  fn: (item: T, index: number) => Promise<R>,
): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  let failed = false;
  const worker = async (): Promise<void> => {
    while (next < items.length && !failed) {
      const i = next++;
      try {
        results[i] = await fn(items[i], i);
      } catch (e) {
        failed = true;
        throw e;
      }
    }
  };
  const workers = Array.from({ length: Math.min(Math.max(1, limit), items.length) }, worker);
  await Promise.all(workers);
  return results;
}

/**
 * Splits `items` into consecutive chunks of at most `size`.
 *
 * @example
 * chunks([1, 2, 3], 2); // [[1, 2], [3]]
 */
export function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}
