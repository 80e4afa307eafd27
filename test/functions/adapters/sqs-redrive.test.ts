import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CreateQueueCommand, ReceiveMessageCommand, SendMessageCommand } from "@aws-sdk/client-sqs";
import { redrive } from "../../../functions/adapters/sqs-redrive.ts";
import { awsClients, startMoto, type Moto } from "../../helpers/moto.ts";

// Issue 7: dead letters go back to their queue — on a real SQS API (moto 5.2).
let moto: Moto;
let sqs: ReturnType<typeof awsClients>["sqs"];

async function drain(url: string): Promise<string[]> {
  const bodies: string[] = [];
  for (;;) {
    const r = await sqs.send(new ReceiveMessageCommand({ QueueUrl: url, MaxNumberOfMessages: 10, WaitTimeSeconds: 0, MessageAttributeNames: ["All"] }));
    if (!r.Messages?.length) return bodies.sort();
    bodies.push(...r.Messages.map((m) => `${m.Body}|${m.MessageAttributes?.origin?.StringValue ?? ""}`));
  }
}

beforeAll(async () => {
  moto = await startMoto();
  sqs = awsClients(moto.endpoint).sqs;
});
afterAll(async () => moto?.stop());

describe("redrive", () => {
  it("moves every dead letter back with its body and attributes, and empties the DLQ", async () => {
    const dlq = (await sqs.send(new CreateQueueCommand({ QueueName: "ingest-dlq" }))).QueueUrl!;
    const source = (await sqs.send(new CreateQueueCommand({ QueueName: "ingest" }))).QueueUrl!;
    const bodies = Array.from({ length: 25 }, (_, i) => JSON.stringify({ Records: [{ s3: { object: { key: `predictions/m/${i}.jsonl` } } }] }));
    for (const b of bodies) await sqs.send(new SendMessageCommand({ QueueUrl: dlq, MessageBody: b, MessageAttributes: { origin: { DataType: "String", StringValue: "s3" } } }));
    expect(await redrive(sqs, dlq, source)).toEqual({ moved: 25, failed: 0 });
    expect(await drain(source)).toEqual(bodies.map((b) => `${b}|s3`).sort());
    expect(await drain(dlq)).toEqual([]);
  });

  it("runs from the command line against any AWS-compatible endpoint", async () => {
    const dlq = (await sqs.send(new CreateQueueCommand({ QueueName: "labels-dlq" }))).QueueUrl!;
    const source = (await sqs.send(new CreateQueueCommand({ QueueName: "labels" }))).QueueUrl!;
    for (let i = 0; i < 3; i++) await sqs.send(new SendMessageCommand({ QueueUrl: dlq, MessageBody: `m${i}` }));
    Object.assign(process.env, { AWS_ENDPOINT_URL: moto.endpoint, AWS_REGION: "us-east-1", AWS_ACCESS_KEY_ID: "testing", AWS_SECRET_ACCESS_KEY: "testing" });
    const { main } = await import("../../../cli/main.ts");
    let out = "";
    expect(await main(["redrive", "--dlq", dlq, "--queue", source, "--max", "2"], { out: (s) => (out += s), err: () => {} })).toBe(0);
    expect(out).toMatch(/^moved 2 message\(s\)/);
    expect((await drain(source)).length).toBe(2);
  });
});
