// Expected values: numpy.percentile (fixture `versions`) via test/oracles/metrics.py.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { DELAY_RELATIVE_ACCURACY, addDelay, labelDelayPercentiles, mergeDelayHistograms, newDelayHistogram } from "../../../shared/metrics/labelDelay.ts";
import { expectClose, fixture } from "./helpers.ts";

function histogramOf(delays: readonly number[]) {
  const h = newDelayHistogram();
  for (const d of delays) addDelay(h, d);
  return h;
}

describe("newDelayHistogram", () => {
  it("starts empty", () => {
    expect(newDelayHistogram()).toEqual({ count: 0, zero: 0, buckets: {} });
  });
});

describe("addDelay", () => {
  it("counts non-negative finite delays only", () => {
    const h = newDelayHistogram();
    expect([addDelay(h, 1500), addDelay(h, -3)]).toEqual([true, false]);
    expect([addDelay(h, Number.NaN), addDelay(h, Infinity), addDelay(h, 0)]).toEqual([false, false, true]);
    expect([h.count, h.zero]).toEqual([2, 1]);
  });
});

describe("mergeDelayHistograms", () => {
  it("adds counts", () => {
    const a = newDelayHistogram();
    addDelay(a, 10);
    expect(mergeDelayHistograms(a, a).count).toBe(2);
  });

  it("equals the histogram of all delays", () => {
    const delays = fc.array(fc.double({ min: 0, max: 1e10, noNaN: true }), { maxLength: 40 });
    fc.assert(
      fc.property(delays, delays, (a, b) => {
        const merged = mergeDelayHistograms(histogramOf(a), histogramOf(b));
        expect(labelDelayPercentiles(merged)).toEqual(labelDelayPercentiles(histogramOf([...b, ...a])));
      }),
    );
  });
});

describe("labelDelayPercentiles", () => {
  it("interpolates between order statistics like numpy", () => {
    expect(labelDelayPercentiles([1000, 2000, 3000, 4000, 5000])).toEqual({ count: 5, p50: 3000, p90: 4600, p99: 4960 });
  });

  it("matches numpy.percentile exactly on a list", () => {
    for (const c of fixture.labelDelay) {
      const p = labelDelayPercentiles(c.delaysMs);
      expect(p.count, c.name).toBe(c.expected.count);
      for (const k of ["p50", "p90", "p99"] as const) expectClose(p[k], c.expected[k], `${c.name}: ${k}`);
    }
  });

  it("stays within 1% of numpy.percentile from a histogram", () => {
    for (const c of fixture.labelDelay) {
      const p = labelDelayPercentiles(histogramOf(c.delaysMs));
      for (const k of ["p50", "p90", "p99"] as const) {
        expectClose(p[k], c.expected[k], `${c.name}: ${k}`, DELAY_RELATIVE_ACCURACY * (1 + 1e-9));
      }
    }
  });

  it("keeps the 1% bound on random delays", () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: 0, max: 1e10, noNaN: true }), { minLength: 1, maxLength: 80 }), (delays) => {
        const exact = labelDelayPercentiles(delays);
        const approx = labelDelayPercentiles(histogramOf(delays));
        for (const k of ["p50", "p90", "p99"] as const) expectClose(approx[k], exact[k], k, DELAY_RELATIVE_ACCURACY * (1 + 1e-9));
      }),
    );
  });

  it("ignores bad delays in a list and returns nulls when none is left", () => {
    expect(labelDelayPercentiles([-5, Number.NaN])).toEqual({ count: 0, p50: null, p90: null, p99: null });
    expect(labelDelayPercentiles(newDelayHistogram()).p50).toBeNull();
  });

  it("is monotone: p50 ≤ p90 ≤ p99", () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: 0, max: 1e10, noNaN: true }), { minLength: 1, maxLength: 50 }), (delays) => {
        for (const p of [labelDelayPercentiles(delays), labelDelayPercentiles(histogramOf(delays))]) {
          expect(p.p50! <= p.p90! && p.p90! <= p.p99!).toBe(true);
        }
      }),
    );
  });
});
