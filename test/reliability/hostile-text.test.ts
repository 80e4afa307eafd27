import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { runCheck } from "../../cli/commands/check.ts";
import { formatAlert, MAX_SUBJECT_CHARS } from "../../shared/alerting/format.ts";
import { slackPayloadForAlert } from "../../shared/alerting/slack.ts";
import type { CheckReport } from "../../shared/check/report.ts";
import { ConfigFieldError } from "../../shared/config/errors.ts";
import { parseMonitorConfig } from "../../shared/config/load.ts";
import { RuleSyntaxError } from "../../shared/rules/errors.ts";
import { parseRule } from "../../shared/rules/parser.ts";
import { expectNoPollution, tempDir, vigil } from "./helpers.ts";

// Issue #7, part 4: text from logs and configs is data, never code or markup. Rules accept their
// grammar only; config keys cannot reach a prototype; feature names and categories from logs come
// out escaped in the email text, the Slack Block Kit payload and the HTML dashboard — end to end,
// from log lines through `vigil check` to each rendering.
const IMG = "<img src=x onerror=alert(1)>";
const NEWLINE_NAME = "note\nRunbook: https://evil.example/phish";
const HOSTILE_CATEGORIES = ["@channel", "<!channel>", "<!here|here>", "a & b <script>"];

describe("the alert rule language accepts its grammar only", () => {
  it.each([
    ["process.exit()", 13, "an operator or the end of the rule", "'('"],
    ['constructor.constructor("x")()', 25, "a number, a name, an operator or a parenthesis", "'\"'"],
    ["require('fs')", 9, "a number, a name, an operator or a parenthesis", "'''"],
    ["accuracy < 0.9; process.exit(1)", 15, "a number, a name, an operator or a parenthesis", "';'"],
    ["accuracy < 0.9 || true", 16, "a number, a name, an operator or a parenthesis", "'|'"],
    ["${process.env.SECRET}", 1, "a number, a name, an operator or a parenthesis", "'$'"],
    ["psi[0] > 1", 4, "a number, a name, an operator or a parenthesis", "'['"],
    ["x => x", 3, "an operator or the end of the rule", "'='"],
    ["psi > 0.2 }", 11, "a number, a name, an operator or a parenthesis", "'}'"],
  ])("rejects %s as a syntax error at position %i", (rule, position, expected, found) => {
    expect(() => parseRule(rule)).toThrowError(new RuleSyntaxError(position, expected, found));
  });

  it("bounds length and nesting instead of recursing without end", () => {
    expect(() => parseRule("(".repeat(100_000) + "psi" + ")".repeat(100_000))).toThrow("position 2001: expected at most 2000 characters, found more");
    expect(() => parseRule("(".repeat(70) + "psi" + ")".repeat(70))).toThrow(/^position 66: expected at most 64 levels of nesting/);
    expect(() => parseRule("-".repeat(70) + "psi")).toThrow(/^position 67: expected at most 64 levels of nesting/);
  });

  it.each([
    ["eval(1) > 0", "position 1: unknown function 'eval' (expected one of abs, min, max, anomaly, calibrated)"],
    ["this.constructor > 0", "position 1: unknown metric 'this.constructor'"],
    ["`x`.constructor > 0", "position 1: unknown metric 'x.constructor'"],
    ["baseline.__proto__ > 0", "position 1: unknown metric 'baseline.__proto__'"],
    ["toString > 0", "position 1: unknown metric 'toString'"],
  ])("rejects the well-formed but unknown %s when the config is loaded", (when, problem) => {
    const load = () => parseMonitorConfig(`model: m\nalerts:\n  - {name: r, when: '${when}', severity: P1}\n`, "monitors/m.yaml");
    expect(load).toThrow(ConfigFieldError);
    expect(load).toThrow(`monitors/m.yaml: alerts[0] (r).when: ${problem}`);
  });
});

describe("config keys cannot reach a prototype", () => {
  it.each([
    ["model: m\nfeatures: {__proto__: numerical, age: numerical}\n", "monitors/m.yaml", "features.__proto__"],
    ["model: m\ndrift:\n  perFeature:\n    __proto__: {method: psi}\n", "monitors/m.yaml", "drift.perFeature.__proto__"],
    ['{"model": "m", "__proto__": {"polluted": true}}', "monitors/m.json", "__proto__"],
  ])("rejects a __proto__ key rather than dropping it silently (%#)", (text, source, field) => {
    expect(() => parseMonitorConfig(text, source)).toThrow(`${source}: ${field}: '__proto__' is not accepted as a name here`);
    expectNoPollution();
  });

  it("takes constructor and prototype as ordinary feature names", () => {
    const config = parseMonitorConfig("model: m\nfeatures: {constructor: categorical, prototype: numerical}\n", "monitors/m.yaml");
    expect(config.features).toEqual({ constructor: "categorical", prototype: "numerical" });
  });

  it("reports YAML nested too deeply for its parser in one line", () => {
    expect(() => parseMonitorConfig(`model: m\nsegments: ${"[".repeat(100_000)}${"]".repeat(100_000)}\n`, "monitors/m.yaml")).toThrow(/^monitors\/m\.yaml: line 2: not valid YAML: nested too deeply$/);
  });
});

