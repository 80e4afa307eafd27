import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { type MetricsAccumulator, addObservation, computeMetrics, mergeAccumulators, newAccumulator } from "../../../shared/metrics/accumulator.ts";
import { AccumulatorMismatchError, InvalidMetricOptionError } from "../../../shared/metrics/errors.ts";
import type { Observation } from "../../../shared/metrics/observation.ts";
import type { Task } from "../../../shared/types.ts";
import { fixture, lcgBinaryObservations, randomSplit, seeded } from "./helpers.ts";

function accumulate(task: Task, observations: readonly Observation[], options = {}): MetricsAccumulator {
  const acc = newAccumulator(task, options);
  for (const o of observations) addObservation(acc, o);
  return acc;
}

const ORDERS = [[0, 1, 2], [2, 0, 1], [1, 2, 0], [2, 1, 0]] as const;

// Splits a case in 3 random parts and checks every merge order and grouping against one pass.
function checkMerges(task: Task, observations: readonly Observation[], options: object, seed: number): void {
  const whole = computeMetrics(accumulate(task, observations, options));
  const parts = randomSplit(observations, 3, seeded(seed)).map((p) => accumulate(task, p, options));
  const merged = ORDERS.map(([a, b, c]) => mergeAccumulators(mergeAccumulators(parts[a], parts[b]), parts[c]));
  merged.push(mergeAccumulators(parts[0], mergeAccumulators(parts[1], parts[2])));
  for (const m of merged) expect(m).toEqual(merged[0]);
  for (const m of merged) expect(computeMetrics(m)).toEqual(whole);
  expect(computeMetrics(JSON.parse(JSON.stringify(merged[0])) as MetricsAccumulator)).toEqual(whole);
}

describe("newAccumulator", () => {
  it("builds an accumulator for the task", () => {
    expect(newAccumulator("regression").task).toBe("regression");
    expect(newAccumulator("multiclass_classification").task).toBe("multiclass_classification");
  });

  it("rejects an unknown task", () => {
    expect(() => newAccumulator("ranking" as Task)).toThrow(
      "newAccumulator: task must be one of binary_classification, multiclass_classification, regression, got ranking",
    );
    expect(() => newAccumulator("ranking" as Task)).toThrow(InvalidMetricOptionError);
  });
});

describe("addObservation", () => {
  it("returns whether the observation was counted", () => {
    const acc = newAccumulator("binary_classification");
    expect([addObservation(acc, { label: "yes", prediction: "no" }), addObservation(acc, { label: null, score: 0.4 })]).toEqual([true, false]);
  });
});

describe("computeMetrics", () => {
  it("returns the metrics of the accumulator's task", () => {
    const acc = newAccumulator("multiclass_classification");
    addObservation(acc, { label: "a", prediction: "a" });
    expect(computeMetrics(acc).task).toBe("multiclass_classification");
  });

  it("has exactly the DESIGN §7 keys (plus task, count)", () => {
    const keys = (t: Task) => Object.keys(computeMetrics(newAccumulator(t))).sort();
    expect(keys("binary_classification")).toEqual(
      ["accuracy", "averagePrecision", "brier", "confusionMatrix", "count", "f1", "logLoss", "precision", "recall", "rocAuc", "task"],
    );
    expect(keys("multiclass_classification")).toEqual(
      ["accuracy", "confusionMatrix", "count", "f1Macro", "f1Weighted", "precisionMacro", "precisionWeighted", "recallMacro", "recallWeighted", "task"],
    );
    expect(keys("regression")).toEqual(["count", "mae", "mape", "mse", "r2", "rmse", "task"]);
  });
});

describe("mergeAccumulators", () => {
  it("merges two regression accumulators", () => {
    const a = newAccumulator("regression");
    addObservation(a, { label: 1, prediction: 1 });
    const b = newAccumulator("regression");
    addObservation(b, { label: 2, prediction: 4 });
    expect(computeMetrics(mergeAccumulators(a, b))).toEqual({ task: "regression", count: 2, mae: 1, mse: 2, rmse: 1.4142135623730951, mape: 0.5, r2: -7 });
  });

  it("leaves its inputs unchanged", () => {
    const a = accumulate("binary_classification", [{ label: 1, score: 0.3 }]);
    const before = JSON.stringify(a);
    mergeAccumulators(a, accumulate("binary_classification", [{ label: 0, score: 0.3 }]));
    expect(JSON.stringify(a)).toBe(before);
  });

  it("refuses accumulators of different tasks", () => {
    expect(() => mergeAccumulators(newAccumulator("regression"), newAccumulator("binary_classification"))).toThrow(AccumulatorMismatchError);
  });

  it("gives identical metrics in every merge order for every oracle case", () => {
    fixture.binary.filter((c) => c.observations).forEach((c, i) => checkMerges("binary_classification", c.observations!, c.options, i));
    fixture.multiclass.forEach((c, i) => checkMerges("multiclass_classification", c.observations, {}, 100 + i));
    fixture.regression.forEach((c, i) => checkMerges("regression", c.observations, {}, 200 + i));
  });

  it("gives identical metrics in every merge order on 10^5 rounded scores", () => {
    const g = fixture.binary.find((c) => c.generator)!.generator!;
    checkMerges("binary_classification", lcgBinaryObservations(g.seed, g.n, g.positiveShare), {}, 7);
  });

  it("gives identical metrics when a small cap forces rounding in the parts", () => {
    const rows = Array.from(lcgBinaryObservations(99, 3000, 0.4));
    checkMerges("binary_classification", rows, { maxDistinctScores: 50 }, 8);
  });
});

