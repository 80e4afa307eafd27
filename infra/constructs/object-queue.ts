import { Duration } from "aws-cdk-lib";
import { SqsEventSource } from "aws-cdk-lib/aws-lambda-event-sources";
import { EventType, type IBucket } from "aws-cdk-lib/aws-s3";
import { SqsDestination } from "aws-cdk-lib/aws-s3-notifications";
import { Queue, QueueEncryption } from "aws-cdk-lib/aws-sqs";
import { Construct } from "constructs";
import { acknowledge } from "../nag.ts";
import type { VigilFunction } from "./vigil-function.ts";

/** Deliveries of one message before it moves to the dead-letter queue. */
export const MAX_RECEIVE_COUNT = 5;

export interface ObjectQueueProps {
  readonly bucket: IBucket;
  /** The key prefix whose new objects are queued, e.g. `predictions/`. */
  readonly prefix: string;
  /** Only keys ending in one of these are queued. @default every key under the prefix */
  readonly suffixes?: readonly string[];
  readonly consumer: VigilFunction;
  /** Messages per invocation. */
  readonly batchSize: number;
}

/**
 * New objects under a prefix → S3 event notification → an SSE-SQS queue (TLS required) with a
 * dead-letter queue → the consumer Lambda, which reports partial batch failures so one bad object
 * is retried alone. The visibility timeout is six times the consumer's timeout, as Lambda advises.
 */
export class ObjectQueue extends Construct {
  readonly queue: Queue;
  readonly deadLetterQueue: Queue;

  constructor(scope: Construct, id: string, props: ObjectQueueProps) {
    super(scope, id);
    this.deadLetterQueue = new Queue(this, "DeadLetters", {
      encryption: QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      retentionPeriod: Duration.days(14),
    });
    acknowledge(this.deadLetterQueue, {
      "AwsSolutions-SQS3": "This queue is itself the dead-letter queue of the object queue; messages land here after repeated failures.",
    });
    this.queue = new Queue(this, "Queue", {
      encryption: QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      retentionPeriod: Duration.days(4),
      visibilityTimeout: Duration.seconds(props.consumer.timeout.toSeconds() * 6),
      deadLetterQueue: { queue: this.deadLetterQueue, maxReceiveCount: MAX_RECEIVE_COUNT },
    });
    const destination = new SqsDestination(this.queue);
    for (const suffix of props.suffixes ?? [undefined]) {
      props.bucket.addEventNotification(EventType.OBJECT_CREATED, destination, { prefix: props.prefix, suffix });
    }
    props.consumer.function.addEventSource(
      new SqsEventSource(this.queue, { batchSize: props.batchSize, reportBatchItemFailures: true }),
    );
  }
}
