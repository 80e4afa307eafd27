/**
 * Parquet through hyparquet, a page at a time: each row group's column chunks are read in ranges
 * (`parquet-chunk.ts`) and decoded page by page with hyparquet's own decoders
 * (`parquet-column.ts`, `parquet-page.ts`), and rows are handed on in runs of at most
 * `BATCH_ROWS`, `drain` awaited after each run. Memory holds about one decoded page per column
 * and some megabytes of read bytes, whatever the row groups' and the file's size; only a page
 * itself is never split (a writer that puts a whole chunk in one page makes that page the
 * unit). Every value is the one hyparquet's `parquetRead` gives (the tests compare them).
 *
 * Parquet needs random access to its footer and column chunks: with `source.read` and
 * `source.size` the file is read in ranges; otherwise (plain streams, or gzip-wrapped Parquet)
 * the whole file is buffered in memory first. Rows are numbered from 1 (plus `startLine` − 1).
 * A damaged page throws `CorruptParquetError` when it is reached, after the rows before it.
 *
 * @example
 * await readParquet(asyncBufferOf(source), source.name, options, handler);
 */
import { parquetMetadataAsync, parquetSchema, type AsyncBuffer, type DecodedArray } from "hyparquet";
import { checkRequired } from "./csv.ts";
import { CorruptParquetError, ReaderError } from "./errors.ts";
import type { RowHandler } from "./handler.ts";
import type { ResolvedOptions } from "./options.ts";
import { READ_LIMITS, type ReadLimits } from "./parquet-chunk.ts";
import { rowGroupColumns, type ColumnRows } from "./parquet-column.ts";
import { RUN_ROWS } from "./parquet-page.ts";
import { ParquetView } from "./parquet-view.ts";
import { fromSource } from "./parquet-source.ts";

export { memoryBuffer, rangedBuffer } from "./parquet-source.ts";

/** The 4-byte magic at both ends of a Parquet file. */
export const PARQUET_MAGIC = "PAR1";

/** Rows handed on between two calls of the handler's `drain`, at most. */
export const BATCH_ROWS = RUN_ROWS;

const NO_VALUES: DecodedArray = [];

/** Reads every row group (or until the handler is done) and hands each row on; `limits` bound the reads. */
export async function readParquet(
  file: AsyncBuffer,
  source: string,
  options: ResolvedOptions,
  handler: RowHandler & { readonly wanted: number },
  limits: ReadLimits = READ_LIMITS,
): Promise<void> {
  const metadata = await guard(source, () => parquetMetadataAsync(file));
  const tree = parquetSchema(metadata);
  const names = tree.children.map((c) => c.element.name);
  checkRequired(names, options.requiredColumns, source);
  // A name twice in the schema reads the first such column twice, as in hyparquet; one key.
  const columns = [...new Set(names)];
  let groupStart = 0;
  for (const group of metadata.row_groups) {
    if (handler.done) return;
    const groupEnd = groupStart + Number(group.num_rows);
    if (groupEnd > groupStart) {
      const byName = await guard(source, async () => rowGroupColumns(file, tree, group, limits));
      const readers = columns.map((name) => {
        const reader = byName.get(name);
        if (reader === undefined) throw new CorruptParquetError(source, { cause: new Error(`parquet column not found: ${name}`) });
        return reader;
      });
      await readGroup(readers, columns, groupStart, groupEnd, source, options, handler);
    }
    groupStart = groupEnd;
  }
}

/** Hands on rows [start, end) of the file, one row group's, from its columns' readers. */
async function readGroup(
  readers: readonly ColumnRows[],
  columns: readonly string[],
  start: number,
  end: number,
  source: string,
  options: ResolvedOptions,
  handler: RowHandler & { readonly wanted: number },
): Promise<void> {
  const n = columns.length;
  const template = rowTemplate(columns);
  // The fast path (parquet-view.ts) when the sink takes views; declined rows are built as objects.
  const view = handler.view?.bind(handler);
  const fast = view === undefined ? null : ParquetView.forColumns(columns, options.fields, options.latestTimestampMs);
  const values = new Array<DecodedArray>(n).fill(NO_VALUES);
  const at = new Array<number>(n).fill(0);
  const ended = new Array<boolean>(n).fill(false);
  let row = start;
  while (row < end && !handler.done) {
    let count = Math.min(end - row, BATCH_ROWS, Math.max(1, handler.wanted));
    for (let c = 0; c < n; c++) {
      while (!ended[c] && at[c] >= values[c].length) {
        const next = await guard(source, () => readers[c].next());
        // A column with fewer values than the group has rows reads as undefined, as in hyparquet.
        if (next === null) ended[c] = true;
        values[c] = next ?? NO_VALUES;
        at[c] = 0;
      }
      if (!ended[c]) count = Math.min(count, values[c].length - at[c]);
    }
    for (let i = 0; i < count && !handler.done; i++) {
      if (fast !== null && fast.fill(values, at, i)) {
        (view as NonNullable<typeof view>)(fast, options.startLine + row + i);
        continue;
      }
      const obj = { ...template };
      for (let c = 0; c < n; c++) obj[columns[c]] = values[c][at[c] + i];
      handler.row(obj, options.startLine + row + i, null, "json");
    }
    for (let c = 0; c < n; c++) at[c] += count;
    row += count;
    const waiting = handler.drain?.();
    if (waiting) await waiting;
  }
}

/**
 * An object with the columns as own keys, in order, as JSON.parse makes it: a row is a copy of it
 * (`{ ...template }`, which keeps its hidden class, so rows have fast properties and for-in over
 * them walks V8's enum cache) with the values set. A column named "__proto__" is an own data key
 * here, as in any JSON row; setting it on the copy sets that key, not the prototype.
 */
function rowTemplate(columns: readonly string[]): Record<string, unknown> {
  return JSON.parse(JSON.stringify(Object.fromEntries(columns.map((c) => [c, null])))) as Record<string, unknown>;
}

async function guard<T>(source: string, f: () => Promise<T>): Promise<T> {
  try {
    return await f();
  } catch (e) {
    if (e instanceof ReaderError || fromSource(e)) throw e;
    throw new CorruptParquetError(source, { cause: e });
  }
}
