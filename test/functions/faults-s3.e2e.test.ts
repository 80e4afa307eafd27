import { describe, expect, it } from "vitest";
import { breakBody, s3Error } from "../helpers/faults.ts";
import { DAY, expectExactlyOnce, ingestQueue, listKeys, newModel, OBJECTS, objectKey, objectSourceId, redriveFromCli, useFaultPipeline } from "../helpers/fault-pipeline.ts";
import { MAX_RECEIVE_COUNT } from "../../infra/constructs/object-queue.ts";
import { partialKey } from "../../shared/pipeline/keys.ts";
import { MAX_ATTEMPTS } from "../../functions/runtime.ts";
import { visibleMessages } from "../helpers/sqs-lambda.ts";

// Issue 7, S3 faults during ingest, on moto through the real handlers.
// Transient faults are retried with backoff by the SDK (functions/runtime.ts sets the
// attempts); persistent ones fail the SQS record (or the evaluate run) until the message sits in
// the dead-letter queue, and `vigil redrive` brings it back. Set-up, data and what "exactly
// once" checks: test/helpers/fault-pipeline.ts.

const f = useFaultPipeline();

describe("S3 GetObject failing mid-stream", () => {
  it("resumes a body that breaks once with a ranged GET, without a redelivery", async () => {
    const model = await newModel("s3mid");
    f.faults.s3.plan({ commands: ["GetObject"], when: (i) => i.Key === objectKey(model, 1), times: 1, fault: breakBody(700) });
    const run = await ingestQueue();
    expect(run.failed).toBe(0);
    const gets = f.faults.s3.attempts.filter((a) => a.command === "GetObject" && a.input.Key === objectKey(model, 1));
    expect(gets.map((a) => [a.faulted, a.input.Range])).toEqual([[true, undefined], [false, "bytes=700-"]]);
    await f.handlers.evaluate({});
    await expectExactlyOnce(model, 1);
  });

  it("sends an object whose body keeps breaking to the dead-letter queue after 5 receives; redriven, it counts once", async () => {
    const model = await newModel("s3dlq");
    f.faults.s3.plan({ commands: ["GetObject"], when: (i) => i.Key === objectKey(model, 2), times: Infinity, fault: breakBody(200) });
    const run = await ingestQueue();
    expect(run.failed).toBe(MAX_RECEIVE_COUNT);
    expect(Math.max(...run.receives.values())).toBe(MAX_RECEIVE_COUNT);
    expect(await visibleMessages(f.p.clients.sqs, f.queues.predictions.dlqUrl)).toBe(1);
    expect(await listKeys(`state/${model}/objects/`)).toHaveLength(OBJECTS - 1); // never marked done
    f.faults.s3.clear();
    expect(await redriveFromCli(f.queues.predictions)).toMatch(/^moved 1 message/);
    expect((await ingestQueue()).failed).toBe(0);
    await f.handlers.evaluate({});
    await expectExactlyOnce(model, 1);
  });
});

describe("S3 PutObject failing after the join items were written", () => {
  it("retries a 500 with backoff inside the SDK", async () => {
    const model = await newModel("s3put");
    f.faults.s3.plan({ commands: ["PutObject"], when: (i) => String(i.Key).startsWith(`state/${model}/partials/`), times: 2, fault: s3Error("InternalError") });
    expect((await ingestQueue()).failed).toBe(0);
    const puts = f.faults.s3.calls.filter((c) => c.command === "PutObject" && c.attempts > 1);
    expect(puts.map((c) => [c.attempts, c.error])).toEqual([[3, null]]);
    await f.handlers.evaluate({});
    await expectExactlyOnce(model, 1);
  });

  it("counts none of a retried object's own ids as duplicates when it finally succeeds", async () => {
    const model = await newModel("s3putdlq");
    // Object 1's partial never saves: its ids are in the join store, its done marker never written.
    const partial = partialKey(model, DAY, await objectSourceId(objectKey(model, 1)));
    f.faults.s3.plan({ commands: ["PutObject"], when: (i) => i.Key === partial, times: Infinity, fault: s3Error("InternalError") });
    const run = await ingestQueue();
    expect(run.failed).toBe(MAX_RECEIVE_COUNT);
    expect(f.faults.s3.calls.filter((c) => c.error === "InternalError").every((c) => c.attempts === MAX_ATTEMPTS.default)).toBe(true);
    expect(await visibleMessages(f.p.clients.sqs, f.queues.predictions.dlqUrl)).toBe(1);
    f.faults.s3.clear();
    await redriveFromCli(f.queues.predictions);
    expect((await ingestQueue()).failed).toBe(0);
    await f.handlers.evaluate({});
    await expectExactlyOnce(model, 1);
  });
});

