/** Units a duration may use, in milliseconds. */
const UNIT_MS = { s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 } as const;

const DURATION = /^(\d+(?:\.\d+)?)\s*(s|m|h|d|w)$/;

/**
 * Parses a duration such as `15m`, `2h`, `1d`, `30d` or `1w` into milliseconds.
 *
 * @throws Error naming the text and the expected form when it is not a duration.
 * @example
 * parseDurationMs("2h"); // 7200000
 */
export function parseDurationMs(text: string): number {
  const m = DURATION.exec(text.trim());
  if (!m) throw new Error(`expected a duration like 15m, 2h, 1d or 1w, got '${text}'`);
  const ms = Number(m[1]) * UNIT_MS[m[2] as keyof typeof UNIT_MS];
  if (!(ms > 0)) throw new Error(`expected a positive duration, got '${text}'`);
  return ms;
}

/**
 * The start of the tumbling window that holds `timestampMs`, windows aligned to the epoch (UTC).
 *
 * @example
 * windowStartMs(Date.UTC(2008, 4, 5, 13), 86_400_000) === Date.UTC(2008, 4, 5); // true
 */
export function windowStartMs(timestampMs: number, windowMs: number): number {
  return Math.floor(timestampMs / windowMs) * windowMs;
}
