import { PublishCommand, type SNSClient } from "@aws-sdk/client-sns";
import type { AlertMessage, Notifier } from "../../shared/ports.ts";
import { ALERT_ATTRIBUTE } from "../../shared/names.ts";
import { AdapterError } from "./errors.ts";

/** SNS subjects must be under 100 characters: at most 99. */
export const MAX_SUBJECT_CHARS = 99;
/** SNS messages, attributes included, are at most 256 KiB. */
export const MAX_MESSAGE_BYTES = 262_144;
const ATTRIBUTE_ALLOWANCE_BYTES = 2_048;
/** Protocols that get the readable text; the others listed get the JSON body. */
const TEXT_PROTOCOLS = ["default", "email"] as const;
const JSON_PROTOCOLS = ["sqs", "lambda", "email-json", "http", "https"] as const;
/** Kept when all protocols together would be too large. */
const ESSENTIAL_JSON_PROTOCOLS = ["sqs", "lambda"] as const;

/** The alert would exceed SNS's 256 KiB even with only the essential protocols. */
export class MessageTooLargeError extends AdapterError {
  constructor(
    readonly topicArn: string,
    readonly bytes: number,
    readonly limitBytes: number,
  ) {
    super("sns", `${topicArn}: alert message of ${bytes} bytes exceeds ${limitBytes}`);
    this.name = "MessageTooLargeError";
  }
}

/**
 * An SNS subject: printable ASCII (accents folded, anything else as "?"), no line breaks or
 * control characters, at most 99 characters (cut with "..."), never empty.
 *
 * @example
 * snsSubject("[P2] café: accuracy 0.71\n< 0.85"); // "[P2] cafe: accuracy 0.71 < 0.85"
 */
export function snsSubject(subject: string): string {
  const ascii = subject
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/[\u0000-\u001f\u007f\s]+/g, " ")
    .replace(/[^\x20-\x7e]/g, "?")
    .trim();
  if (ascii === "") return "Vigil alert";
  return ascii.length <= MAX_SUBJECT_CHARS ? ascii : ascii.slice(0, MAX_SUBJECT_CHARS - 3).trimEnd() + "...";
}

/**
 * Sends alerts to the SNS topic with `MessageStructure: "json"` (DESIGN §6): email (and the
 * default) get the readable text; SQS, Lambda, HTTP(S) and email-json subscribers get the JSON
 * body as a string. Message attributes `severity`, `model` and `rule` let subscriptions filter.
 * If every protocol's copy would pass 256 KiB, only default, email, sqs and lambda are sent.
 *
 * @example
 * await new SnsNotifier(new SNSClient({}), topicArn).publish({
 *   subject: "[P2] m: accuracy 0.71 < 0.85 (window 2008-09-01)", text: "…", body: { rule: "accuracy" },
 *   attributes: { severity: "P2", model: "m", rule: "accuracy" },
 * });
 */
export class SnsNotifier implements Notifier {
  constructor(
    private readonly client: SNSClient,
    readonly topicArn: string,
  ) {}

  async publish(message: AlertMessage): Promise<void> {
    const json = JSON.stringify(message.body);
    const structure = (jsonProtocols: readonly string[]) =>
      JSON.stringify(
        Object.fromEntries([...TEXT_PROTOCOLS.map((p) => [p, message.text]), ...jsonProtocols.map((p) => [p, json])]),
      );
    const limit = MAX_MESSAGE_BYTES - ATTRIBUTE_ALLOWANCE_BYTES;
    let payload = structure(JSON_PROTOCOLS);
    if (Buffer.byteLength(payload) > limit) payload = structure(ESSENTIAL_JSON_PROTOCOLS);
    const bytes = Buffer.byteLength(payload);
    if (bytes > limit) throw new MessageTooLargeError(this.topicArn, bytes, limit);
    const attribute = (value: string) => ({ DataType: "String", StringValue: value === "" ? "unknown" : value });
    await this.client.send(
      new PublishCommand({
        TopicArn: this.topicArn,
        Subject: snsSubject(message.subject),
        MessageStructure: "json",
        Message: payload,
        MessageAttributes: {
          [ALERT_ATTRIBUTE.severity]: attribute(message.attributes.severity),
          [ALERT_ATTRIBUTE.model]: attribute(message.attributes.model),
          [ALERT_ATTRIBUTE.rule]: attribute(message.attributes.rule),
          // A model's own routing; absent → subscriptions route on severity.
          ...(message.attributes.channels
            ? { [ALERT_ATTRIBUTE.channels]: { DataType: "String.Array", StringValue: JSON.stringify(message.attributes.channels) } }
            : {}),
        },
      }),
    );
  }
}
