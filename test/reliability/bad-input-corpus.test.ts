import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { ReferenceProfile } from "../../shared/reference/types.ts";
import { checkAgainstGood, expectInputError, expectNoPollution, fixture, tempDir, vigil } from "./helpers.ts";

// Issue #7, the bad-input corpus (test/fixtures/bad/README.md) through the CLI: every case with its
// exact outcome — read, counted as malformed with file, line and reason, or rejected whole with
// exit 2 and one line naming the file and the problem. The same files go through the pipeline
// steps in bad-input-pipeline.test.ts; generated large cases are in bad-input-big.test.ts.
const GOOD = fixture("good.jsonl");

/** `vigil profile <file>` into a temporary folder, returning the written reference. */
async function profileOf(name: string): Promise<{ reference: ReferenceProfile; out: string; path: string }> {
  const path = join(tempDir(), "profile.json");
  const r = await vigil("profile", fixture(name), "--model", "m", "--out", path);
  expect(r.err).toBe("");
  expect(r.code).toBe(0);
  return { reference: JSON.parse(readFileSync(path, "utf8")) as ReferenceProfile, out: r.out.trim(), path };
}

describe("bad-input corpus: malformed JSON lines", () => {
  it("reads the good lines and counts each bad one with its line and reason", async () => {
    const { report, malformed } = await checkAgainstGood("malformed-lines.jsonl");
    expect(report.current).toMatchObject({ rows: 3, malformedRows: 6 });
    expect(malformed).toEqual([
      { line: 2, reason: expect.stringMatching(/^invalid JSON: /), raw: '{"timestamp":"2024-01-01T10:00:00Z","features":{"x":' },
      { line: 3, reason: expect.stringMatching(/^invalid JSON: /), raw: "not json at all" },
      { line: 4, reason: "not a JSON object", raw: "[1,2,3]" },
      { line: 5, reason: "not a JSON object", raw: '"just a string"' },
      { line: 6, reason: "features: expected an object of features", raw: '{"timestamp":"2024-01-01T10:00:00Z","features":"x=1"}' },
      { line: 7, reason: "score: not a number 'high'", raw: '{"timestamp":"2024-01-01T10:00:00Z","features":{"x":1},"score":"high"}' },
    ]);
  });

  it("fires the malformed-rows alert when most lines are bad (exit 1, not 2)", async () => {
    const { code, out } = await vigil("check", "--reference", GOOD, "--current", fixture("malformed-lines.jsonl"), "--json");
    expect(code).toBe(1);
    expect(JSON.parse(out).alerts).toContainEqual(expect.objectContaining({ rule: "malformed_rows", severity: "P1", value: 6 / 9, threshold: 0.5 }));
  });

  it("builds a reference from the good lines and says how many were malformed", async () => {
    const { out, reference } = await profileOf("malformed-lines.jsonl");
    expect(out).toMatch(/: model m, 3 rows \(6 malformed\), 2 features \(1 numerical\), 1 chunks$/);
    expect(reference.profile.malformedRows).toBe(6);
  });
});

describe("bad-input corpus: files rejected whole (exit 2, one line)", () => {
  it("rejects a truncated gzip", async () => {
    const f = fixture("truncated.jsonl.gz");
    await expectInputError(["check", "--reference", GOOD, "--current", f], `vigil: ${f}: truncated gzip stream after 310 bytes`);
  });

  it("rejects a zero-byte file as current data and as reference data", async () => {
    const f = fixture("empty.jsonl");
    await expectInputError(["check", "--reference", GOOD, "--current", f], `vigil: ${f}: is empty (no records)`);
    await expectInputError(["profile", f, "--model", "m", "--out", join(tempDir(), "p.json")], `vigil: ${f}: is empty (no records)`);
  });

  it("rejects a binary file", async () => {
    const f = fixture("binary.jsonl");
    await expectInputError(["check", "--reference", GOOD, "--current", f], `vigil: ${f}: binary file, not text (NUL bytes in the first 1024 bytes)`);
    await expectInputError(["profile", f, "--model", "m", "--out", join(tempDir(), "p.json")], `vigil: ${f}: binary file, not text (NUL bytes in the first 1024 bytes)`);
  });

  it("rejects a file that is mostly invalid UTF-8 as binary", async () => {
    const f = fixture("invalid-utf8-mostly.jsonl");
    await expectInputError(["check", "--reference", GOOD, "--current", f], `vigil: ${f}: binary file, not text (600 invalid UTF-8 sequences in the first 657 bytes)`);
  });

  it("rejects a reference profile of another format version", async () => {
    const f = fixture("reference-v2.json");
    await expectInputError(["check", "--reference", f, "--current", GOOD], `vigil: ${f}: reference format version 2 is not supported (expected 1)`);
  });

  it("rejects an invalid monitor config naming the field and the bound", async () => {
    const f = fixture("monitor-invalid.yaml");
    await expectInputError(["check", "--reference", GOOD, "--current", GOOD, "--config", f], `vigil: ${f}: drift.datasetShare: Too big: expected number to be <=1`);
  });

  it("rejects a rule that tries to call code, naming the rule and the position", async () => {
    const f = fixture("monitor-bad-rule.yaml");
    await expectInputError(["check", "--reference", GOOD, "--current", GOOD, "--config", f], `vigil: ${f}: alerts[0] (escape).when: position 13: expected an operator or the end of the rule, found '('`);
  });
});

