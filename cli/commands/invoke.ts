import { readFileSync } from "node:fs";
import { InputError, UsageError } from "../errors.ts";

/** The handlers `vigil invoke` can run, by name. */
export const HANDLERS = {
  ingest: () => import("../../functions/ingest.ts"),
  labels: () => import("../../functions/labels.ts"),
  evaluate: () => import("../../functions/evaluate.ts"),
  notify: () => import("../../functions/notify.ts"),
  reference: () => import("../../functions/reference.ts"),
} as const;

/**
 * Runs one Lambda handler locally with an event from a file, under the environment contract of
 * DESIGN §7 (VIGIL_BUCKET, VIGIL_TABLE, …); the AWS SDK honours AWS_ENDPOINT_URL, so the handler
 * can run against any AWS-compatible endpoint (moto, LocalStack) or the real account.
 */
export async function invokeCommand(name: string | undefined, eventFile: string | undefined, out: (s: string) => void): Promise<number> {
  if (!name || !(name in HANDLERS)) throw new UsageError(`invoke needs a handler: one of ${Object.keys(HANDLERS).join(", ")}`);
  if (!eventFile) throw new UsageError("invoke needs --event <file.json>");
  let event: unknown;
  try {
    event = JSON.parse(readFileSync(eventFile, "utf8"));
  } catch (e) {
    throw new InputError(eventFile, `cannot read the event as JSON (${(e as Error).message.split("\n")[0]})`);
  }
  const mod = (await HANDLERS[name as keyof typeof HANDLERS]()) as { handler: (e: unknown) => Promise<unknown> };
  const result = await mod.handler(event);
  out(JSON.stringify(result ?? null, null, 2));
  return 0;
}
