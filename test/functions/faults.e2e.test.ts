import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { GetItemCommand, QueryCommand, ScanCommand } from "@aws-sdk/client-dynamodb";
import { GetObjectCommand, HeadObjectCommand, ListObjectsV2Command, PutBucketNotificationConfigurationCommand, PutObjectCommand } from "@aws-sdk/client-s3";
import { ConfiguredRetryStrategy } from "@smithy/core/retry";
import { MAX_RECEIVE_COUNT } from "../../infra/constructs/object-queue.ts";
import { SIZING } from "../../infra/sizing.ts";
import { partialKey, sourceId } from "../../shared/pipeline/keys.ts";
import { clients as runtimeClients, MAX_ATTEMPTS } from "../../functions/runtime.ts";
import { breakBody, cloudWatchError, dynamoError, FaultInjector, s3Error, snsError } from "../helpers/faults.ts";
import { startMoto, type Moto } from "../helpers/moto.ts";
import { loadHandlers, metricSeries, receiveAlerts, s3Message, setUpPipeline, type Handler, type Pipeline } from "../helpers/pipeline.ts";
import { createQueueWithDlq, drainQueue, visibleMessages, type QueueWithDlq } from "../helpers/sqs-lambda.ts";

// Issue 7, faults against moto. The real handlers run with the Lambda environment; S3 event
// notifications go through real SQS queues with the stack's redrive policy (maxReceiveCount 5),
// consumed as Lambda's event source mapping does (test/helpers/sqs-lambda.ts). Faults are
// injected below the SDK's deserializer of the handlers' own clients (test/helpers/faults.ts), so
// the SDK's real retry strategy handles them; every other request reaches moto. Each test ends by
// checking that nothing was lost or counted twice: CloudWatch, the partial profiles, the join
// items, the done markers, the alerts read back from SNS, and both queues.

const DAY_MS = 86_400_000;
const DAY = Math.floor(Date.now() / DAY_MS) * DAY_MS - 3 * DAY_MS;
const RUN = Date.now().toString(36);
const BUCKET = "vigil-faults";
const NAMESPACE = "VigilFaults";
const OBJECTS = 3;
const ROWS = 20;
const SHARED_IDS = 3;

let moto: Moto;
let p: Pipeline;
let handlers: Record<"ingest" | "labels" | "evaluate" | "reference", Handler>;
let queues: { predictions: QueueWithDlq; labels: QueueWithDlq };
let faults: { s3: FaultInjector; dynamodb: FaultInjector; cloudwatch: FaultInjector; sns: FaultInjector };
let n = 0;

/** A model name unique to the test (moto's GetMetricData ignores Namespace). */
const modelName = (tag: string) => `f-${tag}-${RUN}-${n++}`;

/** Row i of object o; object 1 repeats the first SHARED_IDS ids of object 0 (cross-object duplicates). */
function idOf(model: string, o: number, i: number): string {
  return o === 1 && i < SHARED_IDS ? `${model}-0-${i}` : `${model}-${o}-${i}`;
}

function objectBody(model: string, o: number): string {
  return Array.from({ length: ROWS }, (_, i) =>
    JSON.stringify({
      timestamp: new Date(DAY + (o * ROWS + i) * 60_000).toISOString(),
      request_id: idOf(model, o, i),
      features: { x: (o * ROWS + i) % 17, c: ["a", "b", "c"][i % 3] },
      prediction: i % 2,
      score: (i % 10) / 10,
    }),
  ).join("\n") + "\n";
}

const objectKey = (model: string, o: number) => `predictions/${model}/2024/part-${o}.jsonl`;
const allIds = (model: string) => Array.from({ length: OBJECTS }, (_, o) => Array.from({ length: ROWS }, (_, i) => idOf(model, o, i))).flat();
const DISTINCT = OBJECTS * ROWS - SHARED_IDS;

async function put(key: string, body: string): Promise<void> {
  await p.clients.s3.send(new PutObjectCommand({ Bucket: BUCKET, Key: key, Body: body }));
}

