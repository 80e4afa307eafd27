// Expected values: scikit-learn (version in the fixture's `versions`, 1.2.1 when generated) via
// test/oracles/metrics.py → test/fixtures/oracles/metrics.json, compared within 1e-9 relative.
import { describe, expect, it } from "vitest";
import { addBinaryObservation, newBinaryAccumulator } from "../../../shared/metrics/binaryAccumulator.ts";
import { computeBinaryMetrics } from "../../../shared/metrics/binaryMetrics.ts";
import { rocAucErrorBound } from "../../../shared/metrics/rankMetrics.ts";
import { expectClose, fixture, lcgBinaryObservations } from "./helpers.ts";

const SCALARS = ["accuracy", "precision", "recall", "f1", "rocAuc", "averagePrecision", "logLoss", "brier"] as const;

describe("computeBinaryMetrics", () => {
  it("computes threshold and ranking metrics", () => {
    const acc = newBinaryAccumulator();
    for (const [label, score] of [[1, 0.9], [0, 0.2], [1, 0.4], [0, 0.6]] as const) addBinaryObservation(acc, { label, score });
    const m = computeBinaryMetrics(acc);
    expect([m.accuracy, m.precision, m.rocAuc, m.confusionMatrix.matrix]).toEqual([0.5, 0.5, 0.75, [[1, 1], [1, 1]]]);
  });

  it(`matches scikit-learn ${fixture.versions.sklearn} on every fixture case`, () => {
    const cases = fixture.binary.filter((c) => c.observations);
    expect(cases.length).toBeGreaterThanOrEqual(14);
    for (const c of cases) {
      const acc = newBinaryAccumulator(c.options);
      const counted = c.observations!.filter((o) => addBinaryObservation(acc, o)).length;
      const m = computeBinaryMetrics(acc);
      expect(counted, c.name).toBe(c.expected.count);
      expect(m.count, c.name).toBe(c.expected.count);
      for (const k of SCALARS) expectClose(m[k], c.expected[k] as number | null, `${c.name}: ${k}`);
      expect(m.confusionMatrix, c.name).toEqual(c.expected.confusionMatrix);
    }
  });

  it("returns nulls and zero counts when nothing was counted", () => {
    const m = computeBinaryMetrics(newBinaryAccumulator());
    expect(m.accuracy).toBeNull();
    expect(m.logLoss).toBeNull();
    expect(m.confusionMatrix).toEqual({ tp: 0, fp: 0, tn: 0, fn: 0, matrix: [[0, 0], [0, 0]] });
  });
});

describe("computeBinaryMetrics on 10^5 rows (rounded-score AUC path)", () => {
  const c = fixture.binary.find((x) => x.generator)!;
  const g = c.generator!;
  const observations = lcgBinaryObservations(g.seed, g.n, g.positiveShare);
  const acc = newBinaryAccumulator();
  for (const o of observations) addBinaryObservation(acc, o);
  const m = computeBinaryMetrics(acc);

  it("regenerates the oracle's rows", () => {
    expect(observations.slice(0, 3).map((o) => o.score)).toEqual(g.firstScores);
    expect(new Set(observations.map((o) => o.score)).size).toBe(g.distinctScores);
  });

  it("rounds scores to a grid of at most 10,000 cells", () => {
    expect(acc.scores.level).toBe(13);
    expect(acc.scores.scores.length).toBeLessThanOrEqual(10_000);
  });

  it("keeps the threshold metrics, log loss and Brier within 1e-9", () => {
    for (const k of ["accuracy", "precision", "recall", "f1", "logLoss", "brier"] as const) expectClose(m[k], c.expected[k] as number, k);
    expect(m.confusionMatrix).toEqual(c.expected.confusionMatrix);
  });

  it("keeps ROC AUC within 1e-4, and within its reported bound", () => {
    const error = Math.abs((m.rocAuc as number) - (c.expected.rocAuc as number));
    const bound = rocAucErrorBound(acc.scores) as number;
    expect(bound).toBeLessThan(1e-4);
    expect(error).toBeLessThanOrEqual(bound);
  });

  it("keeps average precision within 1e-4", () => {
    expect(Math.abs((m.averagePrecision as number) - (c.expected.averagePrecision as number))).toBeLessThan(1e-4);
  });
});
