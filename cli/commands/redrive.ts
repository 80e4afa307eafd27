import { SQSClient } from "@aws-sdk/client-sqs";
import { redrive } from "../../functions/adapters/sqs-redrive.ts";
import { UsageError } from "../errors.ts";

/**
 * `vigil redrive --dlq <url> --queue <url> [--max N]`: moves dead letters back to their queue once
 * the cause (a bad monitor config, an outage) is fixed. Uses the standard AWS credentials and
 * region, and honours AWS_ENDPOINT_URL.
 */
export async function redriveCommand(dlq: string | undefined, queue: string | undefined, max: string | undefined, out: (s: string) => void): Promise<number> {
  if (!dlq || !queue) throw new UsageError("redrive needs --dlq <dead-letter queue URL> and --queue <source queue URL>");
  const limit = max === undefined ? Number.POSITIVE_INFINITY : Number(max);
  if (!(limit > 0)) throw new UsageError(`--max must be a positive number, got '${max}'`);
  const r = await redrive(new SQSClient({}), dlq, queue, limit);
  out(`moved ${r.moved} message(s) from ${dlq} to ${queue}${r.failed ? `; ${r.failed} refused, left in the dead-letter queue` : ""}`);
  return r.failed > 0 ? 1 : 0;
}
