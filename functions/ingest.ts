import { ingestObject } from "../shared/pipeline/ingest.ts";
import { logger } from "./log.ts";
import { joins, objects, systemClock } from "./runtime.ts";
import { processS3Batch, type SqsEvent } from "./sqs.ts";

/**
 * S3 `predictions/` → SQS → here: each object is profiled into per-window partials and its
 * prediction ids stored for the label join. A file-level problem (binary, truncated gzip) is
 * quarantined, not retried; any other error fails the record, so it is retried and finally
 * lands in the dead-letter queue.
 */
export const handler = (event: SqsEvent) =>
  processS3Batch(event, async (key) => {
    const r = await ingestObject({ objects: objects(), joins: joins(), clock: systemClock }, key);
    if (r.rejected) logger.warn("object rejected", { key, model: r.model, reason: r.rejected });
    else logger.info(r.skipped ? "object already ingested" : "object ingested", { key, model: r.model, rows: r.rows, malformed: r.malformed, windows: r.windows.length, duplicateIds: r.duplicateIds });
  });
