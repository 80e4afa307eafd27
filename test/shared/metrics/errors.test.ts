import { describe, expect, it } from "vitest";
import { newAccumulator } from "../../../shared/metrics/accumulator.ts";
import { AccumulatorMismatchError, InvalidMetricOptionError, MetricsError } from "../../../shared/metrics/errors.ts";
import type { Task } from "../../../shared/types.ts";

describe("MetricsError", () => {
  it("is the base of the errors newAccumulator throws", () => {
    let caught: unknown;
    try {
      newAccumulator("ranking" as Task);
    } catch (e) {
      caught = e;
    }
    expect(caught).toBeInstanceOf(MetricsError);
    expect(caught).toBeInstanceOf(InvalidMetricOptionError);
    expect((caught as Error).name).toBe("InvalidMetricOptionError");
  });
});

describe("InvalidMetricOptionError", () => {
  it("names the function, the option and the value", () => {
    const e = new InvalidMetricOptionError("newAccumulator", "threshold", 2, "a number in [0, 1]");
    expect(e.message).toBe("newAccumulator: threshold must be a number in [0, 1], got 2");
    expect([e.fn, e.option, e.value]).toEqual(["newAccumulator", "threshold", 2]);
  });
});

describe("AccumulatorMismatchError", () => {
  it("names the differing field and both values", () => {
    const e = new AccumulatorMismatchError("task", "regression", "binary_classification");
    expect(e.message).toBe("mergeAccumulators: task differs (regression vs binary_classification)");
    expect(e).toBeInstanceOf(MetricsError);
  });
});
