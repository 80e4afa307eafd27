import { createReadStream, mkdirSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { Match, type Template } from "aws-cdk-lib/assertions";
import { qualityThreshold } from "../../infra/constructs/model-alarms.ts";
import { dashboardName } from "../../infra/constructs/model-dashboard.ts";
import { parseMonitorConfig } from "../../shared/config/load.ts";
import { buildReferenceFromObject } from "../../shared/pipeline/reference.ts";
import type { ObjectStore } from "../../shared/ports.ts";
import { folderWith, synth } from "./synth.ts";

const alarm = (template: Template, nameEnd: string) => {
  const found = Object.values(template.findResources("AWS::CloudWatch::Alarm")).filter((a) => String(a.Properties.AlarmName).endsWith(nameEnd));
  expect(found).toHaveLength(1);
  return found[0].Properties;
};

let template: Template;
beforeAll(() => {
  template = synth().template;
});

describe("model dashboards", () => {
  it("creates one dashboard per monitor file", () => {
    template.resourceCountIs("AWS::CloudWatch::Dashboard", 1);
    const two = folderWith({ "a.yaml": "model: a\n", "b.yml": "model: b\ntask: regression\n" });
    synth({ monitorsDir: two }).template.resourceCountIs("AWS::CloudWatch::Dashboard", 2);
  });

  it("names the dashboard after the stack and the model", () => {
    template.hasResourceProperties("AWS::CloudWatch::Dashboard", { DashboardName: "Vigil-bank-marketing" });
    expect(dashboardName("Vigil", "fraud.v2")).toBe("Vigil-fraud-v2");
  });

  it("graphs volume, freshness, drift per feature, quality, latency, performance and alarm states", () => {
    const body = JSON.stringify(Object.values(template.findResources("AWS::CloudWatch::Dashboard"))[0].Properties.DashboardBody);
    for (const metric of ["RowCount", "MalformedRows", "MinutesSinceLastData", "DriftedFeatureShare", "DatasetDrift", "MissingShare", "OutOfRangeShare", "NewCategoryShare", "LatencyP95", "Accuracy", "LabelCoverage"]) {
      expect(body).toContain(metric);
    }
    expect(body).toContain(`SEARCH('{\\\\\\"Vigil\\\\\\",Feature,Model} MetricName=\\\\\\"DriftScore\\\\\\" Model=\\\\\\"bank-marketing\\\\\\"'`);
    expect(body).toContain('\\"type\\":\\"alarm\\"');
    expect(body).toContain("MAX(SEARCH(");
  });

  it("graphs the model-level worst quality share when features publish drift only", () => {
    const t = synth({ monitorsDir: folderWith({ "m.yaml": "model: m\nmetrics: {perFeature: drift}\n" }) }).template;
    const body = JSON.stringify(Object.values(t.findResources("AWS::CloudWatch::Dashboard"))[0].Properties.DashboardBody);
    expect(body).toContain("MissingShare (worst feature)");
    expect(body).not.toContain("MAX(SEARCH(");
  });
});

describe("model alarms", () => {
  it("alarms on stale or missing data, treating missing data as breaching", () => {
    const p = alarm(template, "-bank-marketing-freshness");
    expect(p).toMatchObject({
      MetricName: "MinutesSinceLastData",
      Namespace: "Vigil",
      Dimensions: [{ Name: "Model", Value: "bank-marketing" }],
      ComparisonOperator: "GreaterThanThreshold",
      Threshold: 26 * 60,
      TreatMissingData: "breaching",
      Period: 900,
    });
  });

  it("alarms on dataset drift within the window's publication delay", () => {
    expect(alarm(template, "-bank-marketing-dataset-drift")).toMatchObject({
      MetricName: "DatasetDrift",
      ComparisonOperator: "GreaterThanOrEqualToThreshold",
      Threshold: 1,
      Period: 86_400,
      EvaluationPeriods: 3,
      DatapointsToAlarm: 1,
      TreatMissingData: "notBreaching",
    });
  });

  it("notifies the alert topic on ALARM and on OK", () => {
    for (const a of Object.values(template.findResources("AWS::CloudWatch::Alarm"))) {
      expect(a.Properties.AlarmActions).toHaveLength(1);
      expect(a.Properties.OKActions).toEqual(a.Properties.AlarmActions);
    }
  });

  it("uses an anomaly band for accuracy when no reference profile is available at synth time", () => {
    const p = alarm(template, "-bank-marketing-accuracy");
    expect(p.ComparisonOperator).toBe("LessThanLowerThreshold");
    expect(JSON.stringify(p.Metrics)).toContain("ANOMALY_DETECTION_BAND");
  });

  it("alarms on RMSE above its band for regression models", () => {
    const t = synth({ monitorsDir: folderWith({ "prices.yaml": "model: prices\ntask: regression\n" }) }).template;
    expect(alarm(t, "-prices-rmse").ComparisonOperator).toBe("GreaterThanUpperThreshold");
  });

  it("takes the factor from the monitor's baseline rule, else the default rule's", () => {
    const bank = parseMonitorConfig("model: m\nalerts:\n  - {name: drop, when: 'accuracy < baseline.accuracy * 0.95', severity: P2}\n", "m.yaml");
    expect(qualityThreshold(bank, 0.8)).toEqual({ metric: "Accuracy", factor: 0.95, baseline: 0.8 });
    expect(qualityThreshold(parseMonitorConfig("model: r\ntask: regression\n", "r.yaml"), null)).toEqual({ metric: "RMSE", factor: 1.1, baseline: null });
  });
});

describe("model alarms with a reference profile", () => {
  let baselineAccuracy: number;
  let withReference: Template;

  beforeAll(async () => {
    // A real reference profile built by the pipeline step the reference function runs.
    const rows = Array.from({ length: 400 }, (_, i) => {
      const age = 20 + (i % 50);
      const label = age > 40 ? 1 : 0;
      const prediction = i % 7 === 0 ? 1 - label : label;
      return JSON.stringify({ timestamp: "2008-05-05T10:00:00Z", request_id: `r${i}`, features: { age, job: i % 3 ? "admin" : "services" }, prediction, score: prediction ? 0.8 : 0.2, label });
    });
    const referenceDir = folderWith({});
    const data = join(referenceDir, "data.jsonl");
    writeFileSync(data, rows.join("\n") + "\n");
    const written = new Map<string, string>();
    const objects: ObjectStore = {
      async open(key) {
        if (key !== "reference/bank-marketing/data.jsonl") return null;
        const size = statSync(data).size;
        return {
          name: key,
          size,
          stream: () => createReadStream(data) as AsyncIterable<Uint8Array>,
          info: { key, etag: "e", size, lastModifiedMs: 0 },
        };
      },
      getText: async (key) => written.get(key) ?? null,
      put: async (key, body) => void written.set(key, String(body)),
      async *list() {},
      delete: async () => {},
    };
    const reference = await buildReferenceFromObject({ objects }, "reference/bank-marketing/data.jsonl");
    baselineAccuracy = reference!.baseline.accuracy!;
    mkdirSync(join(referenceDir, "bank-marketing"));
    writeFileSync(join(referenceDir, "bank-marketing", "profile.json"), written.get("reference/bank-marketing/profile.json")!);
    withReference = synth({ referenceDir }).template;
  });

  it("alarms when accuracy falls below the baseline times the monitor's factor", () => {
    expect(baselineAccuracy).toBeCloseTo(1 - 58 / 400, 9);
    expect(alarm(withReference, "-bank-marketing-accuracy")).toMatchObject({
      MetricName: "Accuracy",
      ComparisonOperator: "LessThanThreshold",
      Threshold: Math.round(baselineAccuracy * 0.9 * 1e6) / 1e6,
      EvaluationPeriods: 7,
      DatapointsToAlarm: 1,
      TreatMissingData: "notBreaching",
    });
  });

  it("uses that static threshold instead of an anomaly band", () => {
    expect(JSON.stringify(alarm(withReference, "-bank-marketing-accuracy"))).not.toContain("ANOMALY_DETECTION_BAND");
    withReference.hasResourceProperties("AWS::CloudWatch::Alarm", { MetricName: "Accuracy", Threshold: Match.anyValue() });
  });
});
