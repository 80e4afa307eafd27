import fc from "fast-check";
import { gzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { readLog } from "../../../shared/readers/index.ts";
import type { ByteSource, FieldValue, LogRecord } from "../../../shared/types.ts";

// Keys that are not mapped fields; "__proto__" and friends included on purpose.
const key = fc.oneof(fc.constantFrom("__proto__", "constructor", "prototype", "toString", "é", "a b"), fc.string({ minLength: 1, maxLength: 8 }))
  .filter((k) => !["timestamp", "request_id", "model_version", "features", "prediction", "score", "latency_ms", "probabilities", "label"].includes(k));
const text = fc.string({ unit: "binary", maxLength: 12 }).filter((s) => !["", "null", "NULL", "NA", "N/A"].includes(s));
const scalar: fc.Arbitrary<FieldValue> = fc.oneof(fc.double({ noNaN: true, noDefaultInfinity: true }).map((x) => (Object.is(x, -0) ? 0 : x)), fc.integer(), text, fc.boolean(), fc.constant(null));
const row = fc.record({
  timestampMs: fc.option(fc.integer({ min: 0, max: 4_102_444_800_000 }), { nil: null }),
  id: fc.option(text, { nil: null }),
  score: fc.option(fc.double({ min: 0, max: 1, noNaN: true }), { nil: null }),
  features: fc.dictionary(key, scalar, { maxKeys: 6 }),
});

function chunkedSource(bytes: Uint8Array, cuts: number[]): ByteSource {
  const points = [...new Set(cuts.map((c) => c % (bytes.length + 1)))].sort((a, b) => a - b);
  return {
    name: "x.jsonl",
    async *stream() {
      let prev = 0;
      for (const p of [...points, bytes.length]) {
        if (p > prev) yield bytes.subarray(prev, p);
        prev = p;
      }
    },
  };
}

async function readAll(source: ByteSource): Promise<LogRecord[]> {
  const out: LogRecord[] = [];
  await readLog(source, {}, { record: (r) => out.push(r), malformed: (m) => expect.fail(`malformed ${m.reason}`) });
  return out;
}

describe("readLog round trip", () => {
  it("reads back any records written as JSON Lines, however the bytes are chunked", async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(row, { maxLength: 20 }), fc.array(fc.nat(), { maxLength: 30 }), fc.boolean(), fc.boolean(), async (rows, cuts, crlf, gzip) => {
        const lines = rows.map((r) => {
          const timestamp = r.timestampMs === null ? null : new Date(r.timestampMs).toISOString();
          return JSON.stringify({ timestamp, request_id: r.id, score: r.score, features: r.features });
        });
        const body = Buffer.from(lines.map((l) => l + (crlf ? "\r\n" : "\n")).join(""));
        const records = await readAll(chunkedSource(gzip ? gzipSync(body) : body, cuts));
        expect(records.map((r) => ({ timestampMs: r.timestampMs, id: r.id, score: r.score, features: { ...r.features } }))).toEqual(
          rows.map((r) => ({ ...r, features: { ...r.features } })),
        );
      }),
      { numRuns: 200 },
    );
  });
});
