import { logger } from "./log.ts";

/** The parts of an SQS event these handlers read. */
export interface SqsEvent {
  Records: Array<{ messageId: string; body: string }>;
}

/** Lambda's partial batch response: the messages to retry. */
export interface BatchResponse {
  batchItemFailures: Array<{ itemIdentifier: string }>;
}

/**
 * The object keys an S3 event notification (delivered through SQS) names. S3 URL-encodes keys
 * with `+` for spaces. The test event S3 sends when notifications are configured names none.
 *
 * @example
 * keysOfS3Message('{"Records":[{"s3":{"object":{"key":"predictions/m/a+b.jsonl"}}}]}'); // ["predictions/m/a b.jsonl"]
 */
export function keysOfS3Message(body: string): string[] {
  const msg = JSON.parse(body) as { Event?: string; Records?: Array<{ eventName?: string; s3?: { object?: { key?: string } } }> };
  if (msg.Event === "s3:TestEvent") return [];
  return (msg.Records ?? [])
    .filter((r) => !r.eventName || r.eventName.startsWith("ObjectCreated"))
    .map((r) => r.s3?.object?.key)
    .filter((k): k is string => typeof k === "string")
    .map((k) => decodeURIComponent(k.replace(/\+/g, " ")));
}

/**
 * Processes an SQS batch record by record; a record whose processing throws is reported as a
 * batch item failure (retried, then sent to the dead-letter queue), the others succeed.
 */
export async function processS3Batch(event: SqsEvent, step: (key: string) => Promise<unknown>): Promise<BatchResponse> {
  const failures: BatchResponse["batchItemFailures"] = [];
  for (const record of event.Records) {
    try {
      for (const key of keysOfS3Message(record.body)) await step(key);
    } catch (error) {
      logger.error("record failed", { messageId: record.messageId, error });
      failures.push({ itemIdentifier: record.messageId });
    }
  }
  return { batchItemFailures: failures };
}
