import type { RuleOutcome } from "../check/alerts.ts";
import type { CheckReport } from "../check/report.ts";
import { parseDurationMs } from "../config/duration.ts";
import type { MonitorConfig } from "../config/schema.ts";
import { formatAlert, type AlertLinks } from "../alerting/format.ts";
import { decideAlert, DEFAULT_COOLDOWN_MS, DEFAULT_RESOLVE_AFTER } from "../alerting/transition.ts";
import { DEFAULT_ROUTING, RETRAIN_EVENT } from "../names.ts";
import type { Clock, EventSink, Notifier, StateStore } from "../ports.ts";

/**
 * The channels a model's `routing` sends a severity to (the defaults fill a channel it leaves out).
 *
 * @example
 * alertChannels({ ...config, routing: { email: ["P1"] } }, "P2"); // ["slack"]
 */
export function alertChannels(config: MonitorConfig, severity: string): string[] {
  const routes = { ...DEFAULT_ROUTING, ...config.routing } as Record<string, readonly string[]>;
  return Object.keys(routes).filter((channel) => routes[channel].includes(severity));
}

/** Builds the links an alert carries (dashboard, the window's data) for a model and window. */
export type AlertLinksFor = (model: string, windowStartMs: number) => AlertLinks;

/**
 * Runs rule outcomes through each rule's notification state: fire on transition, remind after the
 * cooldown, resolve once; unknown outcomes leave the state alone. Rules with `action: retrain`
 * also put a "Retraining Recommended" event when they fire (before the message). A message that
 * cannot be sent gives its transition back and throws, so the retried evaluation sends it once.
 * Returns the messages sent.
 */
export async function processAlerts(
  deps: { state: StateStore; notifier: Notifier; events?: EventSink; clock: Clock; links?: AlertLinksFor },
  config: MonitorConfig,
  model: string,
  windowStartMs: number,
  outcomes: readonly RuleOutcome[],
  report: CheckReport,
): Promise<number> {
  let sent = 0;
  const now = deps.clock.nowMs();
  for (const o of outcomes) {
    if (o.status === "unknown") continue;
    const prev = await deps.state.getAlert(model, o.rule.name);
    const cooldown = o.rule.cooldown ? parseDurationMs(o.rule.cooldown) : DEFAULT_COOLDOWN_MS;
    const { action, next } = decideAlert(prev, o.status === "firing", now, cooldown, model, o.rule.name, o.rule.resolveAfter ?? DEFAULT_RESOLVE_AFTER, o.rule.fireAfter ?? 1);
    if (next === null) continue;
    // Claim the transition first: a concurrent or repeated evaluation that loses the race sends nothing.
    if (!(await deps.state.putAlert(next, prev?.version ?? null)) || action === null) continue;
    const alerts = o.alerts.length > 0 ? o.alerts : [{ rule: o.rule.name, severity: o.rule.severity, value: null, threshold: null, message: `${o.rule.name} resolved: ${o.rule.when} no longer holds` }];
    try {
      if (action === "fire" && o.rule.action === "retrain" && deps.events) {
        await deps.events.put(RETRAIN_EVENT.source, RETRAIN_EVENT.detailType, {
          model,
          window: new Date(windowStartMs).toISOString(),
          rule: o.rule.name,
          reasons: o.alerts.map((a) => a.message),
        });
      }
      const message = formatAlert(model, windowStartMs, action, alerts, report, deps.links?.(model, windowStartMs));
      if (config.routing) message.attributes.channels = alertChannels(config, message.attributes.severity);
      await deps.notifier.publish(message);
    } catch (error) {
      // Give the claim back, so the evaluation that retries this one sends the message: the
      // claimed state would otherwise say it went out, and it would be lost until a reminder.
      const before = prev ?? { model, rule: o.rule.name, firing: false, lastNotifiedMs: null, sinceMs: null, clearStreak: 0, fireStreak: 0, version: 0 };
      await deps.state.putAlert({ ...before, version: next.version + 1 }, next.version).catch(() => false);
      throw error;
    }
    sent++;
  }
  return sent;
}
