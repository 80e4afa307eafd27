// Input checks shared by the statistics (the statistics' values are checked against
// scipy 1.17 / numpy 2.4 via test/oracles/drift.py in their own test files).
import { describe, expect, it } from "vitest";
import { InvalidStatsInputError, StatsError, validateCounts, validateSample } from "../../../shared/stats/index.ts";

const sample = (values: number[], weights: number[]) => ({ values: Float64Array.from(values), weights: Float64Array.from(weights) });

describe("validateSample", () => {
  it("returns the total weight", () => {
    expect(validateSample("ks", "ref", sample([1, 2], [2, 1]))).toBe(3);
  });

  it("names the function, the sample and the problem", () => {
    expect(() => validateSample("ks", "reference", sample([], []))).toThrow("ks requires a non-empty reference sample");
    expect(() => validateSample("ks", "current", sample([1], [1, 2]))).toThrow("ks requires as many weights as values in current (2 vs 1)");
    expect(() => validateSample("ks", "current", sample([1, 1], [1, 1]))).toThrow("ks requires strictly increasing values in current (index 1)");
    expect(() => validateSample("ks", "current", sample([1], [0]))).toThrow("ks requires positive finite weights in current, got 0");
    expect(() => validateSample("ks", "current", sample([NaN], [1]))).toThrow("ks requires finite values in current, got NaN");
  });

  it("throws errors of the stats error family, with the facts as fields", () => {
    try {
      validateSample("cramerVonMises", "reference", sample([], []));
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(StatsError);
      expect(e).toBeInstanceOf(InvalidStatsInputError);
      expect((e as InvalidStatsInputError).fn).toBe("cramerVonMises");
      expect((e as InvalidStatsInputError).name).toBe("InvalidStatsInputError");
    }
  });
});

describe("validateCounts", () => {
  it("returns the documented example", () => {
    expect(validateCounts("psi", [1, 3], [2, 2])).toEqual({ ref: 4, cur: 4 });
  });

  it("accepts typed arrays", () => {
    expect(validateCounts("kl", Float64Array.of(1, 0), Float64Array.of(0, 5))).toEqual({ ref: 1, cur: 5 });
  });

  it("names the function and the problem", () => {
    expect(() => validateCounts("kl", [], [])).toThrow("kl requires at least one bin");
    expect(() => validateCounts("kl", [1], [1, 2])).toThrow("kl requires count arrays of equal length (1 vs 2)");
    expect(() => validateCounts("kl", [1, Infinity], [1, 2])).toThrow("kl requires finite non-negative reference counts, got Infinity at bin 1");
    expect(() => validateCounts("kl", [1, 1], [0, 0])).toThrow("kl requires a non-empty current distribution");
  });
});
