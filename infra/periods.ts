import { Duration } from "aws-cdk-lib";

const MINUTE_MS = 60_000;
const HOUR_MS = 3_600_000;
const DAY_MS = 86_400_000;

/**
 * The alarm period for metrics published once per window: the window, in whole minutes, kept
 * within CloudWatch's 1 minute … 1 day.
 *
 * @example
 * windowPeriod(86_400_000).toMinutes(); // 1440
 */
export function windowPeriod(windowMs: number): Duration {
  return Duration.minutes(Math.min(DAY_MS, Math.max(MINUTE_MS, Math.ceil(windowMs / MINUTE_MS) * MINUTE_MS)) / MINUTE_MS);
}

/**
 * How many periods an alarm looks back to see a datapoint published `delayMs` after its
 * timestamp (metrics are stamped at the window start), within CloudWatch's evaluation range
 * (periods × period ≤ 1 day below hourly periods, ≤ 7 days from hourly up).
 *
 * @example
 * lookbackPeriods(Duration.days(1), 26 * 3_600_000); // 3
 */
export function lookbackPeriods(period: Duration, delayMs: number): number {
  const periodMs = period.toMilliseconds();
  const rangeMs = periodMs < HOUR_MS ? DAY_MS : 7 * DAY_MS;
  return Math.max(1, Math.min(Math.floor(rangeMs / periodMs), Math.ceil(delayMs / periodMs) + 1));
}

/** The longest lookback CloudWatch allows for a period (see {@link lookbackPeriods}). */
export function maxLookbackPeriods(period: Duration): number {
  return lookbackPeriods(period, Number.POSITIVE_INFINITY);
}
