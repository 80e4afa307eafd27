import type { WeightedSample } from "../types.ts";
import {
  andersonKSamp,
  chiSquare,
  cramerVonMises,
  hellinger,
  jensenShannon,
  kl,
  ks,
  psi,
  wasserstein,
  zTest,
} from "../stats/index.ts";
import type { DriftMethodName } from "./methods.ts";

/** What a method compares: two weighted samples, or two count vectors over shared bins. */
export interface DriftInputs {
  /** Non-null finite values (numerical features only). */
  ref: WeightedSample;
  cur: WeightedSample;
  /** Counts over the same bins: reference quantile bins (numerical) or categories. */
  refBins: Float64Array;
  curBins: Float64Array;
  /** Reference standard deviation (ddof 0), for the normalised Wasserstein distance. */
  refStd: number;
}

/** A method's raw result. `pValue` is null for distance methods. */
export interface DriftStatistic {
  statistic: number;
  pValue: number | null;
}

/** One entry of the registry: the method's contract and how to compute it. */
export interface DriftMethod {
  name: DriftMethodName;
  /** Feature kinds it applies to; `binary` means at most two distinct values. */
  appliesTo: ReadonlyArray<"numerical" | "categorical" | "binary">;
  defaultThreshold: number;
  /** `pvalue`: drift when p < threshold; `score`: drift when statistic ≥ threshold. */
  direction: "pvalue" | "score";
  /** Whether it reads samples (numerical only) or bins. */
  input: "samples" | "bins";
  compute(inputs: DriftInputs): DriftStatistic;
}

/** Evidently's floor for the reference std when normalising Wasserstein (a constant reference). */
const MIN_WASSERSTEIN_NORM = 0.001;

const score = (statistic: number): DriftStatistic => ({ statistic, pValue: null });

/**
 * The ten drift methods of DESIGN §5 with their types, default thresholds and directions.
 *
 * @example
 * DRIFT_METHODS.psi.defaultThreshold; // 0.2
 */
export const DRIFT_METHODS: { readonly [K in DriftMethodName]: DriftMethod } = {
  ks: {
    name: "ks", appliesTo: ["numerical"], defaultThreshold: 0.05, direction: "pvalue", input: "samples",
    compute: ({ ref, cur }) => ks(ref, cur),
  },
  wasserstein: {
    name: "wasserstein", appliesTo: ["numerical"], defaultThreshold: 0.1, direction: "score", input: "samples",
    compute: ({ ref, cur, refStd }) => score(wasserstein(ref, cur) / Math.max(refStd, MIN_WASSERSTEIN_NORM)),
  },
  psi: {
    name: "psi", appliesTo: ["numerical", "categorical"], defaultThreshold: 0.2, direction: "score", input: "bins",
    compute: ({ refBins, curBins }) => score(psi(refBins, curBins)),
  },
  jensenshannon: {
    name: "jensenshannon", appliesTo: ["numerical", "categorical"], defaultThreshold: 0.1, direction: "score", input: "bins",
    compute: ({ refBins, curBins }) => score(jensenShannon(refBins, curBins)),
  },
  kl: {
    name: "kl", appliesTo: ["numerical", "categorical"], defaultThreshold: 0.1, direction: "score", input: "bins",
    compute: ({ refBins, curBins }) => score(kl(refBins, curBins)),
  },
  hellinger: {
    name: "hellinger", appliesTo: ["numerical", "categorical"], defaultThreshold: 0.1, direction: "score", input: "bins",
    compute: ({ refBins, curBins }) => score(hellinger(refBins, curBins)),
  },
  chisquare: {
    name: "chisquare", appliesTo: ["categorical"], defaultThreshold: 0.05, direction: "pvalue", input: "bins",
    compute: ({ refBins, curBins }) => {
      const r = chiSquare(refBins, curBins);
      return { statistic: r.statistic, pValue: r.pValue };
    },
  },
  ztest: {
    name: "ztest", appliesTo: ["binary"], defaultThreshold: 0.05, direction: "pvalue", input: "bins",
    compute: ({ refBins, curBins }) => zTest(refBins, curBins),
  },
  cvm: {
    name: "cvm", appliesTo: ["numerical"], defaultThreshold: 0.05, direction: "pvalue", input: "samples",
    compute: ({ ref, cur }) => cramerVonMises(ref, cur),
  },
  anderson: {
    name: "anderson", appliesTo: ["numerical"], defaultThreshold: 0.05, direction: "pvalue", input: "samples",
    compute: ({ ref, cur }) => andersonKSamp(ref, cur),
  },
};

/** The facts the automatic choice looks at. */
export interface AutoFacts {
  referenceRows: number;
  type: "numerical" | "categorical";
  /** Distinct non-null values in the reference. */
  unique: number;
}

/** Reference size up to which the small-sample (test-based) methods are chosen. */
export const SMALL_REFERENCE_ROWS = 1_000;
/** Numerical features with more distinct values than this are treated as continuous. */
export const CONTINUOUS_MIN_UNIQUE = 5;

/**
 * The automatic method (DESIGN §5): reference ≤ 1000 rows → numerical with > 5 unique values: ks;
 * ≤ 2 unique: ztest; otherwise chisquare. Larger references → numerical with > 5 unique:
 * wasserstein; otherwise jensenshannon.
 *
 * @example
 * chooseAutoMethod({ referenceRows: 12_443, type: "categorical", unique: 3 }); // "jensenshannon"
 */
export function chooseAutoMethod(f: AutoFacts): DriftMethodName {
  const continuous = f.type === "numerical" && f.unique > CONTINUOUS_MIN_UNIQUE;
  if (f.referenceRows <= SMALL_REFERENCE_ROWS) {
    if (continuous) return "ks";
    return f.unique <= 2 ? "ztest" : "chisquare";
  }
  return continuous ? "wasserstein" : "jensenshannon";
}
