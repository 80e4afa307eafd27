import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { ProfileBuilder, type ProfileBuilderOptions } from "../../../shared/profile/profile-builder.ts";
import { RowScanner } from "../../../shared/readers/row-scanner.ts";
import { DEFAULT_FIELDS } from "../../../shared/types.ts";

/** Profiles the lines the fast path reads, once by views and once by the records they describe. */
function both(lines: readonly string[], options: ProfileBuilderOptions = {}): { byView: unknown; byRecord: unknown; viewed: number } {
  const scanner = new RowScanner(DEFAULT_FIELDS);
  const byView = new ProfileBuilder(options);
  const byRecord = new ProfileBuilder(options);
  let viewed = 0;
  for (const line of lines) {
    const b = Buffer.from(`${line}\n`);
    if (!scanner.scan(b, 0, b.length - 1)) continue;
    viewed++;
    byView.addView(scanner);
    byRecord.add(scanner.toRecord());
  }
  return { byView: byView.finish(), byRecord: byRecord.finish(), viewed };
}

describe("ProfileBuilder.addView", () => {
  it("counts a view as add counts the record it describes", () => {
    const lines = [
      '{"timestamp":"2024-01-15T10:30:00Z","request_id":"a","model_version":"v1","features":{"x":1.5,"c":"red","b":true,"n":null},"prediction":1,"score":0.25,"label":0,"latency_ms":12}',
      '{"timestamp":1705314600,"request_id":"a","features":{"x":-0,"c":"blue","b":false,"n":"","y":1e400},"prediction":"cat"}',
      '{"request_id":"b","features":{"y":-1e400,"x":2,"c":3,"z":"new"}}',
    ];
    const { byView, byRecord, viewed } = both(lines, { binEdges: { x: [0, 1, 2], y: [0] } });
    expect(viewed).toBe(3);
    expect(byView).toEqual(byRecord);
  });

  it("creates columns in Object.keys order, so the feature cap keeps the same names", () => {
    const lines = ['{"b":1,"10":1,"a":1,"2":1}', '{"c":1,"1":1,"b":2}', '{"d":1,"0":1}'];
    const { byView, byRecord } = both(lines, { maxFeatures: 3 });
    expect(byView).toEqual(byRecord);
    expect(Object.keys((byView as { features: object }).features)).toEqual(["2", "10", "b"]);
  });

  it("counts any generated rows as add does, across the exact cap and the category cap", () => {
    const name = fc.constantFrom("a", "b", "c", "1", "20", "__proto__");
    const value = fc.oneof(
      fc.double({ noNaN: true, min: -1e6, max: 1e6 }),
      fc.integer({ min: -5, max: 5 }),
      fc.constantFrom("x", "y", "z", "", "NA", "w"),
      fc.boolean(),
      fc.constant(null),
    );
    const row = fc.record({ request_id: fc.constantFrom("a", "b", "c", "d"), features: fc.dictionary(name, value, { maxKeys: 6 }) }, { requiredKeys: ["features"] });
    fc.assert(fc.property(fc.array(row, { maxLength: 400 }), (rows) => {
      const { byView, byRecord } = both(rows.map((r) => JSON.stringify(r)), { exactDistinctCap: 20, categoryCap: 2, maxFeatures: 4, compression: 20, binEdges: { a: [-1, 0, 1], "1": [0] } });
      expect(byView).toEqual(byRecord);
    }), { numRuns: 150 });
  });
});
