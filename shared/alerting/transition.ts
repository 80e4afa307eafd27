import type { AlertState } from "../ports.ts";

/** What to send for one rule after an evaluation. */
export type AlertAction = "fire" | "remind" | "resolve" | null;

/** The default time between reminders while a rule keeps firing: 24 h. */
export const DEFAULT_COOLDOWN_MS = 86_400_000;

/**
 * Consecutive clear evaluations before a firing rule resolves. A metric hovering at its threshold
 * (daily windows of a few dozen rows do) would otherwise fire and resolve on alternate days.
 */
export const DEFAULT_RESOLVE_AFTER = 3;

/**
 * The notification state machine of one (model, rule): send on the transition to firing (once the
 * condition has held for `fireAfter` consecutive evaluations), again after the cooldown while it
 * keeps firing, once when it has been clear for `resolveAfter` consecutive evaluations — never once
 * per evaluation. `next` is null when nothing changed.
 *
 * @example
 * decideAlert(null, true, 0, DEFAULT_COOLDOWN_MS, "m", "r").action; // "fire"
 */
export function decideAlert(
  prev: AlertState | null,
  firing: boolean,
  nowMs: number,
  cooldownMs: number,
  model: string,
  rule: string,
  resolveAfter = DEFAULT_RESOLVE_AFTER,
  fireAfter = 1,
): { action: AlertAction; next: AlertState | null } {
  const base: AlertState = prev ?? { model, rule, firing: false, lastNotifiedMs: null, sinceMs: null, clearStreak: 0, fireStreak: 0, version: 0 };
  const bump = (s: Partial<AlertState>): AlertState => ({ ...base, ...s, version: base.version + 1 });
  if (firing && !base.firing) {
    const streak = (base.fireStreak ?? 0) + 1;
    if (streak < fireAfter) return { action: null, next: bump({ fireStreak: streak }) };
    return { action: "fire", next: bump({ firing: true, sinceMs: nowMs, lastNotifiedMs: nowMs, clearStreak: 0, fireStreak: 0 }) };
  }
  if (firing) {
    if (base.lastNotifiedMs === null || nowMs - base.lastNotifiedMs >= cooldownMs) return { action: "remind", next: bump({ lastNotifiedMs: nowMs, clearStreak: 0 }) };
    return { action: null, next: (base.clearStreak ?? 0) > 0 ? bump({ clearStreak: 0 }) : null };
  }
  if (!base.firing) return { action: null, next: (base.fireStreak ?? 0) > 0 ? bump({ fireStreak: 0 }) : null };
  const streak = (base.clearStreak ?? 0) + 1;
  if (streak < resolveAfter) return { action: null, next: bump({ clearStreak: streak }) };
  return { action: "resolve", next: bump({ firing: false, sinceMs: null, lastNotifiedMs: nowMs, clearStreak: 0 }) };
}
