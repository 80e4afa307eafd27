import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { ProfileMergeError } from "../../../shared/profile/errors.ts";
import { mergeProfiles, type MergeOptions } from "../../../shared/profile/merge-profiles.ts";
import { ProfileMerger } from "../../../shared/profile/profile-merger.ts";
import type { ProfileBuilderOptions } from "../../../shared/profile/profile-builder.ts";
import { parseProfile, serialiseProfile } from "../../../shared/profile/serialise.ts";
import type { ColumnSummary, Profile } from "../../../shared/profile/types.ts";
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
const TIGHT_MERGE: MergeOptions = { exactDistinctCap: 3, categoryCap: 2, compression: 20, maxFeatures: 3 };
// Partials keep every feature, so that the merge's own feature cap is what is tested.
const UNCAPPED_FEATURES: ProfileBuilderOptions = { ...TIGHT, maxFeatures: 1000 };
const partialsArb = fc.array(recordsArb, { minLength: 1, maxLength: 12 });

function mergeAtOnce(profiles: Profile[], options: MergeOptions = {}): Profile {
  const m = new ProfileMerger(options);
  for (const p of profiles) m.add(p);
  return m.result();
}

/** What the evaluator did before: neighbours merged pairwise, level by level. */
function mergeAsTree(profiles: Profile[], options: MergeOptions = {}): Profile {
  let level = [...profiles];
  while (level.length > 1) {
    const next: Profile[] = [];
    for (let i = 0; i < level.length; i += 2) next.push(i + 1 < level.length ? mergeProfiles(level[i], level[i + 1], options) : level[i]);
    level = next;
  }
  return level[0];
}

function columnsOf(p: Profile): Array<[string, ColumnSummary | null]> {
  return [...Object.entries(p.features), ["prediction", p.prediction], ["score", p.score], ["label", p.label], ["latency", p.latency]];
}

