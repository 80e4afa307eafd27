import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { QueryCommand } from "@aws-sdk/client-dynamodb";
import { GetObjectCommand, ListObjectsV2Command, PutObjectCommand } from "@aws-sdk/client-s3";
import { clients as runtimeClients } from "../../functions/runtime.ts";
import { FaultInjector } from "../helpers/faults.ts";
import { startMoto, type Moto } from "../helpers/moto.ts";
import { loadHandlers, metricSeries, receiveAlerts, s3Message, setUpPipeline, shuffled, type Handler, type Pipeline } from "../helpers/pipeline.ts";

// Issue 7, redelivery: two models get the same logs and labels — one delivered once, in order;
// the other with every SQS message (predictions and labels) delivered twice, shuffled, so labels
// often come before their predictions. Everything they publish and store must be the same: every
// datum sent to CloudWatch (name, dimensions, value, timestamp, unit), the stored statistics, the
// partial profiles, the join items and the alerts. The data has malformed lines, an id repeated
// within an object and ids repeated across objects of one window. Malformed lines have no
// trustworthy time and count in the window of the upload (today, still open). (An id repeated across windows
// counts in the window of whichever occurrence is ingested second, so it is left out here.)

const DAY_MS = 86_400_000;
const today = Math.floor(Date.now() / DAY_MS) * DAY_MS;
const DAYS = [today - 4 * DAY_MS, today - 3 * DAY_MS];
const RUN = Date.now().toString(36);
const BUCKET = "vigil-redelivery";
const NAMESPACE = "VigilRedelivery";
const OBJECTS_PER_DAY = 3;
const ROWS = 30;
const CLEAN = `clean-${RUN}`;
const TWICE = `twice-${RUN}`;

let moto: Moto;
let p: Pipeline;
let handlers: Record<"ingest" | "labels" | "evaluate" | "reference", Handler>;
let cloudwatch: FaultInjector;

/** Id of row i of object o on day d: row 29 repeats row 0's id; object 1 repeats rows 0–2 of object 0. */
function idOf(d: number, o: number, i: number): string {
  if (i === ROWS - 1) return idOf(d, o, 0);
  return o === 1 && i < 3 ? `r-${d}-0-${i}` : `r-${d}-${o}-${i}`;
}

function objectBody(d: number, o: number): string {
  const drifted = d === 1;
  const lines = Array.from({ length: ROWS }, (_, i) => {
    // Object 1's first rows are copies of object 0's (the same request logged twice), so which
    // copy the join keeps does not depend on the delivery order.
    const k = o === 1 && i < 3 ? i : o * ROWS + i;
    return JSON.stringify({
      timestamp: new Date(DAYS[d] + k * 600_000).toISOString(),
      request_id: idOf(d, o, i),
      features: { x: (drifted ? 40 : 0) + (k % 23), c: drifted ? "z" : ["a", "b", "c"][k % 3] },
      prediction: k % 2,
      score: (k % 10) / 10,
    });
  });
  lines.splice(ROWS / 2, 0, "{not json");
  return lines.join("\n") + "\n";
}

const predictionKeys = (model: string) => DAYS.flatMap((_, d) => Array.from({ length: OBJECTS_PER_DAY }, (_, o) => `predictions/${model}/d${d}/part-${o}.jsonl`));
const labelKey = (model: string) => `labels/${model}/labels.jsonl`;

function labelsBody(): string {
  const ids = [...new Set(DAYS.flatMap((_, d) => Array.from({ length: OBJECTS_PER_DAY }, (_, o) => Array.from({ length: ROWS }, (_, i) => idOf(d, o, i)))).flat(2))];
  // 90% labelled (coverage ≥ minCoverage 0.8), each label with its own time so delays are fixed.
  return ids.filter((_, j) => j % 10 !== 0).map((id, j) => JSON.stringify({ request_id: id, label: j % 3 === 0 ? 1 : 0, timestamp: new Date(DAYS[1] + DAY_MS + j * 1000).toISOString() })).join("\n") + "\n";
}

