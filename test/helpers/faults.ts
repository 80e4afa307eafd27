import { Readable } from "node:stream";
import { HttpResponse } from "@smithy/core/protocols";

/**
 * Fault injection for SDK v3 clients. A middleware sits below the deserializer (step
 * `deserialize`, priority `low`), so it runs once per HTTP attempt, after the SDK's retry
 * middleware: an injected error response is parsed into the service's real exception and goes
 * through the client's real retry strategy, exactly as a response from AWS would. Everything not
 * faulted goes to the real endpoint (moto).
 *
 * @example
 * const faults = new FaultInjector(dynamodbClient);
 * faults.plan({ commands: ["PutItem"], times: 3, fault: dynamoError("ProvisionedThroughputExceededException") });
 * // … the first three PutItem attempts answer HTTP 400 throttling; the SDK retries them
 */
export interface FaultPlan {
  /** Command names without "Command" ("PutItem", "GetObject"). */
  commands: readonly string[];
  /** Only inputs this accepts are faulted. @default every input */
  when?: (input: Record<string, unknown>) => boolean;
  /** Matching attempts let through before the first fault. @default 0 */
  skip?: number;
  /** Matching attempts faulted after that: Infinity for a persistent fault. */
  times: number;
  fault: Fault;
}

/** An error response in place of the real one, or the real response with its body cut. */
export type Fault = { kind: "respond"; status: number; headers: Record<string, string>; body: string } | { kind: "breakBody"; afterBytes: number };

/** What one attempt (one HTTP request) of a faulted client did. */
export interface Attempt {
  command: string;
  atMs: number;
  faulted: boolean;
  input: Record<string, unknown>;
}

/** The outcome of one SDK call (all its attempts), from the response or error `$metadata`. */
export interface CallOutcome {
  command: string;
  attempts: number;
  totalRetryDelayMs: number;
  error: string | null;
}

interface Stackable {
  middlewareStack: { add(mw: unknown, options: Record<string, unknown>): void; remove(name: string): boolean };
}

export class FaultInjector {
  readonly attempts: Attempt[] = [];
  readonly calls: CallOutcome[] = [];
  private plans: Array<FaultPlan & { seen: number; done: number }> = [];

  constructor(client: Stackable) {
    const commandOf = (context: { commandName?: string }) => (context.commandName ?? "").replace(/Command$/, "");
    client.middlewareStack.remove("vigilFaultAttempt");
    client.middlewareStack.remove("vigilFaultCall");
    client.middlewareStack.add(
      (next: (a: unknown) => Promise<{ response: { statusCode: number; headers: Record<string, string>; body: unknown } }>, context: { commandName?: string }) =>
        async (args: { input: Record<string, unknown> }) => {
          const command = commandOf(context);
          const plan = this.plans.find((p) => p.commands.includes(command) && (p.when?.(args.input) ?? true));
          let fault: Fault | null = null;
          if (plan) {
            plan.seen++;
            if (plan.seen > (plan.skip ?? 0) && plan.done < plan.times) {
              plan.done++;
              fault = plan.fault;
            }
          }
          this.attempts.push({ command, atMs: Date.now(), faulted: fault !== null, input: args.input });
          if (fault?.kind === "respond") {
            const response = new HttpResponse({ statusCode: fault.status, headers: fault.headers, body: Readable.from([Buffer.from(fault.body)]) });
            return { response, output: undefined };
          }
          const out = await next(args);
          if (fault?.kind === "breakBody") out.response.body = breakAfter(out.response.body as Readable, fault.afterBytes);
          return out;
        },
      { step: "deserialize", priority: "low", name: "vigilFaultAttempt" },
    );
    client.middlewareStack.add(
      (next: (a: unknown) => Promise<{ output: { $metadata?: { attempts?: number; totalRetryDelay?: number } } }>, context: { commandName?: string }) =>
        async (args: unknown) => {
          const command = commandOf(context);
          try {
            const out = await next(args);
            this.calls.push({ command, attempts: out.output.$metadata?.attempts ?? 1, totalRetryDelayMs: out.output.$metadata?.totalRetryDelay ?? 0, error: null });
            return out;
          } catch (e) {
            const meta = (e as { $metadata?: { attempts?: number; totalRetryDelay?: number } }).$metadata;
            this.calls.push({ command, attempts: meta?.attempts ?? 1, totalRetryDelayMs: meta?.totalRetryDelay ?? 0, error: (e as Error).name });
            throw e;
          }
        },
      { step: "initialize", priority: "high", name: "vigilFaultCall" },
    );
  }