describe("bad-input corpus: encodings and line endings", () => {
  it.each(["bom.jsonl", "bom.csv", "crlf.jsonl", "crlf.csv"])("reads %s exactly as a plain UTF-8, LF file", async (name) => {
    const { report, malformed } = await checkAgainstGood(name);
    expect(malformed).toEqual([]);
    expect(report.current).toMatchObject({ rows: 3, malformedRows: 0, start: "2024-01-01T10:00:00.000Z", end: "2024-01-03T10:00:00.000Z" });
    expect(report.quality.extraColumns).toEqual([]);
    expect(report.quality.missingColumns).toEqual([]);
    expect(report.features.c.summary.current.topCategories!.map(([k]) => k).sort()).toEqual(["a", "b", "c"]);
    expect(report.features.c.quality.newCategoryShare).toBe(0);
    expect(JSON.stringify(report)).not.toMatch(/\\r|\\ufeff|\ufeff/);
  });

  it("replaces a few invalid UTF-8 bytes with U+FFFD and reads the row (a new category)", async () => {
    const { report, malformed } = await checkAgainstGood("invalid-utf8.jsonl");
    expect(malformed).toEqual([]);
    expect(report.current.rows).toBe(23);
    expect(report.features.c.summary.newCategories).toEqual(["caf\ufffd(\ufffd"]);
    expect(report.features.c.quality.newCategoryShare).toBe(1 / 23);
  });
});

describe("bad-input corpus: NaN, Infinity and null spellings", () => {
  it("reads bare NaN and Infinity (Python's json.dumps) as non-finite numbers, keeps JSON strings as text", async () => {
    const { reference } = await profileOf("nan-infinity.jsonl");
    const x = reference.profile.features.x;
    expect(x.numeric).toMatchObject({ count: 1, nan: 1, posInf: 1, negInf: 0, min: 3, max: 3 });
    expect([...x.categorical!.values].sort()).toEqual(["-Infinity", "Infinity", "NaN"]);
    expect(x.nulls).toBe(1);
    const c = reference.profile.features.c;
    expect(c.categorical).toEqual({ values: ["a"], counts: [2], other: 0 });
    expect(c.nulls).toBe(5); // "null", "N/A", "", "NULL", "NA"
    expect(reference.profile.score).toBeNull(); // "NaN" and "Infinity" scores are missing, not rows lost
    expect(reference.profile).toMatchObject({ rows: 7, malformedRows: 0 });
  });

  it("counts non-finite values as missing and JSON strings as type mismatches in the check", async () => {
    const { report } = await checkAgainstGood("nan-infinity.jsonl");
    expect(report.current).toMatchObject({ rows: 7, malformedRows: 0 });
    expect(report.features.x.quality).toMatchObject({ missingShare: 3 / 7, typeMismatchShare: 3 / 7 });
    expect(report.features.c.quality.missingShare).toBe(5 / 7);
  });

  it("reads NaN, Infinity, -Infinity and null tokens in CSV cells", async () => {
    const { reference } = await profileOf("nan-infinity.csv");
    expect(reference.profile.features.x.numeric).toMatchObject({ count: 1, nan: 1, posInf: 1, negInf: 1 });
    expect(reference.profile.features.x.nulls).toBe(1);
    expect(reference.profile.features.c.categorical).toEqual({ values: ["a"], counts: [1], other: 0 });
    expect(reference.profile.features.c.nulls).toBe(4);
    expect(reference.profile.score!.numeric).toMatchObject({ count: 2, min: 0.25, max: 0.5 });
  });
});

