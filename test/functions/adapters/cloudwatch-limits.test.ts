import { describe, expect, it } from "vitest";
import { admissible, batches, datumBytes, MAX_AGE_MS, noDrops } from "../../../functions/adapters/cloudwatch-limits.ts";
import type { MetricDatum } from "../../../shared/ports.ts";

const NOW = Date.UTC(2024, 0, 10);
const d = (extra: Partial<MetricDatum> = {}): MetricDatum => ({ name: "RowCount", value: 1, timestampMs: NOW, dimensions: { Model: "m" }, ...extra });

describe("admissible", () => {
  it("drops non-finite, out-of-range, stale and far-ahead values and counts each", () => {
    const drops = noDrops();
    const kept = admissible(
      [d({ value: NaN }), d({ value: Infinity }), d({ value: -Infinity }), d({ value: 2 ** 361 }), d({ timestampMs: NOW - MAX_AGE_MS - 1 }),
        d({ timestampMs: NOW + 2 * 3_600_000 + 1 }), d({ timestampMs: NOW - MAX_AGE_MS }), d()],
      NOW,
      drops,
    );
    expect(kept).toHaveLength(2);
    expect(drops).toMatchObject({ nonFinite: 3, outOfRange: 1, tooOld: 1, tooFarAhead: 1 });
  });

  it("drops datums with more than 30 dimensions, or an empty one, rather than trimming them", () => {
    const drops = noDrops();
    const many = Object.fromEntries(Array.from({ length: 31 }, (_, i) => [`D${i}`, "v"]));
    const thirty = Object.fromEntries(Array.from({ length: 30 }, (_, i) => [`D${i}`, "v"]));
    const kept = admissible([d({ dimensions: many }), d({ dimensions: { Model: "" } }), d({ dimensions: thirty })], NOW, drops);
    expect(kept.map((k) => Object.keys(k.dimensions).length)).toEqual([30]);
    expect(drops).toMatchObject({ tooManyDimensions: 1, emptyDimension: 1 });
  });

  it("cuts long dimension values to 1024 UTF-16 units without splitting a surrogate pair", () => {
    const drops = noDrops();
    const [kept] = admissible([d({ dimensions: { Segment: "a" + "😀".repeat(600) } })], NOW, drops);
    expect(kept.dimensions.Segment.length).toBe(1023);
    expect(kept.dimensions.Segment.endsWith("😀")).toBe(true);
    expect(drops.truncatedDimensions).toBe(1);
  });

  it("drops empty or over-long metric names and sends tiny values as 0", () => {
    const drops = noDrops();
    const kept = admissible([d({ name: "" }), d({ name: "x".repeat(256) }), d({ value: 2 ** -400 })], NOW, drops);
    expect(kept.map((k) => k.value)).toEqual([0]);
    expect(drops.badName).toBe(2);
  });
});

describe("batches", () => {
  it("splits at 1000 datums", () => {
    expect(batches(Array.from({ length: 2_500 }, () => d()), 1_000_000).map((b) => b.length)).toEqual([1_000, 1_000, 500]);
  });

  it("splits by estimated bytes", () => {
    const wide = d({ dimensions: Object.fromEntries(Array.from({ length: 30 }, (_, i) => [`D${i}`, "é".repeat(1_000)])) });
    const per = datumBytes(wide);
    expect(per).toBeGreaterThan(30 * 6_000); // "é" is 6 bytes URL-encoded
    const out = batches(Array.from({ length: 20 }, () => wide), 1_000_000);
    expect(out.every((b) => b.length * per <= 1_000_000)).toBe(true);
    expect(out.flat()).toHaveLength(20);
  });
});
