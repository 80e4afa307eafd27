import { readDataset } from "./datasets.ts";

/** One call of the UCI Bank Marketing data with the date reconstructed. */
export interface BankRow {
  /** Event time in epoch milliseconds (UTC). */
  timestampMs: number;
  /** Feature name → value, in the file's column order; `y` and the date columns excluded. */
  features: Record<string, number | string>;
  /** Whether the client subscribed (`y`), 1 or 0. */
  label: 0 | 1;
}

const MONTHS = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];
const FIRST_YEAR = 2008;
const WORKDAY_START_H = 9;
const WORKDAY_H = 8;

/**
 * Reconstructs each row's date: the file is in date order from May 2008 and carries only day and
 * month, so the year advances whenever the month goes back. Calls of one day are spread evenly
 * over a working day (09:00–17:00 UTC) in file order.
 *
 * @example
 * bankRows()[0].timestampMs === Date.UTC(2008, 4, 5, 9); // true
 */
export function bankRows(): BankRow[] {
  const lines = readDataset("bankFull").toString("utf8").split(/\r?\n/).filter((l) => l.length > 0);
  const header = lines[0].split(";").map(unquote);
  const dayCol = header.indexOf("day");
  const monthCol = header.indexOf("month");
  const yCol = header.indexOf("y");
  let year = FIRST_YEAR;
  let prevMonth = -1;
  const dated: Array<{ dayKey: number; cells: string[] }> = [];
  for (const line of lines.slice(1)) {
    const cells = line.split(";").map(unquote);
    const month = MONTHS.indexOf(cells[monthCol]);
    if (prevMonth >= 0 && month < prevMonth) year++;
    prevMonth = month;
    dated.push({ dayKey: Date.UTC(year, month, Number(cells[dayCol])), cells });
  }
  const perDay = new Map<number, number>();
  for (const d of dated) perDay.set(d.dayKey, (perDay.get(d.dayKey) ?? 0) + 1);
  const seen = new Map<number, number>();
  return dated.map(({ dayKey, cells }) => {
    const i = seen.get(dayKey) ?? 0;
    seen.set(dayKey, i + 1);
    const offsetMs = Math.floor((i * WORKDAY_H * 3_600_000) / perDay.get(dayKey)!);
    const features: Record<string, number | string> = {};
    header.forEach((name, c) => {
      if (c === dayCol || c === monthCol || c === yCol) return;
      const v = cells[c];
      features[name] = /^-?\d+(\.\d+)?$/.test(v) ? Number(v) : v;
    });
    return { timestampMs: dayKey + WORKDAY_START_H * 3_600_000 + offsetMs, features, label: cells[yCol] === "yes" ? 1 : 0 };
  });
}

function unquote(s: string): string {
  return s.length >= 2 && s.startsWith('"') && s.endsWith('"') ? s.slice(1, -1) : s;
}
