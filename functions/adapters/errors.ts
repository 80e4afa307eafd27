/**
 * Errors the AWS adapters raise themselves. SDK errors that mean "absent" (NoSuchKey, a failed
 * condition) become return values in the adapters; any other SDK error is rethrown unchanged so the
 * handler logs it and the message is retried. These carry the facts as fields.
 *
 * @example
 * try { await events.put("vigil", "Retraining Recommended", {}); }
 * catch (e) { if (e instanceof EventPublishError) log.error("event rejected", { code: e.errorCode }); }
 */
export class AdapterError extends Error {
  constructor(
    /** The AWS service the adapter talks to ("s3", "dynamodb", …). */
    readonly service: string,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = "AdapterError";
  }
}

/** A model name or id would make an ambiguous DynamoDB key (it contains the `#` separator). */
export class KeyPartError extends AdapterError {
  constructor(
    readonly part: "model",
    readonly value: string,
  ) {
    super("dynamodb", `${part} ${JSON.stringify(value)} must not contain "#"`);
    this.name = "KeyPartError";
  }
}

/** A GetObject body kept breaking (or ending short) after its resumes: the object was not read whole. */
export class ObjectStreamError extends AdapterError {
  constructor(
    readonly bucket: string,
    readonly key: string,
    readonly receivedBytes: number,
    readonly sizeBytes: number,
    options?: { cause?: unknown },
  ) {
    super("s3", `${bucket}/${key}: stream broke at byte ${receivedBytes} of ${sizeBytes} after retries`, options);
    this.name = "ObjectStreamError";
  }
}

/** DynamoDB kept throttling a batch call: these keys were still unprocessed after the retries. */
export class JoinThrottledError extends AdapterError {
  constructor(
    readonly table: string,
    readonly keys: readonly string[],
    readonly reason: string,
  ) {
    super("dynamodb", `${table}: ${reason} (${keys.length} key(s), first ${keys[0]})`);
    this.name = "JoinThrottledError";
  }
}

/** EventBridge accepted the call but rejected the entry (FailedEntryCount > 0). */
export class EventPublishError extends AdapterError {
  constructor(
    readonly busName: string,
    readonly source: string,
    readonly detailType: string,
    readonly errorCode: string,
    readonly errorMessage: string,
  ) {
    super("events", `${busName}: event ${source}/${detailType} rejected: ${errorCode} ${errorMessage}`);
    this.name = "EventPublishError";
  }
}

/** A secret has no string value (binary secret) or is otherwise unusable. */
export class SecretValueError extends AdapterError {
  constructor(
    readonly arn: string,
    readonly reason: string,
  ) {
    super("secretsmanager", `${arn}: ${reason}`);
    this.name = "SecretValueError";
  }
}