async function put(key: string, body: string): Promise<void> {
  await p.clients.s3.send(new PutObjectCommand({ Bucket: BUCKET, Key: key, Body: body }));
}

async function upload(model: string): Promise<void> {
  await put(`monitors/${model}.yaml`, `model: ${model}\nwindow: 1d\nlateness: 1h\nlabels: {minCoverage: 0.8, maxWait: 30d}\n`);
  const ref = Array.from({ length: 90 }, (_, k) => JSON.stringify({ timestamp: new Date(DAYS[0] - 10 * DAY_MS + k * 60_000).toISOString(), request_id: `ref-${k}`, features: { x: k % 23, c: ["a", "b", "c"][k % 3] }, prediction: k % 2, score: (k % 10) / 10, label: k % 3 === 0 ? 1 : 0 }));
  await put(`reference/${model}/data.jsonl`, ref.join("\n") + "\n");
  await handlers.reference({ Records: [await s3Message(p.clients.s3, BUCKET, `reference/${model}/data.jsonl`, 0)] });
  for (const [d] of DAYS.entries()) for (let o = 0; o < OBJECTS_PER_DAY; o++) await put(`predictions/${model}/d${d}/part-${o}.jsonl`, objectBody(d, o));
  await put(labelKey(model), labelsBody());
}

/** One SQS message per invocation; none may fail. */
async function deliver(keys: readonly string[]): Promise<void> {
  for (const [i, key] of keys.entries()) {
    const handler = key.startsWith("labels/") ? handlers.labels : handlers.ingest;
    const res = (await handler({ Records: [await s3Message(p.clients.s3, BUCKET, key, i)] })) as { batchItemFailures: unknown[] };
    expect(res.batchItemFailures).toEqual([]);
  }
}

/** Every datum sent for a model, its Model dimension dropped, as sorted strings. */
function sentDatums(model: string): string[] {
  const out: string[] = [];
  for (const a of cloudwatch.attempts) {
    if (a.command !== "PutMetricData") continue;
    for (const d of a.input.MetricData as Array<{ MetricName: string; Value: number; Timestamp: Date; Unit: string; Dimensions: Array<{ Name: string; Value: string }> }>) {
      if (!d.Dimensions.some((x) => x.Name === "Model" && x.Value === model)) continue;
      if (d.MetricName === "MinutesSinceLastData") continue; // wall-clock freshness, stamped "now"
      const dims = d.Dimensions.filter((x) => x.Name !== "Model").map((x) => `${x.Name}=${x.Value}`).sort();
      out.push(JSON.stringify([d.MetricName, dims, d.Value, d.Timestamp.getTime(), d.Unit]));
    }
  }
  return out.sort();
}

/** Per window (and today's, where malformed rows count): partial objects, rows, malformed rows, duplicate ids. */
async function partialCounts(model: string): Promise<unknown[]> {
  const out: unknown[] = [];
  for (const day of [...DAYS, today]) {
    const list = await p.clients.s3.send(new ListObjectsV2Command({ Bucket: BUCKET, Prefix: `state/${model}/partials/${day}/` }));
    let rows = 0;
    let malformed = 0;
    let duplicates = 0;
    for (const o of list.Contents ?? []) {
      const body = await p.clients.s3.send(new GetObjectCommand({ Bucket: BUCKET, Key: o.Key }));
      const partial = JSON.parse(await body.Body!.transformToString());
      rows += partial.profile.rows;
      malformed += partial.profile.malformedRows;
      duplicates += partial.profile.ids.duplicates + partial.joinDuplicates;
    }
    out.push({ partials: list.Contents?.length ?? 0, rows, malformed, duplicates });
  }
  return out;
}

/** Per window: the join items (id, prediction, label, label delay). */
async function joinItems(model: string): Promise<unknown[]> {
  const out: unknown[] = [];
  for (const day of DAYS) {
    const res = await p.clients.dynamodb.send(new QueryCommand({ TableName: BUCKET, KeyConditionExpression: "pk = :pk", ExpressionAttributeValues: { ":pk": { S: `W#${model}#${day}` } } }));
    out.push((res.Items ?? []).map((i) => [i.sk.S, i.prediction?.N, i.label?.N ?? null, i.labelDelayMs?.N ?? null]).sort());
  }
  return out;
}

