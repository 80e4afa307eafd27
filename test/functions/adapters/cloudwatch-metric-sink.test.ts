import { CloudWatchClient, GetMetricDataCommand, ListMetricsCommand, type GetMetricDataCommandOutput } from "@aws-sdk/client-cloudwatch";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CloudWatchMetricSink } from "../../../functions/adapters/cloudwatch-metric-sink.ts";
import type { MetricDatum } from "../../../shared/ports.ts";
import { awsClients, clientConfig, startMoto, type Moto } from "../../helpers/moto.ts";

// moto's GetMetricData ignores the namespace when dimensions are given: every test uses its own
// metric names. moto 5.2.1 also fails on gzipped PutMetricData bodies: clients here send them plain.
const NS = "VigilTest";
const NOW = Math.floor(Date.now() / 60_000) * 60_000;
const clock = { nowMs: () => NOW };
let moto: Moto;
let cw: CloudWatchClient;
/** Request bodies of PutMetricData calls seen on the wire. */
const bodies: number[] = [];

beforeAll(async () => {
  moto = await startMoto();
  cw = awsClients(moto.endpoint).cloudwatch;
});
afterAll(async () => {
  cw?.destroy();
  await moto?.stop();
});

function recordPuts(client: CloudWatchClient): void {
  client.middlewareStack.add(
    (next, context) => async (args) => {
      const body = (args.request as { body?: string | Uint8Array }).body;
      if (context.commandName === "PutMetricDataCommand") bodies.push(typeof body === "string" ? Buffer.byteLength(body) : (body?.length ?? 0));
      return next(args);
    },
    { step: "finalizeRequest", name: "recordPuts" },
  );
}

async function values(name: string, dimensions: Record<string, string>, fromMs: number, periodS = 60): Promise<number[]> {
  const out: number[] = [];
  let NextToken: string | undefined;
  do {
    const res: GetMetricDataCommandOutput = await cw.send(
      new GetMetricDataCommand({
        StartTime: new Date(fromMs),
        EndTime: new Date(NOW + 60_000),
        NextToken,
        MetricDataQueries: [{
          Id: "q",
          MetricStat: { Metric: { Namespace: NS, MetricName: name, Dimensions: Object.entries(dimensions).map(([Name, Value]) => ({ Name, Value })) }, Period: periodS, Stat: "Sum" },
        }],
      }),
    );
    out.push(...(res.MetricDataResults?.[0]?.Values ?? []));
    NextToken = res.NextToken;
  } while (NextToken);
  return out.sort((a, b) => a - b);
}

describe("CloudWatchMetricSink", () => {
  it("sends 2,500 datums in 3 calls and they read back exactly", async () => {
    const client = new CloudWatchClient({ ...clientConfig(moto.endpoint), disableRequestCompression: true });
    recordPuts(client);
    bodies.length = 0;
    const data: MetricDatum[] = Array.from({ length: 2_500 }, (_, i) => ({
      name: "BulkRows", value: i + 0.25, timestampMs: NOW - (i + 1) * 60_000, dimensions: { Model: "bulk" }, unit: "Count",
    }));
    const report = await new CloudWatchMetricSink(client, NS, clock).publish(data);
    expect(report).toMatchObject({ sent: 2_500, calls: 3 });
    expect(bodies).toHaveLength(3);
    expect(await values("BulkRows", { Model: "bulk" }, NOW - 2_600 * 60_000)).toEqual(data.map((d) => d.value));
    client.destroy();
  });

  it("drops NaN, stale and 31-dimension datums, counts them, and sends the rest", async () => {
    const sink = new CloudWatchMetricSink(cw, NS, clock);
    const at = NOW - 120_000;
    const many = Object.fromEntries(Array.from({ length: 31 }, (_, i) => [`D${i}`, "v"]));
    const report = await sink.publish([
      { name: "DropCheck", value: NaN, timestampMs: at, dimensions: { Model: "drops" } },
      { name: "DropCheck", value: 7, timestampMs: NOW - 15 * 86_400_000, dimensions: { Model: "drops" } },
      { name: "DropCheck", value: 9, timestampMs: at, dimensions: { Model: "drops", ...many } },
      { name: "DropCheck", value: 0.5, timestampMs: at, dimensions: { Model: "drops" } },
    ]);
    expect(report).toMatchObject({ sent: 1, calls: 1, drops: { nonFinite: 1, tooOld: 1, tooManyDimensions: 1 } });
    expect(sink.totals.drops.nonFinite).toBe(1);
    expect(await values("DropCheck", { Model: "drops" }, NOW - 20 * 86_400_000, 86_400)).toEqual([0.5]);
  });

  it("publishes a long dimension value cut to 1024 characters", async () => {
    const sink = new CloudWatchMetricSink(cw, NS, clock);
    await sink.put([{ name: "LongSegment", value: 1, timestampMs: NOW, dimensions: { Model: "long", Segment: "s".repeat(2_000) } }]);
    const res = await cw.send(new ListMetricsCommand({ Namespace: NS, MetricName: "LongSegment" }));
    const segment = res.Metrics?.[0]?.Dimensions?.find((x) => x.Name === "Segment");
    expect(segment?.Value).toBe("s".repeat(1_024));
  });

  it("keeps every request under 1 MB when datums are wide", async () => {
    const client = new CloudWatchClient({ ...clientConfig(moto.endpoint), disableRequestCompression: true });
    recordPuts(client);
    bodies.length = 0;
    const wide = Object.fromEntries(Array.from({ length: 30 }, (_, i) => [`W${i}`, `${i}`.padEnd(1_000, "w")]));
    const data = Array.from({ length: 100 }, (_, i) => ({ name: "WideRows", value: i, timestampMs: NOW, dimensions: wide }));
    const report = await new CloudWatchMetricSink(client, NS, clock).publish(data);
    expect(report.calls).toBeGreaterThan(1);
    expect(bodies).toHaveLength(report.calls);
    expect(Math.max(...bodies)).toBeLessThanOrEqual(1_000_000);
    expect(bodies.reduce((a, b) => a + b, 0)).toBeGreaterThan(3_000_000);
    client.destroy();
  });

  it("rejects an invalid namespace", () => {
    expect(() => new CloudWatchMetricSink(cw, "AWS/EC2", clock)).toThrow(/namespace/);
    expect(() => new CloudWatchMetricSink(cw, "", clock)).toThrow(/namespace/);
  });
});
