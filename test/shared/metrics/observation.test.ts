import { describe, expect, it } from "vitest";
import { type Observation, probability } from "../../../shared/metrics/observation.ts";

describe("probability", () => {
  it("accepts finite numbers in [0, 1] only", () => {
    expect([probability(0.3), probability(1.2), probability(Number.NaN), probability(null)]).toEqual([0.3, null, null, null]);
    expect([probability(0), probability(1), probability(-0.1), probability(undefined)]).toEqual([0, 1, null, null]);
  });

  it("types an observation with optional fields", () => {
    const o: Observation = { prediction: null, score: 0.83, label: "yes" };
    expect(o.score).toBe(0.83);
  });
});
