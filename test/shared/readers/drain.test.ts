import { describe, expect, it } from "vitest";
import { readLog, sourceFromBytes } from "../../../shared/readers/index.ts";
import type { LogRecord, RecordSink } from "../../../shared/types.ts";

// RecordSink.drain is the readers' backpressure: awaited between chunks, so a sink can write out
// what it gathered (ingest writes join items while an object streams) and memory stays flat.
describe("readLog", () => {
  it("awaits the sink's drain between chunks, with the records read so far delivered", async () => {
    const lines = Array.from({ length: 1000 }, (_, i) => JSON.stringify({ request_id: `r${i}`, features: { x: i } })).join("\n") + "\n";
    const seenAtDrain: number[] = [];
    let records = 0;
    let pending = false;
    const sink: RecordSink = {
      record: (_r: LogRecord) => {
        expect(pending).toBe(false); // nothing is read while a drain is still pending
        records++;
      },
      malformed: () => {},
      drain: () => {
        seenAtDrain.push(records);
        pending = true;
        return new Promise<void>((resolve) => setTimeout(() => ((pending = false), resolve()), 1));
      },
    };
    const s = await readLog(sourceFromBytes("logs.jsonl", Buffer.from(lines), 4096), {}, sink);
    expect(s.rows).toBe(1000);
    expect(seenAtDrain.length).toBeGreaterThan(5);
    expect(seenAtDrain).toEqual([...seenAtDrain].sort((a, b) => a - b));
    expect(seenAtDrain[0]).toBeGreaterThan(0);
    expect(seenAtDrain[0]).toBeLessThan(1000);
  });
});
