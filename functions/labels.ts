import { ingestLabels } from "../shared/pipeline/labels.ts";
import { logger } from "./log.ts";
import { joins, objects } from "./runtime.ts";
import { processS3Batch, type SqsEvent } from "./sqs.ts";

/** S3 `labels/` → SQS → here: labels join their predictions (in either order of arrival). */
export const handler = (event: SqsEvent) =>
  processS3Batch(event, async (key) => {
    const r = await ingestLabels({ objects: objects(), joins: joins() }, key);
    if (r.rejected) logger.warn("labels rejected", { key, model: r.model, reason: r.rejected });
    else logger.info("labels ingested", { key, model: r.model, labels: r.labels, malformed: r.malformed, joined: r.joined, pending: r.pending, duplicates: r.duplicates });
  });
