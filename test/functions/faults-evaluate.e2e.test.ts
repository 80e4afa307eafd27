import { describe, expect, it } from "vitest";
import { cloudWatchError, snsError } from "../helpers/faults.ts";
import { expectExactlyOnce, ingestQueue, metric, newModel, useFaultPipeline, windowState } from "../helpers/fault-pipeline.ts";
import { MAX_ATTEMPTS } from "../../functions/runtime.ts";

// Issue 7, CloudWatch and SNS failures during evaluate, on moto through the real handlers.
// Transient faults are retried with backoff by the SDK (functions/runtime.ts sets the
// attempts); persistent ones fail the SQS record (or the evaluate run) until the message sits in
// the dead-letter queue, and `vigil redrive` brings it back. Set-up, data and what "exactly
// once" checks: test/helpers/fault-pipeline.ts.

const f = useFaultPipeline();

describe("CloudWatch 5xx", () => {
  it("retries PutMetricData with backoff inside the SDK", async () => {
    const model = await newModel("cw");
    expect((await ingestQueue()).failed).toBe(0);
    f.faults.cloudwatch.plan({ commands: ["PutMetricData"], times: 2, fault: cloudWatchError() });
    await f.handlers.evaluate({});
    expect(f.faults.cloudwatch.calls.filter((c) => c.command === "PutMetricData").map((c) => c.attempts)).toContain(3);
    await expectExactlyOnce(model, 1);
  });

  it("fails the evaluation while CloudWatch keeps failing; the next run publishes once", async () => {
    const model = await newModel("cwdown");
    expect((await ingestQueue()).failed).toBe(0);
    f.faults.cloudwatch.plan({ commands: ["PutMetricData"], times: Infinity, fault: cloudWatchError() });
    await expect(f.handlers.evaluate({})).rejects.toThrow(/evaluation failed/);
    expect(f.faults.cloudwatch.calls.map((c) => [c.attempts, c.error])).toEqual([[MAX_ATTEMPTS.default, "InternalServiceFault"]]);
    expect(await windowState(model)).toBeNull(); // nothing claims the window was published
    expect(await metric(model, "RowCount", "SampleCount")).toBeUndefined();
    f.faults.cloudwatch.clear();
    await f.handlers.evaluate({});
    await f.handlers.evaluate({});
    // The alert went out in the failed run (before the metrics); the retry does not repeat it.
    await expectExactlyOnce(model, 1);
  });
});

describe("SNS failure", () => {
  it("retries a 500 from Publish inside the SDK", async () => {
    const model = await newModel("sns");
    expect((await ingestQueue()).failed).toBe(0);
    f.faults.sns.plan({ commands: ["Publish"], times: 1, fault: snsError() });
    await f.handlers.evaluate({});
    expect(f.faults.sns.calls.map((c) => [c.attempts, c.error])).toEqual([[2, null]]);
    await expectExactlyOnce(model, 1);
  });

  it("fails the evaluation while SNS keeps failing, gives the alert back, and the next run sends it once", async () => {
    const model = await newModel("snsdown");
    expect((await ingestQueue()).failed).toBe(0);
    f.faults.sns.plan({ commands: ["Publish"], times: Infinity, fault: snsError() });
    await expect(f.handlers.evaluate({})).rejects.toThrow(/evaluation failed/);
    expect(f.faults.sns.calls.map((c) => [c.attempts, c.error])).toEqual([[MAX_ATTEMPTS.default, "InternalErrorException"]]);
    expect(await windowState(model)).toBeNull();
    expect(await metric(model, "RowCount", "SampleCount")).toBeUndefined();
    f.faults.sns.clear();
    await f.handlers.evaluate({});
    await f.handlers.evaluate({});
    await expectExactlyOnce(model, 1);
  });
});

