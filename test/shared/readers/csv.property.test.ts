import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { readLog } from "../../../shared/readers/index.ts";
import type { ByteSource, LogRecord } from "../../../shared/types.ts";

// Cells start with "s" so no cell reads as a number or a null token; CR is left out because CRLF
// inside a quoted field reads as LF by design.
const cell = fc.string({ unit: fc.constantFrom("a", "é", "🚀", ",", ";", "\t", "|", '"', "\n", " "), maxLength: 10 }).map((s) => `s${s}`);
const quote = (s: string): string => `"${s.replaceAll('"', '""')}"`;

function source(bytes: Uint8Array, cuts: number[]): ByteSource {
  const points = [...new Set(cuts.map((c) => c % (bytes.length + 1)))].sort((a, b) => a - b);
  return {
    name: "x.csv",
    async *stream() {
      let prev = 0;
      for (const p of [...points, bytes.length]) {
        if (p > prev) yield bytes.subarray(prev, p);
        prev = p;
      }
    },
  };
}

describe("readLog CSV round trip", () => {
  it("reads back any quoted cells with any delimiter, however the bytes are chunked", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(",", ";", "\t", "|"),
        fc.integer({ min: 1, max: 4 }).chain((width) => fc.array(fc.array(cell, { minLength: width, maxLength: width }), { maxLength: 8 })),
        fc.array(fc.nat(), { maxLength: 20 }),
        async (delimiter, rows, cuts) => {
          const width = rows[0]?.length ?? 1;
          const header = Array.from({ length: width }, (_, i) => `c${i}`);
          const text = [header.join(delimiter), ...rows.map((r) => r.map(quote).join(delimiter))].join("\r\n") + "\r\n";
          const records: LogRecord[] = [];
          await readLog(source(Buffer.from(text), cuts), {}, { record: (r) => records.push(r), malformed: (m) => expect.fail(m.reason) });
          expect(records.map((r) => header.map((h) => r.features[h]))).toEqual(rows);
        },
      ),
      { numRuns: 200 },
    );
  });
});
