import type { AlertState } from "../ports.ts";

/** What to send for one rule after an evaluation. */
export type AlertAction = "fire" | "remind" | "resolve" | null;

/** The default time between reminders while a rule keeps firing: 24 h. */
export const DEFAULT_COOLDOWN_MS = 86_400_000;

/**
 * The notification state machine of one (model, rule): send on the transition to firing, again
 * after the cooldown while it keeps firing, once when it resolves — never once per evaluation.
 *
 * @example
 * decideAlert(null, true, 0, DEFAULT_COOLDOWN_MS, "m", "r").action; // "fire"
 */
export function decideAlert(prev: AlertState | null, firing: boolean, nowMs: number, cooldownMs: number, model: string, rule: string): { action: AlertAction; next: AlertState } {
  const base: AlertState = prev ?? { model, rule, firing: false, lastNotifiedMs: null, sinceMs: null, version: 0 };
  if (firing && !base.firing) {
    return { action: "fire", next: { ...base, firing: true, sinceMs: nowMs, lastNotifiedMs: nowMs, version: base.version + 1 } };
  }
  if (firing && base.firing) {
    if (base.lastNotifiedMs === null || nowMs - base.lastNotifiedMs >= cooldownMs) {
      return { action: "remind", next: { ...base, lastNotifiedMs: nowMs, version: base.version + 1 } };
    }
    return { action: null, next: base };
  }
  if (!firing && base.firing) {
    return { action: "resolve", next: { ...base, firing: false, sinceMs: null, lastNotifiedMs: nowMs, version: base.version + 1 } };
  }
  return { action: null, next: base };
}
