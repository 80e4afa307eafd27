import { describe, expect, it } from "vitest";
import { AccumulatorMismatchError } from "../../../shared/metrics/errors.ts";
import { addMulticlassObservation, mergeMulticlassAccumulators, newMulticlassAccumulator } from "../../../shared/metrics/multiclassAccumulator.ts";

describe("newMulticlassAccumulator", () => {
  it("starts with no classes", () => {
    expect(newMulticlassAccumulator()).toEqual({ task: "multiclass_classification", classes: [], matrix: [] });
  });
});

describe("addMulticlassObservation", () => {
  it("takes the most probable class when the prediction is missing", () => {
    const acc = newMulticlassAccumulator();
    expect(addMulticlassObservation(acc, { label: "dog", probabilities: { cat: 0.7, dog: 0.3 } })).toBe(true);
    expect([acc.classes, acc.matrix]).toEqual([["cat", "dog"], [[0, 0], [1, 0]]]);
  });

  it("breaks probability ties by the first class name", () => {
    const acc = newMulticlassAccumulator();
    addMulticlassObservation(acc, { label: "b", probabilities: { c: 0.4, b: 0.4, a: 0.2 } });
    expect(acc.matrix).toEqual([[1]]);
    expect(acc.classes).toEqual(["b"]);
  });

  it("refuses missing labels and missing predictions", () => {
    const acc = newMulticlassAccumulator();
    expect(addMulticlassObservation(acc, { label: null, prediction: "a" })).toBe(false);
    expect(addMulticlassObservation(acc, { label: "a" })).toBe(false);
    expect(addMulticlassObservation(acc, { label: "a", prediction: "" })).toBe(false);
    expect(acc.classes).toEqual([]);
  });

  it("keeps classes sorted and the matrix square", () => {
    const acc = newMulticlassAccumulator();
    for (const [label, prediction] of [["z", "m"], ["a", "z"], ["m", "m"]]) addMulticlassObservation(acc, { label, prediction });
    expect(acc.classes).toEqual(["a", "m", "z"]);
    expect(acc.matrix).toEqual([[0, 0, 1], [0, 1, 0], [0, 1, 0]]);
  });

  it("accepts a class named __proto__ as an ordinary class", () => {
    const acc = newMulticlassAccumulator();
    addMulticlassObservation(acc, { label: "__proto__", prediction: "constructor" });
    expect(acc.classes).toEqual(["__proto__", "constructor"]);
  });
});

describe("mergeMulticlassAccumulators", () => {
  it("aligns the class lists", () => {
    const a = newMulticlassAccumulator();
    addMulticlassObservation(a, { label: "b", prediction: "b" });
    const b = newMulticlassAccumulator();
    addMulticlassObservation(b, { label: "a", prediction: "b" });
    expect(mergeMulticlassAccumulators(a, b).matrix).toEqual([[0, 1], [0, 1]]);
  });

  it("refuses a matrix that does not match its classes", () => {
    const bad = { task: "multiclass_classification" as const, classes: ["a"], matrix: [] };
    expect(() => mergeMulticlassAccumulators(bad, newMulticlassAccumulator())).toThrow(AccumulatorMismatchError);
  });
});
