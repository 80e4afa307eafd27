import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { parseRule } from "../../../shared/rules/parser.ts";
import { evaluateRule } from "../../../shared/rules/evaluate.ts";
import { RuleSyntaxError } from "../../../shared/rules/errors.ts";

const env = (values: Record<string, unknown>) => ({
  metric: (path: readonly string[]) => {
    const v = values[path.join(".")];
    return (v === undefined ? null : v) as never;
  },
});

describe("parseRule", () => {
  it("parses comparisons with arithmetic on baseline values", () => {
    const matches = evaluateRule(parseRule("accuracy < baseline.accuracy * 0.9"), env({ accuracy: 0.7, "baseline.accuracy": 0.9 }));
    expect(matches).toEqual([{ feature: null, value: 0.7, threshold: expect.closeTo(0.81, 12) }]);
  });

  it("gives and precedence over or", () => {
    const e = parseRule("a > 1 or b > 1 and c > 1");
    expect(e.type === "binary" && e.op).toBe("or");
  });

  it("reports the position and what was expected", () => {
    expect(() => parseRule("accuracy < ")).toThrowError(new RuleSyntaxError(12, "a number, a metric name or '('", "the end of the rule"));
    expect(() => parseRule("psi > 0.2 $")).toThrow(/position 11: expected a number, a name, an operator or a parenthesis, found '\$'/);
  });

  it("rejects chained comparisons", () => {
    expect(() => parseRule("0 < a < 1")).toThrow(/position 7: expected 'and' or 'or' between comparisons/);
  });

  it("never evaluates code", () => {
    expect(() => parseRule("process.exit(1)")).toThrow(RuleSyntaxError);
    expect(() => evaluateRule(parseRule("exit(1)"), env({}))).toThrow(/unknown function 'exit'/);
    expect(() => parseRule("a; b")).toThrow(RuleSyntaxError);
    expect(() => parseRule("a['x']")).toThrow(RuleSyntaxError);
  });

  it("broadcasts per-feature metrics and reports each firing feature", () => {
    const psi = new Map([["age", 0.3], ["job", 0.1], ["contact", 0.25]]);
    const matches = evaluateRule(parseRule("psi > 0.2"), env({ psi }));
    expect(matches).toEqual([
      { feature: "age", value: 0.3, threshold: 0.2 },
      { feature: "contact", value: 0.25, threshold: 0.2 },
    ]);
  });

  it("does not fire on unknown values", () => {
    expect(evaluateRule(parseRule("accuracy < 0.8"), env({ accuracy: null }))).toEqual([]);
    expect(evaluateRule(parseRule("not (accuracy < 0.8)"), env({ accuracy: null }))).toEqual([]);
  });

  it("flags anomalies against the history", () => {
    const e = { ...env({ row_count: 50 }), history: () => [100, 102, 98, 101, 99] };
    expect(evaluateRule(parseRule("anomaly(row_count, k=3, windows=5)"), e)).toHaveLength(1);
    const calm = { ...env({ row_count: 100.5 }), history: () => [100, 102, 98, 101, 99] };
    expect(evaluateRule(parseRule("anomaly(row_count)"), calm)).toEqual([]);
  });

  it("throws only RuleSyntaxError on arbitrary text", () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 40 }), (s) => {
        try {
          parseRule(s);
        } catch (e) {
          return e instanceof RuleSyntaxError;
        }
        return true;
      }),
    );
  });
});
