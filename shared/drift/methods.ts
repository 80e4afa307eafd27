/** The drift methods of DESIGN §5, by name. */
export const DRIFT_METHOD_NAMES = [
  "ks",
  "wasserstein",
  "psi",
  "jensenshannon",
  "kl",
  "hellinger",
  "chisquare",
  "ztest",
  "cvm",
  "anderson",
] as const;

/** A drift method's name. */
export type DriftMethodName = (typeof DRIFT_METHOD_NAMES)[number];

/** P-value corrections for multiple features. */
export const CORRECTIONS = ["none", "bonferroni", "bh"] as const;
export type Correction = (typeof CORRECTIONS)[number];

/** Alert severities, P1 the most urgent. */
export const SEVERITIES = ["P1", "P2", "P3", "P4"] as const;
export type Severity = (typeof SEVERITIES)[number];
