import { DeleteMessageBatchCommand, ReceiveMessageCommand, SendMessageBatchCommand, type SQSClient } from "@aws-sdk/client-sqs";

/** What a redrive moved. */
export interface RedriveResult {
  moved: number;
  /** Messages the source queue refused (they stay in the dead-letter queue). */
  failed: number;
}

/** SQS's batch size for receive, send and delete. */
const BATCH = 10;

/**
 * Moves messages from a dead-letter queue back to its source queue, ten at a time: each message
 * is sent to the source (body and message attributes kept) and only then deleted from the DLQ,
 * so a crash in between duplicates a message rather than losing it — and the pipeline is
 * idempotent to duplicates. Stops when the DLQ answers empty or after `max` messages.
 *
 * @example
 * await redrive(sqs, dlqUrl, sourceUrl); // { moved: 25, failed: 0 }
 */
export async function redrive(client: SQSClient, dlqUrl: string, sourceUrl: string, max = Number.POSITIVE_INFINITY): Promise<RedriveResult> {
  const result: RedriveResult = { moved: 0, failed: 0 };
  while (result.moved + result.failed < max) {
    const got = await client.send(
      new ReceiveMessageCommand({ QueueUrl: dlqUrl, MaxNumberOfMessages: Math.min(BATCH, max - result.moved - result.failed), WaitTimeSeconds: 0, VisibilityTimeout: 60, MessageAttributeNames: ["All"] }),
    );
    const messages = got.Messages ?? [];
    if (messages.length === 0) break;
    const sent = await client.send(
      new SendMessageBatchCommand({
        QueueUrl: sourceUrl,
        Entries: messages.map((m, i) => ({ Id: String(i), MessageBody: m.Body ?? "", MessageAttributes: m.MessageAttributes })),
      }),
    );
    const ok = new Set((sent.Successful ?? []).map((s) => Number(s.Id)));
    result.failed += messages.length - ok.size;
    const done = messages.filter((_, i) => ok.has(i));
    if (done.length > 0) {
      await client.send(new DeleteMessageBatchCommand({ QueueUrl: dlqUrl, Entries: done.map((m, i) => ({ Id: String(i), ReceiptHandle: m.ReceiptHandle! })) }));
    }
    result.moved += done.length;
  }
  return result;
}
