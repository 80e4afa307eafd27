import { describe, expect, it } from "vitest";
import { parseMonitorConfig } from "../../../shared/config/load.ts";
import { parseDurationMs } from "../../../shared/config/duration.ts";

const GOOD = `
model: bank-marketing
task: binary_classification
window: 1d
lateness: 2h
fields: {timestamp: ts, id: request_id}
features: {age: numerical, job: categorical}
segments: [contact]
drift: {method: auto, threshold: null, datasetShare: 0.5, correction: bh}
labels: {sampleRate: 1.0, ttlDays: 90, minCoverage: 0.8, maxWait: 30d}
alerts:
  - {name: accuracy_drop, when: "accuracy < baseline.accuracy * 0.9", severity: P2, runbook: "https://example.com/rb"}
  - {name: feature_drift, when: "psi > 0.2", severity: P3}
  - {name: drift_and_drop, when: "drifted_share > 0.3 and accuracy_drop > 0.05", severity: P1}
`;

describe("parseMonitorConfig", () => {
  it("accepts the DESIGN §4 example and fills defaults", () => {
    const c = parseMonitorConfig(GOOD, "monitors/bank-marketing.yaml");
    expect(c.model).toBe("bank-marketing");
    expect(c.drift.correction).toBe("bh");
    expect(c.drift.bins).toBe(10);
    expect(c.fields.timestamp).toBe("ts");
    expect(c.alerts).toHaveLength(3);
  });

  it("names the file, the field and the expectation for a bad value", () => {
    expect(() => parseMonitorConfig("model: m\ndrift: {method: magic}\n", "monitors/m.yaml")).toThrow(
      /^monitors\/m\.yaml: drift\.method: expected one of "auto"\|"ks"/,
    );
  });

  it("rejects unknown keys", () => {
    expect(() => parseMonitorConfig("model: m\nwindoww: 1d\n", "m.yaml")).toThrow(/m\.yaml: \(top level\): Unrecognized key: "windoww"/);
  });

  it("rejects a rule with a syntax error naming the rule and position", () => {
    const text = `model: m\nalerts:\n  - {name: bad, when: "accuracy <", severity: P2}\n`;
    expect(() => parseMonitorConfig(text, "monitors/m.yaml")).toThrow(
      "monitors/m.yaml: alerts[0] (bad).when: position 11: expected a number, a metric name or '(', found the end of the rule",
    );
  });

  it("rejects a rule naming an unknown metric", () => {
    const text = `model: m\nalerts:\n  - {name: r, when: "acuracy < 0.9", severity: P2}\n`;
    expect(() => parseMonitorConfig(text, "m.yaml")).toThrow(/alerts\[0\] \(r\)\.when: position 1: unknown metric 'acuracy'/);
  });

  it("reports invalid YAML with its line", () => {
    expect(() => parseMonitorConfig("model: m\nfeatures: {a: numerical\n", "m.yaml")).toThrow(/^m\.yaml: line \d+: not valid YAML/);
  });

  it("reads JSON configs", () => {
    expect(parseMonitorConfig('{"model": "m", "window": "1h"}', "m.json").window).toBe("1h");
  });
});

describe("parseDurationMs", () => {
  it("parses units", () => {
    expect(parseDurationMs("15m")).toBe(900_000);
    expect(parseDurationMs("1d")).toBe(86_400_000);
    expect(() => parseDurationMs("soon")).toThrow(/expected a duration/);
  });
});
