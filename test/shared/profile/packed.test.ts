import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { ProfileFormatError } from "../../../shared/profile/errors.ts";
import { decodeFloat64, encodeFloat64 } from "../../../shared/profile/float64-base64.ts";
import { packProfile, unpackProfile } from "../../../shared/profile/packed.ts";
import { serialiseProfile } from "../../../shared/profile/serialise.ts";
import { recordsArb } from "./support/arbitraries.ts";
import { profileOf, record } from "./support/build.ts";

const roundTrip = (p: ReturnType<typeof profileOf>) => unpackProfile(JSON.parse(JSON.stringify(packProfile(p))), "p.json");

describe("packProfile", () => {
  it("round-trips through unpackProfile bit for bit, digests and __proto__ included", () => {
    fc.assert(fc.property(recordsArb, fc.integer({ min: 1, max: 20 }), (rs, cap) => {
      const p = profileOf(rs, { exactDistinctCap: cap, compression: 20, binEdges: { a: [-0.1, 1 / 3] } });
      const back = roundTrip(p);
      expect(back).toEqual(p);
      expect(serialiseProfile(back)).toBe(serialiseProfile(p));
      expect(Object.getPrototypeOf(back.features)).toBeNull();
    }), { numRuns: 200 });
  });

  it("stores doubles as base64 binary64 and all-one counts as null", () => {
    const packed = packProfile(profileOf([record([["x", 0.1]]), record([["x", 2]]), record([["y", 1]]), record([["y", 1]])]));
    expect(packed.features.x.numeric!.distribution).toEqual({ kind: "exact", values: encodeFloat64([0.1, 2]), counts: null });
    expect(packed.features.y.numeric!.distribution).toEqual({ kind: "exact", values: encodeFloat64([1]), counts: [2] });
  });

  it("is smaller than plain JSON for full-precision doubles", () => {
    const p = profileOf(Array.from({ length: 500 }, (_, i) => record([["x", Math.sqrt(i + 0.5)]])));
    expect(JSON.stringify(packProfile(p)).length).toBeLessThan(0.7 * serialiseProfile(p).length);
  });
});

describe("unpackProfile", () => {
  const packed = () => JSON.parse(JSON.stringify(packProfile(profileOf([record([["x", 1]]), record([["x", 2]])], { binEdges: { x: [1.5] } }))));

  it("rejects plain arrays where base64 is expected, naming the field", () => {
    const p = packed();
    p.features.x.numeric.distribution.values = [1, 2];
    expect(() => unpackProfile(p, "k.json")).toThrow(/k\.json: features\.x\.numeric\.distribution\.values: expected base64 binary64 values/);
  });

  it("rejects base64 that is not a whole number of doubles or has foreign characters", () => {
    for (const bad of ["AAAA", "AAAAAAAA8D!=", "AAAAAAAA8D8"]) {
      const p = packed();
      p.features.x.histogram.edges = bad;
      expect(() => unpackProfile(p, "k.json")).toThrow(ProfileFormatError);
    }
  });

  it("rejects NaN, infinite and unsorted values", () => {
    for (const values of [[1, NaN], [1, Infinity], [2, 1]]) {
      const p = packed();
      p.features.x.numeric.distribution.values = encodeFloat64(values);
      expect(() => unpackProfile(p, "k.json")).toThrow(ProfileFormatError);
    }
  });

  it("reads null counts as ones, and checks them against the finite count", () => {
    const p = packed();
    expect(unpackProfile(p, "k.json").features.x.numeric!.distribution).toEqual({ kind: "exact", values: [1, 2], counts: [1, 1] });
    p.features.x.numeric.count = 3;
    expect(() => unpackProfile(p, "k.json")).toThrow(/expected total weight 3/);
  });
});

describe("float64 base64", () => {
  it("round-trips any double bit for bit", () => {
    fc.assert(fc.property(fc.array(fc.double()), (xs) => {
      const back = decodeFloat64(encodeFloat64(xs))!;
      expect(back.length).toBe(xs.length);
      for (let i = 0; i < xs.length; i++) expect(Object.is(back[i], xs[i]) || (Number.isNaN(back[i]) && Number.isNaN(xs[i]))).toBe(true);
    }));
  });

  it("encodes little-endian", () => {
    expect(encodeFloat64([1])).toBe("AAAAAAAA8D8=");
    expect(decodeFloat64("AAAAAAAA8D8=")).toEqual([1]);
  });
});
