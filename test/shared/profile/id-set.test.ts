import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { HashedIdSet } from "../../../shared/profile/id-set.ts";

describe("HashedIdSet", () => {
  it("counts duplicates as a Set of strings does", () => {
    fc.assert(
      fc.property(fc.array(fc.string({ maxLength: 12 }), { maxLength: 300 }), (ids) => {
        const s = new HashedIdSet(8);
        const repeats = ids.filter((id) => !s.add(id)).length;
        expect(repeats).toBe(ids.length - new Set(ids).size);
        expect(s.size).toBe(new Set(ids).size);
        for (const id of ids) expect(s.has(id)).toBe(true);
      }),
    );
  });

  it("holds a million distinct ids without a false duplicate", () => {
    const s = new HashedIdSet();
    let repeats = 0;
    for (let i = 0; i < 1_000_000; i++) if (!s.add(`req-${i}`)) repeats++;
    expect(repeats).toBe(0);
    expect(s.has("req-999999")).toBe(true);
    expect(s.has("req-1000000")).toBe(false);
  });
});
