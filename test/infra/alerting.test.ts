import { beforeAll, describe, expect, it } from "vitest";
import { SLACK_SECRET_ARN, synth } from "./synth.ts";

type Synth = ReturnType<typeof synth>;
const emailSubscriptions = (t: Synth["template"]) => t.findResources("AWS::SNS::Subscription", { Properties: { Protocol: "email" } });

let full: Synth;
let minimal: Synth;
beforeAll(() => {
  full = synth({ alertEmail: "ml-oncall@example.com", slackWebhookSecretArn: SLACK_SECRET_ARN });
  minimal = synth();
});

describe("email alerts", () => {
  it("subscribes the address with a P1/P2 filter, a model's own routing, and alarm notifications", () => {
    full.template.hasResourceProperties("AWS::SNS::Subscription", {
      Protocol: "email",
      Endpoint: "ml-oncall@example.com",
      FilterPolicy: {
        $or: [{ channels: ["email"] }, { channels: [{ exists: false }], severity: ["P1", "P2"] }, { severity: [{ exists: false }] }],
      },
    });
  });

  it("filters on the severities given", () => {
    synth({ alertEmail: "ml-oncall@example.com", emailSeverities: ["P1"] }).template.hasResourceProperties("AWS::SNS::Subscription", {
      Protocol: "email",
      FilterPolicy: { $or: [{ channels: ["email"] }, { channels: [{ exists: false }], severity: ["P1"] }, { severity: [{ exists: false }] }] },
    });
  });

  it("creates no email subscription without an address", () => {
    expect(Object.keys(emailSubscriptions(minimal.template))).toHaveLength(0);
  });
});

describe("Slack notifier", () => {
  it("subscribes a notifier function to every alert a model does not route away from Slack", () => {
    const { stack, template } = full;
    const notify = stack.getLogicalId(stack.functions.notify!.function.node.defaultChild as never);
    template.hasResourceProperties("AWS::SNS::Subscription", {
      Protocol: "lambda",
      Endpoint: { "Fn::GetAtt": [notify, "Arn"] },
      FilterPolicy: { $or: [{ channels: ["slack"] }, { channels: [{ exists: false }] }] },
    });
  });

  it("gives the notifier the secret's ARN, never a webhook URL", () => {
    const { stack, template } = full;
    const notify = template.toJSON().Resources[stack.getLogicalId(stack.functions.notify!.function.node.defaultChild as never)];
    const env = notify.Properties.Environment.Variables;
    expect(env.SLACK_WEBHOOK_SECRET_ARN).toBe(SLACK_SECRET_ARN);
    expect(JSON.stringify(env)).not.toMatch(/hooks\.slack\.com|https:/);
  });

  it("creates no notifier and no Lambda subscription without the secret ARN", () => {
    const { stack, template } = minimal;
    expect(stack.functions.notify).toBeUndefined();
    expect(Object.keys(template.findResources("AWS::SNS::Subscription", { Properties: { Protocol: "lambda" } }))).toHaveLength(0);
  });
});
