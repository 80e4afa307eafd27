/**
 * Comparison of profiles where exactness is promised for everything but the rounding of mean and
 * M2: `withoutMoments` drops those two (compared apart with `expectMomentsClose`).
 *
 * @example
 * expect(withoutMoments(merged)).toEqual(withoutMoments(whole));
 */
import { expect } from "vitest";
import type { ColumnSummary, Profile } from "../../../../shared/profile/types.ts";

type Columns = Array<[string, ColumnSummary | null]>;

function columns(p: Profile): Columns {
  return [
    ...Object.keys(p.features).map((k): [string, ColumnSummary] => [`features.${k}`, p.features[k]]),
    ["prediction", p.prediction], ["score", p.score], ["label", p.label], ["latency", p.latency],
  ];
}

/** A deep copy as plain JSON with mean and m2 removed and ids cut to their count. */
export function withoutMoments(p: Profile): unknown {
  const copy = JSON.parse(JSON.stringify(p)) as Record<string, unknown>;
  const strip = (c: ColumnSummary | null) => {
    if (c?.numeric) {
      const n = c.numeric as Partial<ColumnSummary["numeric"] & object>;
      delete n.mean;
      delete n.m2;
    }
  };
  for (const c of Object.values(copy.features as Record<string, ColumnSummary>)) strip(c);
  for (const k of ["prediction", "score", "label", "latency"]) strip(copy[k] as ColumnSummary | null);
  copy.ids = { count: p.ids.count };
  return copy;
}

/** Mean and M2 of every column agree within 1e-9 relative (to the data's magnitude). */
export function expectMomentsClose(actual: Profile, expected: Profile): void {
  const e = new Map(columns(expected));
  for (const [name, c] of columns(actual)) {
    const x = e.get(name);
    if (!c?.numeric || !x?.numeric) continue;
    const scale = Math.max(Math.abs(x.numeric.min ?? 0), Math.abs(x.numeric.max ?? 0), 1);
    const tolMean = 1e-9 * scale;
    const tolM2 = 1e-9 * Math.max(x.numeric.m2, scale * scale);
    expect(Math.abs(c.numeric.mean - x.numeric.mean), `${name}.mean`).toBeLessThanOrEqual(tolMean);
    expect(Math.abs(c.numeric.m2 - x.numeric.m2), `${name}.m2`).toBeLessThanOrEqual(tolM2);
  }
}
