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
 */
const once = <T>(make: () => T): (() => T) => {
  let value: T | undefined;
  return () => (value ??= make());
};

export const systemClock: Clock = { nowMs: () => Date.now() };

const s3 = once(() => new S3Client({ forcePathStyle: Boolean(process.env.AWS_ENDPOINT_URL) }));
const dynamo = once(() => new DynamoDBClient({}));
export const objects = once(() => new S3ObjectStore(s3(), lambdaEnv.bucket()));
export const joins = once(() => new DynamoJoinStore(dynamo(), lambdaEnv.table()));
export const state = once(() => new DynamoStateStore(dynamo(), lambdaEnv.table()));
export const metrics = once(() => new CloudWatchMetricSink(new CloudWatchClient({}), lambdaEnv.namespace(), systemClock));
export const notifier = once(() => new SnsNotifier(new SNSClient({}), lambdaEnv.topicArn()));
export const events = once(() => {
  const bus = lambdaEnv.eventBus();
  return bus ? new EventBridgeSink(new EventBridgeClient({}), bus) : undefined;
});
export const secrets = once(() => new SecretsManagerClient({}));
