import { CreateTopicCommand, SubscribeCommand, type SNSClient } from "@aws-sdk/client-sns";
import { CreateQueueCommand, GetQueueAttributesCommand, ReceiveMessageCommand, type SQSClient } from "@aws-sdk/client-sqs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { MAX_SUBJECT_CHARS, MessageTooLargeError, snsSubject, SnsNotifier } from "../../../functions/adapters/sns-notifier.ts";
import type { AlertMessage } from "../../../shared/ports.ts";
import { emailFilterPolicy, slackFilterPolicy } from "../../../infra/constructs/alert-topic.ts";
import { awsClients, startMoto, type Moto } from "../../helpers/moto.ts";

let moto: Moto;
let sns: SNSClient;
let sqs: SQSClient;
let topicArn: string;
let queueUrl: string;

beforeAll(async () => {
  moto = await startMoto();
  ({ sns, sqs } = awsClients(moto.endpoint));
  topicArn = (await sns.send(new CreateTopicCommand({ Name: "vigil-alerts" }))).TopicArn!;
  queueUrl = (await sqs.send(new CreateQueueCommand({ QueueName: "alerts-readback" }))).QueueUrl!;
  const attrs = await sqs.send(new GetQueueAttributesCommand({ QueueUrl: queueUrl, AttributeNames: ["QueueArn"] }));
  await sns.send(new SubscribeCommand({ TopicArn: topicArn, Protocol: "sqs", Endpoint: attrs.Attributes!.QueueArn }));
});
afterAll(async () => {
  sns?.destroy();
  sqs?.destroy();
  await moto?.stop();
});

const alert: AlertMessage = {
  subject: "[P2] bank-marketing: accuracy 0.71 < 0.85 (window 2008-09-01)",
  text: "Accuracy fell to 0.71 (threshold 0.85).\nRunbook: https://example.invalid/runbook",
  body: { rule: "accuracy", value: 0.71, threshold: 0.85, drifted: [{ feature: "age", score: 0.31 }], labelCoverage: 0.92 },
  attributes: { severity: "P2", model: "bank-marketing", rule: "accuracy" },
};

async function receiveOne(): Promise<Record<string, unknown>> {
  const res = await sqs.send(new ReceiveMessageCommand({ QueueUrl: queueUrl, MaxNumberOfMessages: 10, WaitTimeSeconds: 1 }));
  expect(res.Messages).toHaveLength(1);
  return JSON.parse(res.Messages![0].Body!) as Record<string, unknown>;
}

describe("SnsNotifier", () => {
  it("delivers the JSON body, subject and attributes to an SQS subscriber", async () => {
    await new SnsNotifier(sns, topicArn).publish(alert);
    const envelope = await receiveOne();
    expect(envelope.Type).toBe("Notification");
    expect(JSON.parse(envelope.Message as string)).toEqual(alert.body);
    expect(envelope.Subject).toBe(alert.subject);
    expect(envelope.MessageAttributes).toEqual({
      severity: { Type: "String", Value: "P2" },
      model: { Type: "String", Value: "bank-marketing" },
      rule: { Type: "String", Value: "accuracy" },
    });
  });

  it("routes by the stack's filter policies: a model's channels first, else severity", async () => {
    // The policies the stack deploys (infra/constructs/alert-topic.ts), evaluated by moto's SNS.
    const queue = async (name: string, policy: Record<string, unknown>) => {
      const url = (await sqs.send(new CreateQueueCommand({ QueueName: name }))).QueueUrl!;
      const arn = (await sqs.send(new GetQueueAttributesCommand({ QueueUrl: url, AttributeNames: ["QueueArn"] }))).Attributes!.QueueArn!;
      await sns.send(new SubscribeCommand({ TopicArn: topicArn, Protocol: "sqs", Endpoint: arn, Attributes: { FilterPolicy: JSON.stringify(policy) } }));
      return url;
    };
    const email = await queue("routing-email", emailFilterPolicy(["P1", "P2"]));
    const slack = await queue("routing-slack", slackFilterPolicy());
    const send = (rule: string, severity: string, channels?: string[]) =>
      new SnsNotifier(sns, topicArn).publish({ ...alert, attributes: { severity, model: "m", rule, ...(channels ? { channels } : {}) } });
    await send("p1-default", "P1");
    await send("p3-default", "P3");
    await send("p3-to-email", "P3", ["email", "slack"]);
    await send("p1-slack-only", "P1", ["slack"]);
    const rules = async (url: string) => {
      const res = await sqs.send(new ReceiveMessageCommand({ QueueUrl: url, MaxNumberOfMessages: 10, WaitTimeSeconds: 1 }));
      return (res.Messages ?? []).map((m) => (JSON.parse(m.Body!).MessageAttributes.rule.Value as string)).sort();
    };
    expect(await rules(email)).toEqual(["p1-default", "p3-to-email"]);
    expect(await rules(slack)).toEqual(["p1-default", "p1-slack-only", "p3-default", "p3-to-email"]);
    await sqs.send(new ReceiveMessageCommand({ QueueUrl: queueUrl, MaxNumberOfMessages: 10, WaitTimeSeconds: 1 })); // drain the catch-all queue
  });

  it("cleans a subject SNS would reject", async () => {
    const subject = `[P1] modèle\tx: drift\nover ${"y".repeat(200)} ✓`;
    await new SnsNotifier(sns, topicArn).publish({ ...alert, subject });
    const sent = (await receiveOne()).Subject as string;
    expect(sent).toBe(snsSubject(subject));
    expect(sent.startsWith("[P1] modele x: drift over yyy")).toBe(true);
    expect(sent).toHaveLength(MAX_SUBJECT_CHARS);
    expect(sent).toMatch(/^[\x20-\x7e]+\.\.\.$/);
  });

  it("rejects a body too large for SNS, naming the topic", async () => {
    const huge = { ...alert, body: { blob: "z".repeat(300_000) } };
    await expect(new SnsNotifier(sns, topicArn).publish(huge)).rejects.toBeInstanceOf(MessageTooLargeError);
  });
});

describe("snsSubject", () => {
  it("keeps a clean subject as it is and never returns an empty one", () => {
    expect(snsSubject(alert.subject)).toBe(alert.subject);
    expect(snsSubject(" \n ")).toBe("Vigil alert");
    expect(snsSubject("[P2] café: accuracy 0.71\n< 0.85")).toBe("[P2] cafe: accuracy 0.71 < 0.85");
  });
});
