import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { PairwiseTree } from "../../../shared/profile/pairwise-tree.ts";

const join = (a: string, b: string) => `(${a}${b})`;

/** The level-by-level tree: neighbours merged in pairs, an odd last item carried up. */
function levelByLevel(items: Array<string | null>): string | null {
  const combine = (a: string | null, b: string | null) => (a === null ? b : b === null ? a : join(a, b));
  let level = [...items];
  if (level.length === 0) return null;
  while (level.length > 1) {
    const next: Array<string | null> = [];
    for (let i = 0; i < level.length; i += 2) next.push(i + 1 < level.length ? combine(level[i], level[i + 1]) : level[i]);
    level = next;
  }
  return level[0];
}

describe("PairwiseTree", () => {
  it("reduces as the level-by-level tree of pairwise merges, nulls included", () => {
    fc.assert(fc.property(fc.array(fc.option(fc.constantFrom("a", "b", "c", "d")), { maxLength: 80 }), (items) => {
      const t = new PairwiseTree<string>(join);
      for (const x of items) t.push(x);
      expect(t.result()).toBe(levelByLevel(items));
      expect(t.length).toBe(items.length);
    }), { numRuns: 500 });
  });

  it("gives ((x0 x1) x2) for three items", () => {
    const t = new PairwiseTree<string>(join);
    ["x0", "x1", "x2"].forEach((x) => t.push(x));
    expect(t.result()).toBe("((x0x1)x2)");
  });

  it("pads with nulls up to a length, leaving the tree of the items pushed after as it would be", () => {
    const t = new PairwiseTree<string>(join);
    t.padTo(3);
    t.push("a");
    t.push("b");
    expect(t.result()).toBe(levelByLevel([null, null, null, "a", "b"]));
  });

  it("returns null when nothing but nulls was pushed", () => {
    const t = new PairwiseTree<string>(join);
    expect(t.result()).toBeNull();
    t.push(null);
    expect(t.result()).toBeNull();
  });
});
