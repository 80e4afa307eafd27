import { describe, expect, it } from "vitest";
import { MissingColumnsError, ReaderError } from "../../../shared/readers/index.ts";
import { BANK_FULL_CSV, collectLog, headLines, sourceFromBytes } from "./helpers.ts";

describe("readLog on CSV", () => {
  it("reads the bank-full.csv header and rows (semicolons, every string quoted)", async () => {
    const { records, malformed, summary } = await collectLog(sourceFromBytes("reference/bank/bank-full.csv", headLines(BANK_FULL_CSV, 6)));
    expect(malformed).toEqual([]);
    expect(summary).toMatchObject({ format: "csv", rows: 5 });
    expect(Object.keys(records[0].features)).toEqual(["age", "job", "marital", "education", "default", "balance", "housing", "loan", "contact", "day", "month", "duration", "campaign", "pdays", "previous", "poutcome", "y"]);
    expect(records[0].features).toMatchObject({ age: 58, job: "management", balance: 2143, pdays: -1, y: "no" });
  });

  it("requires columns present in the bank-full.csv header", async () => {
    const { summary } = await collectLog(sourceFromBytes("bank-full.csv", headLines(BANK_FULL_CSV, 3)), { requiredColumns: ["age", "y"] });
    expect(summary.rows).toBe(2);
  });

  it("reads a mapped CSV column as the label", async () => {
    const { records } = await collectLog(sourceFromBytes("bank-full.csv", headLines(BANK_FULL_CSV, 2)), { fields: { label: "y" } });
    expect(records[0].label).toBe("no");
    expect("y" in records[0].features).toBe(false);
  });

  it("detects comma, semicolon, tab and pipe delimiters", async () => {
    for (const d of [",", ";", "\t", "|"]) {
      const { records } = await collectLog(sourceFromBytes("x.csv", `a${d}b${d}c\n1${d}2${d}3\n`));
      expect({ ...records[0].features }, JSON.stringify(d)).toEqual({ a: 1, b: 2, c: 3 });
    }
  });

  it("reads quoted delimiters, doubled quotes and newlines inside quotes", async () => {
    const text = 'id,text,n\n1,"a, b",1\n2,"say ""hi""",2\n3,"two\nlines",3\n4,"",4\n';
    const { records, malformed } = await collectLog(sourceFromBytes("x.csv", text));
    expect(malformed).toEqual([]);
    expect(records.map((r) => r.features.text)).toEqual(["a, b", 'say "hi"', "two\nlines", null]);
    expect(records.map((r) => r.features.n)).toEqual([1, 2, 3, 4]);
  });

  it("numbers a record spanning lines by its first line", async () => {
    const { malformed } = await collectLog(sourceFromBytes("x.csv", 'a,b\n1,"x\ny"\n2,3,4\n'));
    expect(malformed).toMatchObject([{ line: 4, reason: "expected 2 fields, found 3" }]);
  });

  it("counts a row with the wrong number of fields as malformed", async () => {
    const header = Array.from({ length: 17 }, (_, i) => `c${i}`).join(",");
    const short = Array.from({ length: 16 }, (_, i) => i).join(",");
    const { records, malformed } = await collectLog(sourceFromBytes("x.csv", `${header}\n${short}\n${short},16\n`));
    expect(records).toHaveLength(1);
    expect(malformed).toEqual([{ line: 2, reason: "expected 17 fields, found 16", raw: short }]);
  });

  it("converts cells: numbers, null tokens, non-finite numbers, and text", async () => {
    const text = "a,b,c,d,e,f,g,h,i\n1e3,-0.5,,NA,N/A,NaN,-Infinity,true,NULL\n";
    const { records } = await collectLog(sourceFromBytes("x.csv", text));
    const f = records[0].features;
    expect([f.a, f.b, f.c, f.d, f.e, f.g, f.h, f.i]).toEqual([1000, -0.5, null, null, null, Number.NEGATIVE_INFINITY, "true", null]);
    expect(f.f).toBeNaN();
  });

  it("keeps id and version text as written", async () => {
    const { records } = await collectLog(sourceFromBytes("x.csv", "request_id,model_version,x\n007,1.10,1\n"));
    expect(records[0]).toMatchObject({ id: "007", version: "1.10" });
  });

  it("reads timestamps, scores and predictions from CSV text", async () => {
    const text = "timestamp,prediction,score,latency_ms\n2001/01/01 06:55,1,0.75,12\n1705314600,0,NaN,\n";
    const { records } = await collectLog(sourceFromBytes("x.csv", text));
    expect(records[0]).toMatchObject({ timestampMs: Date.UTC(2001, 0, 1, 6, 55), prediction: 1, score: 0.75, latencyMs: 12 });
    expect(records[1]).toMatchObject({ timestampMs: 1705314600000, prediction: 0, score: null, latencyMs: null });
  });

  it("skips blank lines and reads CRLF, a BOM and a last line without newline", async () => {
    const { records, malformed } = await collectLog(sourceFromBytes("x.csv", "\ufeffa,b\r\n\r\n1,2\r\n  \r\n3,4"));
    expect(malformed).toEqual([]);
    expect(records.map((r) => [r.features.a, r.features.b])).toEqual([[1, 2], [3, 4]]);
  });

  it("reads a CSV split into one-byte chunks", async () => {
    const { records } = await collectLog(sourceFromBytes("x.csv", 'name;city\n"Ökü";"São ""P"" ;"\n', 1));
    expect({ ...records[0].features }).toEqual({ name: "Ökü", city: 'São "P" ;' });
  });

  it("throws MissingColumnsError naming every missing column", async () => {
    const read = collectLog(sourceFromBytes("data/x.csv", "a,b\n1,2\n"), { requiredColumns: ["a", "label", "score"] });
    await expect(read).rejects.toThrow(MissingColumnsError);
    await expect(read).rejects.toThrow("data/x.csv: missing required columns: label, score");
  });

  it("reads a header alone as empty", async () => {
    const { summary } = await collectLog(sourceFromBytes("x.csv", "a,b,c\n"));
    expect(summary).toMatchObject({ rows: 0, malformed: 0, empty: true });
  });

  it("counts an unterminated quoted field at the end as malformed", async () => {
    const { records, malformed } = await collectLog(sourceFromBytes("x.csv", 'a,b\n1,2\n3,"open\nmore\n'));
    expect(records).toHaveLength(1);
    expect(malformed).toMatchObject([{ line: 3, reason: "unterminated quoted field" }]);
  });

  it("counts a quoted record longer than maxLineBytes as malformed and resumes after it", async () => {
    const big = Array.from({ length: 50 }, () => "x".repeat(50)).join("\n");
    const { records, malformed } = await collectLog(sourceFromBytes("x.csv", `a,b\n1,"${big}"\n2,3\n`), { maxLineBytes: 1000 });
    expect(malformed).toMatchObject([{ line: 2, reason: "record longer than 1000 bytes" }]);
    expect(records.map((r) => r.features.a)).toEqual([2]);
  });

  it("counts a line longer than maxLineBytes as malformed", async () => {
    const { records, malformed } = await collectLog(sourceFromBytes("x.csv", `a,b\n1,${"9".repeat(5000)}\n2,3\n`), { maxLineBytes: 1000 });
    expect(malformed).toMatchObject([{ line: 2, reason: "line longer than 1000 bytes" }]);
    expect(records).toHaveLength(1);
  });

  it("throws a ReaderError for a header longer than maxLineBytes", async () => {
    await expect(collectLog(sourceFromBytes("x.csv", `${"h,".repeat(1000)}h\n1\n`), { maxLineBytes: 100 })).rejects.toThrow(ReaderError);
  });
});
