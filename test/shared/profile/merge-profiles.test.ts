import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { ProfileMergeError } from "../../../shared/profile/errors.ts";
import { mergeProfiles } from "../../../shared/profile/merge-profiles.ts";
import type { ProfileBuilderOptions } from "../../../shared/profile/profile-builder.ts";
import { serialiseProfile } from "../../../shared/profile/serialise.ts";
import type { Profile } from "../../../shared/profile/types.ts";
import { recordsArb } from "./support/arbitraries.ts";
import { profileOf, record } from "./support/build.ts";
import { expectMomentsClose, withoutMoments } from "./support/compare.ts";

const OPTIONS: ProfileBuilderOptions = {
  binEdges: { a: [-1, 0, 2.5], ["__proto__"]: [0] },
  fieldBinEdges: { latency: [10, 100] },
  declaredTypes: { b: "categorical" },
};
// Caps small enough that the random data passes them: digests, capped categories, dropped features.
const TIGHT: ProfileBuilderOptions = { ...OPTIONS, exactDistinctCap: 3, categoryCap: 2, compression: 20, maxFeatures: 3 };
const TIGHT_MERGE = { exactDistinctCap: 3, categoryCap: 2, compression: 20, maxFeatures: 3 };

describe("mergeProfiles", () => {
  it("equals the profile of the union for counts, exact distributions, histograms and categories", () => {
    fc.assert(fc.property(recordsArb, recordsArb, (a, b) => {
      const merged = mergeProfiles(profileOf(a, OPTIONS), profileOf(b, OPTIONS));
      expect(withoutMoments(merged)).toEqual(withoutMoments(profileOf([...a, ...b], OPTIONS)));
    }), { numRuns: 300 });
  });

  it("equals the profile of the union for mean and M2 within 1e-9 relative", () => {
    fc.assert(fc.property(recordsArb, recordsArb, (a, b) => {
      expectMomentsClose(mergeProfiles(profileOf(a, OPTIONS), profileOf(b, OPTIONS)), profileOf([...a, ...b], OPTIONS));
    }), { numRuns: 300 });
  });

  it("is commutative to the byte, digests and capped categories included", () => {
    fc.assert(fc.property(recordsArb, recordsArb, (a, b) => {
      const pa = profileOf(a, TIGHT);
      const pb = profileOf(b, TIGHT);
      expect(serialiseProfile(mergeProfiles(pa, pb, TIGHT_MERGE))).toBe(serialiseProfile(mergeProfiles(pb, pa, TIGHT_MERGE)));
    }), { numRuns: 300 });
  });

  it("is associative for everything exact", () => {
    fc.assert(fc.property(recordsArb, recordsArb, recordsArb, (a, b, c) => {
      const [pa, pb, pc] = [a, b, c].map((r) => profileOf(r, OPTIONS));
      const left = mergeProfiles(mergeProfiles(pa, pb), pc);
      const right = mergeProfiles(pa, mergeProfiles(pb, pc));
      expect(withoutMoments(left)).toEqual(withoutMoments(right));
      expectMomentsClose(left, right);
    }), { numRuns: 200 });
  });

  it("keeps counts, min and max exact when distributions become digests", () => {
    const values = (seed: number) => Array.from({ length: 3000 }, (_, i) => Math.sin(i * seed) * 1000);
    const parts = [1, 2, 3].map((s) => profileOf(values(s).map((v) => record([["x", v]])), { exactDistinctCap: 100 }));
    const left = mergeProfiles(mergeProfiles(parts[0], parts[1]), parts[2]);
    const right = mergeProfiles(parts[0], mergeProfiles(parts[1], parts[2]));
    for (const p of [left, right]) {
      expect(p.features.x.numeric!.count).toBe(9000);
      expect(p.features.x.numeric!.distribution.kind).toBe("tdigest");
    }
    expect(left.features.x.numeric!.min).toBe(right.features.x.numeric!.min);
    expect(left.features.x.numeric!.max).toBe(right.features.x.numeric!.max);
  });

  it("turns two exact distributions into a digest when their union passes the cap", () => {
    const a = profileOf([1, 2, 3].map((v) => record([["x", v]])), { exactDistinctCap: 4 });
    const b = profileOf([4, 5].map((v) => record([["x", v]])), { exactDistinctCap: 4 });
    expect(mergeProfiles(a, b, { exactDistinctCap: 4 }).features.x.numeric!.distribution.kind).toBe("tdigest");
    expect(mergeProfiles(a, b, { exactDistinctCap: 5 }).features.x.numeric!.distribution).toEqual(
      { kind: "exact", values: [1, 2, 3, 4, 5], counts: [1, 1, 1, 1, 1] });
  });

  it("keeps the most frequent categories and counts the rest in other past the cap", () => {
    const a = profileOf(["p", "p", "p", "q"].map((v) => record([["x", v]])));
    const b = profileOf(["r", "r", "q", "s"].map((v) => record([["x", v]])));
    expect(mergeProfiles(a, b, { categoryCap: 2 }).features.x.categorical).toEqual({ values: ["p", "q"], counts: [3, 2], other: 3 });
  });

  it("sums id duplicates, since duplicates across partials are not visible", () => {
    const a = profileOf([record([], { id: "r1" }), record([], { id: "r1" })]);
    const b = profileOf([record([], { id: "r1" })]);
    expect(mergeProfiles(a, b).ids).toEqual({ count: 3, distinct: 2, duplicates: 1, approximate: false });
  });

  it("keeps the features with the most values when the union passes maxFeatures", () => {
    const a = profileOf([record([["a", 1], ["b", 1]]), record([["a", 2]])]);
    const b = profileOf([record([["c", 1], ["d", 1]]), record([["d", 1]]), record([["d", 3]])]);
    const m = mergeProfiles(a, b, { maxFeatures: 2 });
    expect(Object.keys(m.features)).toEqual(["a", "d"]);
    expect(m.droppedFeatures).toBe(2);
  });

  it("throws ProfileMergeError when histogram edges differ", () => {
    const a = profileOf([record([["x", 1]])], { binEdges: { x: [0, 1] } });
    const b = profileOf([record([["x", 1]])], { binEdges: { x: [0, 2] } });
    expect(() => mergeProfiles(a, b)).toThrow(new ProfileMergeError("x", "histogram edges differ"));
  });

  it("throws ProfileMergeError when only one partial binned values of a column", () => {
    const a = profileOf([record([["x", 1]])], { binEdges: { x: [0, 1] } });
    const b = profileOf([record([["x", 1]])]);
    expect(() => mergeProfiles(a, b)).toThrow(ProfileMergeError);
  });

  it("does not modify its inputs", () => {
    const a = profileOf([record([["x", 1], ["y", "u"]])]);
    const b = profileOf([record([["x", 2], ["y", "v"]])]);
    const before = [serialiseProfile(a), serialiseProfile(b)];
    mergeProfiles(a, b);
    expect([serialiseProfile(a), serialiseProfile(b)]).toEqual(before);
  });

  it("merges a thousand partials into the profile of all rows", () => {
    const partials: Profile[] = [];
    const all = [];
    for (let p = 0; p < 1000; p++) {
      const rows = [record([["x", p % 17], ["y", `c${p % 5}`]], { id: `r${p}`, timestampMs: p })];
      all.push(...rows);
      partials.push(profileOf(rows, OPTIONS));
    }
    const merged = partials.reduce((acc, p) => mergeProfiles(acc, p));
    expect(withoutMoments(merged)).toEqual(withoutMoments(profileOf(all, OPTIONS)));
  });
});
