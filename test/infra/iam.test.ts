import { beforeAll, describe, expect, it } from "vitest";
import type { Template } from "aws-cdk-lib/assertions";
import type { VigilStack } from "../../infra/vigil-stack.ts";
import { SLACK_SECRET_ARN, statementsOf, synth, type Statement } from "./synth.ts";

let stack: VigilStack;
let template: Template;
beforeAll(() => {
  ({ stack, template } = synth({ slackWebhookSecretArn: SLACK_SECRET_ARN }));
});

type FunctionName = keyof VigilStack["functions"];
const statements = (name: FunctionName): Statement[] => statementsOf(stack, template, stack.functions[name]!.role);
/** Object prefixes a function may use with an action, e.g. ["predictions/", "state/"]. */
const prefixes = (name: FunctionName, action: string): string[] =>
  statements(name)
    .filter((s) => s.Action.includes(action))
    .flatMap((s) => s.Resource.map((r) => /\/([a-z]+\/)\*"/.exec(JSON.stringify(r))?.[1] ?? JSON.stringify(r)))
    .sort();
const actions = (name: FunctionName): string[] => [...new Set(statements(name).flatMap((s) => s.Action))].sort();

describe("function permissions", () => {
  it("lets ingest read predictions/, monitors/, reference/ and state/, and write state/ and quarantine/", () => {
    expect(prefixes("ingest", "s3:GetObject")).toEqual(["monitors/", "predictions/", "reference/", "state/"]);
    expect(prefixes("ingest", "s3:PutObject")).toEqual(["quarantine/", "state/"]);
  });

  it("gives ingest no permission on labels/", () => {
    expect(JSON.stringify(statements("ingest"))).not.toContain("labels/");
  });

  it("lets labels read labels/ and monitors/ and write quarantine/ only", () => {
    expect(prefixes("labels", "s3:GetObject")).toEqual(["labels/", "monitors/"]);
    expect(prefixes("labels", "s3:PutObject")).toEqual(["quarantine/"]);
  });

  it("lets evaluate read state/, reference/ and monitors/ and write state/ only", () => {
    expect(prefixes("evaluate", "s3:GetObject")).toEqual(["monitors/", "reference/", "state/"]);
    expect(prefixes("evaluate", "s3:PutObject")).toEqual(["state/"]);
  });

  it("lets reference read reference/ and monitors/ and write reference/ only", () => {
    expect(prefixes("reference", "s3:GetObject")).toEqual(["monitors/", "reference/"]);
    expect(prefixes("reference", "s3:PutObject")).toEqual(["reference/"]);
  });

  it("limits bucket listing to the prefixes each function reads", () => {
    const list = statements("labels").find((s) => s.Action.includes("s3:ListBucket"))!;
    expect(list.Condition).toEqual({ StringLike: { "s3:prefix": ["labels/*", "monitors/*"] } });
  });

  it("grants each function only the actions its adapters call", () => {
    const logs = ["logs:CreateLogStream", "logs:PutLogEvents"];
    const sqs = ["sqs:ChangeMessageVisibility", "sqs:DeleteMessage", "sqs:GetQueueAttributes", "sqs:GetQueueUrl", "sqs:ReceiveMessage"];
    const join = ["dynamodb:BatchGetItem", "dynamodb:DeleteItem", "dynamodb:PutItem", "dynamodb:UpdateItem"];
    expect(actions("ingest")).toEqual([...join, ...logs, "s3:GetObject", "s3:ListBucket", "s3:PutObject", ...sqs].sort());
    expect(actions("labels")).toEqual([...join, ...logs, "s3:GetObject", "s3:ListBucket", "s3:PutObject", ...sqs].sort());
    expect(actions("reference")).toEqual([...logs, "s3:GetObject", "s3:ListBucket", "s3:PutObject", ...sqs].sort());
    expect(actions("evaluate")).toEqual(
      ["cloudwatch:PutMetricData", "dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:Query", "events:PutEvents", "kms:Decrypt", "kms:GenerateDataKey", ...logs, "s3:GetObject", "s3:ListBucket", "s3:PutObject", "sns:Publish"].sort(),
    );
    expect(actions("notify")).toEqual([...logs, "secretsmanager:GetSecretValue"].sort());
  });

  it("grants no service-wide wildcard action to any role in the stack", () => {
    for (const policy of Object.values(template.findResources("AWS::IAM::Policy"))) {
      for (const s of policy.Properties.PolicyDocument.Statement) {
        for (const a of [s.Action].flat()) expect(a).not.toMatch(/^(s3|dynamodb|sqs|sns|kms|cloudwatch|events|secretsmanager|logs):\*$|^\*$/);
      }
    }
  });

  it("scopes DynamoDB grants to the table itself", () => {
    const tableId = stack.getLogicalId(stack.table.node.defaultChild as never);
    for (const name of ["ingest", "labels", "evaluate"] as const) {
      const s = statements(name).filter((x) => x.Action.some((a) => a.startsWith("dynamodb:")));
      expect(s.flatMap((x) => x.Resource)).toEqual([{ "Fn::GetAtt": [tableId, "Arn"] }]);
    }
  });

  it("allows PutMetricData only in the Vigil namespace, and only to evaluate", () => {
    const put = statements("evaluate").find((s) => s.Action.includes("cloudwatch:PutMetricData"))!;
    expect(put.Condition).toEqual({ StringEquals: { "cloudwatch:namespace": "Vigil" } });
    for (const name of ["ingest", "labels", "reference", "notify"] as const) expect(actions(name)).not.toContain("cloudwatch:PutMetricData");
  });

  it("lets evaluate put only Vigil's events on the default bus", () => {
    const put = statements("evaluate").find((s) => s.Action.includes("events:PutEvents"))!;
    expect(JSON.stringify(put.Resource)).toContain(":event-bus/default");
    expect(put.Condition).toEqual({ StringEquals: { "events:source": "vigil" } });
  });

  it("lets evaluate publish to the alert topic only", () => {
    const topicId = stack.getLogicalId(stack.alerts.topic.node.defaultChild as never);
    expect(statements("evaluate").find((s) => s.Action.includes("sns:Publish"))!.Resource).toEqual([{ Ref: topicId }]);
  });

  it("lets notify read only the configured secret", () => {
    const read = statements("notify").find((s) => s.Action.includes("secretsmanager:GetSecretValue"))!;
    expect(read.Resource).toEqual([SLACK_SECRET_ARN, `${SLACK_SECRET_ARN}-??????`]);
  });

  it("sets the environment each function reads, and no more", () => {
    const env = (name: FunctionName) =>
      Object.keys(template.toJSON().Resources[stack.getLogicalId(stack.functions[name]!.function.node.defaultChild as never)].Properties.Environment.Variables).sort();
    expect(env("ingest")).toEqual(["NODE_OPTIONS", "VIGIL_BUCKET", "VIGIL_TABLE"]);
    expect(env("labels")).toEqual(["NODE_OPTIONS", "VIGIL_BUCKET", "VIGIL_TABLE"]);
    expect(env("reference")).toEqual(["NODE_OPTIONS", "VIGIL_BUCKET"]);
    expect(env("evaluate")).toEqual(["NODE_OPTIONS", "VIGIL_BUCKET", "VIGIL_EVENT_BUS", "VIGIL_NAMESPACE", "VIGIL_TABLE", "VIGIL_TOPIC_ARN"]);
    expect(env("notify")).toEqual(["NODE_OPTIONS", "SLACK_WEBHOOK_SECRET_ARN"]);
  });
});