describe("ProfileMerger", () => {
  it("equals a balanced tree of pairwise merges to the byte under the caps, moments included", () => {
    fc.assert(fc.property(partialsArb, (parts) => {
      const profiles = parts.map((r) => profileOf(r, OPTIONS));
      expect(serialiseProfile(mergeAtOnce(profiles))).toBe(serialiseProfile(mergeAsTree(profiles)));
    }), { numRuns: 300 });
  });

  it("equals the profile of the union of the rows", () => {
    fc.assert(fc.property(partialsArb, (parts) => {
      const merged = mergeAtOnce(parts.map((r) => profileOf(r, OPTIONS)));
      const whole = profileOf(parts.flat(), OPTIONS);
      expect(withoutMoments(merged)).toEqual(withoutMoments(whole));
      expectMomentsClose(merged, whole);
    }), { numRuns: 200 });
  });

  it("keeps counts, min, max, histograms and moments exact past the caps, with valid digests and capped categories", () => {
    fc.assert(fc.property(partialsArb, (parts) => {
      const profiles = parts.map((r) => profileOf(r, UNCAPPED_FEATURES));
      const merged = mergeAtOnce(profiles, TIGHT_MERGE);
      const tree = mergeAsTree(profiles, TIGHT_MERGE);
      expect(() => parseProfile(serialiseProfile(merged), "merged")).not.toThrow();
      expect([merged.rows, merged.ids, merged.timestamps, merged.versions.counts.reduce((a, b) => a + b, merged.versions.other)])
        .toEqual([tree.rows, tree.ids, tree.timestamps, tree.versions.counts.reduce((a, b) => a + b, tree.versions.other)]);
      const whole = profileOf(parts.flat(), UNCAPPED_FEATURES);
      for (const [name, c] of columnsOf(merged)) {
        const w = name in whole.features ? whole.features[name] : (whole[name as "score"] ?? null);
        expect([c?.present, c?.nulls, c?.histogram], name).toEqual([w?.present, w?.nulls, w?.histogram]);
        if (c?.numeric) {
          const { distribution: _d, mean: _m, m2: _v, ...counts } = c.numeric;
          const { distribution: _wd, mean: _wm, m2: _wv, ...wholeCounts } = w!.numeric!;
          expect(counts, name).toEqual(wholeCounts);
        }
        if (c?.categorical) expect(c.categorical.values.length).toBeLessThanOrEqual(2);
      }
      expect(Object.keys(merged.features).length).toBeLessThanOrEqual(3);
    }), { numRuns: 300 });
  });

  it("gives the same exact parts whatever the order of the profiles", () => {
    fc.assert(fc.property(partialsArb, fc.integer(), (parts, seed) => {
      const profiles = parts.map((r) => profileOf(r, OPTIONS));
      const shuffled = [...profiles].sort((x, y) => ((profiles.indexOf(x) * 7919 + seed) % 13) - ((profiles.indexOf(y) * 7919 + seed) % 13));
      const a = mergeAtOnce(profiles);
      const b = mergeAtOnce(shuffled);
      expect(withoutMoments(a)).toEqual(withoutMoments(b));
      expectMomentsClose(a, b);
    }), { numRuns: 100 });
  });

  it("returns a single profile's columns as they were", () => {
    const p = profileOf([record([["x", 1.5], ["y", "u"]]), record([["x", 2]])], OPTIONS);
    expect(serialiseProfile(mergeAtOnce([p]))).toBe(serialiseProfile(p));
  });

  it("keeps the features with the most values when the union passes maxFeatures", () => {
    const a = profileOf([record([["a", 1], ["b", 1]]), record([["a", 2]])]);
    const b = profileOf([record([["c", 1], ["d", 1]]), record([["d", 1]]), record([["d", 3]])]);
    const m = mergeAtOnce([a, b], { maxFeatures: 2 });
    expect(Object.keys(m.features)).toEqual(["a", "d"]);
    expect(m.droppedFeatures).toBe(2);
  });

  it("throws ProfileMergeError when histogram edges differ", () => {
    const a = profileOf([record([["x", 1]])], { binEdges: { x: [0, 1] } });
    const b = profileOf([record([["x", 1]])], { binEdges: { x: [0, 2] } });
    expect(() => mergeAtOnce([a, b])).toThrow(new ProfileMergeError("x", "histogram edges differ"));
  });

  it("throws ProfileMergeError when only one partial binned values of a column, in either order", () => {
    const a = profileOf([record([["x", 1]])], { binEdges: { x: [0, 1] } });
    const b = profileOf([record([["x", 1]])]);
    expect(() => mergeAtOnce([a, b])).toThrow(new ProfileMergeError("x", "one partial has a histogram and the other has not"));
    expect(() => mergeAtOnce([b, a])).toThrow(ProfileMergeError);
  });

  it("accepts a column without a histogram when it had nothing to bin", () => {
    const a = profileOf([record([["x", 1]])], { binEdges: { x: [0, 1] } });
    const b = profileOf([record([["x", "text"]])]);
    expect(mergeAtOnce([b, a]).features.x.histogram).toEqual({ edges: [0, 1], counts: [0, 0, 1] });
  });

  it("throws ProfileMergeError when declared types differ", () => {
    const a = profileOf([record([["x", 1]])], { declaredTypes: { x: "numerical" } });
    const b = profileOf([record([["x", 1]])], { declaredTypes: { x: "categorical" } });
    expect(() => mergeAtOnce([a, b])).toThrow(new ProfileMergeError("x", "declared types differ (numerical, categorical)"));
  });

  it("does not modify its inputs", () => {
    const a = profileOf([record([["x", 1], ["y", "u"]])], OPTIONS);
    const b = profileOf([record([["x", 2], ["y", "v"]])], OPTIONS);
    const before = [serialiseProfile(a), serialiseProfile(b)];
    mergeAtOnce([a, b, a]);
    expect([serialiseProfile(a), serialiseProfile(b)]).toEqual(before);
  });

  it("throws when nothing was added", () => {
    expect(() => new ProfileMerger().result()).toThrow("ProfileMerger requires at least one profile");
  });
});
