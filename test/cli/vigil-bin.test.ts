import { spawnSync } from "node:child_process";
import { readFileSync, statSync, utimesSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { cliBundle } from "../../bin/cli-bundle.mjs";
import { tempDir } from "./helpers.ts";

const ROOT = join(import.meta.dirname, "..", "..");
const STAMP = join(ROOT, "node_modules", ".cache", "vigil-cli", "stamp.json");

/** `node bin/vigil.mjs …` as a user runs it; `tsx` forces the TypeScript loader instead of the bundle. */
function run(args: string[], tsx = false): { code: number | null; out: string; err: string } {
  const env = { ...process.env, VIGIL_NO_BUNDLE: tsx ? "1" : "0" };
  const r = spawnSync(process.execPath, [join(ROOT, "bin", "vigil.mjs"), ...args], { cwd: ROOT, env, encoding: "utf8", timeout: 120_000 });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

/** n canonical rows; 36,000 (≈ 19 MB) is over the 16 MiB threshold where `check` starts a worker. */
function log(n: number, shift: number): string {
  const path = join(tempDir(), `log-${n}.jsonl`);
  const lines: string[] = [];
  for (let i = 0; i < n; i++) {
    const features: Record<string, number | string> = { cat: ["a", "b", "c"][(i + shift) % 3], pad: "x".repeat(400) };
    for (let j = 0; j < 5; j++) features[`num_${j}`] = ((i * 7919 + j * 104729) % 1000) / 10 + shift * j;
    lines.push(JSON.stringify({ timestamp: 1_705_314_600 + i, request_id: `req-${i}`, features, prediction: i % 2, score: (i % 100) / 100 }));
  }
  writeFileSync(path, lines.join("\n") + "\n");
  return path;
}

describe("bin/vigil.mjs", () => {
  it("prints the same report from its prebuilt bundle as through tsx, with a profiling worker", () => {
    const reference = log(5_000, 0);
    const current = log(36_000, 1);
    expect(statSync(current).size).toBeGreaterThan(16 * 1024 * 1024);
    const args = ["check", "--reference", reference, "--current", current, "--json"];
    const bundled = run(args);
    const viaTsx = run(args, true);
    expect(bundled.err).toBe("");
    expect(bundled.code).toBe(1); // num_* moved by 1·j: drift alerts
    expect(viaTsx.code).toBe(1);
    const [a, b] = [JSON.parse(bundled.out), JSON.parse(viaTsx.out)];
    expect(a.current.rows).toBe(36_000);
    // The one clock-dependent figure (now − the last timestamp) differs by the runs' start times.
    expect(Math.abs(a.quality.minutesSinceLastData - b.quality.minutesSinceLastData)).toBeLessThan(5);
    delete a.quality.minutesSinceLastData;
    delete b.quality.minutesSinceLastData;
    expect(a).toEqual(b);
  }, 120_000);

  it("exits 2 with one line naming a missing file in both modes", () => {
    for (const tsx of [false, true]) {
      const r = run(["check", "--reference", "nope.json", "--current", "nope.jsonl"], tsx);
      expect(r.code).toBe(2);
      expect(r.err.trim().split("\n")).toHaveLength(1);
      expect(r.err).toMatch(/^vigil: nope\.json.*no such file/);
    }
  }, 60_000);

  it("reuses the bundle while its sources are unchanged and rebuilds when one changes", async () => {
    const first = await cliBundle();
    expect(first).toMatch(/^file:.*\/main\.mjs$/);
    expect(await cliBundle()).toBe(first);
    const stamp = JSON.parse(readFileSync(STAMP, "utf8")) as { inputs: Record<string, string> };
    expect(Object.keys(stamp.inputs)).toContain("cli/main.ts");
    expect(Object.keys(stamp.inputs)).toContain("shared/profile/tdigest-core.ts");
    // A source file saved again (new mtime): the next run builds afresh.
    const file = join(ROOT, "cli", "report-text.ts");
    const { atime, mtime } = statSync(file);
    try {
      utimesSync(file, atime, new Date(mtime.getTime() - 5_000));
      const rebuilt = await cliBundle();
      expect(rebuilt).not.toBe(first);
      expect(rebuilt).toMatch(/\/main\.mjs$/);
    } finally {
      utimesSync(file, atime, mtime);
    }
  }, 60_000);
});
