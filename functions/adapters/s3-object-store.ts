import {
  DeleteObjectCommand,
  GetObjectCommand,
  HeadObjectCommand,
  ListObjectsV2Command,
  PutObjectCommand,
  type S3Client,
} from "@aws-sdk/client-s3";
import type { Readable } from "node:stream";
import type { ObjectInfo, ObjectStore } from "../../shared/ports.ts";
import type { ByteSource } from "../../shared/types.ts";
import { ObjectStreamError } from "./errors.ts";

/**
 * Times a GetObject body that breaks mid-stream (connection reset, or ended short of the object's
 * size) is resumed with a ranged GET from the first byte not yet received. The SDK's own retries
 * end when the response headers arrive, so without this one reset 90% through a 100 MB object
 * would cost a whole SQS redelivery after the visibility timeout.
 */
export const STREAM_RESUMES = 3;
const RESUME_BACKOFF_BASE_MS = 100;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** S3 answers a missing key with NoSuchKey (GET) or a bodiless 404 named NotFound (HEAD). */
function isMissing(e: unknown): boolean {
  const name = (e as { name?: string }).name;
  return name === "NoSuchKey" || name === "NotFound";
}

/** S3 quotes ETags (`"abc…"`); the ports carry them bare. */
export function bareEtag(etag: string | undefined): string {
  return (etag ?? "").replace(/^"|"$/g, "");
}

/**
 * The bucket as an ObjectStore (DESIGN §2). `open()` reads the object's metadata with HeadObject
 * and returns a ByteSource whose `stream()` and ranged `read()` issue GetObject with `IfMatch` on
 * that ETag, so every byte comes from the version that was opened (a concurrent overwrite fails
 * with PreconditionFailed instead of mixing versions). A missing key is null; any other error,
 * including a missing bucket on GET/PUT/LIST, is rethrown. (A HEAD 404 cannot tell a missing
 * bucket from a missing key, so `open()` reports both as null.) A body that fails mid-stream is
 * resumed from the byte it reached (see STREAM_RESUMES); a stream never yields a byte twice or
 * ends short of the object's size without an error.
 *
 * @example
 * const store = new S3ObjectStore(new S3Client({}), "vigil-bucket");
 * const src = await store.open("predictions/m/2024/part-0.parquet");
 * const footer = await src?.read?.(src.size! - 8, src.size!);
 */
export class S3ObjectStore implements ObjectStore {
  constructor(
    private readonly client: S3Client,
    readonly bucket: string,
  ) {}

  async open(key: string): Promise<(ByteSource & { info: ObjectInfo }) | null> {
    let head;
    try {
      head = await this.client.send(new HeadObjectCommand({ Bucket: this.bucket, Key: key }));
    } catch (e) {
      if (isMissing(e)) return null;
      throw e;
    }
    const info: ObjectInfo = {
      key,
      etag: bareEtag(head.ETag),
      size: head.ContentLength ?? 0,
      lastModifiedMs: head.LastModified?.getTime() ?? 0,
    };
    const { client, bucket } = this;
    const ifMatch = head.ETag;
    return {
      name: key,
      size: info.size,
      info,
      async *stream() {
        let offset = 0;
        for (let resumes = 0; offset < info.size; resumes++) {
          if (resumes > 0) await sleep(RESUME_BACKOFF_BASE_MS * 2 ** (resumes - 1) * (0.5 + Math.random() / 2));
          const range = offset > 0 ? `bytes=${offset}-` : undefined;
          // Errors of the request itself (after the SDK's retries, or 412: the object changed) propagate.
          const res = await client.send(new GetObjectCommand({ Bucket: bucket, Key: key, IfMatch: ifMatch, Range: range }));
          let failure: unknown = null;
          try {
            for await (const chunk of res.Body as Readable) {
              offset += (chunk as Uint8Array).byteLength;
              yield chunk as Uint8Array;
            }
          } catch (e) {
            failure = e;
          }
          if (offset >= info.size) return;
          if (resumes === STREAM_RESUMES) throw new ObjectStreamError(bucket, key, offset, info.size, { cause: failure ?? undefined });
        }
      },
      async read(start: number, end: number) {
        if (end <= start) return new Uint8Array(0);
        // HTTP ranges are inclusive: [start, end) is bytes=start-(end-1).
        const range = `bytes=${start}-${end - 1}`;
        const res = await client.send(new GetObjectCommand({ Bucket: bucket, Key: key, Range: range, IfMatch: ifMatch }));
        return res.Body!.transformToByteArray();
      },
    };
  }

  async getText(key: string): Promise<string | null> {
    try {
      const res = await this.client.send(new GetObjectCommand({ Bucket: this.bucket, Key: key }));
      return await res.Body!.transformToString("utf-8");
    } catch (e) {
      if (isMissing(e)) return null;
      throw e;
    }
  }

  async put(key: string, body: string | Uint8Array, contentType?: string): Promise<void> {
    // An explicit length: the SDK cannot measure an empty string and would warn about streaming.
    const length = typeof body === "string" ? Buffer.byteLength(body, "utf8") : body.byteLength;
    await this.client.send(
      new PutObjectCommand({ Bucket: this.bucket, Key: key, Body: body, ContentType: contentType, ContentLength: length }),
    );
  }

  async *list(prefix: string): AsyncIterable<ObjectInfo> {
    let token: string | undefined;
    do {
      const res = await this.client.send(
        new ListObjectsV2Command({ Bucket: this.bucket, Prefix: prefix, ContinuationToken: token }),
      );
      for (const o of res.Contents ?? []) {
        yield { key: o.Key!, etag: bareEtag(o.ETag), size: o.Size ?? 0, lastModifiedMs: o.LastModified?.getTime() ?? 0 };
      }
      token = res.IsTruncated ? res.NextContinuationToken : undefined;
    } while (token);
  }

  /** Deleting a missing key succeeds (S3 DeleteObject is idempotent). */
  async delete(key: string): Promise<void> {
    await this.client.send(new DeleteObjectCommand({ Bucket: this.bucket, Key: key }));
  }
}
