import { appendFileSync, existsSync, readFileSync } from "node:fs";

/** A bound value the stores use: SQLite integers, reals and text (JSON keeps each exactly). */
export type Param = number | string | null;

/** One committed transaction: its statements (each text once) and the calls that changed rows. */
export interface JournalEntry {
  /** The snapshot generation the entry applies to (see SqliteDatabase.checkpoint). */
  g: number;
  sql: string[];
  ops: [sqlIndex: number, params: Param[]][];
}

/**
 * Collects the row-changing statements of one transaction, for `appendEntry`.
 *
 * @example
 * const r = new EntryRecorder();
 * r.record("DELETE FROM alerts WHERE model = ?", ["m"]);
 * r.entry(4); // { g: 4, sql: ["DELETE FROM alerts WHERE model = ?"], ops: [[0, ["m"]]] }
 */
export class EntryRecorder {
  private readonly sqlIndex = new Map<string, number>();
  private readonly ops: [number, Param[]][] = [];

  /** True when nothing changed a row: there is nothing to journal. */
  get empty(): boolean {
    return this.ops.length === 0;
  }

  /** Notes one statement call that changed rows. */
  record(sql: string, params: readonly Param[]): void {
    let i = this.sqlIndex.get(sql);
    if (i === undefined) this.sqlIndex.set(sql, (i = this.sqlIndex.size));
    this.ops.push([i, [...params]]);
  }

  /** The entry to append, for the current snapshot generation. */
  entry(generation: number): JournalEntry {
    return { g: generation, sql: [...this.sqlIndex.keys()], ops: this.ops };
  }
}

/**
 * Appends one entry as a JSON line and returns the bytes written. Synchronous, so entries land in
 * commit order, and before the call that wrote them returns.
 *
 * @example
 * appendEntry("/b/.vigil/state.sqlite.changes.jsonl", recorder.entry(4)); // 118
 */
export function appendEntry(journal: string, entry: JournalEntry): number {
  const line = `${JSON.stringify(entry)}\n`;
  appendFileSync(journal, line);
  return Buffer.byteLength(line);
}

/**
 * The journal's entries for `generation`, in order. Entries of an older generation are already in
 * the snapshot (a checkpoint was cut short before it emptied the journal) and are left out. A line
 * that does not parse can only be the last one, torn by a crash while its call had not returned:
 * reading stops there.
 *
 * @example
 * for (const e of readEntries(journal, 4)) replay(e);
 */
export function readEntries(journal: string, generation: number): JournalEntry[] {
  if (!existsSync(journal)) return [];
  const out: JournalEntry[] = [];
  for (const line of readFileSync(journal, "utf8").split("\n")) {
    if (line === "") continue;
    let entry: JournalEntry;
    try {
      entry = JSON.parse(line) as JournalEntry;
    } catch {
      break;
    }
    if (entry.g === generation) out.push(entry);
  }
  return out;
}
