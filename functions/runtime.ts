import { CloudWatchClient } from "@aws-sdk/client-cloudwatch";
import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { EventBridgeClient } from "@aws-sdk/client-eventbridge";
import { S3Client } from "@aws-sdk/client-s3";
import { SecretsManagerClient } from "@aws-sdk/client-secrets-manager";
import { SNSClient } from "@aws-sdk/client-sns";
import type { Clock } from "../shared/ports.ts";
import { CloudWatchMetricSink } from "./adapters/cloudwatch-metric-sink.ts";
import { DynamoJoinStore } from "./adapters/dynamo-join-store.ts";
import { DynamoStateStore } from "./adapters/dynamo-state-store.ts";
import { EventBridgeSink } from "./adapters/eventbridge-sink.ts";
import { S3ObjectStore } from "./adapters/s3-object-store.ts";
import { SnsNotifier } from "./adapters/sns-notifier.ts";
import { lambdaEnv } from "./env.ts";

/**
 * SDK clients and adapters, created once per container on first use (so importing a handler
 * needs no environment). Clients honour the SDK's standard AWS_ENDPOINT_URL, which is how
 * `vigil invoke` and the tests point them at moto.
 *
 * Retries are the SDK's standard strategy (full-jitter exponential backoff: 50 ms base for 5xx
 * and network errors, 1 s for throttling, capped at 20 s, with a per-client retry quota), with
 * more attempts than the SDK's default of 3: DynamoDB 10, since on-demand tables throttle bursts
 * of conditional writes and a throttled ingest otherwise costs a whole SQS redelivery; every
 * other service 5. What still fails after them fails the SQS record (retried by SQS, then the
 * dead-letter queue) or the evaluate run (redone by the next scheduled run).
 */
const once = <T>(make: () => T): (() => T) => {
  let value: T | undefined;
  return () => (value ??= make());
};

/** Attempts per call (first try included) the SDK makes before an error reaches the pipeline. */
export const MAX_ATTEMPTS = { dynamodb: 10, default: 5 } as const;

export const systemClock: Clock = { nowMs: () => Date.now() };

const retry = (maxAttempts: number) => ({ maxAttempts, retryMode: "standard" });

/** The SDK clients the adapters use, exported so tests can add middleware (fault injection). */
export const clients = {
  s3: once(() => new S3Client({ ...retry(MAX_ATTEMPTS.default), forcePathStyle: Boolean(process.env.AWS_ENDPOINT_URL) })),
  dynamodb: once(() => new DynamoDBClient(retry(MAX_ATTEMPTS.dynamodb))),
  cloudwatch: once(() => new CloudWatchClient(retry(MAX_ATTEMPTS.default))),
  sns: once(() => new SNSClient(retry(MAX_ATTEMPTS.default))),
  eventbridge: once(() => new EventBridgeClient(retry(MAX_ATTEMPTS.default))),
};

export const objects = once(() => new S3ObjectStore(clients.s3(), lambdaEnv.bucket()));
export const joins = once(() => new DynamoJoinStore(clients.dynamodb(), lambdaEnv.table()));
export const state = once(() => new DynamoStateStore(clients.dynamodb(), lambdaEnv.table()));
export const metrics = once(() => new CloudWatchMetricSink(clients.cloudwatch(), lambdaEnv.namespace(), systemClock));
export const notifier = once(() => new SnsNotifier(clients.sns(), lambdaEnv.topicArn()));
export const events = once(() => {
  const bus = lambdaEnv.eventBus();
  return bus ? new EventBridgeSink(clients.eventbridge(), bus) : undefined;
});
export const secrets = once(() => new SecretsManagerClient(retry(MAX_ATTEMPTS.default)));
