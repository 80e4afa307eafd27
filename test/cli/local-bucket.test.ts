import { describe, expect, it } from "vitest";
import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { prng } from "../../bench/generate.ts";
import { tempDir, vigil } from "./helpers.ts";

// `vigil local --bucket <dir>` on a folder laid out like the bucket: reference data, a monitor,
// three days of logs (the second and third drifted) and labels; alerts print and the dashboard is
// written. Feature drift (P4) notifies on the first drifted window; dataset drift (P3) needs two
// drifted windows in a row (default rules, fireAfter 2).
const DAY = 86_400_000;
const START = Date.UTC(2024, 0, 1);

function put(root: string, key: string, lines: object[]): void {
  mkdirSync(dirname(join(root, key)), { recursive: true });
  writeFileSync(join(root, key), lines.map((l) => JSON.stringify(l)).join("\n") + "\n");
}

function rows(day: number, n: number, drifted: boolean, seed: number) {
  const rand = prng(seed);
  return Array.from({ length: n }, (_, i) => ({
    timestamp: new Date(START + day * DAY + i * 1000).toISOString(),
    request_id: `d${day}-${i}`,
    features: { x: (drifted ? 5 : 0) + rand() * 10, c: drifted ? "z" : ["a", "b"][i % 2] },
    prediction: i % 2,
    score: rand(),
  }));
}

describe("vigil local --bucket", () => {
  it("processes a folder, prints alerts and writes the dashboard", async () => {
    const root = tempDir();
    put(root, "reference/m/data.jsonl", rows(-10, 1500, false, 1).map((r, i) => ({ ...r, label: i % 2 })));
    mkdirSync(join(root, "monitors"), { recursive: true });
    writeFileSync(join(root, "monitors/m.yaml"), "model: m\nwindow: 1d\nlateness: 1h\n");
    put(root, "predictions/m/day0.jsonl", rows(0, 400, false, 2));
    put(root, "predictions/m/day1.jsonl", rows(1, 400, true, 3));
    put(root, "predictions/m/day2.jsonl", rows(2, 400, true, 4));
    put(root, "labels/m/labels.jsonl", rows(0, 400, false, 2).map((r, i) => ({ request_id: r.request_id, label: i % 2 })));
    const first = await vigil("local", "--bucket", root);
    expect(first.code).toBe(0);
    expect(first.out).toMatch(/\[P4\] m: feature_drift .*\(window 2024-01-02\)/);
    expect(first.out).not.toMatch(/dataset_drift .*\(window 2024-01-02\)/);
    expect(first.out).toMatch(/\[P3\] m: dataset_drift 1 vs 0\.5 \(window 2024-01-03\)/);
    expect(first.out).not.toMatch(/window 2024-01-01\)/);
    const page = /Dashboard: (.+\.html)/.exec(first.out)?.[1];
    expect(page && existsSync(page)).toBe(true);
    // A second run finds nothing new and sends nothing again.
    const second = await vigil("local", "--bucket", root);
    expect(second.out).not.toMatch(/\[P\d\]/);
  });
});