describe("hostile feature names and categories from logs, end to end", () => {
  let dir: string;
  let reference: string;
  let current: string;
  let report: CheckReport;

  beforeAll(async () => {
    dir = tempDir();
    const rows = (n: number, drifted: boolean) =>
      Array.from({ length: n }, (_, i) =>
        JSON.stringify({
          timestamp: "2024-01-01T10:00:00Z",
          request_id: `${drifted ? "c" : "r"}${i}`,
          features: { [IMG]: drifted ? HOSTILE_CATEGORIES[i % 4] : ["a", "b"][i % 2], [NEWLINE_NAME]: (drifted ? 50 : 0) + (i % 20) },
        }),
      ).join("\n") + "\n";
    reference = join(dir, "reference.jsonl");
    current = join(dir, "current.jsonl");
    writeFileSync(reference, rows(400, false));
    writeFileSync(current, rows(400, true));
    ({ report } = await runCheck({ reference: [reference], current: [current], json: true }, Date.now()));
  });

  it("detects the drift of both features, names intact in the report", () => {
    expect(Object.keys(report.features).sort()).toEqual([IMG, NEWLINE_NAME].sort());
    expect(report.features[IMG].summary.newCategories!.sort()).toEqual([...HOSTILE_CATEGORIES].sort());
    expect(report.alerts.filter((a) => a.rule === "feature_drift").map((a) => a.feature).sort()).toEqual([IMG, NEWLINE_NAME].sort());
  });

  it("keeps the email subject on one line and lets no name inject a line into the text", () => {
    const alerts = report.alerts.filter((a) => a.rule === "feature_drift");
    const m = formatAlert("m", Date.UTC(2024, 0, 1), "fire", alerts, report);
    expect(m.subject.length).toBeLessThanOrEqual(MAX_SUBJECT_CHARS);
    expect(m.subject).not.toMatch(/[\u0000-\u001f]/);
    expect(m.text.split("\n").filter((l) => /^\s*Runbook:/.test(l))).toEqual([]);
    expect(m.text).toContain("note Runbook: https://evil.example/phish");
    expect(m.text).toContain(`${IMG}:`); // plain text: shown as written, nothing renders it
  });

  it("escapes <, >, & and neutralises mentions in every Slack text, fallback included", () => {
    const alerts = report.alerts.filter((a) => a.rule === "feature_drift");
    const payload = slackPayloadForAlert(formatAlert("m", Date.UTC(2024, 0, 1), "fire", alerts, report)) as {
      text: string;
      attachments: Array<{ blocks: Array<{ type: string; text: { type: string; text: string } }> }>;
    };
    const mrkdwn = [payload.text, ...payload.attachments[0].blocks.filter((b) => b.text.type === "mrkdwn").map((b) => b.text.text)];
    expect(mrkdwn.join("\n")).toContain("&lt;img src=x onerror=alert(1)&gt;");
    for (const t of mrkdwn) {
      expect(t).not.toMatch(/[<>]/);
      expect(t.replace(/&(amp|lt|gt);/g, "")).not.toContain("&");
      expect(t).not.toMatch(/@(channel|here|everyone)/);
    }
    const header = payload.attachments[0].blocks.find((b) => b.type === "header")!;
    expect(header.text.type).toBe("plain_text"); // Slack does not parse markup or mentions in plain_text
    expect(header.text.text).not.toMatch(/\n/);
  });

  it("writes the HTML dashboard with the names only as escaped data", async () => {
    const html = join(dir, "report.html");
    const r = await vigil("check", "--reference", reference, "--current", current, "--html", html);
    expect(r.code).toBe(1);
    const page = readFileSync(html, "utf8");
    expect(page).not.toContain("<img");
    expect(page).not.toContain("<!channel>");
    expect(page).not.toContain("<script>alert");
    expect(page.match(/<script\b/g)).toHaveLength(3);
    const data = JSON.parse(/<script type="application\/json" id="vigil-data">([\s\S]*?)<\/script>/.exec(page)![1]);
    expect(Object.keys(data.windows[0].drift).sort()).toEqual([IMG, NEWLINE_NAME].sort());
    expect(data.distributions[data.windows[0].start][IMG].labels).toEqual(expect.arrayContaining(HOSTILE_CATEGORIES));
  });

  it("keeps each name on its own line of the terminal report", async () => {
    const r = await vigil("check", "--reference", reference, "--current", current);
    expect(r.out.split("\n").filter((l) => /^\s*Runbook:/.test(l))).toEqual([]);
    expect(r.out).toContain("note?Runbook: https://evil.exa");
  });
});

describe("a feature named __proto__ end to end", () => {
  it("is monitored, reported and drawn like any other", async () => {
    const dir = tempDir();
    const rows = (shift: number) => Array.from({ length: 300 }, (_, i) => JSON.stringify({ timestamp: "2024-01-01T10:00:00Z", features: { ["__proto__"]: shift + (i % 30), constructor: "c" } })).join("\n") + "\n";
    writeFileSync(join(dir, "ref.jsonl"), rows(0));
    writeFileSync(join(dir, "cur.jsonl"), rows(100));
    const html = join(dir, "page.html");
    const r = await vigil("check", "--reference", join(dir, "ref.jsonl"), "--current", join(dir, "cur.jsonl"), "--json", "--html", html);
    expect(r.code).toBe(1);
    const report = JSON.parse(r.out);
    expect(Object.hasOwn(report.features, "__proto__")).toBe(true);
    expect(report.features.__proto__.drift).toMatchObject({ drifted: true });
    expect(report.alerts).toContainEqual(expect.objectContaining({ rule: "feature_drift", feature: "__proto__" }));
    const data = JSON.parse(/<script type="application\/json" id="vigil-data">([\s\S]*?)<\/script>/.exec(readFileSync(html, "utf8"))![1]);
    expect(Object.keys(data.windows[0].drift).sort()).toEqual(["__proto__", "constructor"]);
    expectNoPollution();
  });
});
