// The fixture these tests read was produced by scipy 1.17 / numpy 2.4 via test/oracles/drift.py.
import { describe, expect, it } from "vitest";
import { ORACLE } from "./oracle.ts";

describe("drift oracle fixture", () => {
  it("names its generator and the scipy and numpy versions it was computed with", () => {
    expect(ORACLE.generator).toBe("test/oracles/drift.py");
    expect(ORACLE.scipy).toMatch(/^1\.17\./);
    expect(ORACLE.numpy).toMatch(/^2\.4\./);
  });

  it("covers small and large, equal and unequal, exact and asymptotic samples", () => {
    const sizes = ORACLE.continuous.map((c) => [c.ref.length, c.cur.length]);
    expect(sizes.some(([a, b]) => a <= 30 && b <= 30)).toBe(true);
    expect(sizes.some(([a, b]) => a >= 10_000 && b >= 10_000)).toBe(true);
    expect(sizes.some(([a, b]) => a !== b && Math.max(a, b) >= 2000)).toBe(true);
    const methods = new Set(ORACLE.continuous.map((c) => c.ks.method));
    expect([...methods].sort()).toEqual(["asymp", "asymp-fallback", "exact"]);
  });
});
