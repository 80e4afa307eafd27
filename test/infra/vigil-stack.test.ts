import { App } from "aws-cdk-lib";
import { Match, type Template } from "aws-cdk-lib/assertions";
import { beforeAll, describe, expect, it } from "vitest";
import { MAX_RECEIVE_COUNT } from "../../infra/constructs/object-queue.ts";
import { evaluationSchedule, parseSeverities, propsFromContext, SettingError } from "../../infra/settings.ts";
import { SIZING } from "../../infra/sizing.ts";
import type { VigilStack } from "../../infra/vigil-stack.ts";
import { PREFIX } from "../../shared/names.ts";
import { isReferenceData } from "../../shared/pipeline/keys.ts";
import { folderWith, SLACK_SECRET_ARN, synth } from "./synth.ts";

const denyInsecureTransport = [expect.objectContaining({ Effect: "Deny", Condition: { Bool: { "aws:SecureTransport": "false" } } })];

const notificationFilters = (): Array<{ prefix?: string; suffix?: string }> =>
  Object.values(template.findResources("Custom::S3BucketNotifications"))[0].Properties.NotificationConfiguration.QueueConfigurations.map(
    (q: { Filter: { Key: { FilterRules: Array<{ Name: string; Value: string }> } } }) => Object.fromEntries(q.Filter.Key.FilterRules.map((r) => [r.Name, r.Value])),
  );

let stack: VigilStack;
let template: Template;
beforeAll(() => {
  ({ stack, template } = synth({ alertEmail: "ml-oncall@example.com", slackWebhookSecretArn: SLACK_SECRET_ARN }));
});

describe("VigilStack bucket", () => {
  it("encrypts the data bucket with SSE-S3", () => {
    template.hasResourceProperties("AWS::S3::Bucket", {
      BucketEncryption: { ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: "AES256" } }] },
      LoggingConfiguration: Match.objectLike({ LogFilePrefix: "vigil/" }),
    });
  });

  it("blocks every kind of public access on both buckets", () => {
    const buckets = Object.values(template.findResources("AWS::S3::Bucket"));
    expect(buckets).toHaveLength(2);
    for (const b of buckets) {
      expect(b.Properties.PublicAccessBlockConfiguration).toEqual({ BlockPublicAcls: true, BlockPublicPolicy: true, IgnorePublicAcls: true, RestrictPublicBuckets: true });
    }
  });

  it("denies requests without TLS in both bucket policies", () => {
    const policies = Object.values(template.findResources("AWS::S3::BucketPolicy"));
    expect(policies).toHaveLength(2);
    for (const p of policies) expect(p.Properties.PolicyDocument.Statement).toEqual(expect.arrayContaining(denyInsecureTransport));
  });

  it("expires state/ and quarantine/ and aborts stale multipart uploads", () => {
    template.hasResourceProperties("AWS::S3::Bucket", {
      LifecycleConfiguration: {
        Rules: Match.arrayWith([
          Match.objectLike({ Prefix: PREFIX.state, ExpirationInDays: 400, Status: "Enabled" }),
          Match.objectLike({ Prefix: PREFIX.quarantine, ExpirationInDays: 30, Status: "Enabled" }),
          Match.objectLike({ AbortIncompleteMultipartUpload: { DaysAfterInitiation: 7 } }),
        ]),
      },
    });
  });

  it("queues every new object under predictions/ and labels/", () => {
    expect(notificationFilters().slice(0, 2)).toEqual([{ prefix: "predictions/" }, { prefix: "labels/" }]);
  });

  it("queues exactly the reference data files the builder reads, not the profile it writes", () => {
    const reference = notificationFilters().slice(2);
    expect(reference.every((f) => f.prefix === PREFIX.reference && isReferenceData(`reference/m${f.suffix}`))).toBe(true);
    expect(reference.map((f) => f.suffix)).toEqual(expect.arrayContaining(["/data.csv", "/data.jsonl", "/data.parquet", "/data.csv.gz"]));
    expect(reference.some((f) => "reference/m/profile.json".endsWith(f.suffix!))).toBe(false);
  });
});

describe("VigilStack queues", () => {
  it("creates three object queues and three dead-letter queues", () => {
    template.resourceCountIs("AWS::SQS::Queue", 6);
    const withRedrive = Object.values(template.findResources("AWS::SQS::Queue", { Properties: { RedrivePolicy: Match.anyValue() } }));
    expect(withRedrive).toHaveLength(3);
    for (const q of withRedrive) expect(q.Properties.RedrivePolicy.maxReceiveCount).toBe(MAX_RECEIVE_COUNT);
  });

  it("encrypts every queue with SQS-managed keys", () => {
    for (const q of Object.values(template.findResources("AWS::SQS::Queue"))) expect(q.Properties.SqsManagedSseEnabled).toBe(true);
  });

  it("denies requests without TLS on every queue", () => {
    const policies = Object.values(template.findResources("AWS::SQS::QueuePolicy"));
    expect(policies).toHaveLength(6);
    for (const p of policies) expect(p.Properties.PolicyDocument.Statement).toEqual(expect.arrayContaining(denyInsecureTransport));
  });

  it("sets each visibility timeout to six times its consumer's timeout", () => {
    template.hasResourceProperties("AWS::SQS::Queue", { VisibilityTimeout: 900 * 6, RedrivePolicy: Match.anyValue() });
  });

  it("maps each queue to its function with partial batch failure reporting", () => {
    const mappings = Object.values(template.findResources("AWS::Lambda::EventSourceMapping"));
    expect(mappings).toHaveLength(3);
    for (const m of mappings) expect(m.Properties.FunctionResponseTypes).toEqual(["ReportBatchItemFailures"]);
  });
});

