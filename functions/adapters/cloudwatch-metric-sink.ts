import { PutMetricDataCommand, type CloudWatchClient, type MetricDatum as CwDatum } from "@aws-sdk/client-cloudwatch";
import type { Clock, MetricDatum, MetricSink } from "../../shared/ports.ts";
import { admissible, batches, MAX_PAYLOAD_BYTES, noDrops, type MetricDropCounts } from "./cloudwatch-limits.ts";
import { mapLimit } from "./concurrency.ts";

/** PutMetricData calls in flight at once (the account's TPS quota is shared by every Lambda). */
export const MAX_PARALLEL_PUTS = 4;
const NAMESPACE = /^[A-Za-z0-9.\-_/#:]{1,255}$/;

/** What one `put` did: datums sent, calls made, and what was dropped or cut (see `admissible`). */
export interface MetricPutReport {
  sent: number;
  calls: number;
  drops: MetricDropCounts;
}

/**
 * Publishes metrics with PutMetricData, enforcing its limits (DESIGN §6): datums CloudWatch would
 * reject are dropped and counted rather than failing the whole call, and the rest go in calls of
 * at most 1000 datums and an estimated 1 MB, up to four calls at a time. `publish` is `put`
 * resolving to a report; `totals` adds up every report since construction, for the handler's log.
 *
 * @example
 * const sink = new CloudWatchMetricSink(new CloudWatchClient({}), "Vigil", { nowMs: () => Date.now() });
 * const r = await sink.publish([{ name: "RowCount", value: 1200, timestampMs: windowStart, dimensions: { Model: "m" } }]);
 * // r = { sent: 1, calls: 1, drops: { nonFinite: 0, … } }
 */
export class CloudWatchMetricSink implements MetricSink {
  readonly totals: MetricPutReport = { sent: 0, calls: 0, drops: noDrops() };

  constructor(
    private readonly client: CloudWatchClient,
    readonly namespace: string,
    private readonly clock: Clock,
  ) {
    if (!NAMESPACE.test(namespace) || namespace.startsWith("AWS/")) {
      throw new RangeError(`CloudWatch namespace ${JSON.stringify(namespace)} is not valid`);
    }
  }

  async put(data: readonly MetricDatum[]): Promise<void> {
    await this.publish(data);
  }

  /** `put`, resolving to what was sent, in how many calls, and what was dropped. */
  async publish(data: readonly MetricDatum[]): Promise<MetricPutReport> {
    const drops = noDrops();
    const ok = admissible(data, this.clock.nowMs(), drops);
    const calls = batches(ok, MAX_PAYLOAD_BYTES - 256 - this.namespace.length);
    await mapLimit(calls, MAX_PARALLEL_PUTS, (batch) =>
      this.client.send(new PutMetricDataCommand({ Namespace: this.namespace, MetricData: batch.map(toCloudWatch) })),
    );
    const report = { sent: ok.length, calls: calls.length, drops };
    this.totals.sent += report.sent;
    this.totals.calls += report.calls;
    for (const k of Object.keys(drops) as (keyof MetricDropCounts)[]) this.totals.drops[k] += drops[k];
    return report;
  }
}

function toCloudWatch(d: MetricDatum): CwDatum {
  return {
    MetricName: d.name,
    Value: d.value,
    Timestamp: new Date(d.timestampMs),
    Unit: d.unit ?? "None",
    Dimensions: Object.entries(d.dimensions).map(([Name, Value]) => ({ Name, Value })),
  };
}