describe("bad-input corpus: numbers as strings and strings as numbers", () => {
  it("counts numeric strings in a numerical feature as type mismatches, and numbers in a categorical one as categories", async () => {
    const { report, malformed } = await checkAgainstGood("numbers-as-strings.jsonl");
    expect(malformed).toEqual([{ line: 3, reason: "score: not a number 'high'", raw: expect.stringContaining('"request_id":"s3"') }]);
    expect(report.current).toMatchObject({ rows: 3, malformedRows: 1 });
    expect(report.features.x.quality.typeMismatchShare).toBe(2 / 3);
    expect([...report.features.c.summary.newCategories!].sort()).toEqual(["5", "true"]);
    expect(report.features.c.quality.newCategoryShare).toBe(2 / 3);
  });
});

describe("bad-input corpus: __proto__, constructor and prototype keys", () => {
  it("reads them as extra columns of the current data and pollutes nothing", async () => {
    const { report } = await checkAgainstGood("proto-keys.jsonl");
    expect(report.current).toMatchObject({ rows: 3, malformedRows: 0 });
    expect(report.quality.extraColumns).toEqual(["__proto__", "constructor", "hasOwnProperty", "prototype", "toString"]);
    expectNoPollution();
  });

  it.each([
    ["proto-keys.jsonl", ["__proto__", "constructor", "hasOwnProperty", "prototype", "toString", "x"]],
    ["proto-keys.csv", ["__proto__", "constructor", "prototype"]],
  ])("profiles %s with those names as ordinary features and checks against them", async (name, features) => {
    const { reference, path } = await profileOf(name);
    expect(Object.keys(reference.schema).sort()).toEqual(features);
    const { code, out } = await vigil("check", "--reference", path, "--current", fixture(name), "--json");
    expect(code).toBe(0);
    const report = JSON.parse(out);
    expect(Object.keys(report.features).sort()).toEqual(features);
    expect(Object.hasOwn(report.features, "__proto__")).toBe(true);
    expect(report.quality.missingColumns).toEqual([]);
    expectNoPollution();
  });
});

describe("bad-input corpus: timestamps", () => {
  it("counts unparseable, impossible, out-of-range and future timestamps as malformed, and reads 1970", async () => {
    const { report, malformed } = await checkAgainstGood("timestamps.jsonl");
    expect(malformed.map(({ line, reason }) => ({ line, reason }))).toEqual([
      { line: 1, reason: "timestamp: cannot parse 'yesterday'" },
      { line: 2, reason: "timestamp: cannot parse '2024-02-30T00:00:00Z'" },
      { line: 3, reason: "timestamp: cannot parse 'true'" },
      { line: 4, reason: "timestamp: '1e+300' is outside the years 0001–9999" },
      { line: 5, reason: "timestamp: '-1e20' is outside the years 0001–9999" },
      { line: 6, reason: expect.stringMatching(/^timestamp: 9999-12-31T23:59:59\.000Z is later than the latest accepted time \d{4}-\d\d-\d\dT/) },
    ]);
    expect(report.current).toEqual({ rows: 3, malformedRows: 6, start: "1970-01-01T00:00:00.000Z", end: "2024-01-01T10:00:00.000Z" });
  });
});

describe("bad-input corpus: values the reference never had", () => {
  it("compares a binary prediction that gains new classes with the chi-square test (it used to crash the z-test)", async () => {
    const { report } = await checkAgainstGood("new-values.jsonl");
    expect(report.prediction.drift).toMatchObject({ method: "chisquare", drifted: true });
    expect(report.features.c.summary.newCategories).toEqual(["d"]);
    const { code } = await vigil("check", "--reference", GOOD, "--current", fixture("new-values.jsonl"));
    expect(code).toBe(1);
  });
});

describe("bad-input corpus: duplicate ids", () => {
  it("counts each repeat of an id once", async () => {
    const { report } = await checkAgainstGood("duplicate-ids.jsonl");
    expect(report.current.rows).toBe(6);
    expect(report.quality.duplicateIds).toBe(3);
  });
});
