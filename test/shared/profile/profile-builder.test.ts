import { describe, expect, it } from "vitest";
import { ProfileArgumentError } from "../../../shared/profile/errors.ts";
import { ProfileBuilder } from "../../../shared/profile/profile-builder.ts";
import { emptyRecord } from "../../../shared/types.ts";
import { profileOf, record } from "./support/build.ts";

describe("ProfileBuilder", () => {
  it("counts rows and malformed rows", () => {
    const b = new ProfileBuilder();
    b.add(emptyRecord());
    b.add(emptyRecord());
    b.addMalformed(3);
    expect([b.finish().rows, b.finish().malformedRows]).toEqual([2, 3]);
  });

  it("keeps the timestamp range and counts missing timestamps", () => {
    const p = profileOf([record([], { timestampMs: 20 }), record([], { timestampMs: 5 }), record([]), record([], { timestampMs: NaN })]);
    expect(p.timestamps).toEqual({ min: 5, max: 20, missing: 2 });
  });

  it("reports a null range when no record has a timestamp", () => {
    expect(profileOf([record([])]).timestamps).toEqual({ min: null, max: null, missing: 1 });
  });

  it("counts ids, distinct ids and duplicates", () => {
    const p = profileOf(["a", "b", "a", "a", "c"].map((id) => record([], { id })).concat(record([])));
    expect(p.ids).toEqual({ count: 5, distinct: 3, duplicates: 2, approximate: false });
  });

  it("marks ids approximate past the id cap and still finds repeats of ids it holds", () => {
    const p = profileOf(["a", "b", "c", "a", "d"].map((id) => record([], { id })), { idDistinctCap: 2 });
    expect(p.ids).toEqual({ count: 5, distinct: 4, duplicates: 1, approximate: true });
  });

  it("counts model versions", () => {
    const p = profileOf(["v1", "v2", "v1"].map((version) => record([], { version })).concat(record([])));
    expect(p.versions).toEqual({ values: ["v1", "v2"], counts: [2, 1], other: 0 });
  });

  it("summarises prediction, score, label and latency, null when never logged", () => {
    const p = profileOf([record([], { prediction: "yes", score: 0.9, latencyMs: 12 }), record([], { prediction: "no", score: 0.2 })]);
    expect(p.prediction!.categorical).toEqual({ values: ["no", "yes"], counts: [1, 1], other: 0 });
    expect(p.score!.numeric!.count).toBe(2);
    expect(p.latency!.present).toBe(1);
    expect(p.label).toBeNull();
  });

  it("bins top-level fields with fieldBinEdges", () => {
    const p = profileOf([5, 50, 500].map((latencyMs) => record([], { latencyMs })), { fieldBinEdges: { latency: [10, 100] } });
    expect(p.latency!.histogram).toEqual({ edges: [10, 100], counts: [1, 1, 1] });
  });

  it("counts features past maxFeatures in droppedFeatures without storing them", () => {
    const p = profileOf([record([["a", 1], ["b", 2], ["c", 3]]), record([["d", 1], ["c", 2], ["a", 1]])], { maxFeatures: 2 });
    expect(Object.keys(p.features)).toEqual(["a", "b"]);
    expect(p.droppedFeatures).toBe(2);
  });

  it("stores __proto__ and constructor as ordinary features", () => {
    const p = profileOf([record([["__proto__", 1], ["constructor", "c"], ["toString", 2]])]);
    expect(Object.keys(p.features)).toEqual(["__proto__", "constructor", "toString"]);
    expect(p.features["__proto__"].numeric!.count).toBe(1);
    expect(Object.getPrototypeOf(p.features)).toBeNull();
    expect(({} as Record<string, unknown>).present).toBeUndefined();
  });

  it("handles records whose keys change order and set", () => {
    const p = profileOf([record([["a", 1], ["b", 2]]), record([["b", 3], ["a", 4]]), record([["c", 5]]), record([["a", 6], ["b", 7]])]);
    expect([p.features.a.present, p.features.b.present, p.features.c.present]).toEqual([3, 3, 1]);
    expect(p.features.b.numeric!.distribution).toEqual({ kind: "exact", values: [2, 3, 7], counts: [1, 1, 1] });
  });

  it("stores declared types on the columns", () => {
    const p = profileOf([record([["zip", 12345], ["age", 3]])], { declaredTypes: { zip: "categorical" } });
    expect([p.features.zip.declaredType, p.features.age.declaredType]).toEqual(["categorical", null]);
  });

  it("merges equal bin edges and rejects decreasing or non-finite ones", () => {
    expect(profileOf([record([["x", 1]])], { binEdges: { x: [0, 1, 1, 2] } }).features.x.histogram!.edges).toEqual([0, 1, 2]);
    expect(() => new ProfileBuilder({ binEdges: { x: [2, 1] } })).toThrow(ProfileArgumentError);
    expect(() => new ProfileBuilder({ binEdges: { x: [0, NaN] } })).toThrow("ProfileBuilder requires finite bin edges for x, got NaN");
  });

  it("rejects caps that are not non-negative integers", () => {
    expect(() => new ProfileBuilder({ categoryCap: -1 })).toThrow(ProfileArgumentError);
    expect(() => new ProfileBuilder({ compression: 5 })).toThrow(ProfileArgumentError);
  });
});
