/**
 * The binned oracle cases shared by the psi, jensenShannon, kl and hellinger tests: each
 * continuous case binned the DESIGN §5 way (reference deciles, NumPy's digitize) and each
 * categorical case as it is. Values from scipy 1.17 / numpy 2.4 via test/oracles/drift.py.
 */
import { binEdges, histogram, toWeightedSample } from "../../../shared/stats/index.ts";
import { type BinnedOracle, ORACLE } from "./oracle.ts";

export interface BinnedCase extends BinnedOracle {
  name: string;
  ref: ArrayLike<number>;
  cur: ArrayLike<number>;
}

/** Continuous cases binned by our own binEdges/histogram (their tests check them against NumPy). */
export const BINNED_CASES: BinnedCase[] = [
  ...ORACLE.continuous.map((c) => {
    const edges = binEdges(toWeightedSample(c.ref));
    return {
      ...c.bins,
      name: `binned ${c.name}`,
      ref: histogram(toWeightedSample(c.ref), edges),
      cur: histogram(toWeightedSample(c.cur), edges),
    };
  }),
  ...ORACLE.categorical.map((c) => ({ ...c, name: `categories: ${c.name}` })),
];
