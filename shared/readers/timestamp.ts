/**
 * Event-time parsing. Accepted: ISO-8601 dates and date-times (`T` or space; optional seconds and
 * fraction; zone `Z`, `±HH:MM`, `±HHMM` or `±HH`; no zone means UTC), the same with `/` between the
 * date parts ("2001/01/01 06:55"), epoch numbers or numeric strings, and `Date` values (Parquet).
 * Epoch unit by magnitude: |x| < 1e11 seconds, < 1e14 milliseconds, < 1e17 microseconds, else
 * nanoseconds (1e11 s is the year 5138; 1e11 ms is 1973). Times outside the years 0001–9999 (what
 * ISO-8601 writes with four digits, and far inside what a JS Date holds) cannot be read: `1e300`
 * is a broken value, not an event time.
 *
 * @example
 * parseTimestamp("2024-01-15T10:30:00Z"); // 1705314600000
 * parseTimestamp(1705314600);              // 1705314600000
 * parseTimestamp("soon");                  // NaN (unparseable)
 * parseTimestamp(null);                    // null (missing)
 */
import { isNullToken } from "./values.ts";

/** The earliest event time accepted: 0001-01-01T00:00:00.000Z, in epoch ms. */
export const MIN_TIMESTAMP_MS = -62_135_596_800_000;
/** The latest event time accepted: 9999-12-31T23:59:59.999Z, in epoch ms. */
export const MAX_TIMESTAMP_MS = 253_402_300_799_999;

const EPOCH_NUMBER_RE = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;
const DAYS_IN_MONTH = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** Epoch ms, null when the value is missing, NaN when it cannot be read or is out of range. */
export function parseTimestamp(v: unknown): number | null {
  const ms = parseTimestampAnyRange(v);
  return ms !== null && !inTimestampRange(ms) ? Number.NaN : ms;
}

/** True for epoch ms within the years 0001–9999 (false for NaN). @example inTimestampRange(0); // true */
export function inTimestampRange(ms: number): boolean {
  return ms >= MIN_TIMESTAMP_MS && ms <= MAX_TIMESTAMP_MS;
}

/**
 * As `parseTimestamp`, without the range check, so a caller can tell "out of range" from
 * "unreadable". @example parseTimestampAnyRange(1e300); // 1e294
 */
export function parseTimestampAnyRange(v: unknown): number | null {
  switch (typeof v) {
    case "string":
      if (isNullToken(v)) return null;
      return parseTimestampText(v);
    case "number":
      return Number.isFinite(v) ? epochToMs(v) : Number.NaN;
    case "bigint":
      return epochToMs(Number(v));
    case "undefined":
      return null;
    default:
      if (v === null) return null;
      if (v instanceof Date) return v.getTime();
      return Number.NaN;
  }
}

/** Epoch seconds, milliseconds, microseconds or nanoseconds to milliseconds, by magnitude. */
export function epochToMs(x: number): number {
  const a = Math.abs(x);
  if (a < 1e11) return Math.round(x * 1000);
  if (a < 1e14) return Math.round(x);
  if (a < 1e17) return Math.round(x / 1e3);
  return Math.round(x / 1e6);
}

function parseTimestampText(s: string): number {
  const ms = parseDateTime(s);
  if (!Number.isNaN(ms)) return ms;
  const t = s.trim();
  return EPOCH_NUMBER_RE.test(t) ? epochToMs(Number(t)) : Number.NaN;
}

function digits(s: string, at: number, count: number): number {
  let n = 0;
  for (let i = at; i < at + count; i++) {
    const c = s.charCodeAt(i) - 48;
    if (c < 0 || c > 9) return -1;
    n = n * 10 + c;
  }
  return n;
}

function parseDateTime(s: string): number {
  const n = s.length;
  if (n < 10) return Number.NaN;
  const sep = s.charCodeAt(4);
  if ((sep !== 45 && sep !== 47) || s.charCodeAt(7) !== sep) return Number.NaN;
  const y = digits(s, 0, 4);
  const mo = digits(s, 5, 2);
  const d = digits(s, 8, 2);
  if (y < 0 || mo < 1 || mo > 12 || d < 1 || d > DAYS_IN_MONTH[mo - 1]) return Number.NaN;
  if (mo === 2 && d === 29 && !(y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0))) return Number.NaN;
  let h = 0;
  let mi = 0;
  let sec = 0;
  let frac = 0;
  let i = 10;
  if (i < n) {
    const t = s.charCodeAt(i);
    if (t !== 84 && t !== 116 && t !== 32) return Number.NaN;
    h = digits(s, i + 1, 2);
    mi = digits(s, i + 4, 2);
    if (h < 0 || h > 23 || s.charCodeAt(i + 3) !== 58 || mi < 0 || mi > 59) return Number.NaN;
    i += 6;
    if (s.charCodeAt(i) === 58) {
      sec = digits(s, i + 1, 2);
      if (sec < 0 || sec > 60) return Number.NaN;
      i += 3;
      const f = s.charCodeAt(i);
      if (f === 46 || f === 44) {
        let scale = 100;
        i++;
        const from = i;
        for (let c = s.charCodeAt(i) - 48; c >= 0 && c <= 9; c = s.charCodeAt(++i) - 48) {
          frac += c * scale;
          scale /= 10;
        }
        if (i === from) return Number.NaN;
      }
    }
  }
  const offsetMin = zoneOffsetMinutes(s, i);
  if (Number.isNaN(offsetMin)) return Number.NaN;
  // Date.UTC reads years 0–99 as 1900–1999; setUTCFullYear takes the year as written.
  const base = y >= 100 ? Date.UTC(y, mo - 1, d, h, mi, sec) : new Date(Date.UTC(2000, mo - 1, d, h, mi, sec)).setUTCFullYear(y);
  return base + Math.round(frac) - offsetMin * 60_000;
}

/** Minutes east of UTC for the zone designator starting at `i` (none = UTC); NaN if invalid. */
function zoneOffsetMinutes(s: string, i: number): number {
  const n = s.length;
  if (i === n) return 0;
  const c = s.charCodeAt(i);
  if (c === 90 || c === 122) return i + 1 === n ? 0 : Number.NaN;
  if (c !== 43 && c !== 45) return Number.NaN;
  const hh = digits(s, i + 1, 2);
  let mm = 0;
  let end = i + 3;
  if (end < n) {
    if (s.charCodeAt(end) === 58) end++;
    mm = digits(s, end, 2);
    end += 2;
  }
  if (hh < 0 || hh > 23 || mm < 0 || mm > 59 || end !== n) return Number.NaN;
  return (c === 45 ? -1 : 1) * (hh * 60 + mm);
}
