import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { ReadOptions } from "../../../shared/readers/index.ts";
import { JsonNumber } from "../../../shared/readers/json-bytes.ts";
import { RowScanner } from "../../../shared/readers/row-scanner.ts";
import { DEFAULT_FIELDS } from "../../../shared/types.ts";
import { expectSamePaths, type Read } from "./fast-path.ts";

/** Both paths give the same records (key order included), malformed rows and summary, also in 7-byte chunks. */
function expectSameAsSlowPath(text: string | Uint8Array, options: ReadOptions = {}): Promise<Read> {
  return expectSamePaths("x.jsonl", typeof text === "string" ? Buffer.from(text) : text, options);
}

const TRICKY_LINES = [
  '{"timestamp":"2024-01-15T10:30:00Z","request_id":"req-1","model_version":"v1","features":{"a":1,"b":"x","c":true,"d":null,"e":"NA"},"prediction":1,"score":0.9,"latency_ms":15}',
  '{"timestamp":1705314600,"request_id":7,"features":{"2":1,"10":2,"b":3,"1":4,"-1":5,"01":6,"4294967295":7,"4294967294":8}}',
  '  {"timestamp" : "2024-01-15 10:30:00.123+05:30" , "features" : { "x" : -0 , "y" : -0.0e0 }}  \t',
  '{"timestamp":"2024-02-30T00:00:00Z","features":{"x":1}}',
  '{"timestamp":"soon","features":{"x":1}}',
  '{"timestamp":"1705314600","score":"0.25","latency_ms":"N/A","features":{"x":1}}',
  '{"score":"high","features":{"x":1}}',
  '{"score":true,"features":{"x":1}}',
  '{"score":1e400,"latency_ms":-1e400,"features":{"x":1e400,"y":-1e400,"z":1e-400}}',
  '{"features":{"x":0.1,"y":123456789012345678,"z":1.7976931348623157e308,"w":5e-324,"v":0.30000000000000004,"u":1E5,"t":2.5e+3}}',
  '{"features":{"x":1,"x":2}}',
  '{"a":1,"a":2}',
  '{"features":null,"a":1,"b":"q"}',
  '{"features":"x","a":1}',
  '{"features":[1,2],"a":1}',
  '{"features":{"x":{"nested":1}}}',
  '{"meta":{"k":1},"features":{"x":1}}',
  '{"probabilities":{"a":0.3,"b":0.7},"features":{"x":1}}',
  '{"probabilities":0.5,"features":{"x":1}}',
  '{"__proto__":{"polluted":true},"constructor":"c","prototype":7,"toString":"t"}',
  '{"features":{"__proto__":"x","constructor":1,"hasOwnProperty":"h"}}',
  '{"features":{"caf\u00e9":"na\u00efve","\\u0061b":"\\n\\"q\\"","e":"\\u004e\\u0041"}}',
  '{"request_id":"r\\u00e9q","model_version":"v\\u0031","features":{"x":1}}',
  '{"request_id":"NULL","model_version":"","prediction":"N/A","label":"yes","features":{"x":1}}',
  '{"request_id":true,"model_version":2.5,"prediction":false,"label":null,"features":{}}',
  '{"captureData":{"endpointInput":{"data":"1,2","encoding":"CSV","mode":"INPUT","observedContentType":"text/csv"}},"eventMetadata":{"eventId":"e1","inferenceTime":"2024-01-15T10:30:00Z"}}',
  "{}",
  "[]",
  '"text"',
  "",
  "   ",
  '{"x":01}',
  '{"x":1.}',
  '{"x":.5}',
  '{"x":-}',
  '{"x":+1}',
  '{"x":1e}',
  '{"x":tru}',
  '{"x":nul}',
  '{"x":"a\tb"}',
  '{"x":1,}',
  '{"x":1}}',
  '{"x":1} x',
  '{"x" 1}',
  '{x:1}',
  "{'x':1}",
  '{"x":"\\x"}',
  '{"x":"\\ud800"}',
  '{"x":1,"y":NaN}',
  '{"timestamp":null,"request_id":null,"features":{"x":"null","y":"NULL","z":"","w":"N/A"}}',
  '{"timestamp":"0099-12-31T23:59:59Z","features":{"x":1}}',
  '{"timestamp":"0001-01-01","features":{"x":1}}',
  '{"timestamp":"0000-12-31T23:59:59Z","features":{"x":1}}',
  '{"timestamp":1e300,"features":{"x":1}}',
  '{"timestamp":-1e14,"features":{"x":1}}',
  '{"timestamp":"9999-12-31T23:59:59.999Z","features":{"x":1}}',
  '{"timestamp":"9999-12-31T23:59:59.999-01:00","features":{"x":1}}',
  '{"x":NaN,"y":Infinity,"z":-Infinity}',
  '{"features":{"x":NaN},"score":Infinity}',
];

