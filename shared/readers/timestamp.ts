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

/**
 * Epoch ms of an ISO-8601 date or date-time (the forms of the module comment, epoch numbers
 * excepted) written in bytes [start, end), or NaN. The JSON Lines fast path reads timestamps
 * with it straight from the line's bytes; text goes through it too, so there is one parser.
 *
 * @example
 * parseDateTimeBytes(Buffer.from("2024-01-15T10:30:00Z"), 0, 20); // 1705314600000
 */
export function parseDateTimeBytes(b: Uint8Array, start: number, end: number): number {
  if (end - start < 10) return Number.NaN;
  const sep = b[start + 4];
  if ((sep !== 45 && sep !== 47) || b[start + 7] !== sep) return Number.NaN;
  const y = digits(b, start, 4, end);
  const mo = digits(b, start + 5, 2, end);
  const d = digits(b, start + 8, 2, end);
  if (y < 0 || mo < 1 || mo > 12 || d < 1 || d > DAYS_IN_MONTH[mo - 1]) return Number.NaN;
  if (mo === 2 && d === 29 && !(y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0))) return Number.NaN;
  let h = 0;
  let mi = 0;
  let sec = 0;
  let frac = 0;
  let i = start + 10;
  if (i < end) {
    const t = b[i];
    if (t !== 84 && t !== 116 && t !== 32) return Number.NaN;
    h = digits(b, i + 1, 2, end);
    mi = digits(b, i + 4, 2, end);
    if (h < 0 || h > 23 || b[i + 3] !== 58 || mi < 0 || mi > 59) return Number.NaN;
    i += 6;
    if (i < end && b[i] === 58) {
      sec = digits(b, i + 1, 2, end);
      if (sec < 0 || sec > 60) return Number.NaN;
      i += 3;
      const f = i < end ? b[i] : -1;
      if (f === 46 || f === 44) {
        let scale = 100;
        i++;
        const from = i;
        for (; i < end; i++) {
          const c = b[i] - 48;
          if (c < 0 || c > 9) break;
          frac += c * scale;
          scale /= 10;
        }
        if (i === from) return Number.NaN;
      }
    }
  }
  const offsetMin = zoneOffsetMinutes(b, i, end);
  if (Number.isNaN(offsetMin)) return Number.NaN;
  return utcMs(y, mo, d, h, mi, sec) + Math.round(frac) - offsetMin * 60_000;
}

/**
 * `Date.UTC(y, mo - 1, d, h, mi, sec)` for the ranges the parser lets through (years 0–9999, a
 * second of 60 rolling over), by integer arithmetic: days from the civil date (H. Hinnant's
 * algorithm), no call into the engine's date code. The year is taken as written (`Date.UTC` would
 * read 0–99 as 1900–1999).
 */
function utcMs(year: number, mo: number, d: number, h: number, mi: number, sec: number): number {
  const y = year - (mo <= 2 ? 1 : 0);
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (mo + (mo > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  const days = era * 146_097 + doe - 719_468;
  return days * 86_400_000 + h * 3_600_000 + mi * 60_000 + sec * 1000;
}

/** The value of `count` decimal digits at i (all before `end`), or -1. */
function digits(b: Uint8Array, at: number, count: number, end: number): number {
  if (at + count > end) return -1;
  let n = 0;
  for (let i = at; i < at + count; i++) {
    const c = b[i] - 48;
    if (c < 0 || c > 9) return -1;
    n = n * 10 + c;
  }
  return n;
}

/** Minutes east of UTC for the zone designator starting at `i` (none = UTC); NaN if invalid. */
function zoneOffsetMinutes(b: Uint8Array, i: number, end: number): number {
  if (i === end) return 0;
  const c = b[i];
  if (c === 90 || c === 122) return i + 1 === end ? 0 : Number.NaN;
  if (c !== 43 && c !== 45) return Number.NaN;
  const hh = digits(b, i + 1, 2, end);
  let mm = 0;
  let next = i + 3;
  if (next < end) {
    if (b[next] === 58) next++;
    mm = digits(b, next, 2, end);
    next += 2;
  }
  if (hh < 0 || hh > 23 || mm < 0 || mm > 59 || next !== end) return Number.NaN;
  return (c === 45 ? -1 : 1) * (hh * 60 + mm);
}

/** Code units of a timestamp text, for `parseDateTimeBytes` (grown as needed). */
let units = new Uint8Array(64);

/** `parseDateTimeBytes` over text; a character outside ASCII can be no part of a date-time. */
function parseDateTime(s: string): number {
  const n = s.length;
  if (n > units.length) units = new Uint8Array(2 * n);
  for (let i = 0; i < n; i++) {
    const c = s.charCodeAt(i);
    if (c > 127) return Number.NaN;
    units[i] = c;
  }
  return parseDateTimeBytes(units, 0, n);
}