const value = fc.oneof(fc.constant(null), fc.boolean(), fc.integer({ min: -1, max: 2 }), fc.constantFrom("yes", "no", "1", "0", "", "maybe"));
const binaryObs = fc.record({ label: value, prediction: value, score: fc.oneof(fc.constant(null), fc.double({ min: -0.1, max: 1.1, noNaN: true })) });
const multiObs = fc.record({ label: fc.constantFrom("a", "b", "c", "d", null), prediction: fc.constantFrom("a", "b", "c", "e", null) });
// Values on a 1e-3 grid: subnormal errors would underflow when squared (mae > 0 = rmse), as in numpy.
const milli = fc.integer({ min: -1e9, max: 1e9 }).map((k) => k / 1000);
const regObs = fc.record({ label: fc.oneof(fc.constant(null), milli, fc.constantFrom(0, 1)), prediction: milli });
const CASES = [
  ["binary_classification", binaryObs],
  ["multiclass_classification", multiObs],
  ["regression", regObs],
] as const;

function inRange(v: unknown, lo: number, hi: number): boolean {
  return v === null || (typeof v === "number" && v >= lo && v <= hi);
}

describe("mergeAccumulators (properties)", () => {
  for (const [task, obs] of CASES) {
    it(`is commutative and associative, and equals one pass (${task})`, () => {
      const part = fc.array(obs as fc.Arbitrary<Observation>, { maxLength: 25 });
      fc.assert(
        fc.property(part, part, part, (a, b, c) => {
          const [x, y, z] = [accumulate(task, a), accumulate(task, b), accumulate(task, c)];
          expect(mergeAccumulators(x, y)).toEqual(mergeAccumulators(y, x));
          const left = mergeAccumulators(mergeAccumulators(x, y), z);
          expect(mergeAccumulators(x, mergeAccumulators(y, z))).toEqual(left);
          expect(computeMetrics(left)).toEqual(computeMetrics(accumulate(task, [...a, ...b, ...c])));
        }),
      );
    });
  }
});

describe("computeMetrics (properties)", () => {
  it("keeps binary metrics within their ranges", () => {
    fc.assert(
      fc.property(fc.array(binaryObs as fc.Arbitrary<Observation>, { maxLength: 60 }), (rows) => {
        const m = computeMetrics(accumulate("binary_classification", rows));
        if (m.task !== "binary_classification") throw new Error("task");
        for (const k of ["accuracy", "precision", "recall", "f1", "rocAuc", "averagePrecision", "brier"] as const) expect(inRange(m[k], 0, 1), k).toBe(true);
        expect(inRange(m.logLoss, 0, 37)).toBe(true);
        const { tp, fp, tn, fn } = m.confusionMatrix;
        expect(tp + fp + tn + fn).toBe(m.count);
      }),
    );
  });

  it("keeps multiclass metrics within [0, 1]", () => {
    fc.assert(
      fc.property(fc.array(multiObs as fc.Arbitrary<Observation>, { maxLength: 60 }), (rows) => {
        const m = computeMetrics(accumulate("multiclass_classification", rows));
        for (const [k, v] of Object.entries(m)) if (!["task", "count", "confusionMatrix"].includes(k)) expect(inRange(v, 0, 1 + 1e-15), k).toBe(true);
      }),
    );
  });

  it("keeps regression metrics consistent: mse ≥ 0, mae ≤ rmse, mape ≥ 0, r2 ≤ 1", () => {
    fc.assert(
      fc.property(fc.array(regObs as fc.Arbitrary<Observation>, { maxLength: 60 }), (rows) => {
        const m = computeMetrics(accumulate("regression", rows));
        if (m.task !== "regression" || m.count === 0) return;
        expect(m.mse!).toBeGreaterThanOrEqual(0);
        expect(m.mae!).toBeLessThanOrEqual(m.rmse! * (1 + 1e-12));
        expect(m.mape!).toBeGreaterThanOrEqual(0);
        if (m.r2 !== null) expect(m.r2).toBeLessThanOrEqual(1);
      }),
    );
  });
});
