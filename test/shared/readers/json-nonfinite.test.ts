import { describe, expect, it } from "vitest";
import { parseJsonNonFinite } from "../../../shared/readers/json-nonfinite.ts";
import { collectLog, sourceFromBytes } from "./helpers.ts";

describe("parseJsonNonFinite", () => {
  it("reads bare NaN, Infinity and -Infinity as numbers and leaves strings alone", () => {
    expect(parseJsonNonFinite('{"x": NaN, "y": -Infinity, "s": "NaN", "a": [Infinity,1]}')).toEqual({ x: Number.NaN, y: Number.NEGATIVE_INFINITY, s: "NaN", a: [Number.POSITIVE_INFINITY, 1] });
  });

  it("keeps the tokens inside strings, escaped quotes included", () => {
    expect(parseJsonNonFinite('{"s": "a \\" NaN", "x": NaN}')).toEqual({ s: 'a " NaN', x: Number.NaN });
  });

  it("gives undefined for text that is not JSON even then", () => {
    expect(parseJsonNonFinite("{nope")).toBeUndefined();
    expect(parseJsonNonFinite('{"x": NaNa}')).toBeUndefined();
    expect(parseJsonNonFinite('{"x": 1-Infinity}')).toBeUndefined();
    expect(parseJsonNonFinite('{"x": NaN')).toBeUndefined();
  });
});

describe("readLog on Python's JSON", () => {
  it("reads a line with a bare NaN feature instead of dropping the row", async () => {
    const { records, malformed } = await collectLog(sourceFromBytes("x.jsonl", '{"timestamp": 0, "features": {"age": NaN, "income": Infinity, "job": "admin"}}\n'));
    expect(malformed).toEqual([]);
    expect(records[0].features.age).toBeNaN();
    expect(records[0].features.income).toBe(Number.POSITIVE_INFINITY);
    expect(records[0].features.job).toBe("admin");
  });
});
