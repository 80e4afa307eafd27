import {
  ChangeMessageVisibilityBatchCommand,
  CreateQueueCommand,
  DeleteMessageBatchCommand,
  GetQueueAttributesCommand,
  ReceiveMessageCommand,
  type SQSClient,
} from "@aws-sdk/client-sqs";
import type { Handler } from "./pipeline.ts";

/**
 * Lambda's SQS event source mapping, played against a real queue (moto): receive a batch, invoke
 * the handler, delete the messages it did not report as batch item failures. A failed message is
 * made visible again at once (ChangeMessageVisibility 0) instead of after the visibility timeout,
 * so no test waits; SQS itself counts the receives and moves a message to the dead-letter queue
 * on the receive after its `maxReceiveCount`th, as in AWS.
 *
 * @example
 * const q = await createQueueWithDlq(sqs, "ingest", MAX_RECEIVE_COUNT);
 * const run = await drainQueue(sqs, q.url, handlers.ingest, 5);
 */
export interface QueueWithDlq {
  url: string;
  arn: string;
  dlqUrl: string;
}

/** A queue whose redrive policy sends a message to its dead-letter queue after `maxReceiveCount` receives. */
export async function createQueueWithDlq(sqs: SQSClient, name: string, maxReceiveCount: number): Promise<QueueWithDlq> {
  const dlqUrl = (await sqs.send(new CreateQueueCommand({ QueueName: `${name}-dlq` }))).QueueUrl!;
  const dlqArn = await queueArn(sqs, dlqUrl);
  const url = (
    await sqs.send(
      new CreateQueueCommand({
        QueueName: name,
        Attributes: { VisibilityTimeout: "900", RedrivePolicy: JSON.stringify({ deadLetterTargetArn: dlqArn, maxReceiveCount }) },
      }),
    )
  ).QueueUrl!;
  return { url, arn: await queueArn(sqs, url), dlqUrl };
}

export async function queueArn(sqs: SQSClient, url: string): Promise<string> {
  const res = await sqs.send(new GetQueueAttributesCommand({ QueueUrl: url, AttributeNames: ["QueueArn"] }));
  return res.Attributes!.QueueArn!;
}

/** What draining a queue did. */
export interface DrainRun {
  invocations: number;
  /** Records handed to the handler, redeliveries included. */
  delivered: number;
  /** Records the handler reported as batch item failures. */
  failed: number;
  /** Receive count of each message when it was last delivered, by message id. */
  receives: Map<string, number>;
}

/** Invokes `handler` with batches from the queue until it answers empty. */
export async function drainQueue(sqs: SQSClient, url: string, handler: Handler, batchSize: number): Promise<DrainRun> {
  const run: DrainRun = { invocations: 0, delivered: 0, failed: 0, receives: new Map() };
  for (;;) {
    const got = await sqs.send(
      new ReceiveMessageCommand({ QueueUrl: url, MaxNumberOfMessages: batchSize, WaitTimeSeconds: 0, MessageSystemAttributeNames: ["ApproximateReceiveCount"] }),
    );
    const messages = got.Messages ?? [];
    if (messages.length === 0) return run;
    const records = messages.map((m) => ({
      messageId: m.MessageId!,
      receiptHandle: m.ReceiptHandle!,
      body: m.Body!,
      attributes: { ApproximateReceiveCount: m.Attributes?.ApproximateReceiveCount ?? "1" },
      messageAttributes: {},
      eventSource: "aws:sqs",
    }));
    for (const r of records) run.receives.set(r.messageId, Number(r.attributes.ApproximateReceiveCount));
    const res = (await handler({ Records: records })) as { batchItemFailures: Array<{ itemIdentifier: string }> };
    run.invocations++;
    run.delivered += records.length;
    const failed = new Set(res.batchItemFailures.map((f) => f.itemIdentifier));
    run.failed += failed.size;
    const ok = messages.filter((m) => !failed.has(m.MessageId!));
    const retry = messages.filter((m) => failed.has(m.MessageId!));
    if (ok.length > 0) await sqs.send(new DeleteMessageBatchCommand({ QueueUrl: url, Entries: ok.map((m, i) => ({ Id: String(i), ReceiptHandle: m.ReceiptHandle! })) }));
    if (retry.length > 0) {
      await sqs.send(
        new ChangeMessageVisibilityBatchCommand({ QueueUrl: url, Entries: retry.map((m, i) => ({ Id: String(i), ReceiptHandle: m.ReceiptHandle!, VisibilityTimeout: 0 })) }),
      );
    }
  }
}

/** Messages waiting in a queue (visible ones), without receiving them. */
export async function visibleMessages(sqs: SQSClient, url: string): Promise<number> {
  const res = await sqs.send(new GetQueueAttributesCommand({ QueueUrl: url, AttributeNames: ["ApproximateNumberOfMessages"] }));
  return Number(res.Attributes?.ApproximateNumberOfMessages ?? 0);
}
