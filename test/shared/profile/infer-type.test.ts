import { describe, expect, it } from "vitest";
import { inferType, typeMismatches } from "../../../shared/profile/infer-type.ts";
import { columnOf } from "./support/build.ts";

const repeat = <T>(v: T, n: number): T[] => Array.from({ length: n }, () => v);

describe("inferType", () => {
  it("infers numerical for numbers with more than two distinct values", () => {
    expect(inferType(columnOf([1, 2, 3]))).toBe("numerical");
  });

  it("infers categorical for two-valued numbers", () => {
    expect(inferType(columnOf([0, 1, 1, 0]))).toBe("categorical");
  });

  it("infers categorical for strings and booleans", () => {
    expect(inferType(columnOf(["a", "b", "c"]))).toBe("categorical");
    expect(inferType(columnOf([true, false]))).toBe("categorical");
  });

  it("infers numerical when at least 95% of non-null values are numbers", () => {
    expect(inferType(columnOf([...repeat(1, 10), ...repeat(2, 5), ...repeat(3, 4), "n/a", null, null]))).toBe("numerical");
  });

  it("infers categorical when fewer than 95% of non-null values are numbers", () => {
    expect(inferType(columnOf([...repeat(1, 9), ...repeat(2, 5), ...repeat(3, 4), "n/a", "n/a"]))).toBe("categorical");
  });

  it("infers numerical for a column that passed the exact cap", () => {
    expect(inferType(columnOf(Array.from({ length: 50 }, (_, i) => i), { exactDistinctCap: 10 }))).toBe("numerical");
  });

  it("infers categorical for a column with no non-null value", () => {
    expect(inferType(columnOf([null, ""]))).toBe("categorical");
  });

  it("lets a declared type win over the values", () => {
    expect(inferType(columnOf([1, 2, 3]), "categorical")).toBe("categorical");
    expect(inferType(columnOf(["a"], { declaredTypes: { x: "numerical" } }))).toBe("numerical");
  });
});

describe("typeMismatches", () => {
  it("counts strings and booleans in a numerical column", () => {
    expect(typeMismatches(columnOf([1, 2, "x", true, null, ""]), "numerical")).toBe(2);
  });

  it("counts numbers, NaN included, in a categorical column", () => {
    expect(typeMismatches(columnOf(["a", 1, NaN, null]), "categorical")).toBe(2);
  });

  it("uses the inferred type when none is declared", () => {
    expect(typeMismatches(columnOf([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, "x"]))).toBe(1);
  });
});
