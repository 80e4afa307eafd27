import { App } from "aws-cdk-lib";
import { describe, expect, it } from "vitest";
import { evaluationSchedule, parseSeverities, propsFromContext, SettingError } from "../../infra/settings.ts";
import { synth } from "./synth.ts";

describe("propsFromContext", () => {
  it("maps context values to stack props", () => {
    const app = new App({
      context: { alertEmail: "a@example.com", emailSeverities: "P1,P2,P3", evaluateEvery: "30m", namespace: "Vigil/Prod", logRetentionDays: "90", stateRetentionDays: "200" },
    });
    expect(propsFromContext(app.node)).toMatchObject({
      alertEmail: "a@example.com",
      emailSeverities: ["P1", "P2", "P3"],
      evaluateEvery: "30m",
      namespace: "Vigil/Prod",
      logRetention: 90,
      stateRetentionDays: 200,
    });
  });

  it("leaves unset keys to the stack's defaults", () => {
    expect(Object.values(propsFromContext(new App().node)).every((v) => v === undefined)).toBe(true);
  });
});

describe("evaluationSchedule", () => {
  it("accepts durations and rate expressions", () => {
    expect(evaluationSchedule("15m").schedule.expressionString).toBe("rate(15 minutes)");
    expect(evaluationSchedule("rate(2 hours)").every.toMinutes()).toBe(120);
  });

  it("rejects cron expressions and intervals beyond a day", () => {
    expect(() => evaluationSchedule("cron(0 * * * ? *)")).toThrow(SettingError);
    expect(() => evaluationSchedule("2d")).toThrow(/evaluateEvery: expected whole minutes from 1 minute to 1 day/);
  });
});

describe("VigilStack settings", () => {
  it("rejects an invalid email address", () => {
    expect(() => synth({ alertEmail: "not-an-address" })).toThrow(/alertEmail: expected an email address/);
  });

  it("rejects a Slack secret that is not a Secrets Manager ARN", () => {
    expect(() => synth({ slackWebhookSecretArn: "https://hooks.slack.com/services/T/B/X" })).toThrow(/slackWebhookSecretArn: expected a Secrets Manager secret ARN/);
  });

  it("rejects an AWS/ namespace", () => {
    expect(() => synth({ namespace: "AWS/Lambda" })).toThrow(/namespace: expected a CloudWatch namespace/);
  });

  it("rejects unknown severities", () => {
    expect(() => parseSeverities("P1,P9")).toThrow(/emailSeverities: expected a comma-separated list of P1, P2, P3, P4/);
  });

  it("uses the namespace given for metrics, alarms and the PutMetricData condition", () => {
    const { template } = synth({ namespace: "Vigil/Prod" });
    template.hasResourceProperties("AWS::CloudWatch::Alarm", { Namespace: "Vigil/Prod", MetricName: "MinutesSinceLastData" });
    expect(JSON.stringify(template.findResources("AWS::IAM::Policy"))).toContain('"cloudwatch:namespace":"Vigil/Prod"');
  });
});
