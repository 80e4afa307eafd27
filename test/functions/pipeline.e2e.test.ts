import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PutObjectCommand } from "@aws-sdk/client-s3";
import { startMoto, type Moto } from "../helpers/moto.ts";
import { deliverTwice as deliverTwiceTo, loadHandlers, metricSeries, receiveAlerts, setUpPipeline, type Handler, type Pipeline } from "../helpers/pipeline.ts";
import { prng } from "../../bench/generate.ts";

// Issue 3 "Done when", on real AWS APIs (moto 5.2): a model with drift injected into one window and
// labels arriving late. Every handler runs as in Lambda (env contract of DESIGN §7, AWS_ENDPOINT_URL
// → moto); S3 → SQS events are built in the shape S3 sends; every SQS message is delivered twice.

const DAY_MS = 86_400_000;
const MODEL = `e2e-${Date.now().toString(36)}`; // moto's GetMetricData ignores Namespace: unique names
const BUCKET = "vigil-e2e";
const TABLE = "vigil-e2e";
const ROWS_PER_DAY = 400;
const today = Math.floor(Date.now() / DAY_MS) * DAY_MS;
const days = [today - 4 * DAY_MS, today - 3 * DAY_MS, today - 2 * DAY_MS];
const DRIFT_DAY = 1;

let moto: Moto;
let pipeline: Pipeline;
let clients: Pipeline["clients"];
let handlers: Record<"ingest" | "labels" | "evaluate" | "reference", Handler>;

interface Row {
  id: string;
  ts: number;
  x: number;
  y: number;
  c: string;
  label: number;
  prediction: number;
}

/** Rows of one day: x and c drift on the drift day; the model is right 90% of the time, 60% on the drift day. */
function dayRows(day: number, drifted: boolean, seed: number): Row[] {
  const rand = prng(seed);
  return Array.from({ length: ROWS_PER_DAY }, (_, i) => {
    const label = rand() < 0.3 ? 1 : 0;
    const right = i % 10 < (drifted ? 6 : 9);
    const normal = Math.sqrt(-2 * Math.log(rand() || 1e-9)) * Math.cos(2 * Math.PI * rand());
    return {
      id: `${MODEL}-${day}-${i}`,
      ts: day + Math.floor((i * DAY_MS) / ROWS_PER_DAY),
      x: (drifted ? 3 : 0) + normal,
      // Stratified: the same spread every day, so y must never be flagged.
      y: 9 + (2 * (((i * 7919) % ROWS_PER_DAY) + rand())) / ROWS_PER_DAY,
      c: drifted ? (rand() < 0.5 ? "a" : "d") : ["a", "b", "c"][Math.floor(rand() * 3)],
      label,
      prediction: right ? label : 1 - label,
    };
  });
}

const logLine = (r: Row) =>
  JSON.stringify({ timestamp: new Date(r.ts).toISOString(), request_id: r.id, model_version: "v1", features: { x: r.x, y: r.y, c: r.c }, prediction: r.prediction, score: r.prediction ? 0.8 : 0.2 });

async function put(key: string, body: string): Promise<void> {
  await clients.s3.send(new PutObjectCommand({ Bucket: BUCKET, Key: key, Body: body }));
}

const deliverTwice = (handler: Handler, keys: string[], seed: number) => deliverTwiceTo(pipeline, handler, keys, seed);

const metric = (name: string, dims: Record<string, string>, stat: "Sum" | "SampleCount" | "Maximum") =>
  metricSeries(clients.cloudwatch, { namespace: "VigilE2E", name, dims, stat, startMs: days[0] - DAY_MS, endMs: today + DAY_MS });

const alertMessages = () => receiveAlerts(clients.sqs, pipeline.alertQueueUrl);

beforeAll(async () => {
  moto = await startMoto();
  pipeline = await setUpPipeline(moto, { bucket: BUCKET, table: TABLE, namespace: "VigilE2E" });
  clients = pipeline.clients;
  handlers = await loadHandlers();
  await put(`monitors/${MODEL}.yaml`, `model: ${MODEL}\nwindow: 1d\nlateness: 1h\nlabels: {minCoverage: 0.8, maxWait: 30d}\n`);
});

afterAll(async () => {
  await moto?.stop();
});

