import { describe, expect, it } from "vitest";
import { correctedDecisions } from "../../../shared/drift/correction.ts";

// Expected values: statsmodels' multipletests is not on the machine; the BH cases are worked by hand
// from the step-up definition (Benjamini & Hochberg 1995) and checked against scipy.stats.false_discovery_control:
// python3 -c "from scipy.stats import false_discovery_control as f; print(f([0.01,0.04,0.03,0.2]))" → [0.04 0.0533 0.0533 0.2]
describe("correctedDecisions", () => {
  it("applies no correction", () => {
    expect(correctedDecisions([0.01, 0.06, 0.049], 0.05, "none")).toEqual([true, false, true]);
  });

  it("divides the level by the number of tests for bonferroni", () => {
    expect(correctedDecisions([0.01, 0.04, 0.03], 0.05, "bonferroni")).toEqual([true, false, false]);
  });

  it("matches scipy's false_discovery_control for bh", () => {
    // adjusted p-values [0.04, 0.0533, 0.0533, 0.2] → only the first is below 0.05
    expect(correctedDecisions([0.01, 0.04, 0.03, 0.2], 0.05, "bh")).toEqual([true, false, false, false]);
    expect(correctedDecisions([0.01, 0.04, 0.03], 0.05, "bh")).toEqual([true, true, true]);
  });
});
