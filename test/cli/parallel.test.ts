import { statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { profileFiles, rangeWeights } from "../../cli/parallel.ts";
import { splitLines } from "../../cli/ranges.ts";
import { defaultMonitorConfig } from "../../shared/config/defaults.ts";
import type { Profile } from "../../shared/profile/types.ts";
import { tempDir } from "./helpers.ts";

/** 40,000 canonical rows (≈ 20 MB, over the parallel threshold) with a few bad lines in both halves. */
function bigLog(): string {
  const dir = tempDir();
  const path = join(dir, "current.jsonl");
  const lines: string[] = [];
  for (let i = 0; i < 40_000; i++) {
    if (i === 7 || i === 30_001) lines.push("{not json");
    const features: Record<string, number | string> = { cat: ["a", "b", "c"][i % 3], pad: "x".repeat(400) };
    for (let j = 0; j < 5; j++) features[`num_${j}`] = ((i * 7919 + j * 104729) % 1000) / 10;
    lines.push(JSON.stringify({ timestamp: 1_705_314_600 + i, request_id: `req-${i % 39_990}`, features, prediction: i % 2, score: (i % 100) / 100 }));
  }
  writeFileSync(path, lines.join("\n") + "\n");
  return path;
}

/** The file profiled on one thread and on two; both read every row and find the two bad lines at the same line numbers. */
async function oneAndTwoThreads(path: string) {
  const config = defaultMonitorConfig("m");
  const one = await profileFiles([path], config, null, new Set([path]), 1);
  const two = await profileFiles([path], config, null, new Set([path]), 2);
  expect(two.read.rows).toBe(40_000);
  expect(two.read.malformed).toBe(2);
  expect(two.read.malformedSample.map((m) => m.line)).toEqual(one.read.malformedSample.map((m) => m.line));
  return { one, two };
}

/** Per feature: the same presence, categories and distribution (exact parts and digests). */
function expectSameFeatures(p1: Profile, p2: Profile): void {
  for (const k of Object.keys(p1.features)) {
    expect(p2.features[k].present).toBe(p1.features[k].present);
    expect(p2.features[k].categorical).toEqual(p1.features[k].categorical);
    expect(p2.features[k].numeric?.distribution).toEqual(p1.features[k].numeric?.distribution);
  }
}

describe("profileFiles", () => {
  it("gives the single-pass counts when the main thread and a worker each profile half of a file", async () => {
    const { one, two } = await oneAndTwoThreads(bigLog());
    expect(two.read.malformedSample.map((m) => m.line)).toEqual([8, 30_003]);
    // Ids repeated between ranges (req-0…9 at the start and the end) count as in one pass;
    // moments merge to rounding.
    const [p1, p2] = [one.profile, two.profile];
    expect(p1.ids).toEqual({ count: 40_000, distinct: 39_990, duplicates: 10, approximate: false });
    expect([p2.rows, p2.malformedRows, p2.timestamps, p2.ids, p2.versions]).toEqual([p1.rows, p1.malformedRows, p1.timestamps, p1.ids, p1.versions]);
    expect(p2.score?.numeric?.distribution).toEqual(p1.score?.numeric?.distribution);
    const [f1, f2] = [p1.features, p2.features];
    expect(Object.keys(f2).sort()).toEqual(Object.keys(f1).sort());
    expectSameFeatures(p1, p2);
    for (const k of Object.keys(f1)) if (f1[k].numeric !== null) expect(f2[k].numeric?.mean).toBeCloseTo(f1[k].numeric.mean, 9);
    expect(Object.getPrototypeOf(two.profile.features)).toBeNull();
  }, 60_000);
});

/** The same rows as CSV (≈ 20 MB), with bad rows (a wrong field count, a timestamp that does not read) in both halves. */
function bigCsv(quoted: boolean): string {
  const path = join(tempDir(), "current.csv");
  const lines = ["timestamp,request_id,cat,pad,num_0,num_1,num_2,prediction,score"];
  for (let i = 0; i < 40_000; i++) {
    if (i === 7) lines.push("1705314600,only,three");
    if (i === 30_001) lines.push("soon,r,a,x,1,2,3,0,0.5");
    const nums = [0, 1, 2].map((j) => ((i * 7919 + j * 104729) % 1000) / 10);
    const cat = ["a", "b", quoted && i === 20_000 ? '"c, quoted"' : "c"][i % 3];
    lines.push([1_705_314_600 + i, `req-${i % 39_990}`, cat, "x".repeat(400), ...nums, i % 2, (i % 100) / 100].join(","));
  }
  writeFileSync(path, lines.join("\n") + "\n");
  return path;
}

describe("profileFiles on CSV", () => {
  it("cuts a CSV without quotes into ranges that each read the header, with the single-pass counts and line numbers", async () => {
    const path = bigCsv(false);
    const ranges = splitLines(path, 10, rangeWeights(2));
    expect(ranges.length).toBeGreaterThan(1);
    expect(ranges[0].headerEnd).toBeUndefined();
    for (const r of ranges.slice(1)) expect(r.headerEnd).toBe(Buffer.byteLength("timestamp,request_id,cat,pad,num_0,num_1,num_2,prediction,score\n"));
    const { one, two } = await oneAndTwoThreads(path);
    // Line 1 is the header: row i is on line i + 2, after the bad lines before it.
    expect(two.read.malformedSample.map((m) => m.line)).toEqual([9, 30_004]);
    const [p1, p2] = [one.profile, two.profile];
    expect([p2.rows, p2.malformedRows, p2.timestamps, p2.ids]).toEqual([p1.rows, p1.malformedRows, p1.timestamps, p1.ids]);
    expectSameFeatures(p1, p2);
  }, 60_000);

  it("reads a CSV holding a quote whole (a newline could be inside a quoted field)", async () => {
    const path = bigCsv(true);
    expect(splitLines(path, 10, rangeWeights(2))).toEqual([{ path, start: 0, end: statSync(path).size }]);
    const two = await profileFiles([path], defaultMonitorConfig("m"), null, new Set([path]), 2);
    expect([two.read.rows, two.read.malformed]).toEqual([40_000, 2]);
    const cat = two.profile.features.cat.categorical!;
    expect(cat.counts[cat.values.indexOf("c, quoted")]).toBe(1);
  }, 60_000);
});