describe("the pipeline on moto", () => {
  const rows = days.map((d, i) => dayRows(d, i === DRIFT_DAY, 100 + i));

  it("builds the reference profile when reference data is dropped", async () => {
    const ref = dayRows(days[0] - 10 * DAY_MS, false, 7).concat(dayRows(days[0] - 9 * DAY_MS, false, 8));
    await put(`reference/${MODEL}/data.jsonl`, ref.map((r) => JSON.stringify({ ...JSON.parse(logLine(r)), label: r.label })).join("\n") + "\n");
    await deliverTwice(handlers.reference, [`reference/${MODEL}/data.jsonl`], 1);
    const { GetObjectCommand } = await import("@aws-sdk/client-s3");
    const obj = await clients.s3.send(new GetObjectCommand({ Bucket: BUCKET, Key: `reference/${MODEL}/profile.json` }));
    const profile = JSON.parse(await obj.Body!.transformToString());
    expect(profile.profile.rows).toBe(2 * ROWS_PER_DAY);
    expect(profile.baseline.accuracy).toBeCloseTo(0.9, 12);
  });

  it("ingests logs and early labels, each SQS message delivered twice", async () => {
    const keys: string[] = [];
    for (const [i, day] of rows.entries()) {
      const half = ROWS_PER_DAY / 2;
      for (const [part, slice] of [day.slice(0, half), day.slice(half)].entries()) {
        const key = `predictions/${MODEL}/2024/day ${i}/part-${part}.jsonl`;
        await put(key, slice.map(logLine).join("\n") + "\n");
        keys.push(key);
      }
    }
    // Labels of the last day arrive before its predictions are ingested: the join works both ways.
    const early = `labels/${MODEL}/early.jsonl`;
    await put(early, rows[2].map((r) => JSON.stringify({ request_id: r.id, label: r.label })).join("\n") + "\n");
    await deliverTwice(handlers.labels, [early], 2);
    await deliverTwice(handlers.ingest, keys, 3);
  }, 180_000); // ~5,000 conditional writes on moto: ~45 s alone, more when other files run beside it

  it("publishes exact row counts and drift for the drifted features only", async () => {
    await handlers.evaluate({});
    const counts = await metric("RowCount", { Model: MODEL }, "Sum");
    expect(days.map((d) => counts.get(d))).toEqual([ROWS_PER_DAY, ROWS_PER_DAY, ROWS_PER_DAY]);
    for (const feature of ["x", "y", "c"]) {
      const drift = await metric("DriftDetected", { Model: MODEL, Feature: feature }, "Maximum");
      const expected = days.map((_, i) => (i === DRIFT_DAY && feature !== "y" ? 1 : 0));
      expect(days.map((d) => drift.get(d)), feature).toEqual(expected);
    }
  });

  it("sends an alert for the drifted window", async () => {
    const messages = await alertMessages();
    const drifted = messages.filter((m) => m.body.window === new Date(days[DRIFT_DAY]).toISOString());
    expect(drifted.length).toBeGreaterThan(0);
    // One drifted day: per-feature drift (P4) notifies at once; the default P3 dataset_drift rule needs
    // two drifted windows in a row (fireAfter 2), so a one-day excursion does not page as P3.
    expect(drifted.some((m) => m.severity === "P4" && /feature_drift/.test(m.subject))).toBe(true);
    expect(messages.some((m) => /dataset_drift/.test(m.subject))).toBe(false);
    expect(messages.every((m) => m.subject.length <= 100)).toBe(true);
  });

  it("publishes accuracy once label coverage is reached, and only once", async () => {
    // Only the last day has labels (100%): its accuracy is published; the others wait.
    const before = await metric("Accuracy", { Model: MODEL }, "SampleCount");
    expect(before.get(days[2])).toBe(1);
    expect(before.get(days[0])).toBeUndefined();
    // Late labels for 90% of the first two days arrive (each message twice).
    const late = `labels/${MODEL}/late.csv`;
    const labelled = [...rows[0], ...rows[1]].filter((_, i) => i % 10 !== 0);
    await put(late, "request_id,label\n" + labelled.map((r) => `${r.id},${r.label}`).join("\n") + "\n");
    await deliverTwice(handlers.labels, [late], 4);
    await handlers.evaluate({});
    await handlers.evaluate({});
    const acc = await metric("Accuracy", { Model: MODEL }, "SampleCount");
    expect(days.map((d) => acc.get(d))).toEqual([1, 1, 1]);
    const values = await metric("Accuracy", { Model: MODEL }, "Maximum");
    const expected = rows.map((day, i) => {
      const kept = i === 2 ? day : day.filter((_, j) => j % 10 !== 0);
      return kept.filter((r) => r.prediction === r.label).length / kept.length;
    });
    days.forEach((d, i) => expect(values.get(d)).toBeCloseTo(expected[i], 12));
    const coverage = await metric("LabelCoverage", { Model: MODEL }, "Maximum");
    expect(coverage.get(days[0])).toBeCloseTo(0.9, 12);
    const alerts = await alertMessages();
    const drop = alerts.filter((m) => /accuracy_drop/.test(m.subject));
    expect(drop.map((m) => m.body.window)).toEqual([new Date(days[DRIFT_DAY]).toISOString()]);
    expect(drop[0].severity).toBe("P2");
  });

  it("double-counts nothing when evaluation and delivery repeat", async () => {
    await handlers.evaluate({});
    const counts = await metric("RowCount", { Model: MODEL }, "SampleCount");
    expect(days.map((d) => counts.get(d))).toEqual([1, 1, 1]);
    const sums = await metric("RowCount", { Model: MODEL }, "Sum");
    expect(days.map((d) => sums.get(d))).toEqual([ROWS_PER_DAY, ROWS_PER_DAY, ROWS_PER_DAY]);
    const dups = await metric("DuplicateIds", { Model: MODEL }, "Sum");
    expect(days.map((d) => dups.get(d))).toEqual([0, 0, 0]);
    const messages = await alertMessages();
    expect(messages).toEqual([]); // nothing new after re-running
  });

  it("runs a handler through `vigil invoke` with the Lambda environment", async () => {
    const { main } = await import("../../cli/main.ts");
    const { writeFileSync, mkdtempSync } = await import("node:fs");
    const { join } = await import("node:path");
    const { tmpdir } = await import("node:os");
    const event = join(mkdtempSync(join(tmpdir(), "vigil-invoke-")), "event.json");
    writeFileSync(event, JSON.stringify({ "detail-type": "Scheduled Event", source: "aws.events", detail: {} }));
    let out = "";
    const code = await main(["invoke", "evaluate", "--event", event], { out: (s) => (out += s), err: () => {} });
    expect(code).toBe(0);
    expect(JSON.parse(out)).toMatchObject({ models: 1, evaluatedWindows: 0, notifications: 0 });
  });
});
