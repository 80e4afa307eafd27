import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { QueryCommand } from "@aws-sdk/client-dynamodb";
import { GetObjectCommand, ListObjectsV2Command, PutObjectCommand } from "@aws-sdk/client-s3";
import { SIZING } from "../../infra/sizing.ts";
import { startMoto, type Moto } from "../helpers/moto.ts";
import { loadHandlers, metricSeries, s3Message, setUpPipeline, shuffled, type Handler, type Pipeline } from "../helpers/pipeline.ts";

// Issue 7, concurrency: 50 objects of one window, each S3 event delivered twice, all ingested at
// once — batches of the stack's size handed to concurrent invocations of the real ingest handler
// on moto, so the two deliveries of one object often run in parallel. Some ids repeat across
// objects, some within an object. After the evaluate merge: exact row counts, no partial lost,
// every repeated id counted as a duplicate exactly once, every distinct id stored once.

const DAY_MS = 86_400_000;
const DAY = Math.floor(Date.now() / DAY_MS) * DAY_MS - 2 * DAY_MS;
const BUCKET = "vigil-concurrency";
const NAMESPACE = "VigilConcurrency";
const MODEL = `conc-${Date.now().toString(36)}`;
const OBJECTS = 50;
const ROWS = 8;

let moto: Moto;
let p: Pipeline;
let handlers: Record<"ingest" | "labels" | "evaluate" | "reference", Handler>;

/** Row i of object o: the last row's id is one of 10 shared by 5 objects each; every 7th object repeats its first id. */
function idOf(o: number, i: number): string {
  if (i === ROWS - 1) return `shared-${o % 10}`;
  if (i === ROWS - 2 && o % 7 === 0) return `id-${o}-0`;
  return `id-${o}-${i}`;
}

const ids = Array.from({ length: OBJECTS }, (_, o) => Array.from({ length: ROWS }, (_, i) => idOf(o, i))).flat();
const DISTINCT = new Set(ids).size;
const key = (o: number) => `predictions/${MODEL}/burst/part-${String(o).padStart(3, "0")}.jsonl`;

function objectBody(o: number): string {
  return Array.from({ length: ROWS }, (_, i) =>
    JSON.stringify({ timestamp: new Date(DAY + (o * ROWS + i) * 60_000).toISOString(), request_id: idOf(o, i), features: { x: (o + i) % 13 }, prediction: i % 2, score: 0.5 }),
  ).join("\n") + "\n";
}

beforeAll(async () => {
  moto = await startMoto();
  p = await setUpPipeline(moto, { bucket: BUCKET, table: BUCKET, namespace: NAMESPACE });
  handlers = await loadHandlers();
  await p.clients.s3.send(new PutObjectCommand({ Bucket: BUCKET, Key: `monitors/${MODEL}.yaml`, Body: `model: ${MODEL}\nwindow: 1d\nlateness: 1h\n` }));
  const ref = Array.from({ length: 40 }, (_, k) => JSON.stringify({ timestamp: new Date(DAY - 9 * DAY_MS + k * 60_000).toISOString(), request_id: `ref-${k}`, features: { x: k % 13 }, prediction: k % 2, score: 0.5 }));
  await p.clients.s3.send(new PutObjectCommand({ Bucket: BUCKET, Key: `reference/${MODEL}/data.jsonl`, Body: ref.join("\n") + "\n" }));
  await handlers.reference({ Records: [await s3Message(p.clients.s3, BUCKET, `reference/${MODEL}/data.jsonl`, 0)] });
  for (let o = 0; o < OBJECTS; o++) await p.clients.s3.send(new PutObjectCommand({ Bucket: BUCKET, Key: key(o), Body: objectBody(o) }));
});

afterAll(async () => {
  await moto?.stop();
});

describe("50 objects of one window ingested concurrently, each delivered twice", () => {
  it("counts every row once and every repeated id as a duplicate exactly once", async () => {
    const keys = Array.from({ length: OBJECTS }, (_, o) => key(o));
    const messages = shuffled(await Promise.all([...keys, ...keys].map((k, i) => s3Message(p.clients.s3, BUCKET, k, i))), 11);
    const batch = SIZING.ingest.batchSize!;
    const invocations = Array.from({ length: Math.ceil(messages.length / batch) }, (_, b) => handlers.ingest({ Records: messages.slice(b * batch, (b + 1) * batch) }));
    const results = (await Promise.all(invocations)) as Array<{ batchItemFailures: unknown[] }>;
    expect(results.flatMap((r) => r.batchItemFailures)).toEqual([]);

    await handlers.evaluate({});
    const stat = async (name: string, s: "Sum" | "SampleCount") =>
      (await metricSeries(p.clients.cloudwatch, { namespace: NAMESPACE, name, dims: { Model: MODEL }, stat: s, startMs: DAY - DAY_MS, endMs: DAY + 2 * DAY_MS })).get(DAY);
    expect(await stat("RowCount", "Sum")).toBe(OBJECTS * ROWS);
    expect(await stat("RowCount", "SampleCount")).toBe(1);
    expect(await stat("DuplicateIds", "Sum")).toBe(OBJECTS * ROWS - DISTINCT);
    expect(OBJECTS * ROWS - DISTINCT).toBe(40 + 8); // 10 ids × 4 extra objects, 8 objects repeating one id

    const listed = await p.clients.s3.send(new ListObjectsV2Command({ Bucket: BUCKET, Prefix: `state/${MODEL}/partials/${DAY}/` }));
    expect(listed.Contents).toHaveLength(OBJECTS);
    const partials = await Promise.all(
      listed.Contents!.map(async (o) => JSON.parse(await (await p.clients.s3.send(new GetObjectCommand({ Bucket: BUCKET, Key: o.Key }))).Body!.transformToString())),
    );
    expect(partials.reduce((a, x) => a + x.profile.rows, 0)).toBe(OBJECTS * ROWS);
    expect(partials.reduce((a, x) => a + x.profile.ids.duplicates + x.joinDuplicates, 0)).toBe(OBJECTS * ROWS - DISTINCT);
    const done = await p.clients.s3.send(new ListObjectsV2Command({ Bucket: BUCKET, Prefix: `state/${MODEL}/objects/` }));
    expect(done.Contents).toHaveLength(OBJECTS);

    const stored: string[] = [];
    let start: Record<string, never> | undefined;
    do {
      const res = await p.clients.dynamodb.send(new QueryCommand({ TableName: BUCKET, KeyConditionExpression: "pk = :pk", ExpressionAttributeValues: { ":pk": { S: `W#${MODEL}#${DAY}` } }, ExclusiveStartKey: start }));
      stored.push(...(res.Items ?? []).map((i) => i.sk.S!));
      start = res.LastEvaluatedKey as typeof start;
    } while (start);
    expect(stored.sort()).toEqual([...new Set(ids)].sort());
  });
});
