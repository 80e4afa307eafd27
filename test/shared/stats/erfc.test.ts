// Expected values come from scipy 1.17 / numpy 2.4 via test/oracles/drift.py (scipy.special.erfc).
import { describe, expect, it } from "vitest";
import { erf, erfc } from "../../../shared/stats/index.ts";
import { ORACLE, expectClose } from "./oracle.ts";

describe("erfc", () => {
  it("returns the documented examples", () => {
    expect(erfc(0)).toBe(1);
    expect(erfc(10)).toBe(2.0884875837625446e-45);
  });

  for (const [x, expected] of ORACLE.special.erfc) {
    it(`agrees with scipy.special.erfc(${x})`, () => {
      expectClose(erfc(x), expected, 1e-15, 0, `x = ${x}`);
    });
  }

  it("underflows to 0 and saturates at 2", () => {
    expect(erfc(30)).toBe(0);
    expect(erfc(-30)).toBe(2);
  });
});

describe("erf", () => {
  it("returns the documented example", () => {
    expect(erf(0.5)).toBe(0.5204998778130465);
  });

  it("is odd and complements erfc", () => {
    for (const x of [0.1, 0.7, 1.3, 4]) {
      expect(erf(-x)).toBe(-erf(x));
      expectClose(erf(x) + erfc(x), 1, 1e-15, 0, `x = ${x}`);
    }
  });
});
