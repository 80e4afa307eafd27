// DESIGN §5 "Accuracy at scale": beyond the exact cap, KS D within 0.005, normalised Wasserstein
// within 1% relative (where it is not tiny: W/std ≥ 0.1 here; between two samples of one
// distribution, where W is noise-sized, within 0.002 absolute), quantiles within 0.5% rank.
// Exact values come from the raw data (sorted arrays), sketches from one stream or 1,000 partials.
import { beforeAll, describe, expect, it } from "vitest";
import { DISTRIBUTIONS, draw, type DistributionName } from "./support/random.ts";
import { stdOf } from "./support/exact-stats.ts";
import { ksError, normalisedW, sketched, worstRankError, type Checked, type MergeMode } from "./support/sketch-check.ts";

const KS_BOUND = 0.005;
const W_RELATIVE_BOUND = 0.01;
const W_SAME_ABSOLUTE_BOUND = 0.002;
const RANK_BOUND = 0.005;

interface Case { ref: Checked; same: Checked; shifted: Checked; scaled: Checked; std: number }

function build(name: DistributionName, n: number, partials: number, seed: number, mode: MergeMode): Case {
  const refData = draw(name, n, seed);
  const std = stdOf(refData);
  return {
    std,
    ref: sketched(refData, partials, mode),
    same: sketched(draw(name, n, seed + 1), partials, mode),
    shifted: sketched(draw(name, n, seed + 2, 0.15 * std), partials, mode),
    scaled: sketched(draw(name, n, seed + 3, 0, 1.5), partials, mode),
  };
}

function accuracySuite(title: string, names: DistributionName[], n: number, partials: number, mode: MergeMode = "pairwise"): void {
  describe.each(names)(`${title}: %s`, (name) => {
    let c: Case;
    beforeAll(() => {
      c = build(name, n, partials, 100, mode);
    });

    it("summarises the data with a digest", () => {
      expect(c.ref.column.numeric!.distribution.kind).toBe("tdigest");
      expect(c.ref.column.numeric!.count).toBe(n);
    });

    it("estimates KS D within 0.005", () => {
      for (const other of [c.same, c.shifted, c.scaled]) expect(ksError(c.ref, other)).toBeLessThanOrEqual(KS_BOUND);
    });

    it("estimates normalised Wasserstein within 1% relative under drift", () => {
      for (const other of [c.shifted, c.scaled]) {
        const w = normalisedW(c.ref, other, c.std);
        expect(w.exact).toBeGreaterThanOrEqual(0.1);
        expect(Math.abs(w.sketch - w.exact) / w.exact).toBeLessThanOrEqual(W_RELATIVE_BOUND);
      }
    });

    it("estimates normalised Wasserstein within 0.002 between samples of one distribution", () => {
      const w = normalisedW(c.ref, c.same, c.std);
      expect(Math.abs(w.sketch - w.exact)).toBeLessThanOrEqual(W_SAME_ABSOLUTE_BOUND);
    });

    it("estimates quantiles within 0.5% rank", () => {
      expect(worstRankError(c.ref)).toBeLessThanOrEqual(RANK_BOUND);
      expect(worstRankError(c.shifted)).toBeLessThanOrEqual(RANK_BOUND);
    });
  });
}

const ALL = Object.keys(DISTRIBUTIONS) as DistributionName[];
accuracySuite("t-digest accuracy, n = 10^6, one stream", ALL, 1_000_000, 1);
accuracySuite("t-digest accuracy, n = 10^6, 1,000 merged partials", ALL, 1_000_000, 1_000);
accuracySuite("t-digest accuracy, n = 10^6, 1,000 partials merged at once", ALL, 1_000_000, 1_000, "at once");
accuracySuite("t-digest accuracy, n = 10^7, one stream", ["heavyTailed"], 10_000_000, 1);
accuracySuite("t-digest accuracy, n = 10^7, 100 merged digests", ["lognormal"], 10_000_000, 100);
