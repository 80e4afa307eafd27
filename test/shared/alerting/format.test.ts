import { describe, expect, it } from "vitest";
import { formatAlert, MAX_SUBJECT_CHARS } from "../../../shared/alerting/format.ts";
import { slackEscape, slackPayloadForAlert } from "../../../shared/alerting/slack.ts";
import type { CheckReport } from "../../../shared/check/report.ts";

const evil = "<img src=x onerror=alert(1)>";
const report = {
  current: { rows: 100, malformedRows: 0, start: null, end: null },
  dataset: { driftedFeatures: 1, driftedShare: 0.5, drifted: true, features: 2 },
  prediction: { drift: null },
  features: {
    [evil]: {
      type: "categorical",
      drift: { method: "jensenshannon", statistic: 0.4, pValue: null, threshold: 0.1, drifted: true },
      quality: { missingShare: 0, typeMismatchShare: 0, outOfRangeShare: null, newCategoryShare: 0.5, outlierShare: null, negativeShare: null },
      summary: { reference: { mean: null, missingShare: 0, topCategories: [["a", 1]] }, current: { mean: null, missingShare: 0, topCategories: [["@channel", 0.5]] }, newCategories: ["@channel"], psi: 2 },
    },
  },
} as unknown as CheckReport;
const alert = { rule: "feature_drift", severity: "P4" as const, feature: evil, value: 0.4, threshold: 0.1, message: `${evil} drifted`, runbook: "https://example.com/runbook" };

describe("formatAlert", () => {
  it("keeps the subject within SNS's 100 characters and on one line", () => {
    const m = formatAlert("a-model-with-a-rather-long-name-indeed", Date.UTC(2008, 8, 1), "fire", [{ ...alert, feature: "x".repeat(200) }], report);
    expect(m.subject.length).toBeLessThanOrEqual(MAX_SUBJECT_CHARS);
    expect(m.subject).not.toMatch(/\n/);
    expect(m.subject).toMatch(/^\[P4\] a-model-with-a-rather-long-name-indeed: feature_drift on x+/);
  });

  it("says what changed, the coverage and the runbook", () => {
    const m = formatAlert("m", Date.UTC(2008, 8, 1), "fire", [alert], report);
    expect(m.text).toMatch(/new categories "@channel"/);
    expect(m.text).toContain(`  - ${evil}: jensenshannon 0.4 ≥ 0.1; new categories "@channel"`);
    expect(m.text).toMatch(/Runbook: https:\/\/example.com\/runbook/);
    expect(m.attributes).toEqual({ severity: "P4", model: "m", rule: "feature_drift" });
    expect(m.body.topDrifted).toEqual([expect.objectContaining({ feature: evil, method: "jensenshannon", score: 0.4 })]);
  });
});

describe("slackEscape", () => {
  it("neutralises markup and mentions from logs", () => {
    expect(slackEscape(`${evil} @channel & <!here>`)).toBe("&lt;img src=x onerror=alert(1)&gt; @\u200bchannel &amp; &lt;!here&gt;");
  });

  it("escapes every text block of the Block Kit payload", () => {
    const m = formatAlert("m", Date.UTC(2008, 8, 1), "fire", [alert], report);
    const payload = JSON.stringify(slackPayloadForAlert(m));
    const mrkdwn = JSON.parse(payload).attachments[0].blocks[1].text.text as string;
    expect(mrkdwn).not.toMatch(/<img/);
    expect(mrkdwn).not.toMatch(/@channel/);
    expect(JSON.parse(payload).attachments[0].color).toBe("#9e9e9e");
  });
});
