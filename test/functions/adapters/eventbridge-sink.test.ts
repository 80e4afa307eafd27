import { PutRuleCommand, PutTargetsCommand, type EventBridgeClient } from "@aws-sdk/client-eventbridge";
import { CreateQueueCommand, GetQueueAttributesCommand, ReceiveMessageCommand, type SQSClient } from "@aws-sdk/client-sqs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { EventPublishError } from "../../../functions/adapters/errors.ts";
import { EventBridgeSink } from "../../../functions/adapters/eventbridge-sink.ts";
import { RETRAIN_EVENT } from "../../../shared/names.ts";
import { awsClients, startMoto, type Moto } from "../../helpers/moto.ts";

let moto: Moto;
let events: EventBridgeClient;
let sqs: SQSClient;
let queueUrl: string;

beforeAll(async () => {
  moto = await startMoto();
  ({ eventbridge: events, sqs } = awsClients(moto.endpoint));
  queueUrl = (await sqs.send(new CreateQueueCommand({ QueueName: "retrain-readback" }))).QueueUrl!;
  const arn = (await sqs.send(new GetQueueAttributesCommand({ QueueUrl: queueUrl, AttributeNames: ["QueueArn"] }))).Attributes!.QueueArn!;
  await events.send(
    new PutRuleCommand({ Name: "retrain", EventPattern: JSON.stringify({ source: [RETRAIN_EVENT.source], "detail-type": [RETRAIN_EVENT.detailType] }) }),
  );
  await events.send(new PutTargetsCommand({ Rule: "retrain", Targets: [{ Id: "queue", Arn: arn }] }));
});
afterAll(async () => {
  events?.destroy();
  sqs?.destroy();
  await moto?.stop();
});

describe("EventBridgeSink", () => {
  it("puts an event that a rule on the default bus delivers to SQS", async () => {
    const detail = { model: "bank-marketing", driftedShare: 0.6, features: ["age", "balance"] };
    await new EventBridgeSink(events, "default").put(RETRAIN_EVENT.source, RETRAIN_EVENT.detailType, detail);
    const res = await sqs.send(new ReceiveMessageCommand({ QueueUrl: queueUrl, MaxNumberOfMessages: 10, WaitTimeSeconds: 1 }));
    expect(res.Messages).toHaveLength(1);
    const event = JSON.parse(res.Messages![0].Body!) as Record<string, unknown>;
    expect(event).toMatchObject({ source: "vigil", "detail-type": "Retraining Recommended", detail });
  });

  it("throws with the entry's error code when PutEvents rejects the entry", async () => {
    const err = await new EventBridgeSink(events, "default").put("", RETRAIN_EVENT.detailType, {}).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(EventPublishError);
    expect(err).toMatchObject({ busName: "default", errorCode: "InvalidArgument", detailType: "Retraining Recommended" });
  });

  it("rethrows a call that fails outright (a bus that does not exist)", async () => {
    await expect(new EventBridgeSink(events, "no-such-bus").put("vigil", "x", { a: 1 })).rejects.toMatchObject({
      name: "ResourceNotFoundException",
    });
  });
});