/** A monitor with one rule that fires once per model, and a reference built by the reference handler. */
async function setUpModel(model: string): Promise<void> {
  await put(`monitors/${model}.yaml`, `model: ${model}\nwindow: 1d\nlateness: 1h\nalerts:\n  - {name: volume_seen, when: "row_count > 0", severity: P3}\n`);
  const ref = Array.from({ length: 40 }, (_, i) => JSON.stringify({ timestamp: new Date(DAY - 10 * DAY_MS + i * 60_000).toISOString(), request_id: `ref-${i}`, features: { x: i % 17, c: ["a", "b", "c"][i % 3] }, prediction: i % 2, score: (i % 10) / 10 }));
  await put(`reference/${model}/data.jsonl`, ref.join("\n") + "\n");
  const res = (await handlers.reference({ Records: [await s3Message(p.clients.s3, BUCKET, `reference/${model}/data.jsonl`, 0)] })) as { batchItemFailures: unknown[] };
  expect(res.batchItemFailures).toEqual([]);
}

/** Uploads the model's objects; S3 notifies the predictions queue. */
async function uploadObjects(model: string): Promise<void> {
  for (let o = 0; o < OBJECTS; o++) await put(objectKey(model, o), objectBody(model, o));
}

const ingestQueue = () => drainQueue(p.clients.sqs, queues.predictions.url, handlers.ingest, SIZING.ingest.batchSize!);

async function listKeys(prefix: string): Promise<string[]> {
  const res = await p.clients.s3.send(new ListObjectsV2Command({ Bucket: BUCKET, Prefix: prefix }));
  return (res.Contents ?? []).map((o) => o.Key!);
}

async function readJson<T>(key: string): Promise<T> {
  const res = await p.clients.s3.send(new GetObjectCommand({ Bucket: BUCKET, Key: key }));
  return JSON.parse(await res.Body!.transformToString()) as T;
}

async function metric(model: string, name: string, stat: "Sum" | "SampleCount"): Promise<number | undefined> {
  const series = await metricSeries(p.clients.cloudwatch, { namespace: NAMESPACE, name, dims: { Model: model }, stat, startMs: DAY - DAY_MS, endMs: DAY + 2 * DAY_MS });
  return series.get(DAY);
}

/** Nothing lost, nothing counted twice: every store agrees with the data uploaded. */
async function expectExactlyOnce(model: string, alerts: number): Promise<void> {
  expect(await metric(model, "RowCount", "Sum")).toBe(OBJECTS * ROWS);
  expect(await metric(model, "RowCount", "SampleCount")).toBe(1);
  expect(await metric(model, "DuplicateIds", "Sum")).toBe(SHARED_IDS);
  expect(await metric(model, "DuplicateIds", "SampleCount")).toBe(1);
  expect(await metric(model, "MalformedRows", "Sum")).toBe(0);
  const partialKeys = await listKeys(`state/${model}/partials/${DAY}/`);
  expect(partialKeys).toHaveLength(OBJECTS);
  const partials = await Promise.all(partialKeys.map((k) => readJson<{ profile: { rows: number; ids: { duplicates: number } }; joinDuplicates: number }>(k)));
  expect(partials.reduce((a, x) => a + x.profile.rows, 0)).toBe(OBJECTS * ROWS);
  expect(partials.reduce((a, x) => a + x.profile.ids.duplicates + x.joinDuplicates, 0)).toBe(SHARED_IDS);
  expect(await listKeys(`state/${model}/objects/`)).toHaveLength(OBJECTS);
  const window = await p.clients.dynamodb.send(new QueryCommand({ TableName: BUCKET, KeyConditionExpression: "pk = :pk", ExpressionAttributeValues: { ":pk": { S: `W#${model}#${DAY}` } } }));
  expect(window.Items?.map((i) => i.sk.S).sort()).toEqual([...new Set(allIds(model))].sort());
  const index = await p.clients.dynamodb.send(new ScanCommand({ TableName: BUCKET, FilterExpression: "begins_with(pk, :p)", ExpressionAttributeValues: { ":p": { S: `I#${model}#` } } }));
  expect(index.Items).toHaveLength(DISTINCT);
  const received = await receiveAlerts(p.clients.sqs, p.alertQueueUrl);
  expect(received.map((a) => a.body.rule ?? a.subject)).toHaveLength(alerts);
  if (alerts > 0) expect(received.every((a) => a.body.model === model && /volume_seen/.test(a.subject))).toBe(true);
  expect(await visibleMessages(p.clients.sqs, queues.predictions.url)).toBe(0);
  expect(await visibleMessages(p.clients.sqs, queues.predictions.dlqUrl)).toBe(0);
}

