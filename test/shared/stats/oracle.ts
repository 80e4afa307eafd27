/**
 * The scipy/NumPy oracle vectors for `shared/stats`, and the tolerances the tests compare with.
 *
 * Expected values come from scipy 1.17 / numpy 2.4 via test/oracles/drift.py, which writes
 * test/fixtures/oracles/drift.json (the versions are recorded in the file and checked below).
 */
import { readFileSync } from "node:fs";
import { expect } from "vitest";
import type { WeightedSample } from "../../../shared/types.ts";
import { toWeightedSample } from "../../../shared/stats/index.ts";

export interface TestOracle {
  statistic: number;
  pValue: number;
}

export interface ContinuousCase {
  name: string;
  ref: number[];
  cur: number[];
  ks: TestOracle & { method: "exact" | "asymp" | "asymp-fallback" };
  wasserstein: number;
  cvm: (TestOracle & { method: "exact" | "asymptotic" }) | null;
  anderson: TestOracle | null;
  bins: BinnedOracle & { edges: number[]; refCounts: number[]; curCounts: number[] };
}

export interface BinnedOracle {
  psi: number;
  jensenshannon: number;
  kl: number;
  hellinger: number;
}

export interface CategoricalCase extends BinnedOracle {
  name: string;
  ref: number[];
  cur: number[];
  chisquare: TestOracle & { dof: number };
}

export interface DriftOracle {
  generator: string;
  numpy: string;
  scipy: string;
  continuous: ContinuousCase[];
  categorical: CategoricalCase[];
  binary: { name: string; ref: number[]; cur: number[]; ztest: TestOracle }[];
  quantiles: { values: number[]; ps: number[]; quantiles: number[]; edges10: number[] }[];
  special: {
    normalSf: [number, number][];
    erfc: [number, number][];
    chi2Sf: [number, number, number][];
    gamma: [number, number][];
    lgamma: [number, number][];
    besselK: [number, number, number][];
    kstwoSf: [number, number, number][];
    smirnovSf: [number, number, number][];
    cvmInfCdf: [number, number][];
    ksExact: { n1: number; n2: number; d: number; success: boolean; dRounded: number; pValue: number | null }[];
    cvmExact: { u: number; m: number; n: number; pValue: number }[];
  };
  andersonFit: { critical: number[]; fit: number[] };
}

export const ORACLE: DriftOracle = JSON.parse(
  readFileSync(new URL("../../fixtures/oracles/drift.json", import.meta.url), "utf8"),
) as DriftOracle;

/** Statistics agree with scipy to this relative tolerance (DESIGN §5: 1e-9). */
export const STAT_REL = 1e-9;
/** p-values agree to 1e-9 relative or, for p-values near 0, 1e-12 absolute. */
export const P_REL = 1e-9;
export const P_ABS = 1e-12;

/** |actual − expected| ≤ max(rel·|expected|, abs), with a message naming the case. */
export function expectClose(actual: number, expected: number, rel: number, abs = 0, what = ""): void {
  const tolerance = Math.max(rel * Math.abs(expected), abs);
  const ok = actual === expected || Math.abs(actual - expected) <= tolerance;
  expect(ok, `${what}: got ${actual}, expected ${expected} (tolerance ${tolerance})`).toBe(true);
}

/** Expects a p-value to match scipy's within P_REL relative or P_ABS absolute. */
export function expectPValue(actual: number, expected: number, what: string): void {
  expectClose(actual, expected, P_REL, P_ABS, what);
}

/** The oracle's raw arrays as weighted samples (distinct values counted). */
export function samples(c: { ref: number[]; cur: number[] }): [WeightedSample, WeightedSample] {
  return [toWeightedSample(c.ref), toWeightedSample(c.cur)];
}
