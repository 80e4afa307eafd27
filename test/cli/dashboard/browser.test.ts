import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { chromium, type Browser, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { renderDashboard } from "../../../cli/dashboard/render.ts";
import type { DashboardData } from "../../../cli/dashboard/types.ts";
import { CHROMIUM_ARGS, ensureChromium } from "./chromium.ts";
import { demoDashboard } from "./fixture.ts";

const INSTALL_TIMEOUT_MS = 10 * 60_000;
const HERE = fileURLToPath(new URL(".", import.meta.url));
const SCREENSHOT = join(HERE, "__screenshots__", "dashboard.png");

let browser: Browser;
let dir: string;

/** Opens a rendered page from a file:// URL and records every console error, page error and dialog. */
async function open(data: DashboardData, name: string): Promise<{ page: Page; problems: string[] }> {
  const file = join(dir, `${name}.html`);
  writeFileSync(file, renderDashboard(data));
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  const problems: string[] = [];
  page.on("console", (m) => m.type() === "error" && problems.push(`console: ${m.text()}`));
  page.on("pageerror", (e) => problems.push(`pageerror: ${e.message}`));
  page.on("dialog", (d) => { problems.push(`dialog: ${d.message()}`); void d.dismiss(); });
  page.on("request", (r) => !r.url().startsWith("file:") && !r.url().startsWith("data:") && problems.push(`request: ${r.url()}`));
  await page.goto(pathToFileURL(file).href, { waitUntil: "load" });
  return { page, problems };
}

/** Per chart container: the number of painted pixels and of coloured (non-grey) ones. */
function inkPerChart(page: Page, selector: string): Promise<Array<{ id: string; inked: number; coloured: number }>> {
  return page.$$eval(selector, (boxes) =>
    boxes.map((box, i) => {
      const canvas = box.querySelector("canvas");
      let inked = 0, coloured = 0;
      if (canvas && canvas.width > 0 && canvas.height > 0) {
        const px = canvas.getContext("2d")!.getImageData(0, 0, canvas.width, canvas.height).data;
        for (let p = 0; p < px.length; p += 4) {
          if (px[p + 3] === 0) continue;
          inked++;
          if (Math.max(px[p], px[p + 1], px[p + 2]) - Math.min(px[p], px[p + 1], px[p + 2]) > 60) coloured++;
        }
      }
      return { id: box.id || `#${i}`, inked, coloured };
    }),
  );
}

const distSignature = (page: Page): Promise<string> =>
  page.$$eval("#dists canvas", (cs) => cs.map((c) => (c as HTMLCanvasElement).toDataURL()).join("|"));

describe("dashboard page in Chromium", () => {
  beforeAll(async () => {
    const executablePath = ensureChromium();
    browser = await chromium.launch({ executablePath, args: CHROMIUM_ARGS });
    dir = mkdtempSync(join(tmpdir(), "vigil-dashboard-"));
  }, INSTALL_TIMEOUT_MS);

  afterAll(async () => {
    await browser?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it("draws every chart with data and no errors, and redraws distributions for another window", async () => {
    const data = demoDashboard({ windows: 30, features: 8, driftFrom: 20 });
    const { page, problems } = await open(data, "demo");
    const charts = await inkPerChart(page, "[data-chart]");
    expect(charts.map((c) => c.id)).toEqual(expect.arrayContaining([
      "chart-volume", "chart-freshness", "chart-drift", "chart-drift-feature", "chart-drifted-share",
      "chart-quality", "chart-performance", "chart-alerts",
    ]));
    expect(charts.length).toBe(8 + 8);
    expect(charts.filter((c) => c.coloured < 50)).toEqual([]);
    expect(await page.locator("#alerts-table tbody tr").count()).toBe(data.alerts.length);

    const heat = (await page.locator("#chart-drift .u-over").boundingBox())!;
    await page.mouse.move(heat.x + heat.width - 4, heat.y + 4);
    await expect.poll(() => page.locator("#drift-readout").textContent()).toMatch(/^age · 2008-09-30 · ks statistic .* drifted$/);

    const before = await distSignature(page);
    const select = page.locator("#window-select");
    expect(await select.inputValue()).toBe(data.windows[29].start);
    await select.selectOption(data.windows[5].start);
    const after = await distSignature(page);
    expect(after).not.toBe(before);
    expect(await inkPerChart(page, "#dists [data-chart]")).toHaveLength(8);

    await select.selectOption(data.windows[25].start);
    mkdirSync(join(HERE, "__screenshots__"), { recursive: true });
    await page.screenshot({ path: SCREENSHOT, fullPage: true });
    expect(problems).toEqual([]);
    await page.close();
  });

  it("shows hostile names as text and runs none of them", async () => {
    const evil = ["<img src=x onerror=alert(1)>", "</script><script>alert(1)</script>", "@channel"];
    const data = demoDashboard({ windows: 3, features: 3, driftFrom: 1, names: evil, categories: evil });
    data.alerts.push({ at: data.windows[2].start, severity: "P1", rule: "x", feature: evil[0], message: evil[1], state: "fire" });
    const { page, problems } = await open(data, "evil");
    expect(await page.locator("img").count()).toBe(0);
    expect(await page.locator("#dists h3").allTextContents()).toEqual(evil.map((e) => expect.stringContaining(e)));
    expect(await page.locator("#alerts-table").textContent()).toContain(evil[1]);
    expect(problems).toEqual([]);
    await page.close();
  });

  it("loads with no windows and no errors", async () => {
    const { page, problems } = await open({ model: "empty", generatedAt: "2008-09-01T00:00:00.000Z", windows: [], alerts: [], distributions: {} }, "empty");
    expect(await page.locator("#summary").textContent()).toBe("No windows evaluated yet.");
    expect(await page.locator("[data-chart]").count()).toBe(0);
    expect(problems).toEqual([]);
    await page.close();
  });
});