async function objectSourceId(key: string): Promise<string> {
  const head = await p.clients.s3.send(new HeadObjectCommand({ Bucket: BUCKET, Key: key }));
  return sourceId(key, head.ETag!.replace(/"/g, ""));
}

async function windowState(model: string) {
  const res = await p.clients.dynamodb.send(new GetItemCommand({ TableName: BUCKET, Key: { pk: { S: `S#${model}` }, sk: { S: `W#${DAY}` } }, ConsistentRead: true }));
  return res.Item ?? null;
}

/** `vigil redrive`, as an operator runs it once the cause is fixed. */
async function redriveFromCli(q: QueueWithDlq): Promise<string> {
  const { main } = await import("../../cli/main.ts");
  let out = "";
  expect(await main(["redrive", "--dlq", q.dlqUrl, "--queue", q.url], { out: (s) => (out += s), err: () => {} })).toBe(0);
  return out;
}

beforeAll(async () => {
  moto = await startMoto();
  p = await setUpPipeline(moto, { bucket: BUCKET, table: BUCKET, namespace: NAMESPACE });
  handlers = await loadHandlers();
  faults = {
    s3: new FaultInjector(runtimeClients.s3()),
    dynamodb: new FaultInjector(runtimeClients.dynamodb()),
    cloudwatch: new FaultInjector(runtimeClients.cloudwatch()),
    sns: new FaultInjector(runtimeClients.sns()),
  };
});

beforeEach(async () => {
  await moto.reset();
  p = await setUpPipeline(moto, { bucket: BUCKET, table: BUCKET, namespace: NAMESPACE });
  queues = {
    predictions: await createQueueWithDlq(p.clients.sqs, "predictions", MAX_RECEIVE_COUNT),
    labels: await createQueueWithDlq(p.clients.sqs, "labels", MAX_RECEIVE_COUNT),
  };
  const rule = (arn: string, prefix: string) => ({ QueueArn: arn, Events: ["s3:ObjectCreated:*" as const], Filter: { Key: { FilterRules: [{ Name: "prefix" as const, Value: prefix }] } } });
  await p.clients.s3.send(
    new PutBucketNotificationConfigurationCommand({
      Bucket: BUCKET,
      NotificationConfiguration: { QueueConfigurations: [rule(queues.predictions.arn, "predictions/"), rule(queues.labels.arn, "labels/")] },
    }),
  );
  for (const f of Object.values(faults)) f.clear().resetLog();
});

afterAll(async () => {
  await moto?.stop();
});

describe("S3 GetObject failing mid-stream", () => {
  it("resumes a body that breaks once with a ranged GET, without a redelivery", async () => {
    const model = modelName("s3mid");
    await setUpModel(model);
    await uploadObjects(model);
    faults.s3.plan({ commands: ["GetObject"], when: (i) => i.Key === objectKey(model, 1), times: 1, fault: breakBody(700) });
    const run = await ingestQueue();
    expect(run.failed).toBe(0);
    const gets = faults.s3.attempts.filter((a) => a.command === "GetObject" && a.input.Key === objectKey(model, 1));
    expect(gets.map((a) => [a.faulted, a.input.Range])).toEqual([[true, undefined], [false, "bytes=700-"]]);
    await handlers.evaluate({});
    await expectExactlyOnce(model, 1);
  });

  it("sends an object whose body keeps breaking to the dead-letter queue after 5 receives; redriven, it counts once", async () => {
    const model = modelName("s3dlq");
    await setUpModel(model);
    await uploadObjects(model);
    faults.s3.plan({ commands: ["GetObject"], when: (i) => i.Key === objectKey(model, 2), times: Infinity, fault: breakBody(200) });
    const run = await ingestQueue();
    expect(run.failed).toBe(MAX_RECEIVE_COUNT);
    expect(Math.max(...run.receives.values())).toBe(MAX_RECEIVE_COUNT);
    expect(await visibleMessages(p.clients.sqs, queues.predictions.dlqUrl)).toBe(1);
    expect(await listKeys(`state/${model}/objects/`)).toHaveLength(OBJECTS - 1); // never marked done
    faults.s3.clear();
    expect(await redriveFromCli(queues.predictions)).toMatch(/^moved 1 message/);
    expect((await ingestQueue()).failed).toBe(0);
    await handlers.evaluate({});
    await expectExactlyOnce(model, 1);
  });
});

describe("S3 PutObject failing after the join items were written", () => {
  it("retries a 500 with backoff inside the SDK", async () => {
    const model = modelName("s3put");
    await setUpModel(model);
    await uploadObjects(model);
    faults.s3.plan({ commands: ["PutObject"], when: (i) => String(i.Key).startsWith(`state/${model}/partials/`), times: 2, fault: s3Error("InternalError") });
    expect((await ingestQueue()).failed).toBe(0);
    const puts = faults.s3.calls.filter((c) => c.command === "PutObject" && c.attempts > 1);
    expect(puts.map((c) => [c.attempts, c.error])).toEqual([[3, null]]);
    await handlers.evaluate({});
    await expectExactlyOnce(model, 1);
  });

  it("counts none of a retried object's own ids as duplicates when it finally succeeds", async () => {
    const model = modelName("s3putdlq");
    await setUpModel(model);
    await uploadObjects(model);
    // Object 1's partial never saves: its ids are in the join store, its done marker never written.
    const partial = partialKey(model, DAY, await objectSourceId(objectKey(model, 1)));
    faults.s3.plan({ commands: ["PutObject"], when: (i) => i.Key === partial, times: Infinity, fault: s3Error("InternalError") });
    const run = await ingestQueue();
    expect(run.failed).toBe(MAX_RECEIVE_COUNT);
    expect(faults.s3.calls.filter((c) => c.error === "InternalError").every((c) => c.attempts === MAX_ATTEMPTS.default)).toBe(true);
    expect(await visibleMessages(p.clients.sqs, queues.predictions.dlqUrl)).toBe(1);
    faults.s3.clear();
    await redriveFromCli(queues.predictions);
    expect((await ingestQueue()).failed).toBe(0);
    await handlers.evaluate({});
    await expectExactlyOnce(model, 1);
  });
});

describe("DynamoDB throttling", () => {
  it("retries throttled writes with backoff inside the SDK: one delivery, nothing counted twice", async () => {
    const model = modelName("ddb");
    await setUpModel(model);
    await uploadObjects(model);
    faults.dynamodb.plan({ commands: ["PutItem"], times: 3, fault: dynamoError("ProvisionedThroughputExceededException") });
    expect((await ingestQueue()).failed).toBe(0);
    expect(faults.dynamodb.injected).toBe(3);
    const retried = faults.dynamodb.calls.filter((c) => c.attempts > 1);
    expect(retried.reduce((a, c) => a + c.attempts - 1, 0)).toBe(3);
    expect(retried.every((c) => c.error === null && c.totalRetryDelayMs >= 0)).toBe(true);
    expect(retried.reduce((a, c) => a + c.totalRetryDelayMs, 0)).toBeGreaterThan(0);
    // Labels for every id, their conditional updates throttled twice (ThrottlingException).
    await put(`labels/${model}/labels.jsonl`, [...new Set(allIds(model))].map((id, i) => JSON.stringify({ request_id: id, label: i % 2 })).join("\n") + "\n");
    faults.dynamodb.clear().resetLog();
    faults.dynamodb.plan({ commands: ["UpdateItem"], times: 2, fault: dynamoError("ThrottlingException") });
    expect((await drainQueue(p.clients.sqs, queues.labels.url, handlers.labels, SIZING.labels.batchSize!)).failed).toBe(0);
    expect(faults.dynamodb.injected).toBe(2);
    const window = await p.clients.dynamodb.send(new QueryCommand({ TableName: BUCKET, KeyConditionExpression: "pk = :pk", ExpressionAttributeValues: { ":pk": { S: `W#${model}#${DAY}` } } }));
    expect(window.Items?.filter((i) => i.label !== undefined)).toHaveLength(DISTINCT);
    await handlers.evaluate({});
    await expectExactlyOnce(model, 1);
    const coverage = await metricSeries(p.clients.cloudwatch, { namespace: NAMESPACE, name: "LabelCoverage", dims: { Model: model }, stat: "Maximum", startMs: DAY - DAY_MS, endMs: DAY + 2 * DAY_MS });
    expect(coverage.get(DAY)).toBe(1);
  });

  it("fails the record after 10 throttled attempts; from the dead-letter queue, redriven, it counts once", async () => {
    const model = modelName("ddbdlq");
    await setUpModel(model);
    await uploadObjects(model);
    const client = runtimeClients.dynamodb();
    const strategy = client.config.retryStrategy;
    // The runtime's attempt count, with the backoff shortened to 1 ms so the test does not wait ~50 s per call.
    client.config.retryStrategy = async () => new ConfiguredRetryStrategy(MAX_ATTEMPTS.dynamodb, 1);
    try {
      // Object 2's writes are throttled for good once a few of them went through.
      faults.dynamodb.plan({ commands: ["PutItem"], when: (i) => JSON.stringify(i.Item).includes(`${model}-2-`), skip: 6, times: Infinity, fault: dynamoError("ProvisionedThroughputExceededException") });
      const run = await ingestQueue();
      expect(run.failed).toBe(MAX_RECEIVE_COUNT);
      const failedCalls = faults.dynamodb.calls.filter((c) => c.error === "ProvisionedThroughputExceededException");
      expect(failedCalls.length).toBeGreaterThan(0);
      expect(failedCalls.every((c) => c.attempts === MAX_ATTEMPTS.dynamodb)).toBe(true);
    } finally {
      client.config.retryStrategy = strategy;
    }
    expect(await visibleMessages(p.clients.sqs, queues.predictions.dlqUrl)).toBe(1);
    faults.dynamodb.clear();
    await redriveFromCli(queues.predictions);
    expect((await ingestQueue()).failed).toBe(0);
    await handlers.evaluate({});
    await expectExactlyOnce(model, 1);
  });
});

describe("CloudWatch 5xx", () => {
  it("retries PutMetricData with backoff inside the SDK", async () => {
    const model = modelName("cw");
    await setUpModel(model);
    await uploadObjects(model);
    expect((await ingestQueue()).failed).toBe(0);
    faults.cloudwatch.plan({ commands: ["PutMetricData"], times: 2, fault: cloudWatchError() });
    await handlers.evaluate({});
    expect(faults.cloudwatch.calls.filter((c) => c.command === "PutMetricData").map((c) => c.attempts)).toContain(3);
    await expectExactlyOnce(model, 1);
  });

  it("fails the evaluation while CloudWatch keeps failing; the next run publishes once", async () => {
    const model = modelName("cwdown");
    await setUpModel(model);
    await uploadObjects(model);
    expect((await ingestQueue()).failed).toBe(0);
    faults.cloudwatch.plan({ commands: ["PutMetricData"], times: Infinity, fault: cloudWatchError() });
    await expect(handlers.evaluate({})).rejects.toThrow(/evaluation failed/);
    expect(faults.cloudwatch.calls.map((c) => [c.attempts, c.error])).toEqual([[MAX_ATTEMPTS.default, "InternalServiceFault"]]);
    expect(await windowState(model)).toBeNull(); // nothing claims the window was published
    expect(await metric(model, "RowCount", "SampleCount")).toBeUndefined();
    faults.cloudwatch.clear();
    await handlers.evaluate({});
    await handlers.evaluate({});
    // The alert went out in the failed run (before the metrics); the retry does not repeat it.
    await expectExactlyOnce(model, 1);
  });
});

describe("SNS failure", () => {
  it("retries a 500 from Publish inside the SDK", async () => {
    const model = modelName("sns");
    await setUpModel(model);
    await uploadObjects(model);
    expect((await ingestQueue()).failed).toBe(0);
    faults.sns.plan({ commands: ["Publish"], times: 1, fault: snsError() });
    await handlers.evaluate({});
    expect(faults.sns.calls.map((c) => [c.attempts, c.error])).toEqual([[2, null]]);
    await expectExactlyOnce(model, 1);
  });

  it("fails the evaluation while SNS keeps failing, gives the alert back, and the next run sends it once", async () => {
    const model = modelName("snsdown");
    await setUpModel(model);
    await uploadObjects(model);
    expect((await ingestQueue()).failed).toBe(0);
    faults.sns.plan({ commands: ["Publish"], times: Infinity, fault: snsError() });
    await expect(handlers.evaluate({})).rejects.toThrow(/evaluation failed/);
    expect(faults.sns.calls.map((c) => [c.attempts, c.error])).toEqual([[MAX_ATTEMPTS.default, "InternalErrorException"]]);
    expect(await windowState(model)).toBeNull();
    expect(await metric(model, "RowCount", "SampleCount")).toBeUndefined();
    faults.sns.clear();
    await handlers.evaluate({});
    await handlers.evaluate({});
    await expectExactlyOnce(model, 1);
  });
});

