import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { existsSync, rmSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { chromium, type Browser } from "playwright-core";
import { CHROMIUM_ARGS, ensureChromium } from "./dashboard/chromium.ts";
import { tempDir, vigil } from "./helpers.ts";

// Issue 5 "Done when": the demo replays the real bank-marketing data (Moro et al. 2014) through the
// local pipeline, alerts begin when the contact channel switches (July 2008: the reference months
// May–June had only "unknown"), and the page it names renders every chart in Chromium.
let dir: string;
let result: { code: number; out: string; err: string };
let browser: Browser;

beforeAll(async () => {
  dir = join(tempDir(), "demo");
  result = await vigil("local", "--demo", "--bucket", dir);
  browser = await chromium.launch({ executablePath: ensureChromium(), args: CHROMIUM_ARGS });
}, 600_000);

afterAll(async () => {
  await browser?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe("vigil local --demo", () => {
  it("prints an alert timeline that begins in the first window after the reference", () => {
    expect(result.code).toBe(0);
    const lines = result.out.split("\n").filter((l) => /^\s+\[(P\d|RESOLVED)/.test(l));
    expect(lines.length).toBeGreaterThan(5);
    // The first window after the reference (loan, job and housing moved beyond their day-to-day
    // range in May–June 2008); P3 prediction drift needs two drifted windows in a row.
    expect(lines[0]).toMatch(/\[P4\] bank-marketing: feature_drift .*\(window 2008-07-01\)$/);
    expect(result.out).toMatch(/\[P3\] bank-marketing: prediction_drift .*\(window 2008-07-0\d\)/);
    expect(result.out).toMatch(/\[P2\] bank-marketing: accuracy_drop .*\(window 2008-07-\d\d\)/);
    expect(result.out).toMatch(/dataset_drift/);
  });

  it("leaves the data where a bucket would have it", () => {
    expect(existsSync(join(dir, "reference/bank-marketing/profile.json"))).toBe(true);
    expect(existsSync(join(dir, "state/bank-marketing/metrics"))).toBe(true);
  });

  it("names a dashboard page that renders every chart without a console error", async () => {
    const path = /Dashboard: (.+\.html)/.exec(result.out)?.[1];
    expect(path).toBeDefined();
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const problems: string[] = [];
    page.on("console", (m) => m.type() === "error" && problems.push(m.text()));
    page.on("pageerror", (e) => problems.push(e.message));
    await page.goto(pathToFileURL(path!).href, { waitUntil: "load" });
    const charts = await page.$$eval("[data-chart]", (boxes) =>
      boxes.map((b) => {
        const c = b.querySelector("canvas");
        if (!c || c.width === 0) return 0;
        const px = c.getContext("2d")!.getImageData(0, 0, c.width, c.height).data;
        let inked = 0;
        for (let i = 3; i < px.length; i += 4) if (px[i] > 0) inked++;
        return inked;
      }),
    );
    expect(charts.length).toBeGreaterThanOrEqual(6);
    expect(charts.every((n) => n > 100)).toBe(true);
    const windows = await page.$$eval("#window-select option", (os) => os.length);
    expect(windows).toBeGreaterThan(100);
    expect(await page.$$eval("#dists canvas", (cs) => cs.length)).toBeGreaterThan(5);
    expect(problems).toEqual([]);
    await page.close();
  });
});
