import { expect } from "vitest";
import { GetMetricDataCommand, type CloudWatchClient } from "@aws-sdk/client-cloudwatch";
import { CreateBucketCommand, HeadObjectCommand, type S3Client } from "@aws-sdk/client-s3";
import { CreateTopicCommand, SubscribeCommand } from "@aws-sdk/client-sns";
import { CreateQueueCommand, GetQueueAttributesCommand, ReceiveMessageCommand, type SQSClient } from "@aws-sdk/client-sqs";
import { prng } from "../../bench/generate.ts";
import { awsClients, createVigilTable, type Moto } from "./moto.ts";

/**
 * The Vigil pipeline on moto as the Lambdas see it: a bucket, the table, the alert topic with an
 * SQS queue subscribed to read alerts back, and the Lambda environment (DESIGN §7) pointing the
 * real handlers at moto through AWS_ENDPOINT_URL. Shared by the end-to-end tests.
 *
 * @example
 * const env = await setUpPipeline(moto, { bucket: "vigil-e2e", table: "vigil-e2e", namespace: "VigilE2E" });
 * const handlers = await loadHandlers();
 */
export interface Pipeline {
  clients: ReturnType<typeof awsClients>;
  bucket: string;
  table: string;
  namespace: string;
  topicArn: string;
  /** The queue subscribed to the alert topic. */
  alertQueueUrl: string;
}

/** Creates the resources and sets the Lambda environment; call again after `moto.reset()`. */
export async function setUpPipeline(moto: Moto, names: { bucket: string; table: string; namespace: string }): Promise<Pipeline> {
  const clients = awsClients(moto.endpoint);
  await clients.s3.send(new CreateBucketCommand({ Bucket: names.bucket }));
  await createVigilTable(clients.dynamodb, names.table);
  const topic = await clients.sns.send(new CreateTopicCommand({ Name: "vigil-alerts" }));
  const queue = await clients.sqs.send(new CreateQueueCommand({ QueueName: "alerts-readback" }));
  const attrs = await clients.sqs.send(new GetQueueAttributesCommand({ QueueUrl: queue.QueueUrl, AttributeNames: ["QueueArn"] }));
  await clients.sns.send(new SubscribeCommand({ TopicArn: topic.TopicArn, Protocol: "sqs", Endpoint: attrs.Attributes!.QueueArn }));
  Object.assign(process.env, {
    VIGIL_BUCKET: names.bucket,
    VIGIL_TABLE: names.table,
    VIGIL_TOPIC_ARN: topic.TopicArn,
    VIGIL_NAMESPACE: names.namespace,
    AWS_ENDPOINT_URL: moto.endpoint,
    AWS_REGION: "us-east-1",
    AWS_ACCESS_KEY_ID: "testing",
    AWS_SECRET_ACCESS_KEY: "testing",
    // moto 5.2 cannot read gzip-compressed CloudWatch bodies (see test/helpers/moto.ts).
    AWS_DISABLE_REQUEST_COMPRESSION: "true",
  });
  return { clients, ...names, topicArn: topic.TopicArn!, alertQueueUrl: queue.QueueUrl! };
}

/** A Lambda handler as the tests call it. */
export type Handler = (event: unknown) => Promise<unknown>;

/** The real handlers, imported after the environment is set. */
export async function loadHandlers(): Promise<Record<"ingest" | "labels" | "evaluate" | "reference", Handler>> {
  return {
    ingest: (await import("../../functions/ingest.ts")).handler as Handler,
    labels: (await import("../../functions/labels.ts")).handler as Handler,
    evaluate: (await import("../../functions/evaluate.ts")).handler as Handler,
    reference: (await import("../../functions/reference.ts")).handler as Handler,
  };
}

/** One SQS record of a Lambda event. */
export interface SqsRecord {
  messageId: string;
  receiptHandle: string;
  body: string;
  [k: string]: unknown;
}

