// Expected values come from scipy 1.17 / numpy 2.4 via test/oracles/drift.py (scipy.special.smirnov).
import { describe, expect, it } from "vitest";
import { smirnovLogSum, smirnovSf } from "../../../shared/stats/index.ts";
import { ORACLE, expectClose } from "./oracle.ts";

describe("smirnovSf", () => {
  it("returns the documented examples", () => {
    expect(smirnovSf(5, 0.5)).toBe(0.056);
    expect(smirnovSf(1000, 0.05)).toBe(0.006506037390545166);
  });

  for (const [n, x, expected] of ORACLE.special.smirnovSf) {
    it(`agrees with scipy.special.smirnov(${n}, ${x})`, () => {
      // Double-double sums agree to ~1e-16; the log-space sum for long sums to ~2e-13.
      expectClose(smirnovSf(n, x), expected, 1e-12, 1e-300, `n = ${n}, x = ${x}`);
    });
  }

  it("handles the ends: 1 at x = 0, 0 at x = 1, 1 − x for n = 1", () => {
    expect(smirnovSf(7, 0)).toBe(1);
    expect(smirnovSf(7, 1)).toBe(0);
    expect(smirnovSf(1, 0.3)).toBe(0.7);
    expect(smirnovSf(7, 1.5)).toBeNaN();
  });

  it("stays fast for a million observations", () => {
    const before = process.cpuUsage();
    smirnovSf(999_999, 0.002);
    expect(process.cpuUsage(before).user / 1000).toBeLessThan(1000);
  });
});

describe("smirnovLogSum", () => {
  it("returns the documented example, close to scipy's double-double sum", () => {
    expect(smirnovLogSum(10000, 0.02, 9800)).toBe(0.0003308424319693652);
    expectClose(smirnovLogSum(10000, 0.02, 9800), 0.00033084243196936547, 1e-13, 0, "n = 10000");
  });
});
