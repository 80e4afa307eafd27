/**
 * RFC 4180 field splitting, one physical line at a time: quoted fields may hold the delimiter,
 * doubled quotes and newlines (a record then spans lines; CRLF inside a quoted field reads as LF).
 * Text after a closing quote and before the next delimiter is kept (as Python's csv does).
 *
 * @example
 * const a = new CsvRecordAssembler(";");
 * a.feed('58;"a;b";"say ""hi"""'); // ["58", "a;b", 'say "hi"']
 * a.feed('1;"two'); a.feed('lines"');  // null, then ["1", "two\nlines"]
 */

const QUOTE = 34;

/** Delimiters tried on the header, in order of preference on a tie. */
export const CSV_DELIMITERS = [",", ";", "\t", "|"] as const;

/** The candidate delimiter that occurs most often outside quotes in the header line. */
export function detectDelimiter(header: string): string {
  const counts = [0, 0, 0, 0];
  let inQuotes = false;
  for (let i = 0; i < header.length; i++) {
    const c = header[i];
    if (c === '"') inQuotes = !inQuotes;
    else if (!inQuotes) {
      const k = CSV_DELIMITERS.indexOf(c as (typeof CSV_DELIMITERS)[number]);
      if (k >= 0) counts[k]++;
    }
  }
  let best = 0;
  for (let k = 1; k < counts.length; k++) if (counts[k] > counts[best]) best = k;
  return CSV_DELIMITERS[best];
}

/** Joins physical lines into records and splits them into fields. */
export class CsvRecordAssembler {
  private fields: string[] = [];
  private field = "";
  private inQuotes = false;

  constructor(readonly delimiter: string) {}

  /** True while a quoted field is open across lines. */
  get open(): boolean {
    return this.inQuotes;
  }

  /** Forgets a half-read record. */
  reset(): void {
    this.fields = [];
    this.field = "";
    this.inQuotes = false;
  }

  /** Feeds one line (without its newline); the record's fields when it is complete, else null. */
  feed(text: string): string[] | null {
    const n = text.length;
    let i = 0;
    if (this.inQuotes) {
      i = this.quoted(text, 0);
      if (this.inQuotes) return null;
      if (i > n) return this.done();
    }
    for (;;) {
      if (i < n && text.charCodeAt(i) === QUOTE) {
        this.inQuotes = true;
        this.field = "";
        i = this.quoted(text, i + 1);
        if (this.inQuotes) return null;
        if (i > n) return this.done();
        continue;
      }
      const d = text.indexOf(this.delimiter, i);
      if (d === -1) {
        this.fields.push(i === 0 ? text : text.slice(i));
        return this.done();
      }
      this.fields.push(text.slice(i, d));
      i = d + 1;
    }
  }

  /** Reads a quoted field from `i`; returns where the next field starts, or n + 1 at record end. */
  private quoted(text: string, i: number): number {
    const n = text.length;
    for (;;) {
      const q = text.indexOf('"', i);
      if (q === -1) {
        this.field += text.slice(i) + "\n";
        return n + 1;
      }
      if (text.charCodeAt(q + 1) === QUOTE) {
        this.field += text.slice(i, q + 1);
        i = q + 2;
        continue;
      }
      this.inQuotes = false;
      const d = text.indexOf(this.delimiter, q + 1);
      const end = d === -1 ? n : d;
      this.fields.push(this.field + text.slice(i, q) + text.slice(q + 1, end));
      this.field = "";
      return d === -1 ? n + 1 : d + 1;
    }
  }

  private done(): string[] {
    const f = this.fields;
    this.fields = [];
    return f;
  }
}

/** Splits one line of CSV (SageMaker payload rows); an unclosed quote runs to the end. */
export function splitCsvLine(text: string, delimiter = ","): string[] {
  const a = new CsvRecordAssembler(delimiter);
  const fields = a.feed(text);
  if (fields !== null) return fields;
  return a.feed('"') ?? [];
}
