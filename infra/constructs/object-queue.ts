import { Duration, Stack } from "aws-cdk-lib";
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
    // The notification custom resource's handler is a stack-level singleton made by aws-cdk-lib.
    for (const child of Stack.of(this).node.children) {
      if (child.node.id.startsWith("BucketNotificationsHandler")) {
        acknowledge(child, {
          "AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]":
            "aws-cdk-lib's bucket-notification handler runs only during deployments to configure S3 event notifications; its role is created by the construct with the basic execution policy for its logs.",
        });
      }
    }
    props.consumer.function.addEventSource(
      new SqsEventSource(this.queue, { batchSize: props.batchSize, reportBatchItemFailures: true }),
    );
  }
}
