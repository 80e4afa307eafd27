import { describe, expect, it } from "vitest";
import { processAlerts } from "../../../shared/pipeline/alerting.ts";
import { defaultMonitorConfig } from "../../../shared/config/defaults.ts";
import { parseMonitorConfig } from "../../../shared/config/load.ts";
import type { RuleOutcome } from "../../../shared/check/alerts.ts";
import type { CheckReport } from "../../../shared/check/report.ts";
import { CapturingNotifier, MemoryStateStore } from "../../helpers/memory-ports.ts";

const HOUR = 3_600_000;
const config = defaultMonitorConfig("m");
const rule = { name: "feature_drift", when: "drifted == 1", severity: "P4" as const, action: "notify" as const };
const report = {
  current: { rows: 10, malformedRows: 0, start: null, end: null },
  features: {},
  dataset: { driftedFeatures: 1, driftedShare: 1, drifted: true, features: 1 },
  prediction: { drift: null },
} as unknown as CheckReport;

function outcome(firing: boolean): RuleOutcome {
  return {
    rule,
    status: firing ? "firing" : "clear",
    alerts: firing ? [{ rule: rule.name, severity: "P4", feature: "age", value: 0.3, threshold: 0.1, message: "age drifted" }] : [],
  };
}

describe("processAlerts", () => {
  it("sends one message for ten firing evaluations, one reminder after the cooldown, then one resolve", async () => {
    const state = new MemoryStateStore();
    const notifier = new CapturingNotifier();
    let now = 0;
    const deps = { state, notifier, clock: { nowMs: () => now } };
    for (let i = 0; i < 10; i++) {
      now = i * HOUR; // every hour, within the 24 h cooldown
      await processAlerts(deps, config, "m", now, [outcome(true)], report);
    }
    expect(notifier.messages.map((m) => m.body.state)).toEqual(["fire"]);
    now = 25 * HOUR;
    await processAlerts(deps, config, "m", now, [outcome(true)], report);
    now = 26 * HOUR;
    await processAlerts(deps, config, "m", now, [outcome(true)], report);
    expect(notifier.messages.map((m) => m.body.state)).toEqual(["fire", "remind"]);
    // Clear for three consecutive evaluations (DEFAULT_RESOLVE_AFTER) → one resolve, then silence.
    for (let i = 0; i < 5; i++) {
      now = (27 + i) * HOUR;
      await processAlerts(deps, config, "m", now, [outcome(false)], report);
      if (i === 1) expect(notifier.messages).toHaveLength(2);
    }
    expect(notifier.messages.map((m) => m.body.state)).toEqual(["fire", "remind", "resolve"]);
    expect(notifier.messages[2].subject).toMatch(/^\[RESOLVED\] m: feature_drift/);
  });

  it("gives a transition back when its message cannot be sent, so the retried evaluation sends it once", async () => {
    const state = new MemoryStateStore();
    const notifier = new CapturingNotifier();
    let failures = 2;
    const flaky = { publish: async (m: Parameters<CapturingNotifier["publish"]>[0]) => (failures-- > 0 ? Promise.reject(new Error("SNS 500")) : notifier.publish(m)) };
    const deps = { state, notifier: flaky, clock: { nowMs: () => 0 } };
    await expect(processAlerts(deps, config, "m", 0, [outcome(true)], report)).rejects.toThrow("SNS 500");
    await expect(processAlerts(deps, config, "m", 0, [outcome(true)], report)).rejects.toThrow("SNS 500");
    expect(await processAlerts(deps, config, "m", 0, [outcome(true)], report)).toBe(1);
    expect(await processAlerts(deps, config, "m", 0, [outcome(true)], report)).toBe(0);
    expect(notifier.messages.map((m) => m.body.state)).toEqual(["fire"]);
    expect(await state.getAlert("m", rule.name)).toMatchObject({ firing: true, lastNotifiedMs: 0 });
  });

  it("does not resolve and re-fire a rule that flaps around its threshold", async () => {
    const state = new MemoryStateStore();
    const notifier = new CapturingNotifier();
    let now = 0;
    const deps = { state, notifier, clock: { nowMs: () => now } };
    for (const [i, firing] of [true, false, true, false, false, true, false, true].entries()) {
      now = i * HOUR;
      await processAlerts(deps, config, "m", now, [outcome(firing)], report);
    }
    expect(notifier.messages.map((m) => m.body.state)).toEqual(["fire"]);
  });

  it("with fireAfter 2 notifies only once the rule held in two evaluations in a row", async () => {
    const state = new MemoryStateStore();
    const notifier = new CapturingNotifier();
    let now = 0;
    const deps = { state, notifier, clock: { nowMs: () => now } };
    const twice = (firing: boolean): RuleOutcome => ({ ...outcome(firing), rule: { ...rule, fireAfter: 2 } });
    // A one-window excursion (true, false) sends nothing; two in a row fire on the second.
    for (const [i, firing] of [true, false, true, true, true].entries()) {
      now = i * HOUR;
      await processAlerts(deps, config, "m", now, [twice(firing)], report);
      if (i === 2) expect(notifier.messages).toEqual([]);
    }
    expect(notifier.messages.map((m) => [m.body.state, m.body.window])).toEqual([["fire", new Date(3 * HOUR).toISOString()]]);
  });

  it("sets the channels from the model's routing, and none without it", async () => {
    const notifier = new CapturingNotifier();
    const deps = { state: new MemoryStateStore(), notifier, clock: { nowMs: () => 0 } };
    await processAlerts(deps, config, "m", 0, [outcome(true)], report);
    expect(notifier.messages[0].attributes.channels).toBeUndefined();
    const routed = parseMonitorConfig("model: m\nrouting: {email: [P1, P2, P4]}\n", "m.yaml");
    await processAlerts(deps, routed, "m2", 0, [outcome(true)], report);
    expect(notifier.messages[1].attributes.channels).toEqual(["email", "slack"]);
    const quiet = parseMonitorConfig("model: m\nrouting: {email: [], slack: [P1]}\n", "m.yaml");
    await processAlerts(deps, quiet, "m3", 0, [outcome(true)], report);
    expect(notifier.messages[2].attributes.channels).toEqual([]);
    expect(() => parseMonitorConfig("model: m\nrouting: {pager: [P1]}\n", "m.yaml")).toThrow(/routing/);
  });

  it("leaves the state alone when the rule cannot be decided", async () => {
    const state = new MemoryStateStore();
    const notifier = new CapturingNotifier();
    const deps = { state, notifier, clock: { nowMs: () => 0 } };
    await processAlerts(deps, config, "m", 0, [outcome(true)], report);
    await processAlerts(deps, config, "m", 0, [{ rule, status: "unknown", alerts: [] }], report);
    expect(notifier.messages).toHaveLength(1);
    expect((await state.getAlert("m", rule.name))?.firing).toBe(true);
  });

  it("puts a retraining event when a retrain rule fires", async () => {
    const events: Array<[string, string, Record<string, unknown>]> = [];
    const deps = { state: new MemoryStateStore(), notifier: new CapturingNotifier(), clock: { nowMs: () => 0 }, events: { put: async (s: string, d: string, detail: Record<string, unknown>) => void events.push([s, d, detail]) } };
    await processAlerts(deps, config, "m", Date.UTC(2024, 0, 2), [{ ...outcome(true), rule: { ...rule, action: "retrain" } }], report);
    expect(events).toEqual([["vigil", "Retraining Recommended", { model: "m", window: "2024-01-02T00:00:00.000Z", rule: "feature_drift", reasons: ["age drifted"] }]]);
  });

  it("sends nothing when another evaluation claimed the transition first", async () => {
    const state = new MemoryStateStore();
    const notifier = new CapturingNotifier();
    await state.putAlert({ model: "m", rule: rule.name, firing: false, lastNotifiedMs: null, sinceMs: null, clearStreak: 0, version: 1 }, null);
    const stale = { ...state, getAlert: async () => null, putAlert: state.putAlert.bind(state), getWindow: state.getWindow.bind(state), putWindow: state.putWindow.bind(state) };
    await processAlerts({ state: stale, notifier, clock: { nowMs: () => 0 } }, config, "m", 0, [outcome(true)], report);
    expect(notifier.messages).toEqual([]);
  });
});
