// scipy.special.rel_entr's conventions; the divergences built on it are checked against
// scipy 1.17 / numpy 2.4 via test/oracles/drift.py.
import { describe, expect, it } from "vitest";
import { relEntr } from "../../../shared/stats/index.ts";

describe("relEntr", () => {
  it("returns the documented examples", () => {
    expect(relEntr(0.5, 0.25)).toBe(0.34657359027997264);
    expect(relEntr(0, 0.3)).toBe(0);
  });

  it("follows scipy's conventions at the edges", () => {
    expect(relEntr(0, 0)).toBe(0);
    expect(relEntr(0.2, 0)).toBe(Infinity);
    expect(relEntr(-0.1, 0.5)).toBe(Infinity);
    expect(relEntr(NaN, 0.5)).toBeNaN();
  });
});