  /** Adds a plan (the first matching plan decides an attempt). */
  plan(p: FaultPlan): this {
    this.plans.push({ ...p, seen: 0, done: 0 });
    return this;
  }

  /** Removes every plan: the client talks to moto untouched again. */
  clear(): this {
    this.plans = [];
    return this;
  }

  /** Attempts faulted so far. */
  get injected(): number {
    return this.attempts.filter((a) => a.faulted).length;
  }

  /** Forgets the recorded attempts and calls. */
  resetLog(): void {
    this.attempts.length = 0;
    this.calls.length = 0;
  }
}

const RESET_DELAY_MS = 20;

/**
 * Passes `bytes` of a body, then fails it as a reset connection would. The error comes only when
 * the reader asks for more after taking the prefix (highWaterMark 0), and a moment later, so the
 * prefix is delivered.
 */
function breakAfter(body: Readable, bytes: number): Readable {
  const chunks = body[Symbol.asyncIterator]() as AsyncIterator<Buffer>;
  let passed = 0;
  let broken = false;
  return new Readable({
    highWaterMark: 0,
    read() {
      if (broken) {
        // The reset arrives a little after the data, as on a network: readers above (the SDK's
        // checksum stream) have taken the prefix by then.
        setTimeout(() => {
          body.destroy();
          this.destroy(Object.assign(new Error("aborted"), { code: "ECONNRESET" }));
        }, RESET_DELAY_MS);
        return;
      }
      chunks.next().then(
        (r) => {
          if (r.done) return void this.push(null);
          const room = bytes - passed;
          if (r.value.length < room) {
            passed += r.value.length;
            this.push(r.value);
            return;
          }
          broken = true;
          passed = bytes;
          if (room > 0) this.push(r.value.subarray(0, room));
          else {
            body.destroy();
            this.destroy(Object.assign(new Error("aborted"), { code: "ECONNRESET" }));
          }
        },
        (e: Error) => this.destroy(e),
      );
    },
  });
}

/** A DynamoDB (JSON 1.0) error: throttling is HTTP 400 with the exception's type. */
export function dynamoError(type: "ProvisionedThroughputExceededException" | "ThrottlingException" | "InternalServerError" | "AccessDeniedException"): Fault {
  const status = type === "InternalServerError" ? 500 : 400;
  const prefix = type === "ThrottlingException" ? "com.amazon.coral.availability#" : "com.amazonaws.dynamodb.v20120810#";
  return { kind: "respond", status, headers: { "content-type": "application/x-amz-json-1.0", "x-amzn-requestid": "fault" }, body: JSON.stringify({ __type: `${prefix}${type}`, message: `injected ${type}` }) };
}

/** An S3 (REST XML) error. */
export function s3Error(code: "InternalError" | "SlowDown" | "ServiceUnavailable", status = code === "InternalError" ? 500 : 503): Fault {
  const body = `<?xml version="1.0" encoding="UTF-8"?><Error><Code>${code}</Code><Message>injected ${code}</Message><RequestId>fault</RequestId></Error>`;
  return { kind: "respond", status, headers: { "content-type": "application/xml", "x-amz-request-id": "fault" }, body };
}

/** A CloudWatch error (JSON 1.0, query-compatible): HTTP 500 InternalServiceError by default. */
export function cloudWatchError(type = "InternalServiceError", status = 500): Fault {
  return { kind: "respond", status, headers: { "content-type": "application/x-amz-json-1.0", "x-amzn-query-error": `${type};Receiver` }, body: JSON.stringify({ __type: type, message: `injected ${type}` }) };
}

/** An SNS (query XML) error: HTTP 500 InternalError by default. */
export function snsError(code = "InternalError", status = 500): Fault {
  const body = `<ErrorResponse xmlns="http://sns.amazonaws.com/doc/2010-03-31/"><Error><Type>Receiver</Type><Code>${code}</Code><Message>injected ${code}</Message></Error><RequestId>fault</RequestId></ErrorResponse>`;
  return { kind: "respond", status, headers: { "content-type": "text/xml" }, body };
}

/** Cuts every response body after `afterBytes` with a connection reset. */
export function breakBody(afterBytes: number): Fault {
  return { kind: "breakBody", afterBytes };
}
