import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { hashIdText } from "../../../shared/id-hash.ts";
import { IdCounter } from "../../../shared/profile/id-counter.ts";
import { HashedIdSet } from "../../../shared/profile/id-set.ts";

/** The counting IdCounter must reproduce: one id at a time into a hash set, capped (ProfileBuilder before batching). */
function oneAtATime(hashes: Array<[number, number]>, cap: number) {
  const set = new HashedIdSet();
  const h = new Uint32Array(2);
  let duplicates = 0;
  let approximate = false;
  for (const [lo, hi] of hashes) {
    h[0] = lo;
    h[1] = hi;
    if (set.size < cap) {
      if (!set.addHash(h)) duplicates++;
    } else {
      approximate = true;
      if (set.hasHash(h)) duplicates++;
    }
  }
  return { count: hashes.length, distinct: hashes.length - duplicates, duplicates, approximate };
}

function counted(hashes: Array<[number, number]>, cap: number, peekEvery = 0) {
  const c = new IdCounter(cap);
  const h = new Uint32Array(2);
  hashes.forEach(([lo, hi], i) => {
    h[0] = lo;
    h[1] = hi;
    c.addHash(h);
    if (peekEvery > 0 && i % peekEvery === 0) c.result(); // a profile taken mid-stream
  });
  return c.result();
}

const hashOf = (id: string): [number, number] => {
  const h = new Uint32Array(2);
  hashIdText(id, h);
  return [h[0], h[1]];
};

describe("IdCounter", () => {
  it("counts ids and repeats as one id at a time into a set does, at any cap", () => {
    // Few distinct words (many repeats), hashes with equal high words, the (0, 0) hash and its stand-in (1, 0).
    const word = fc.oneof(fc.integer({ min: 0, max: 50 }), fc.constant(0xffffffff));
    const pair = fc.oneof(fc.tuple(word, word), fc.tuple(fc.nat(3), fc.constant(7)), fc.constant<[number, number]>([0, 0]), fc.constant<[number, number]>([1, 0]));
    fc.assert(
      fc.property(fc.array(pair, { maxLength: 400 }), fc.oneof(fc.constant(2_000_000), fc.nat(60)), fc.nat(50), (hashes, cap, peek) => {
        expect(counted(hashes, cap, peek)).toEqual(oneAtATime(hashes, cap));
      }),
      { numRuns: 400 },
    );
  });

  it("finds the repeats between parts counted apart (a parallel read's ranges) from their held ids", () => {
    const word = fc.integer({ min: 0, max: 40 });
    fc.assert(
      fc.property(fc.array(fc.tuple(word, word), { maxLength: 300 }), fc.array(fc.nat(300), { maxLength: 4 }), fc.oneof(fc.constant(2_000_000), fc.integer({ min: 1, max: 40 })), (hashes, cuts, partCap) => {
        const bounds = [0, ...cuts.map((c) => Math.min(c, hashes.length)).sort((a, b) => a - b), hashes.length];
        const parts = bounds.slice(1).map((end, i) => hashes.slice(bounds[i], end));
        const h = new Uint32Array(2);
        const between = new IdCounter(2_000_000);
        let duplicates = 0;
        let exact = true;
        for (const part of parts) {
          // A part near its cap holds its ids in a hash set: heldIds sorts them too.
          const c = new IdCounter(partCap);
          for (const [lo, hi] of part) {
            h[0] = lo;
            h[1] = hi;
            c.addHash(h);
          }
          duplicates += c.result().duplicates;
          const held = c.heldIds();
          if (held === null) exact = false;
          else between.addSorted(held);
        }
        const whole = oneAtATime(hashes, 2_000_000);
        if (exact) expect(duplicates + between.result().duplicates).toBe(whole.duplicates);
        else expect(parts.some((p) => oneAtATime(p, partCap).approximate)).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  it("agrees over batches and merges: 300,000 ids with repeats, and caps falling inside a batch", () => {
    const ids: Array<[number, number]> = [];
    for (let i = 0; i < 300_000; i++) ids.push(hashOf(`req-${i % 250_000}`)); // 50,000 repeats
    for (let i = 0; i < 30_000; i++) ids.push(hashOf(`req-${(i * 7919) % 400_000}`));
    for (const cap of [2_000_000, 250_000, 100_001, 4_097, 1, 0]) expect(counted(ids, cap), `cap ${cap}`).toEqual(oneAtATime(ids, cap));
  });
});
