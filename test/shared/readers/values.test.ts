import { describe, expect, it } from "vitest";
import { csvValue, isNullToken } from "../../../shared/readers/index.ts";

describe("csvValue", () => {
  it("reads numeric-looking cells as numbers", () => {
    expect(["42", "-0.5", "1e3", "+7", ".5", "5.", "2.5E-3"].map(csvValue)).toEqual([42, -0.5, 1000, 7, 0.5, 5, 0.0025]);
  });

  it("reads the empty cell and null tokens as null", () => {
    expect(["", "null", "NULL", "NA", "N/A"].map(csvValue)).toEqual([null, null, null, null, null]);
  });

  it("reads NaN and the infinities as non-finite numbers", () => {
    expect(csvValue("NaN")).toBeNaN();
    expect(csvValue("Infinity")).toBe(Number.POSITIVE_INFINITY);
    expect(csvValue("-Infinity")).toBe(Number.NEGATIVE_INFINITY);
  });

  it("keeps true, false and other text as strings", () => {
    expect(["true", "false", "1.2.3", "0x1F", "12abc", "-", "1_000"].map(csvValue)).toEqual(["true", "false", "1.2.3", "0x1F", "12abc", "-", "1_000"]);
  });

  it("reads numbers with surrounding spaces", () => {
    expect(csvValue(" 12 ")).toBe(12);
  });
});

describe("isNullToken", () => {
  it("recognises only the listed spellings", () => {
    expect(["", "null", "NULL", "NA", "N/A"].every(isNullToken)).toBe(true);
    expect(["Null", "na", "none", "0"].some(isNullToken)).toBe(false);
  });
});
