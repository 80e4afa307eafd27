import { describe, expect, it } from "vitest";
import { epochToMs, parseTimestamp } from "../../../shared/readers/index.ts";
import { MalformedRowError } from "../../../shared/readers/errors.ts";
import { timestampOf } from "../../../shared/readers/normalise.ts";
import { MAX_TIMESTAMP_MS, MIN_TIMESTAMP_MS, parseTimestampAnyRange } from "../../../shared/readers/timestamp.ts";

const T = Date.UTC(2024, 0, 15, 10, 30, 0);

describe("parseTimestamp", () => {
  it("reads ISO-8601 with Z", () => {
    expect(parseTimestamp("2024-01-15T10:30:00Z")).toBe(T);
  });

  it("reads ISO-8601 without a zone as UTC", () => {
    expect(parseTimestamp("2024-01-15T10:30:00")).toBe(T);
  });

  it("reads ISO-8601 with fractional seconds", () => {
    expect(parseTimestamp("2024-01-15T10:30:00.123456Z")).toBe(T + 123);
    expect(parseTimestamp("2024-01-15T10:30:00.5")).toBe(T + 500);
  });

  it("reads ISO-8601 offsets in every spelling", () => {
    expect(parseTimestamp("2024-01-15T12:30:00+02:00")).toBe(T);
    expect(parseTimestamp("2024-01-15T12:30:00+0200")).toBe(T);
    expect(parseTimestamp("2024-01-15T12:30:00+02")).toBe(T);
    expect(parseTimestamp("2024-01-15T05:00:00-05:30")).toBe(T);
  });

  it("reads ISO-8601 without seconds", () => {
    expect(parseTimestamp("2024-01-15T10:30")).toBe(T);
  });

  it("reads a date alone as midnight UTC", () => {
    expect(parseTimestamp("2024-01-15")).toBe(Date.UTC(2024, 0, 15));
  });

  it("reads 'YYYY/MM/DD HH:mm' as UTC", () => {
    expect(parseTimestamp("2001/01/01 06:55")).toBe(Date.UTC(2001, 0, 1, 6, 55));
  });

  it("reads 'YYYY-MM-DD HH:mm:ss' as UTC", () => {
    expect(parseTimestamp("2024-01-15 10:30:00")).toBe(T);
  });

  it("reads epoch seconds below 1e11", () => {
    expect(parseTimestamp(1705314600)).toBe(T);
    expect(parseTimestamp(1705314600.25)).toBe(T + 250);
  });

  it("reads epoch milliseconds from 1e11", () => {
    expect(parseTimestamp(1705314600000)).toBe(T);
  });

  it("reads epoch numbers given as strings", () => {
    expect(parseTimestamp("1705314600")).toBe(T);
    expect(parseTimestamp("1705314600000")).toBe(T);
  });

  it("reads epoch microseconds and nanoseconds by magnitude", () => {
    expect(epochToMs(1705314600000000)).toBe(T);
    expect(epochToMs(1705314600000000000)).toBe(T);
  });

  it("reads Date values and BigInt epochs", () => {
    expect(parseTimestamp(new Date(T))).toBe(T);
    expect(parseTimestamp(1705314600000n)).toBe(T);
  });

  it("returns null for a missing value", () => {
    expect(parseTimestamp(null)).toBeNull();
    expect(parseTimestamp(undefined)).toBeNull();
    expect(parseTimestamp("")).toBeNull();
    expect(parseTimestamp("NA")).toBeNull();
  });

  it("returns NaN for text it cannot read", () => {
    for (const s of ["xyz", "2024-13-01", "2024-02-30", "2023-02-29T00:00:00Z", "2024-01-15T25:00", "2024-01-15T10:30:00+25:00", "2024-01-15X10:30", "15/01/2024", "2024-01-15T10:30:00Zjunk"]) {
      expect(parseTimestamp(s), s).toBeNaN();
    }
  });

  it("returns NaN for values of other types", () => {
    expect(parseTimestamp(true)).toBeNaN();
    expect(parseTimestamp({})).toBeNaN();
    expect(parseTimestamp(Number.POSITIVE_INFINITY)).toBeNaN();
  });

  it("accepts 29 February in leap years", () => {
    expect(parseTimestamp("2024-02-29")).toBe(Date.UTC(2024, 1, 29));
  });

  it("returns NaN outside the years 0001–9999, where a JS Date would not even hold some", () => {
    expect(parseTimestamp("0001-01-01T00:00:00Z")).toBe(MIN_TIMESTAMP_MS);
    expect(parseTimestamp("9999-12-31T23:59:59.999Z")).toBe(MAX_TIMESTAMP_MS);
    for (const v of [1e300, -1e20, "1e300", new Date(MAX_TIMESTAMP_MS + 1), "0001-01-01T00:00:00+01:00"]) expect(parseTimestamp(v), String(v)).toBeNaN();
    expect(parseTimestampAnyRange(1e300)).toBe(1e294);
  });

  it("reads years below 100 as written, not as 19xx", () => {
    expect(new Date(parseTimestamp("0050-06-15T12:00:00Z")!).toISOString()).toBe("0050-06-15T12:00:00.000Z");
  });
});

describe("timestampOf", () => {
  const reason = (v: unknown, latest?: number): string => {
    try {
      timestampOf(v, latest);
    } catch (e) {
      if (e instanceof MalformedRowError) return e.reason;
    }
    return "no error";
  };

  it("names why a timestamp cannot be used", () => {
    expect(reason("soon")).toBe("timestamp: cannot parse 'soon'");
    expect(reason(1e300)).toBe("timestamp: '1e+300' is outside the years 0001–9999");
    expect(reason("2024-01-02T00:00:00Z", Date.UTC(2024, 0, 1))).toBe("timestamp: 2024-01-02T00:00:00.000Z is later than the latest accepted time 2024-01-01T00:00:00.000Z");
  });

  it("accepts a timestamp at the latest accepted time, and missing ones", () => {
    expect(timestampOf("2024-01-01T00:00:00Z", Date.UTC(2024, 0, 1))).toBe(Date.UTC(2024, 0, 1));
    expect(timestampOf(null, 0)).toBeNull();
  });
});
