import { describe, expect, it } from "vitest";
import { chartAssets } from "../../../cli/dashboard/assets.ts";
import { PAGE_SCRIPT, renderDashboard } from "../../../cli/dashboard/render.ts";
import type { DashboardData } from "../../../cli/dashboard/types.ts";
import { demoDashboard } from "./fixture.ts";

const EVIL = ["<img src=x onerror=alert(1)>", "@channel", "</script><script>alert(1)</script>"];

/** The embedded data block's text, as the browser's JSON.parse would read it. */
function embedded(html: string): string {
  const m = /<script type="application\/json" id="vigil-data">([\s\S]*?)<\/script>/.exec(html);
  if (!m) throw new Error("no data block");
  return m[1];
}

describe("renderDashboard", () => {
  it("embeds hostile feature names, categories and messages only as escaped data", () => {
    const data = demoDashboard({ windows: 3, features: 3, names: EVIL, categories: EVIL });
    data.model = "</title><img src=y>";
    data.alerts.push({ at: data.windows[0].start, severity: "P1", rule: "r", feature: EVIL[0], message: `${EVIL[2]} \u2028 &amp;`, state: "fire" });
    const html = renderDashboard(data);
    expect(html).not.toContain("<img");
    expect(html).not.toContain("alert(1)</script>");
    expect(html.match(/<script\b/g)).toHaveLength(3);
    expect(html.match(/<\/script>/g)).toHaveLength(3);
    expect(embedded(html)).not.toMatch(/[<>&\u2028\u2029]/);
    expect(JSON.parse(embedded(html))).toEqual(data);
  });

  it("contains no external URL and forbids fetching anything", () => {
    const html = renderDashboard(demoDashboard());
    expect(html).not.toMatch(/\b(?:src|href|action|poster)\s*=\s*["']?\s*(?:https?:)?\/\//i);
    expect(html).not.toMatch(/url\(\s*["']?\s*(?:https?:)?\/\//i);
    expect(html).not.toMatch(/@import|<link\b|<iframe\b|<img\b/i);
    expect(html).toContain(`<meta http-equiv="Content-Security-Policy" content="default-src 'none';`);
  });

  it("inlines uPlot's script and stylesheet", () => {
    const html = renderDashboard(demoDashboard({ windows: 2 }));
    const { js, css } = chartAssets();
    expect(html).toContain(js);
    expect(html).toContain(css);
  });

  it("renders with no windows", () => {
    const data: DashboardData = { model: "m", generatedAt: "2008-09-01T00:00:00.000Z", windows: [], alerts: [], distributions: {} };
    expect(JSON.parse(embedded(renderDashboard(data)))).toEqual(data);
  });

  it("renders 60 windows of 30 features", () => {
    const data = demoDashboard({ windows: 60, features: 30, driftFrom: 40 });
    const html = renderDashboard(data);
    expect(JSON.parse(embedded(html)).windows).toHaveLength(60);
    expect(html.length).toBeLessThan(3_000_000);
  });
});

describe("PAGE_SCRIPT", () => {
  it("is valid JavaScript", () => {
    expect(() => new Function(PAGE_SCRIPT)).not.toThrow();
  });

  it("writes text with textContent only", () => {
    expect(PAGE_SCRIPT).not.toMatch(/innerHTML|outerHTML|insertAdjacentHTML|document\.write/);
  });
});
