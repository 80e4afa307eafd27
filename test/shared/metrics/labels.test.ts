import { describe, expect, it } from "vitest";
import { POSITIVE_ALIASES, binaryClass, binaryToken, className, positiveTokens } from "../../../shared/metrics/labels.ts";

describe("binaryToken", () => {
  it("normalises case, blanks and numeric spellings", () => {
    expect([binaryToken(" Yes "), binaryToken("1.0"), binaryToken(true), binaryToken("")]).toEqual(["yes", "1", "true", null]);
  });

  it("treats NaN, infinities and null as missing", () => {
    expect([binaryToken(Number.NaN), binaryToken(Infinity), binaryToken(null), binaryToken(undefined)]).toEqual([null, null, null, null]);
  });

  it("keeps non-numeric strings such as hex or Infinity as words", () => {
    expect([binaryToken("0x1"), binaryToken("Infinity"), binaryToken("1e0")]).toEqual(["0x1", "infinity", "1"]);
  });
});

describe("positiveTokens", () => {
  it("expands the default family and keeps other labels alone", () => {
    expect([positiveTokens(1), positiveTokens("fraud")]).toEqual([["1", "true", "yes"], ["fraud"]]);
    expect(POSITIVE_ALIASES).toEqual(["1", "true", "yes"]);
  });

  it("treats true and 'YES' as the default family too", () => {
    expect(positiveTokens(true)).toEqual(["1", "true", "yes"]);
    expect(positiveTokens("YES")).toEqual(["1", "true", "yes"]);
  });

  it("throws for a blank positive label", () => {
    expect(() => positiveTokens(" ")).toThrow("positiveTokens requires a usable positive label");
  });
});

describe("binaryClass", () => {
  it("classes each spelling of positive and negative", () => {
    const pos = positiveTokens(1);
    expect([binaryClass("yes", pos), binaryClass(0, pos), binaryClass("no", pos), binaryClass(null, pos)]).toEqual([true, false, false, null]);
    expect([1, true, "1", "TRUE", "yes", " 1.0 "].map((v) => binaryClass(v, pos))).toEqual([true, true, true, true, true, true]);
    expect([0, false, "0", "false", "No", 2].map((v) => binaryClass(v, pos))).toEqual([false, false, false, false, false, false]);
  });

  it("with a custom positive label, 'yes' is not positive", () => {
    const pos = positiveTokens("Fraud");
    expect([binaryClass("fraud", pos), binaryClass("legit", pos), binaryClass("yes", pos)]).toEqual([true, false, false]);
  });
});

describe("className", () => {
  it("keeps strings, spells numbers and booleans, drops blanks", () => {
    expect([className("Cat"), className(2), className(false), className(" ")]).toEqual(["Cat", "2", "false", null]);
  });

  it("makes 1 and '1' the same class", () => {
    expect(className(1)).toBe(className("1"));
  });
});
