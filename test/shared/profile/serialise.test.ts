import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { ProfileFormatError } from "../../../shared/profile/errors.ts";
import { mergeProfiles } from "../../../shared/profile/merge-profiles.ts";
import { parseProfile, serialiseProfile } from "../../../shared/profile/serialise.ts";
import { recordsArb } from "./support/arbitraries.ts";
import { profileOf, record } from "./support/build.ts";

const sample = () =>
  profileOf([
    record([["age", 31], ["job", "admin"], ["__proto__", 1], ["constructor", "x"]], { id: "r1", timestampMs: 5, version: "v1", score: 0.4 }),
    record([["age", 47.5], ["job", true]], { id: "r2", timestampMs: 9, prediction: 1, label: 0, latencyMs: 12 }),
  ], { binEdges: { age: [40] }, declaredTypes: { job: "categorical" } });

describe("serialiseProfile", () => {
  it("round-trips through parseProfile unchanged", () => {
    fc.assert(fc.property(recordsArb, fc.integer({ min: 1, max: 20 }), (rs, cap) => {
      const p = profileOf(rs, { exactDistinctCap: cap, compression: 20, binEdges: { a: [0] } });
      const text = serialiseProfile(p);
      const back = parseProfile(text, "p.json");
      expect(back).toEqual(p);
      expect(serialiseProfile(back)).toBe(text);
    }), { numRuns: 200 });
  });

  it("gives the same text for the same records in the same order", () => {
    expect(serialiseProfile(sample())).toBe(serialiseProfile(sample()));
  });
});

describe("parseProfile", () => {
  it("keeps __proto__ and constructor features as own data keys", () => {
    const back = parseProfile(serialiseProfile(sample()), "p.json");
    expect(Object.getPrototypeOf(back.features)).toBeNull();
    expect(Object.keys(back.features)).toEqual(["__proto__", "age", "constructor", "job"]);
    expect(back.features["__proto__"].numeric!.count).toBe(1);
    expect(back.features["constructor"].categorical!.values).toEqual(["x"]);
    expect(({} as Record<string, unknown>).age).toBeUndefined();
  });

  it("keeps __proto__ through a merge of parsed profiles", () => {
    const p = parseProfile(serialiseProfile(sample()), "p.json");
    const m = mergeProfiles(p, p);
    expect(Object.hasOwn(m.features, "__proto__")).toBe(true);
    expect(m.features["__proto__"].present).toBe(2);
  });

  it("shows why copies go through null-prototype objects: Object.assign drops a JSON __proto__ key", () => {
    const parsed = JSON.parse('{"__proto__": {"present": 1}}') as Record<string, unknown>;
    expect(Object.hasOwn(parsed, "__proto__")).toBe(true);
    expect(Object.hasOwn({ ...parsed }, "__proto__")).toBe(true);
    const assigned = Object.assign({}, parsed);
    expect(Object.hasOwn(assigned, "__proto__")).toBe(false);
    expect(Object.getPrototypeOf(assigned)).toEqual({ present: 1 });
  });

  it("rejects another format version, naming the source", () => {
    const text = serialiseProfile(sample()).replace('"formatVersion":1', '"formatVersion":2');
    expect(() => parseProfile(text, "reference.json")).toThrow(
      new ProfileFormatError("reference.json", "formatVersion", "profile format version 2 is not supported (expected 1)"));
    expect(() => parseProfile(text, "reference.json")).toThrow("reference.json: profile format version 2 is not supported (expected 1)");
  });

  it("rejects a missing format version", () => {
    expect(() => parseProfile("{}", "reference.json")).toThrow("reference.json: formatVersion is missing (expected 1)");
  });

  it("rejects text that is not JSON", () => {
    expect(() => parseProfile("{oops", "w.json")).toThrow(/^w\.json: not valid JSON/);
  });

  it("names the field and what was expected for a wrong shape", () => {
    const p = JSON.parse(serialiseProfile(sample()));
    p.features.age.numeric.count = -1;
    expect(() => parseProfile(JSON.stringify(p), "w.json")).toThrow(
      "w.json: features.age.numeric.count: expected a non-negative integer, got -1");
  });

  it("rejects unknown keys", () => {
    const p = JSON.parse(serialiseProfile(sample()));
    p.extra = 1;
    expect(() => parseProfile(JSON.stringify(p), "w.json")).toThrow('w.json: profile: unexpected key "extra"');
  });

  it("rejects a distribution whose weight differs from the finite count", () => {
    const p = JSON.parse(serialiseProfile(sample()));
    p.features.age.numeric.distribution.counts[0] = 5;
    expect(() => parseProfile(JSON.stringify(p), "w.json")).toThrow(/features\.age\.numeric\.distribution: expected total weight 2/);
  });

  it("rejects unsorted exact values", () => {
    const p = JSON.parse(serialiseProfile(sample()));
    p.features.age.numeric.distribution.values.reverse();
    expect(() => parseProfile(JSON.stringify(p), "w.json")).toThrow(ProfileFormatError);
  });
});
