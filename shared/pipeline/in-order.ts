/**
 * Loads items with bounded concurrency and hands the results over one at a time in item order,
 * each as soon as it and all before it have loaded: a fold over slow reads (S3 GETs) that is
 * parallel yet deterministic. At most `ahead` results wait for their turn, so memory is bounded
 * however many items there are. The first error (from `load` or `consume`) stops the readers and
 * rejects.
 *
 * @example
 * await forEachInOrder(keys, (k) => objects.getText(k), (text, i) => merger.add(parse(text)), { concurrency: 16, ahead: 32 });
 */
export async function forEachInOrder<T, R>(
  items: readonly T[],
  load: (item: T, index: number) => Promise<R>,
  consume: (result: R, index: number) => void,
  limits: { readonly concurrency: number; readonly ahead: number },
): Promise<void> {
  const loaded = new Map<number, R>();
  let nextLoad = 0;
  let nextConsume = 0;
  let failed = false;
  let waiting: Array<() => void> = [];
  const wakeAll = () => {
    const w = waiting;
    waiting = [];
    for (const resolve of w) resolve();
  };
  const worker = async () => {
    try {
      while (!failed && nextLoad < items.length) {
        const i = nextLoad++;
        while (!failed && i - nextConsume >= limits.ahead) await new Promise<void>((resolve) => waiting.push(resolve));
        if (failed) return;
        loaded.set(i, await load(items[i], i));
        while (!failed && loaded.has(nextConsume)) {
          const r = loaded.get(nextConsume) as R;
          loaded.delete(nextConsume);
          consume(r, nextConsume++);
        }
        wakeAll();
      }
    } catch (e) {
      failed = true;
      wakeAll();
      throw e;
    }
  };
  await Promise.all(Array.from({ length: Math.min(Math.max(1, limits.concurrency), items.length) }, worker));
}
