import { afterAll, beforeAll, beforeEach, expect } from "vitest";
import { GetItemCommand, QueryCommand, ScanCommand } from "@aws-sdk/client-dynamodb";
import { GetObjectCommand, HeadObjectCommand, ListObjectsV2Command, PutBucketNotificationConfigurationCommand, PutObjectCommand } from "@aws-sdk/client-s3";
import { MAX_RECEIVE_COUNT } from "../../infra/constructs/object-queue.ts";
import { SIZING } from "../../infra/sizing.ts";
import { partialKey, sourceId } from "../../shared/pipeline/keys.ts";
import { clients as runtimeClients } from "../../functions/runtime.ts";
import { FaultInjector } from "./faults.ts";
import { startMoto, type Moto } from "./moto.ts";
import { loadHandlers, metricSeries, receiveAlerts, s3Message, setUpPipeline, type Handler, type Pipeline } from "./pipeline.ts";
import { createQueueWithDlq, drainQueue, visibleMessages, type QueueWithDlq } from "./sqs-lambda.ts";

/**
 * The fixture of the fault tests (test/functions/faults-*.e2e.test.ts), issue 7: the real handlers
 * with the Lambda environment on moto; S3 event notifications through real SQS queues with the
 * stack's redrive policy (maxReceiveCount 5), consumed as Lambda's event source mapping does
 * (sqs-lambda.ts); faults injected below the SDK's deserializer of the handlers' own clients
 * (faults.ts), so the SDK's real retry strategy handles them while every other request reaches
 * moto. A model has OBJECTS objects of ROWS rows in one closed daily window, SHARED_IDS ids of
 * object 0 repeated in object 1, a reference, and one alert rule that fires once.
 * `expectExactlyOnce` checks that nothing was lost or counted twice: CloudWatch, the partial
 * profiles, the join items, the done markers, the alerts read back from SNS, and both queues.
 *
 * @example
 * const f = useFaultPipeline(); // registers the hooks
 * it("…", async () => { const model = await newModel("tag"); f.faults.s3.plan({ … }); await ingestQueue(); … await expectExactlyOnce(model, 1); });
 */
export const DAY_MS = 86_400_000;
export const DAY = Math.floor(Date.now() / DAY_MS) * DAY_MS - 3 * DAY_MS;
const RUN = Date.now().toString(36);
export const BUCKET = "vigil-faults";
export const NAMESPACE = "VigilFaults";
export const OBJECTS = 3;
export const ROWS = 12;
export const SHARED_IDS = 3;

let moto: Moto;
let p: Pipeline;
let handlers: Record<"ingest" | "labels" | "evaluate" | "reference", Handler>;
let queues: { predictions: QueueWithDlq; labels: QueueWithDlq };
let faults: { s3: FaultInjector; dynamodb: FaultInjector; cloudwatch: FaultInjector; sns: FaultInjector };
let n = 0;

/** A model name unique to the test (moto's GetMetricData ignores Namespace). */
export const modelName = (tag: string) => `f-${tag}-${RUN}-${n++}`;

/** Row i of object o; object 1 repeats the first SHARED_IDS ids of object 0 (cross-object duplicates). */
export function idOf(model: string, o: number, i: number): string {
  return o === 1 && i < SHARED_IDS ? `${model}-0-${i}` : `${model}-${o}-${i}`;
}

