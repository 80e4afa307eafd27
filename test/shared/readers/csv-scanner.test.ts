import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { ReadOptions } from "../../../shared/readers/index.ts";
import { CsvScanner } from "../../../shared/readers/csv-scanner.ts";
import { DEFAULT_FIELDS } from "../../../shared/types.ts";
import { expectSamePaths, type Read } from "./fast-path.ts";

/** Both paths give the same records, malformed rows and summary (also read in 7-byte chunks). */
function expectSameAsTextPath(text: string | Uint8Array, options: ReadOptions = {}): Promise<Read> {
  return expectSamePaths("x.csv", typeof text === "string" ? Buffer.from(text) : text, options);
}

const HEADER = "timestamp,request_id,model_version,prediction,score,label,latency_ms,a,b,c";

const TRICKY_ROWS = [
  "2024-01-15T10:30:00Z,req-1,v1,1,0.9,0,15,1.5,x,true",
  "1705314600,7,v2,yes,.5,NA,N/A,-0,+1,1.",
  "2024-01-15 10:30:00.123+05:30,007,,NULL,null,,,007,.5,-.5",
  " 2024-01-15T10:30:00Z , req-2 , v1 , 1 , 0.25 , 1 , 3 ,  2.5 , x , NA ",
  "2024-02-30T00:00:00Z,r,v,1,0.5,1,1,1,2,3",
  "soon,r,v,1,0.5,1,1,1,2,3",
  "2024-01-15T10:30:00Z,r,v,1,high,1,1,1,2,3",
  "2024-01-15T10:30:00Z,r,v,1,1e400,1,-1e400,1e400,-1e400,1e-400",
  "2024-01-15T10:30:00Z,r,v,1,NaN,Infinity,-Infinity,NaN,Infinity,+Infinity",
  "2024-01-15T10:30:00Z,r,v,1,0.5,1,1,0.1,123456789012345678,1.7976931348623157e308",
  "2024-01-15T10:30:00Z,r,v,1,0.5,1,1,5e-324,0.30000000000000004,2.5E+3",
  '2024-01-15T10:30:00Z,"r,1","v""2",1,"0.5",1,1,"a,b","x""y""z","q"tail',
  '2024-01-15T10:30:00Z,"r",v,"1","0.5","1","1","1.5","","NA"',
  '"2024-01-15T10:30:00Z",r,v,1,0.5,1,1,"multi',
  'line",x,y',
  "2024-01-15T10:30:00Z,r,v,1,0.5,1,1,1,2",
  "2024-01-15T10:30:00Z,r,v,1,0.5,1,1,1,2,3,4",
  "2024-01-15T10:30:00Z,r,v,1,0.5,1,1,1,2,",
  ",,,,,,,,,",
  "",
  "   ",
  "2024-01-15T10:30:00Z,é-ü,v,ja,0.5,nein,1,Zürich,日本,😀",
  "2024-01-15T10:30:00Z,r,v,NaNa,0.5,Inf,1,Infinity2,NA1,N/A ",
  "2024-01-15T10:30:00Z,r\\1,v,1,0.5,1,1,a\\nb,\\u0041,\\",
  "9999-12-31T23:59:59Z,r,v,1,0.5,1,1,1,2,3",
  "0,r,v,1,0.5,1,1,1,2,3",
  "-62135596800001,r,v,1,0.5,1,1,1,2,3",
];

