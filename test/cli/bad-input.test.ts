import { beforeAll, describe, expect, it } from "vitest";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { tempDir, vigil } from "./helpers.ts";

// DESIGN §7 and issue 2 "Bad input": exit 2 and one line naming the file and the problem, no stack trace.
let dir: string;
let good: string;

const rows = Array.from({ length: 60 }, (_, i) =>
  JSON.stringify({ timestamp: `2024-01-0${1 + (i % 5)}T10:00:00Z`, request_id: `r${i}`, features: { x: i % 17, c: ["a", "b", "c"][i % 3] }, prediction: i % 2, score: (i % 10) / 10 }),
);

beforeAll(() => {
  dir = tempDir();
  good = join(dir, "good.jsonl");
  writeFileSync(good, rows.join("\n") + "\n");
});

async function expectInputError(args: string[], pattern: RegExp): Promise<void> {
  const { code, err } = await vigil(...args);
  expect(code).toBe(2);
  const first = err.trim().split("\n")[0];
  expect(first).toMatch(pattern);
  expect(err).not.toMatch(/\n\s+at /);
}

describe("vigil check on bad input", () => {
  it("names a missing file", async () => {
    const missing = join(dir, "nope.jsonl");
    await expectInputError(["check", "--reference", good, "--current", missing], new RegExp(`^vigil: ${missing}: no such file`));
  });

  it("names an empty file", async () => {
    const empty = join(dir, "empty.jsonl");
    writeFileSync(empty, "");
    await expectInputError(["check", "--reference", good, "--current", empty], new RegExp(`^vigil: ${empty}: is empty`));
  });

  it("names a binary file", async () => {
    const bin = join(dir, "model.jsonl");
    writeFileSync(bin, Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919) % 256)));
    await expectInputError(["check", "--reference", good, "--current", bin], new RegExp(`^vigil: ${bin}: .*binary`, "i"));
  });

  it("names a truncated gzip", async () => {
    const gz = gzipSync(Buffer.from(rows.join("\n").repeat(20)));
    const cut = join(dir, "cut.jsonl.gz");
    writeFileSync(cut, gz.subarray(0, Math.floor(gz.length / 2)));
    await expectInputError(["check", "--reference", good, "--current", cut], new RegExp(`^vigil: ${cut}: .*(truncated|gzip)`, "i"));
  });

  it("names the configured columns a CSV lacks", async () => {
    const config = join(dir, "m.yaml");
    writeFileSync(config, "model: m\nfields: {timestamp: event_time, id: request_id}\n");
    const csv = join(dir, "logs.csv");
    writeFileSync(csv, "request_id,x,c\nr1,1,a\nr2,2,b\n");
    await expectInputError(["check", "--reference", good, "--current", csv, "--config", config], new RegExp(`^vigil: ${csv}: .*event_time`));
  });

  it("names a profile of another format version", async () => {
    const profile = join(dir, "p.json");
    expect((await vigil("profile", good, "--model", "m", "--out", profile)).code).toBe(0);
    const other = join(dir, "p2.json");
    writeFileSync(other, readFileSync(profile, "utf8").replace('"formatVersion":1', '"formatVersion":2'));
    await expectInputError(["check", "--reference", other, "--current", good], new RegExp(`^vigil: ${other}: reference format version 2 is not supported \\(expected 1\\)`));
  });

  it("names the file and field of an invalid config", async () => {
    const config = join(dir, "bad.yaml");
    writeFileSync(config, "model: m\ndrift: {datasetShare: 2}\n");
    await expectInputError(["check", "--reference", good, "--current", good, "--config", config], new RegExp(`^vigil: ${config}: drift\\.datasetShare: `));
  });

  it("rejects an unknown method", async () => {
    await expectInputError(["check", "--reference", good, "--current", good, "--method", "magic"], /^vigil: --method must be one of ks, wasserstein/);
  });

  it("rejects an unknown option", async () => {
    await expectInputError(["check", "--refrence", good], /^vigil: Unknown option '--refrence'/);
  });
});