/** The SQS record S3 sends for an ObjectCreated event (key URL-encoded, `+` for spaces). */
export async function s3Message(s3: S3Client, bucket: string, key: string, n: number): Promise<SqsRecord> {
  const head = await s3.send(new HeadObjectCommand({ Bucket: bucket, Key: key }));
  const record = {
    eventVersion: "2.1",
    eventSource: "aws:s3",
    awsRegion: "us-east-1",
    eventTime: new Date().toISOString(),
    eventName: "ObjectCreated:Put",
    s3: { s3SchemaVersion: "1.0", bucket: { name: bucket, arn: `arn:aws:s3:::${bucket}` }, object: { key: encodeURIComponent(key).replace(/%20/g, "+").replace(/%2F/g, "/"), size: head.ContentLength, eTag: head.ETag?.replace(/"/g, ""), sequencer: "0" } },
  };
  return { messageId: `m-${n}`, receiptHandle: `r-${n}`, body: JSON.stringify({ Records: [record] }), attributes: {}, messageAttributes: {}, md5OfBody: "", eventSource: "aws:sqs", eventSourceARN: "arn:aws:sqs:us-east-1:123456789012:q", awsRegion: "us-east-1" };
}

/** A seeded Fisher–Yates shuffle (a copy). */
export function shuffled<T>(items: readonly T[], seed: number): T[] {
  const rand = prng(seed);
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}

/** Delivers every key twice, in a shuffled order, one SQS batch of up to 10 messages at a time; no record may fail. */
export async function deliverTwice(p: Pipeline, handler: Handler, keys: readonly string[], seed: number): Promise<void> {
  const messages = shuffled(await Promise.all([...keys, ...keys].map((k, i) => s3Message(p.clients.s3, p.bucket, k, i))), seed);
  for (let i = 0; i < messages.length; i += 10) {
    const res = (await handler({ Records: messages.slice(i, i + 10) })) as { batchItemFailures: unknown[] };
    expect(res.batchItemFailures).toEqual([]);
  }
}

/** One statistic of a metric per period start (ms), from GetMetricData. */
export async function metricSeries(
  cloudwatch: CloudWatchClient,
  q: { namespace: string; name: string; dims: Record<string, string>; stat: "Sum" | "SampleCount" | "Maximum" | "Minimum"; startMs: number; endMs: number; periodSeconds?: number },
): Promise<Map<number, number>> {
  const res = await cloudwatch.send(
    new GetMetricDataCommand({
      StartTime: new Date(q.startMs),
      EndTime: new Date(q.endMs),
      MetricDataQueries: [
        {
          Id: "m",
          MetricStat: {
            Metric: { Namespace: q.namespace, MetricName: q.name, Dimensions: Object.entries(q.dims).map(([Name, Value]) => ({ Name, Value })) },
            Period: q.periodSeconds ?? 86_400,
            Stat: q.stat,
          },
        },
      ],
    }),
  );
  const r = res.MetricDataResults?.[0];
  return new Map((r?.Timestamps ?? []).map((t, i) => [t.getTime(), r!.Values![i]]));
}

/** An alert as read back from the queue subscribed to the topic. */
export interface ReceivedAlert {
  subject: string;
  severity: string;
  body: Record<string, unknown>;
}

/** Every alert message waiting in the read-back queue (received ones become invisible). */
export async function receiveAlerts(sqs: SQSClient, queueUrl: string): Promise<ReceivedAlert[]> {
  const out: ReceivedAlert[] = [];
  for (;;) {
    const res = await sqs.send(new ReceiveMessageCommand({ QueueUrl: queueUrl, MaxNumberOfMessages: 10, WaitTimeSeconds: 0 }));
    if (!res.Messages?.length) return out;
    for (const m of res.Messages) {
      const envelope = JSON.parse(m.Body!);
      out.push({ subject: envelope.Subject, severity: envelope.MessageAttributes?.severity?.Value, body: JSON.parse(envelope.Message) });
    }
  }
}
