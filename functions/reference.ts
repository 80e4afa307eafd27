import { buildReferenceFromObject } from "../shared/pipeline/reference.ts";
import { logger } from "./log.ts";
import { objects } from "./runtime.ts";
import { processS3Batch, type SqsEvent } from "./sqs.ts";

/** S3 `reference/<model>/data.<ext>` → SQS → here: builds `reference/<model>/profile.json`. */
export const handler = (event: SqsEvent) =>
  processS3Batch(event, async (key) => {
    const ref = await buildReferenceFromObject({ objects: objects() }, key);
    if (ref) logger.info("reference built", { key, model: ref.model, rows: ref.profile.rows, features: Object.keys(ref.schema).length });
  });