describe("CSV fast path (CsvScanner)", () => {
  it("reads every tricky row as the text path does", async () => {
    const fast = await expectSameAsTextPath(`${HEADER}\n${TRICKY_ROWS.join("\n")}\n`);
    expect(fast.viewed).toBeGreaterThan(10);
    expect(fast.malformed.length).toBeGreaterThan(3);
  });

  it("reads CRLF lines, a BOM, other delimiters and a last line without newline alike", async () => {
    await expectSameAsTextPath(`\uFEFF${HEADER}\r\n${TRICKY_ROWS.join("\r\n")}`);
    for (const d of [";", "\t", "|"]) {
      const rows = [HEADER, ...TRICKY_ROWS].map((r) => r.replaceAll(",", d));
      const fast = await expectSameAsTextPath(rows.join("\n") + "\n");
      expect(fast.viewed).toBeGreaterThan(5);
    }
  });

  it("maps configured field names, one column to several fields included, and skips features/probabilities columns", async () => {
    const fields = { timestamp: "when", id: "key", version: "key", prediction: "yhat", label: "yhat", score: "p" };
    const text = "when,key,yhat,p,features,probabilities,x\n2024-01-15T10:30:00Z,k1,1,0.5,{},0.3,9\n1705314600,,0,0.25,a,b,8\n";
    const fast = await expectSameAsTextPath(text, { fields });
    expect(fast.viewed).toBe(2);
    expect(fast.records[0]).toMatchObject({ id: "k1", version: "k1", prediction: 1, label: 1, score: 0.5, probabilities: null });
    expect(Object.keys(fast.records[0].features)).toEqual(["x"]);
  });

  it("leaves headers with repeated names or one column to the text path", async () => {
    const dup = await expectSameAsTextPath("timestamp,a,a\n2024-01-15T10:30:00Z,1,2\n");
    expect(dup.viewed).toBe(0);
    expect(dup.records[0].features.a).toBe(2);
    const one = await expectSameAsTextPath("a\n1\n \n\n2\n");
    expect(one.viewed).toBe(0);
    expect(one.records).toHaveLength(2);
    expect(CsvScanner.forHeader(["a", "a"], ",", DEFAULT_FIELDS)).toBeNull();
  });

  it("keeps a __proto__ column as a feature of a null-prototype record", async () => {
    const fast = await expectSameAsTextPath("timestamp,__proto__,constructor\n2024-01-15T10:30:00Z,1,x\n");
    expect(fast.viewed).toBe(1);
    expect(Object.getPrototypeOf(fast.records[0].features)).toBeNull();
    expect(Object.keys(fast.records[0].features)).toEqual(["__proto__", "constructor"]);
  });

  it("counts records later than latestTimestampMs, lines over the limit and stops at maxRows as the text path does", async () => {
    const rows = ["2024-01-15T10:30:00Z,a", "2030-01-01T00:00:00Z,b", `2024-01-15T10:30:00Z,${"x".repeat(300)}`, "2024-01-15T10:31:00Z,c"];
    const text = `timestamp,f\n${rows.join("\n")}\n`;
    await expectSameAsTextPath(text, { latestTimestampMs: Date.parse("2025-01-01T00:00:00Z") });
    await expectSameAsTextPath(text, { maxLineBytes: 200 });
    await expectSameAsTextPath(text, { maxRows: 2 });
  });

  it("reads invalid UTF-8 inside cells as the text path's decoding does", async () => {
    const bytes = Buffer.concat([Buffer.from(`${HEADER}\n2024-01-15T10:30:00Z,r`), Buffer.from([0xff, 0xc3]), Buffer.from(",v,1,0.5,1,1,x"), Buffer.from([0xe2, 0x82]), Buffer.from(",y,z\n")]);
    await expectSameAsTextPath(bytes);
  });

  it("reads any generated CSV as the text path does", async () => {
    const cell = fc.oneof(
      fc.double().map(String),
      fc.integer().map(String),
      fc.string({ unit: "binary", maxLength: 8 }),
      fc.string({ unit: fc.constantFrom("a", "1", ".", "-", "+", "e", "E", " ", '"', ",", "\t", "N", "A", "/", "0"), maxLength: 8 }),
      fc.constantFrom("", "null", "NA", "N/A", "NULL", "NaN", "Infinity", "-Infinity", "2024-01-15T10:30:00Z", "1705314600", " 0.5", "0.5 ", "true", "007", ".5", "5.", "+5"),
    );
    const quote = (s: string) => `"${s.replaceAll('"', '""')}"`;
    const row = fc.array(fc.tuple(cell, fc.boolean()), { minLength: 3, maxLength: 5 }).map((cells) => cells.map(([c, q]) => (q ? quote(c) : c)).join(","));
    await fc.assert(
      fc.asyncProperty(fc.array(row, { maxLength: 12 }), async (rows) => {
        await expectSameAsTextPath(`timestamp,score,x,y\n${rows.join("\n")}\n`);
        await expectSameAsTextPath(`request_id,prediction,x,y\n${rows.join("\n")}\n`);
      }),
      { numRuns: 300 },
    );
  });
});