describe("VigilStack functions", () => {
  const vigilFunctions = () =>
    Object.values(template.findResources("AWS::Lambda::Function")).filter((f) => String(f.Properties.Runtime).startsWith("nodejs"));

  it("creates five Node.js functions when Slack is configured", () => {
    expect(vigilFunctions()).toHaveLength(5);
  });

  it("runs every function on arm64 and Node.js 20 or newer", () => {
    for (const f of vigilFunctions()) {
      expect(f.Properties.Architectures).toEqual(["arm64"]);
      expect(Number(/^nodejs(\d+)\.x$/.exec(f.Properties.Runtime)?.[1])).toBeGreaterThanOrEqual(20);
    }
  });

  it("logs JSON to a dedicated log group", () => {
    for (const f of vigilFunctions()) expect(f.Properties.LoggingConfig).toMatchObject({ LogFormat: "JSON", LogGroup: { Ref: expect.any(String) } });
  });

  it("keeps function logs for a month by default", () => {
    const groups = Object.values(template.findResources("AWS::Logs::LogGroup"));
    expect(groups.length).toBeGreaterThanOrEqual(5);
    for (const g of groups) expect(g.Properties.RetentionInDays).toBe(30);
  });

  it("sizes each function from the measurements in infra/sizing.ts", () => {
    const resources = template.toJSON().Resources;
    for (const [name, fn] of Object.entries(stack.functions)) {
      const props = resources[stack.getLogicalId(fn.function.node.defaultChild as never)].Properties;
      const sizing = SIZING[name as keyof typeof SIZING];
      expect([props.MemorySize, props.Timeout], name).toEqual([sizing.memoryMb, sizing.timeout.toSeconds()]);
    }
  });
});

describe("VigilStack schedule", () => {
  it("runs the evaluator every 15 minutes by default", () => {
    template.hasResourceProperties("AWS::Events::Rule", {
      ScheduleExpression: "rate(15 minutes)",
      Targets: [Match.objectLike({ RetryPolicy: { MaximumRetryAttempts: 2, MaximumEventAgeInSeconds: 900 } })],
    });
  });

  it("takes the interval from the evaluateEvery context", () => {
    const app = new App({ context: { evaluateEvery: "1h" } });
    synth(propsFromContext(app.node)).template.hasResourceProperties("AWS::Events::Rule", { ScheduleExpression: "rate(1 hour)" });
  });
});

describe("VigilStack table", () => {
  it("is on demand with point-in-time recovery, encryption and TTL", () => {
    template.hasResourceProperties("AWS::DynamoDB::Table", {
      BillingMode: "PAY_PER_REQUEST",
      KeySchema: [
        { AttributeName: "pk", KeyType: "HASH" },
        { AttributeName: "sk", KeyType: "RANGE" },
      ],
      PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
      SSESpecification: { SSEEnabled: true },
      TimeToLiveSpecification: { AttributeName: "ttl", Enabled: true },
    });
  });
});

describe("VigilStack topic", () => {
  it("encrypts the topic with a rotated customer key", () => {
    template.hasResourceProperties("AWS::SNS::Topic", { KmsMasterKeyId: Match.anyValue() });
    template.hasResourceProperties("AWS::KMS::Key", { EnableKeyRotation: true });
  });

  it("lets CloudWatch alarms use the topic key", () => {
    template.hasResourceProperties("AWS::KMS::Key", {
      KeyPolicy: { Statement: Match.arrayWith([Match.objectLike({ Principal: { Service: "cloudwatch.amazonaws.com" }, Action: ["kms:Decrypt", "kms:GenerateDataKey*"] })]) },
    });
  });

  it("denies publishing without TLS", () => {
    template.hasResourceProperties("AWS::SNS::TopicPolicy", {
      PolicyDocument: { Statement: Match.arrayWith([Match.objectLike({ Effect: "Deny", Condition: { Bool: { "aws:SecureTransport": "false" } } })]) },
    });
  });
});

describe("VigilStack monitor configs", () => {
  it("deploys the repository's monitors to monitors/ and prunes removed ones", () => {
    template.hasResourceProperties("Custom::CDKBucketDeployment", { DestinationBucketKeyPrefix: PREFIX.monitors, Prune: true });
  });

  it("bounds the deployment handler to the monitors/ prefix", () => {
    template.hasResourceProperties("AWS::IAM::Role", { PermissionsBoundary: Match.anyValue() });
    const boundary = Object.values(template.findResources("AWS::IAM::ManagedPolicy"))[0];
    const writes = boundary.Properties.PolicyDocument.Statement.find((s: { Sid: string }) => s.Sid === "SyncMonitors");
    expect(JSON.stringify(writes.Resource)).toContain("/monitors/*");
  });
});

describe("VigilStack outputs", () => {
  it("outputs the bucket name, the topic ARN and a dashboard URL per model", () => {
    const outputs = template.findOutputs("*");
    expect(Object.keys(outputs).sort()).toEqual(["BucketName", "DashboardUrlbankmarketing", "TopicArn"]);
    expect(JSON.stringify(outputs.DashboardUrlbankmarketing.Value)).toContain("#dashboards/dashboard/");
  });
});

describe("VigilStack with an invalid monitor file", () => {
  it("fails synth with the file, the field and the position", () => {
    const dir = folderWith({ "churn.yaml": "model: churn\ntask: binary_classification\nlabels: {minCoverage: 2}\n" });
    expect(() => synth({ monitorsDir: dir })).toThrow(/churn\.yaml:3:23: labels\.minCoverage: Too big/);
  });
});

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