const stat = (model: string, name: string, s: "Sum" | "SampleCount") =>
  metricSeries(p.clients.cloudwatch, { namespace: NAMESPACE, name, dims: { Model: model }, stat: s, startMs: DAYS[0] - DAY_MS, endMs: today + DAY_MS }).then((m) => DAYS.map((d) => m.get(d)));

beforeAll(async () => {
  moto = await startMoto();
  p = await setUpPipeline(moto, { bucket: BUCKET, table: BUCKET, namespace: NAMESPACE });
  handlers = await loadHandlers();
  cloudwatch = new FaultInjector(runtimeClients.cloudwatch()); // records every PutMetricData, injects nothing
  await upload(CLEAN);
  await upload(TWICE);
  await deliver([...predictionKeys(CLEAN), labelKey(CLEAN)]);
  const twice = [...predictionKeys(TWICE), labelKey(TWICE)];
  await deliver(shuffled([...twice, ...twice], 7));
  await handlers.evaluate({});
});

afterAll(async () => {
  await moto?.stop();
});

describe("every SQS message delivered twice, shuffled", () => {
  it("sends exactly the datums of a single clean delivery", async () => {
    const clean = sentDatums(CLEAN);
    expect(clean.length).toBeGreaterThan(30);
    expect(clean.some((d) => d.startsWith('["Accuracy"'))).toBe(true);
    expect(sentDatums(TWICE)).toEqual(clean);
  });

  it("stores the same statistics, with the counts the data holds", async () => {
    const perDay = OBJECTS_PER_DAY * ROWS;
    // Per day: each object repeats one id of its own (row 29), object 1 repeats 3 ids of object 0.
    const duplicates = OBJECTS_PER_DAY + 3;
    for (const model of [CLEAN, TWICE]) {
      expect(await stat(model, "RowCount", "Sum"), model).toEqual([perDay, perDay]);
      expect(await stat(model, "RowCount", "SampleCount"), model).toEqual([1, 1]);
      expect(await stat(model, "MalformedRows", "Sum"), model).toEqual([0, 0]); // in the window of the upload (today)
      expect(await stat(model, "DuplicateIds", "Sum"), model).toEqual([duplicates, duplicates]);
      expect(await stat(model, "Accuracy", "SampleCount"), model).toEqual([1, 1]);
    }
    expect(await stat(TWICE, "LabelCoverage", "Sum")).toEqual(await stat(CLEAN, "LabelCoverage", "Sum"));
  });

  it("keeps the same partial profiles and join items", async () => {
    const counts = await partialCounts(CLEAN);
    expect(counts).toEqual([
      ...DAYS.map(() => ({ partials: OBJECTS_PER_DAY, rows: OBJECTS_PER_DAY * ROWS, malformed: 0, duplicates: OBJECTS_PER_DAY + 3 })),
      { partials: DAYS.length * OBJECTS_PER_DAY, rows: 0, malformed: DAYS.length * OBJECTS_PER_DAY, duplicates: 0 }, // a malformed line has no time: upload window
    ]);
    expect(await partialCounts(TWICE)).toEqual(counts);
    const items = await joinItems(CLEAN);
    expect((items as unknown[][]).map((w) => w.length)).toEqual(DAYS.map(() => OBJECTS_PER_DAY * (ROWS - 1) - 3));
    expect(await joinItems(TWICE)).toEqual(items);
  });

  it("sends the same alerts", async () => {
    const alerts = await receiveAlerts(p.clients.sqs, p.alertQueueUrl);
    const of = (model: string) =>
      alerts
        .filter((a) => a.body.model === model)
        .map((a) => JSON.stringify({ ...a, subject: a.subject.replaceAll(model, "M"), body: JSON.parse(JSON.stringify(a.body).replaceAll(model, "M")) }))
        .sort();
    expect(of(CLEAN).length).toBeGreaterThan(0);
    expect(of(TWICE)).toEqual(of(CLEAN));
  });
});
