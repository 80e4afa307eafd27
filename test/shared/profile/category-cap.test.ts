import { beforeAll, describe, expect, it } from "vitest";
import { ProfileBuilder } from "../../../shared/profile/profile-builder.ts";
import type { CategoricalSummary } from "../../../shared/profile/types.ts";
import { emptyRecord } from "../../../shared/types.ts";

describe("category cap", () => {
  const rows = 1_000_000;
  let heapGrowth = 0;
  let c: CategoricalSummary;

  beforeAll(() => {
    const b = new ProfileBuilder();
    const r = emptyRecord();
    const before = process.memoryUsage().heapUsed;
    for (let i = 0; i < rows; i++) {
      // every tenth row is one of three frequent values; the rest are all distinct
      r.features.city = i % 10 === 0 ? `hub-${i % 3}` : `city-${i}`;
      b.add(r);
      if (i % 100_000 === 0) heapGrowth = Math.max(heapGrowth, process.memoryUsage().heapUsed - before);
    }
    c = b.finish().features.city.categorical!;
  });

  it("keeps at most CATEGORY_CAP values of 1,000,000 distinct ones", () => {
    expect(c.values.length).toBe(1000);
  });

  it("counts the rows of values it does not keep in other", () => {
    expect(c.counts.reduce((a, x) => a + x, 0) + c.other).toBe(rows);
  });

  it("keeps the frequent values with their exact counts", () => {
    expect(c.values.slice(0, 3)).toEqual(["hub-0", "hub-1", "hub-2"]);
    expect(c.counts.slice(0, 3)).toEqual([33_334, 33_333, 33_333]);
  });

  it("keeps memory bounded while counting", () => {
    expect(heapGrowth).toBeLessThan(64 * 1024 * 1024);
  });
});
