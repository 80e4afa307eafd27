/**
 * fast-check arbitraries for log records: a few feature names (including "__proto__" and
 * "constructor"), values of every kind (numbers with ties, NaN and ±∞, strings, "", booleans,
 * null), ids with repeats, timestamps, versions.
 *
 * @example
 * fc.assert(fc.property(recordsArb, (rs) => profileOf(rs).rows === rs.length));
 */
import fc from "fast-check";
import { emptyRecord, type FieldValue, type LogRecord } from "../../../../shared/types.ts";

export const FEATURE_NAMES = ["a", "b", "c", "__proto__", "constructor"] as const;

export const valueArb: fc.Arbitrary<FieldValue> = fc.oneof(
  { arbitrary: fc.integer({ min: -5, max: 5 }), weight: 4 },
  { arbitrary: fc.double({ min: -1e6, max: 1e6, noNaN: true }), weight: 3 },
  { arbitrary: fc.constantFrom(NaN, Infinity, -Infinity, -0), weight: 1 },
  { arbitrary: fc.constantFrom("x", "y", "z", "", "__proto__", "1"), weight: 2 },
  { arbitrary: fc.boolean(), weight: 1 },
  { arbitrary: fc.constant(null), weight: 1 },
);

const entryArb = fc.tuple(fc.constantFrom(...FEATURE_NAMES), valueArb);

export const recordArb: fc.Arbitrary<LogRecord> = fc
  .record({
    features: fc.array(entryArb, { maxLength: 6 }),
    timestampMs: fc.option(fc.integer({ min: 0, max: 1e12 })),
    id: fc.option(fc.constantFrom("r1", "r2", "r3", "r4", "r5", "r6")),
    version: fc.option(fc.constantFrom("v1", "v2")),
    prediction: fc.option(valueArb),
    score: fc.option(fc.double({ min: 0, max: 1, noNaN: true })),
    label: fc.option(valueArb),
    latencyMs: fc.option(fc.integer({ min: 0, max: 500 })),
  })
  .map((x) => {
    const r = emptyRecord();
    r.timestampMs = x.timestampMs;
    r.id = x.id;
    r.version = x.version;
    r.prediction = x.prediction;
    r.score = x.score;
    r.label = x.label;
    r.latencyMs = x.latencyMs;
    for (const [k, v] of x.features) r.features[k] = v;
    return r;
  });

export const recordsArb = fc.array(recordArb, { maxLength: 40 });
