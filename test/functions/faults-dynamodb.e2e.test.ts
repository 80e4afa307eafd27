import { describe, expect, it } from "vitest";
import { dynamoError } from "../helpers/faults.ts";
import { allIds, BUCKET, DAY, DAY_MS, DISTINCT, expectExactlyOnce, ingestQueue, NAMESPACE, newModel, put, redriveFromCli, useFaultPipeline } from "../helpers/fault-pipeline.ts";
import { MAX_RECEIVE_COUNT } from "../../infra/constructs/object-queue.ts";
import { SIZING } from "../../infra/sizing.ts";
import { ConfiguredRetryStrategy } from "@smithy/core/retry";
import { MAX_ATTEMPTS, clients as runtimeClients } from "../../functions/runtime.ts";
import { drainQueue, visibleMessages } from "../helpers/sqs-lambda.ts";
import { metricSeries } from "../helpers/pipeline.ts";
import { QueryCommand } from "@aws-sdk/client-dynamodb";

// Issue 7, DynamoDB throttling during ingest and labels, on moto through the real handlers.
// Transient faults are retried with backoff by the SDK (functions/runtime.ts sets the
// attempts); persistent ones fail the SQS record (or the evaluate run) until the message sits in
// the dead-letter queue, and `vigil redrive` brings it back. Set-up, data and what "exactly
// once" checks: test/helpers/fault-pipeline.ts.

const f = useFaultPipeline();

describe("DynamoDB throttling", () => {
  it("retries throttled writes with backoff inside the SDK: one delivery, nothing counted twice", async () => {
    const model = await newModel("ddb");
    f.faults.dynamodb.plan({ commands: ["PutItem"], times: 3, fault: dynamoError("ProvisionedThroughputExceededException") });
    expect((await ingestQueue()).failed).toBe(0);
    expect(f.faults.dynamodb.injected).toBe(3);
    const retried = f.faults.dynamodb.calls.filter((c) => c.attempts > 1);
    expect(retried.reduce((a, c) => a + c.attempts - 1, 0)).toBe(3);
    expect(retried.every((c) => c.error === null && c.totalRetryDelayMs >= 0)).toBe(true);
    expect(retried.reduce((a, c) => a + c.totalRetryDelayMs, 0)).toBeGreaterThan(0);
    // Labels for every id, their conditional updates throttled twice (ThrottlingException).
    await put(`labels/${model}/labels.jsonl`, [...new Set(allIds(model))].map((id, i) => JSON.stringify({ request_id: id, label: i % 2 })).join("\n") + "\n");
    f.faults.dynamodb.clear().resetLog();
    f.faults.dynamodb.plan({ commands: ["UpdateItem"], times: 2, fault: dynamoError("ThrottlingException") });
    expect((await drainQueue(f.p.clients.sqs, f.queues.labels.url, f.handlers.labels, SIZING.labels.batchSize!)).failed).toBe(0);
    expect(f.faults.dynamodb.injected).toBe(2);
    const window = await f.p.clients.dynamodb.send(new QueryCommand({ TableName: BUCKET, KeyConditionExpression: "pk = :pk", ExpressionAttributeValues: { ":pk": { S: `W#${model}#${DAY}` } } }));
    expect(window.Items?.filter((i) => i.label !== undefined)).toHaveLength(DISTINCT);
    await f.handlers.evaluate({});
    await expectExactlyOnce(model, 1);
    const coverage = await metricSeries(f.p.clients.cloudwatch, { namespace: NAMESPACE, name: "LabelCoverage", dims: { Model: model }, stat: "Maximum", startMs: DAY - DAY_MS, endMs: DAY + 2 * DAY_MS });
    expect(coverage.get(DAY)).toBe(1);
  });

  it("fails the record after 10 throttled attempts; from the dead-letter queue, redriven, it counts once", async () => {
    const model = await newModel("ddbdlq");
    const client = runtimeClients.dynamodb();
    const strategy = client.config.retryStrategy;
    // The runtime's attempt count, with the backoff shortened to 1 ms so the test does not wait ~50 s per call.
    client.config.retryStrategy = async () => new ConfiguredRetryStrategy(MAX_ATTEMPTS.dynamodb, 1);
    try {
      // Object 2's writes are throttled for good once a few of them went through.
      f.faults.dynamodb.plan({ commands: ["PutItem"], when: (i) => JSON.stringify(i.Item).includes(`${model}-2-`), skip: 6, times: Infinity, fault: dynamoError("ProvisionedThroughputExceededException") });
      const run = await ingestQueue();
      expect(run.failed).toBe(MAX_RECEIVE_COUNT);
      const failedCalls = f.faults.dynamodb.calls.filter((c) => c.error === "ProvisionedThroughputExceededException");
      expect(failedCalls.length).toBeGreaterThan(0);
      expect(failedCalls.every((c) => c.attempts === MAX_ATTEMPTS.dynamodb)).toBe(true);
    } finally {
      client.config.retryStrategy = strategy;
    }
    expect(await visibleMessages(f.p.clients.sqs, f.queues.predictions.dlqUrl)).toBe(1);
    f.faults.dynamodb.clear();
    await redriveFromCli(f.queues.predictions);
    expect((await ingestQueue()).failed).toBe(0);
    await f.handlers.evaluate({});
    await expectExactlyOnce(model, 1);
  });
});

