import { describe, expect, it } from "vitest";
import { LOG_LOSS_EPS, addBinaryObservation, mergeBinaryAccumulators, newBinaryAccumulator } from "../../../shared/metrics/binaryAccumulator.ts";
import { computeBinaryMetrics } from "../../../shared/metrics/binaryMetrics.ts";
import { AccumulatorMismatchError, InvalidMetricOptionError } from "../../../shared/metrics/errors.ts";

describe("newBinaryAccumulator", () => {
  it("stores the positive tokens", () => {
    expect(newBinaryAccumulator({ positiveLabel: "fraud" }).positiveLabels).toEqual(["fraud"]);
    expect(newBinaryAccumulator().positiveLabels).toEqual(["1", "true", "yes"]);
  });

  it("rejects bad options, naming newAccumulator", () => {
    expect(() => newBinaryAccumulator({ threshold: 2 })).toThrow("newAccumulator: threshold must be a number in [0, 1], got 2");
    expect(() => newBinaryAccumulator({ maxDistinctScores: 1 })).toThrow(InvalidMetricOptionError);
    expect(() => newBinaryAccumulator({ positiveLabel: "" })).toThrow("newAccumulator: positiveLabel");
  });
});

describe("addBinaryObservation", () => {
  it("counts usable observations and refuses unlabelled ones", () => {
    const acc = newBinaryAccumulator();
    expect([addBinaryObservation(acc, { label: "yes", score: 0.7 }), addBinaryObservation(acc, { label: null, prediction: 1 })]).toEqual([true, false]);
    expect([acc.tp, acc.scored]).toEqual([1, 1]);
  });

  it("refuses an observation with neither a prediction nor a usable score", () => {
    const acc = newBinaryAccumulator();
    expect(addBinaryObservation(acc, { label: 1 })).toBe(false);
    expect(addBinaryObservation(acc, { label: 1, score: 1.5 })).toBe(false);
    expect(addBinaryObservation(acc, { label: 1, score: Number.NaN })).toBe(false);
    expect(acc.tp + acc.fn).toBe(0);
  });

  it("predicts positive at score ≥ threshold", () => {
    const acc = newBinaryAccumulator({ threshold: 0.3 });
    addBinaryObservation(acc, { label: 0, score: 0.3 });
    addBinaryObservation(acc, { label: 0, score: 0.29 });
    expect([acc.fp, acc.tn]).toEqual([1, 1]);
  });

  it("prefers a logged prediction over the threshold", () => {
    const acc = newBinaryAccumulator();
    addBinaryObservation(acc, { label: 1, prediction: "no", score: 0.9 });
    expect([acc.fn, acc.scored]).toEqual([1, 1]);
  });

  it("reads the positive class's probability when the score is absent", () => {
    const acc = newBinaryAccumulator({ positiveLabel: "fraud" });
    addBinaryObservation(acc, { label: "fraud", probabilities: { legit: 0.2, fraud: 0.8 } });
    expect([acc.tp, acc.scored]).toEqual([1, 1]);
  });

  it("accepts mixed spellings of the classes in one window", () => {
    const acc = newBinaryAccumulator();
    const rows = [[1, "yes"], [true, 1], ["1", "TRUE"], ["no", 0], [false, "0"], [0, "no"], ["yes", false]] as const;
    for (const [label, prediction] of rows) addBinaryObservation(acc, { label, prediction });
    expect([acc.tp, acc.tn, acc.fn, acc.fp]).toEqual([3, 3, 1, 0]);
  });

  it("clips log loss at the float64 epsilon, as scikit-learn 1.2 does", () => {
    const acc = newBinaryAccumulator();
    addBinaryObservation(acc, { label: 1, score: 0 });
    expect(LOG_LOSS_EPS).toBe(2.220446049250313e-16);
    expect(computeBinaryMetrics(acc).logLoss).toBe(-Math.log(LOG_LOSS_EPS));
  });
});

describe("mergeBinaryAccumulators", () => {
  it("adds counts", () => {
    const a = newBinaryAccumulator();
    addBinaryObservation(a, { label: 1, prediction: 1 });
    const b = newBinaryAccumulator();
    addBinaryObservation(b, { label: 0, prediction: 1 });
    const m = mergeBinaryAccumulators(a, b);
    expect([m.tp, m.fp]).toEqual([1, 1]);
  });

  it("refuses accumulators with different settings", () => {
    expect(() => mergeBinaryAccumulators(newBinaryAccumulator(), newBinaryAccumulator({ positiveLabel: "fraud" }))).toThrow(AccumulatorMismatchError);
    expect(() => mergeBinaryAccumulators(newBinaryAccumulator(), newBinaryAccumulator({ threshold: 0.4 }))).toThrow("mergeAccumulators: threshold differs (0.5 vs 0.4)");
    expect(() => mergeBinaryAccumulators(newBinaryAccumulator(), newBinaryAccumulator({ maxDistinctScores: 5 }))).toThrow("maxDistinctScores");
  });
});
