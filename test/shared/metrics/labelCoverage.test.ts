import { describe, expect, it } from "vitest";
import { InvalidMetricOptionError } from "../../../shared/metrics/errors.ts";
import { labelCoverage } from "../../../shared/metrics/labelCoverage.ts";

describe("labelCoverage", () => {
  it("divides joined by predicted, null for an empty window", () => {
    expect([labelCoverage(45, 60), labelCoverage(0, 0)]).toEqual([0.75, null]);
  });

  it("refuses negative or fractional counts and joined > predicted", () => {
    expect(() => labelCoverage(-1, 5)).toThrow("labelCoverage: joined must be a non-negative integer, got -1");
    expect(() => labelCoverage(1, 2.5)).toThrow(InvalidMetricOptionError);
    expect(() => labelCoverage(6, 5)).toThrow("labelCoverage: joined must be at most predicted (5), got 6");
  });
});
