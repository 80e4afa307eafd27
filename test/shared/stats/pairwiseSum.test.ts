// NumPy's summation order is checked against np.sum indirectly: every NumPy sum the oracle
// fixture (scipy 1.17 / numpy 2.4 via test/oracles/drift.py) holds is reproduced bit for bit by
// the statistics that use pairwiseSum (kl, jensenShannon, andersonKSamp, chiSquare).
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { pairwiseSum } from "../../../shared/stats/index.ts";

describe("pairwiseSum", () => {
  it("returns the documented example", () => {
    expect(pairwiseSum([0.1, 0.2, 0.3])).toBe(0.6000000000000001);
  });

  it("sums short arrays left to right", () => {
    expect(pairwiseSum([1e16, 1, 1])).toBe(1e16 + 1 + 1);
    expect(pairwiseSum([])).toBe(0);
  });

  it("combines eight accumulators for 8 to 128 terms", () => {
    const a = [1e16, 1, 1, 1, 1, 1, 1, 1, 1];
    // r0 = 1e16 + 1 (rounds to 1e16), the others hold 1 each; then the ninth term.
    expect(pairwiseSum(a)).toBe(((1e16 + 1 + 1) + (1 + 1)) + ((1 + 1) + (1 + 1)) + 1);
  });

  it("equals the exact sum for integers and agrees with a plain loop closely", () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: -1000, max: 1000 }), { maxLength: 600 }), (a) =>
        pairwiseSum(a) === a.reduce((s, x) => s + x, 0),
      ),
    );
  });

  it("sums a sub-range", () => {
    expect(pairwiseSum([5, 1, 2, 3, 9], 1, 4)).toBe(6);
  });
});
