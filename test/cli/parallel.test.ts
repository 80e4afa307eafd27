import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { profileFiles } from "../../cli/parallel.ts";
import { defaultMonitorConfig } from "../../shared/config/load.ts";
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

describe("profileFiles", () => {
  it("gives the single-pass counts when the main thread and a worker each profile half of a file", async () => {
    const path = bigLog();
    const config = defaultMonitorConfig("m");
    const one = await profileFiles([path], config, null, new Set([path]), 1);
    const two = await profileFiles([path], config, null, new Set([path]), 2);
    expect(two.read.rows).toBe(40_000);
    expect(two.read.malformed).toBe(2);
    expect(two.read.malformedSample.map((m) => m.line)).toEqual(one.read.malformedSample.map((m) => m.line));
    expect(two.read.malformedSample.map((m) => m.line)).toEqual([8, 30_003]);
    // Ids are counted per partial (repeats across halves are the join store's to find); moments
    // merge to rounding.
    const [p1, p2] = [one.profile, two.profile];
    expect([p2.rows, p2.malformedRows, p2.timestamps, p2.ids.count, p2.versions]).toEqual([p1.rows, p1.malformedRows, p1.timestamps, p1.ids.count, p1.versions]);
    expect(p2.score?.numeric?.distribution).toEqual(p1.score?.numeric?.distribution);
    const [f1, f2] = [p1.features, p2.features];
    expect(Object.keys(f2).sort()).toEqual(Object.keys(f1).sort());
    for (const k of Object.keys(f1)) {
      expect(f2[k].present).toBe(f1[k].present);
      expect(f2[k].categorical).toEqual(f1[k].categorical);
      expect(f2[k].numeric?.distribution).toEqual(f1[k].numeric?.distribution);
      if (f1[k].numeric !== null) expect(f2[k].numeric?.mean).toBeCloseTo(f1[k].numeric.mean, 9);
    }
    expect(Object.getPrototypeOf(two.profile.features)).toBeNull();
  }, 60_000);
});