describe("RowScanner (the JSON Lines fast path)", () => {
  it("reads every tricky line as the JSON.parse path does", async () => {
    const r = await expectSameAsSlowPath(TRICKY_LINES.join("\n") + "\n");
    expect(r.viewed).toBeGreaterThan(10);
    expect(r.malformed.length).toBeGreaterThan(10);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it("reads CRLF lines, a BOM, a last line without newline and blank lines alike", async () => {
    await expectSameAsSlowPath('\ufeff{"features":{"x":1}}\r\n\r\n{"features":{"x":2}}\r\n  \n{"features":{"x":3}}');
    await expectSameAsSlowPath('{"features":{"x":1}}\n\ufeff{"features":{"x":2}}\n');
  });

  it("reads invalid UTF-8 inside strings as JSON.parse of the decoded line does", async () => {
    // Enough clean text first that the file is not taken for binary.
    const bytes = Buffer.concat([Buffer.from('{"features":{"x":"clean"}}\n'.repeat(400)), Buffer.from('{"features":{"x":"a'), Buffer.from([0xff, 0xc3]), Buffer.from('","y\xe9":"'), Buffer.from([0xe2, 0x82]), Buffer.from('"}}\n')]);
    await expectSameAsSlowPath(bytes);
  });

  it("maps configured field names, one key to several fields included", async () => {
    const text = '{"t":"2024-01-15T10:30:00Z","y":1,"id":"a","s":"0.5","f":{"x":1}}\n{"t":0,"y":"cat","id":"b","s":null}\n';
    await expectSameAsSlowPath(text, { fields: { timestamp: "t", prediction: "y", label: "y", id: "id", score: "s", features: "f" } });
    await expectSameAsSlowPath('{"constructor":"x","toString":1,"features":{"a":1}}\n', { fields: { id: "constructor", version: "toString" } });
  });

  it("counts records later than latestTimestampMs as malformed, as the slow path does", async () => {
    const text = '{"timestamp":"2024-01-15T10:30:00Z","features":{"x":1}}\n{"timestamp":"2024-01-17T00:00:00Z","features":{"x":2}}\n{"timestamp":1705400000,"features":{"x":3}}\n';
    const r = await expectSameAsSlowPath(text, { latestTimestampMs: Date.UTC(2024, 0, 16) });
    expect(r.malformed).toHaveLength(2);
  });

  it("counts lines over the limit and stops at maxRows as the slow path does", async () => {
    const long = `{"features":{"x":"${"a".repeat(200)}"}}`;
    await expectSameAsSlowPath(`{"features":{"x":1}}\n${long}\n{"features":{"x":2}}\n`, { maxLineBytes: 100 });
    await expectSameAsSlowPath(`{"features":{"x":1}}\n${long}\n{"features":{"x":2}}\n`, { maxLineBytes: 250 });
    await expectSameAsSlowPath(`${'{"features":{"x":1}}\n'.repeat(5)}`, { maxRows: 3 });
  });

  it("reads any generated line as the JSON.parse path does", async () => {
    const key = fc.oneof(
      fc.constantFrom("timestamp", "request_id", "model_version", "prediction", "score", "label", "latency_ms", "features", "probabilities", "__proto__", "0", "7", "é"),
      fc.string({ maxLength: 6 }),
    );
    const scalar = fc.oneof(
      fc.double(),
      fc.integer(),
      fc.string({ unit: "binary", maxLength: 8 }),
      fc.constantFrom("", "null", "NA", "N/A", "NULL", "2024-01-15T10:30:00Z", "1705314600", "0.5", "true"),
      fc.boolean(),
      fc.constant(null),
    );
    const value = fc.oneof({ weight: 6, arbitrary: scalar }, { weight: 1, arbitrary: fc.dictionary(key, scalar, { maxKeys: 5 }) }, { weight: 1, arbitrary: fc.array(scalar, { maxLength: 2 }) });
    const line = fc.oneof(
      { weight: 8, arbitrary: fc.dictionary(key, value, { maxKeys: 8 }).map((o) => JSON.stringify(o)) },
      { weight: 1, arbitrary: fc.string({ unit: "binary", maxLength: 30 }) },
      { weight: 1, arbitrary: fc.tuple(fc.dictionary(key, scalar, { maxKeys: 4 }), fc.nat(40)).map(([o, cut]) => JSON.stringify(o).slice(0, cut)) },
    );
    await fc.assert(fc.asyncProperty(fc.array(line, { maxLength: 12 }), async (lines) => {
      await expectSameAsSlowPath(lines.join("\n") + "\n");
    }), { numRuns: 300 });
  });

  it("hands rows over as a view with key ids and typed values", () => {
    const s = new RowScanner(DEFAULT_FIELDS);
    const line = Buffer.from('{"timestamp":"2024-01-15T10:30:00Z","request_id":"req-1","features":{"age":42,"job":"admin","ok":false}}\n');
    expect(s.scan(line, 0, line.length - 1)).toBe(true);
    expect(s.timestampMs).toBe(1705314600000);
    expect(s.id).toBe("req-1");
    expect(s.featureCount).toBe(3);
    expect([0, 1, 2].map((i) => s.keyNames[s.featureKeys[i]])).toEqual(["age", "job", "ok"]);
    expect(s.featureNumbers[0]).toBe(42);
    expect(s.featureTexts[1]).toBe("admin");
    expect(s.feature("ok")).toBe(false);
    expect(s.feature("missing")).toBeUndefined();
  });
});

describe("JsonNumber", () => {
  function readNumber(text: string): number {
    const n = new JsonNumber();
    const b = Buffer.from(`${text},`);
    expect(n.read(b, 0)).toBe(text.length);
    return n.value;
  }

  it("gives the double JSON.parse gives for any double's shortest text", () => {
    fc.assert(fc.property(fc.double({ noNaN: true, noDefaultInfinity: true }), (x) => {
      const text = JSON.stringify(x);
      expect(Object.is(readNumber(text), JSON.parse(text))).toBe(true);
    }), { numRuns: 2000 });
  });

  it("gives the double JSON.parse gives for decimal texts of any length", () => {
    const digits = fc.string({ unit: fc.constantFrom(..."0123456789"), minLength: 1, maxLength: 22 });
    const number = fc.tuple(fc.boolean(), digits, fc.option(digits), fc.option(fc.tuple(fc.constantFrom("e", "E+", "e-"), fc.integer({ min: 0, max: 400 }))))
      .map(([neg, int, frac, exp]) => `${neg ? "-" : ""}${int.replace(/^0+(?=\d)/, "")}${frac === null ? "" : `.${frac}`}${exp === null ? "" : `${exp[0]}${exp[1]}`}`);
    fc.assert(fc.property(number, (text) => {
      expect(Object.is(readNumber(text), JSON.parse(text))).toBe(true);
    }), { numRuns: 3000 });
  });

  it("rejects what JSON does not allow", () => {
    const n = new JsonNumber();
    for (const text of ["-", "+1", ".5", "1.", "1e", "1e+", "-.5"]) expect(n.read(Buffer.from(`${text},`), 0), text).toBe(-1);
  });
});
