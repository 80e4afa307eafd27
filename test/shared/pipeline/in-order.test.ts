import { describe, expect, it } from "vitest";
import { forEachInOrder } from "../../../shared/pipeline/in-order.ts";

/** A load that resolves after the given number of microtask turns. */
const after = async <T>(turns: number, value: T): Promise<T> => {
  for (let i = 0; i < turns; i++) await Promise.resolve();
  return value;
};

describe("forEachInOrder", () => {
  it("consumes results in item order however the loads finish", async () => {
    const items = Array.from({ length: 40 }, (_, i) => i);
    const seen: number[] = [];
    await forEachInOrder(items, (x) => after((x * 7) % 11, x * 10), (r, i) => seen.push(r, i), { concurrency: 5, ahead: 8 });
    expect(seen).toEqual(items.flatMap((x) => [x * 10, x]));
  });

  it("keeps at most `ahead` results waiting and `concurrency` loads running", async () => {
    let running = 0;
    let maxRunning = 0;
    let waiting = 0;
    let maxWaiting = 0;
    const load = async (x: number) => {
      maxRunning = Math.max(maxRunning, ++running);
      // The first item is slow, so the others pile up behind it.
      await after(x === 0 ? 200 : 1, null);
      running--;
      maxWaiting = Math.max(maxWaiting, ++waiting);
      return x;
    };
    await forEachInOrder(Array.from({ length: 100 }, (_, i) => i), load, () => waiting--, { concurrency: 4, ahead: 6 });
    expect(maxRunning).toBeLessThanOrEqual(4);
    expect(maxWaiting).toBeLessThanOrEqual(6);
  });

  it("rejects with the first error and starts no further loads", async () => {
    const started: number[] = [];
    const load = async (x: number) => {
      started.push(x);
      await after(1, null);
      if (x === 3) throw new Error("bad 3");
      return x;
    };
    await expect(forEachInOrder(Array.from({ length: 50 }, (_, i) => i), load, () => {}, { concurrency: 2, ahead: 4 })).rejects.toThrow("bad 3");
    expect(started.length).toBeLessThan(10);
  });

  it("rejects when consuming fails", async () => {
    await expect(forEachInOrder([1, 2, 3], async (x) => x, (x) => { if (x === 2) throw new Error("no"); }, { concurrency: 2, ahead: 2 })).rejects.toThrow("no");
  });

  it("does nothing for no items", async () => {
    await forEachInOrder([], async () => 1, () => { throw new Error("called"); }, { concurrency: 4, ahead: 4 });
  });
});