export function objectBody(model: string, o: number): string {
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

export const objectKey = (model: string, o: number) => `predictions/${model}/2024/part-${o}.jsonl`;
export const allIds = (model: string) => Array.from({ length: OBJECTS }, (_, o) => Array.from({ length: ROWS }, (_, i) => idOf(model, o, i))).flat();
export const DISTINCT = OBJECTS * ROWS - SHARED_IDS;

export async function put(key: string, body: string): Promise<void> {
  await p.clients.s3.send(new PutObjectCommand({ Bucket: BUCKET, Key: key, Body: body }));
}

/** A monitor with one rule that fires once per model, and a reference built by the reference handler. */
export async function setUpModel(model: string): Promise<void> {
  await put(`monitors/${model}.yaml`, `model: ${model}\nwindow: 1d\nlateness: 1h\nalerts:\n  - {name: volume_seen, when: "row_count > 0", severity: P3}\n`);
  const ref = Array.from({ length: 40 }, (_, i) => JSON.stringify({ timestamp: new Date(DAY - 10 * DAY_MS + i * 60_000).toISOString(), request_id: `ref-${i}`, features: { x: i % 17, c: ["a", "b", "c"][i % 3] }, prediction: i % 2, score: (i % 10) / 10 }));
  await put(`reference/${model}/data.jsonl`, ref.join("\n") + "\n");
  const res = (await handlers.reference({ Records: [await s3Message(p.clients.s3, BUCKET, `reference/${model}/data.jsonl`, 0)] })) as { batchItemFailures: unknown[] };
  expect(res.batchItemFailures).toEqual([]);
}

/** A new model with its monitor, reference and objects (S3 has notified the predictions queue). */
export async function newModel(tag: string): Promise<string> {
  const model = modelName(tag);
  await setUpModel(model);
  await uploadObjects(model);
  return model;
}

/** Uploads the model's objects; S3 notifies the predictions queue. */
export async function uploadObjects(model: string): Promise<void> {
  for (let o = 0; o < OBJECTS; o++) await put(objectKey(model, o), objectBody(model, o));
}

export const ingestQueue = () => drainQueue(p.clients.sqs, queues.predictions.url, handlers.ingest, SIZING.ingest.batchSize!);

export async function listKeys(prefix: string): Promise<string[]> {
  const res = await p.clients.s3.send(new ListObjectsV2Command({ Bucket: BUCKET, Prefix: prefix }));
  return (res.Contents ?? []).map((o) => o.Key!);
}

export async function readJson<T>(key: string): Promise<T> {
  const res = await p.clients.s3.send(new GetObjectCommand({ Bucket: BUCKET, Key: key }));
  return JSON.parse(await res.Body!.transformToString()) as T;
}

export async function metric(model: string, name: string, stat: "Sum" | "SampleCount"): Promise<number | undefined> {
  const series = await metricSeries(p.clients.cloudwatch, { namespace: NAMESPACE, name, dims: { Model: model }, stat, startMs: DAY - DAY_MS, endMs: DAY + 2 * DAY_MS });
  return series.get(DAY);
}

/** Nothing lost, nothing counted twice: every store agrees with the data uploaded. */
export async function expectExactlyOnce(model: string, alerts: number): Promise<void> {
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

export async function objectSourceId(key: string): Promise<string> {
  const head = await p.clients.s3.send(new HeadObjectCommand({ Bucket: BUCKET, Key: key }));
  return sourceId(key, head.ETag!.replace(/"/g, ""));
}

export async function windowState(model: string) {
  const res = await p.clients.dynamodb.send(new GetItemCommand({ TableName: BUCKET, Key: { pk: { S: `S#${model}` }, sk: { S: `W#${DAY}` } }, ConsistentRead: true }));
  return res.Item ?? null;
}

/** `vigil redrive`, as an operator runs it once the cause is fixed. */
export async function redriveFromCli(q: QueueWithDlq): Promise<string> {
  const { main } = await import("../../cli/main.ts");
  let out = "";
  expect(await main(["redrive", "--dlq", q.dlqUrl, "--queue", q.url], { out: (s) => (out += s), err: () => {} })).toBe(0);
  return out;
}

/** The live fixture: valid inside tests, once the hooks ran. */
export const f = {
  get p() {
    return p;
  },
  get handlers() {
    return handlers;
  },
  get queues() {
    return queues;
  },
  get faults() {
    return faults;
  },
};

/** Registers the hooks: one moto per file, reset before each test, resources and queues created again. */
export function useFaultPipeline(): typeof f {
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
    for (const injector of Object.values(faults)) injector.clear().resetLog();
  });

  afterAll(async () => {
    await moto?.stop();
  });
  return f;
}
