/**
 * One top-level Parquet column of one row group, decoded a page at a time: `next()` gives the
 * values of the next run of whole rows, in order. It is hyparquet's own `readColumn` loop (page
 * headers, dictionary pages, `readPage`, list assembly) and `assembleAsync` (struct, map and
 * variant columns through `assembleNested`), run incrementally with hyparquet's own functions, so
 * every value is the one `parquetRead` gives; only a page's rows are in memory at a time.
 *
 * A repeated column's row may continue on the next page, so its last row is held back until the
 * next page (or the chunk's end) shows it complete.
 *
 * @example
 * const columns = rowGroupColumns(file, schemaTree, metadata.row_groups[0]);
 * const score = columns.get("score")!;
 * for (let values = await score.next(); values !== null; values = await score.next()) use(values);
 */
import type { AsyncBuffer, DecodedArray, PageHeader, RowGroup, SchemaTree } from "hyparquet";
import { assembleNested } from "hyparquet/src/assemble.js";
import { parquetHeader, readPage } from "hyparquet/src/column.js";
import { convert, DEFAULT_PARSERS } from "hyparquet/src/convert.js";
import { getMaxDefinitionLevel, getMaxRepetitionLevel, getTreePath, isFlatColumn } from "hyparquet/src/schema.js";
import type { ColumnDecoder, DataReader } from "hyparquet/src/types.js";
import { compressors } from "hyparquet-compressors";
import { ChunkBytes, firstWindowBytes, firstWindows, READ_LIMITS, ReadBudget, type ReadLimits } from "./parquet-chunk.ts";
import { flatPage, RUN_ROWS, type FlatPage, type PageScratch } from "./parquet-page.ts";

/**
 * A flat column reads its next page this many rows before it needs it (a few hundred
 * milliseconds of work: the read's latency is hidden, and its bytes are not held for long).
 */
const READ_AHEAD_ROWS = 4 * RUN_ROWS;

/** Runs of whole rows of one column. */
export interface ColumnRows {
  /** The next rows' values (possibly none), or null when the chunk has no more. */
  next(): Promise<DecodedArray | null>;
}

/**
 * The row group's top-level columns by name, each over its leaf chunks (in file order), as
 * hyparquet's `readRowGroup` and `assembleAsync` pair them; the first windows are fetched now.
 */
export function rowGroupColumns(file: AsyncBuffer, tree: SchemaTree, group: RowGroup, limits: ReadLimits = READ_LIMITS): Map<string, ColumnRows> {
  const chunks = group.columns.map((chunk) => {
    if (chunk.file_path) throw new Error("parquet file_path not supported");
    if (!chunk.meta_data) throw new Error("parquet column metadata is undefined");
    return chunk.meta_data;
  });
  const ranges = chunks.map((meta) => {
    const start = Number(meta.dictionary_page_offset || meta.data_page_offset);
    return { start, end: start + Number(meta.total_compressed_size) };
  });
  const window = firstWindowBytes(ranges, limits);
  const firstRanges = ranges.map((r) => ({ start: r.start, end: Math.min(r.end, r.start + window) }));
  const first = firstWindows(file, firstRanges);
  const budget = new ReadBudget(limits);
  const leaves = chunks.map((meta, i) => {
    const schemaPath = getTreePath(tree, meta.path_in_schema);
    const decoder: ColumnDecoder = {
      pathInSchema: meta.path_in_schema,
      element: schemaPath[schemaPath.length - 1].element,
      schemaPath,
      ...meta,
      compressors,
      parsers: DEFAULT_PARSERS,
    };
    const bytes = new ChunkBytes(file, ranges[i].start, ranges[i].end, budget, { end: firstRanges[i].end, bytes: first[i] });
    const pages = new LeafPages(bytes, decoder);
    return isFlatColumn(schemaPath) ? new FlatRows(pages) : new RepeatedRows(pages, getMaxRepetitionLevel(schemaPath));
  });
  const columns = new Map<string, ColumnRows>();
  for (const top of tree.children) {
    const name = top.element.name;
    if (columns.has(name)) continue;
    const mine = chunks.flatMap((meta, i) => (meta.path_in_schema[0] === name ? [i] : []));
    if (mine.length === 0) continue;
    if (top.children.length === 0) columns.set(name, leaves[mine[0]]);
    else columns.set(name, new NestedRows(top, mine.map((i) => chunks[i].path_in_schema.join(".")), mine.map((i) => leaves[i])));
  }
  return columns;
}

/** A leaf chunk's pages, front to back; dictionary pages are taken in on the way. */
class LeafPages {
  /** The chunk's dictionary, converted, once its dictionary page is read. */
  dictionary: DecodedArray | undefined;

  constructor(
    private readonly bytes: ChunkBytes,
    readonly decoder: ColumnDecoder,
  ) {}

  /** The next data page's header, with a reader at its bytes; null at the chunk's end. */
  async dataPage(): Promise<{ header: PageHeader; reader: DataReader } | null> {
    for (;;) {
      if (this.bytes.remaining <= 1) return null; // readColumn's end test: offset ≥ byteLength − 1
      const header = await this.header();
      this.bytes.expect(header.compressed_page_size);
      await this.bytes.ensure(header.compressed_page_size);
      const reader = this.bytes.available >= header.compressed_page_size ? this.bytes.reader : this.bytes.exact();
      if (header.type !== "DICTIONARY_PAGE") return { header, reader };
      const { data } = readPage(reader, header, this.decoder, this.dictionary, undefined, 0);
      if (data) this.dictionary = convert(data, this.decoder);
    }
  }

  /** hyparquet's readPage on the next data page, appending to `previous` as it does. */
  async page(previous: DecodedArray | undefined): Promise<DecodedArray | null> {
    const next = await this.dataPage();
    if (next === null) return null;
    const data = readPage(next.reader, next.header, this.decoder, this.dictionary, previous, 0).data ?? [];
    this.bytes.release();
    this.bytes.readAhead();
    return data;
  }

  /** After a page is decoded: see ChunkBytes.release. */
  release(): void {
    this.bytes.release();
  }

  /** See ChunkBytes.readAhead. */
  readAhead(): void {
    this.bytes.readAhead();
  }

  private async header(): Promise<PageHeader> {
    // A header longer than the first look (large statistics) is read on retry.
    for (let probe = this.bytes.limits.headerBytes; ; probe *= 4) {
      await this.bytes.ensure(probe);
      const reader = this.bytes.reader;
      const at = reader.offset;
      try {
        return parquetHeader(reader);
      } catch (e) {
        // Thrift stops at the window's end: cut short by the window, or by the chunk (corrupt).
        if (this.bytes.complete) throw e;
        reader.offset = at;
      }
    }
  }
}

/** A flat leaf (one value or null per row): its pages decoded compactly (`parquet-page.ts`). */
class FlatRows implements ColumnRows {
  private page: FlatPage | null = null;
  private at = 0;
  private readonly scratch: PageScratch = { levels: new Uint8Array(0), indices: new Int32Array(0) };
  private readonly maxDefinition: number;

  constructor(private readonly pages: LeafPages) {
    this.maxDefinition = getMaxDefinitionLevel(pages.decoder.schemaPath);
  }

  async next(): Promise<DecodedArray | null> {
    while (this.page === null || this.at >= this.page.rows) {
      const next = await this.pages.dataPage();
      if (next === null) return null;
      const { header, reader } = next;
      if (header.type !== "DATA_PAGE" && header.type !== "DATA_PAGE_V2") return readPage(reader, header, this.pages.decoder, undefined, undefined, 0).data ?? [];
      this.page = flatPage(reader, header, this.pages.decoder, this.pages.dictionary, this.maxDefinition, this.scratch);
      this.pages.release();
      this.at = 0;
    }
    const end = Math.min(this.page.rows, this.at + RUN_ROWS);
    const run = this.page.run(this.at, end);
    this.at = end;
    if (this.page.rows - end <= READ_AHEAD_ROWS) this.pages.readAhead();
    return run;
  }
}

/** A repeated leaf (a list, or a leaf inside a struct): rows assembled across pages. */
class RepeatedRows implements ColumnRows {
  /** readColumn's `lastChunk`; rows before `from` were handed on already. */
  private chunk: DecodedArray | undefined;
  private from = 0;

  constructor(
    private readonly pages: LeafPages,
    private readonly maxRepetition: number,
  ) {}

  async next(): Promise<DecodedArray | null> {
    const data = await this.pages.page(this.chunk);
    if (data === null) {
      const chunk = this.chunk;
      if (chunk === undefined || this.from >= chunk.length) return null;
      const rows = chunk.slice(this.from);
      this.from = chunk.length;
      return rows;
    }
    if (data !== this.chunk) {
      if (data.length === 0) return data; // readColumn ignores an empty page
      this.chunk = data;
      this.from = 0;
    }
    const chunk = this.chunk;
    // The last row may go on in the next page (repetition level > 0 there); it waits.
    const end = chunk.length - (this.maxRepetition > 0 ? 1 : 0);
    if (end <= this.from) return [];
    const rows = chunk.slice(this.from, end);
    if (Array.isArray(chunk)) {
      // Keep one row already handed on, so the array is never empty, as readColumn's never is.
      this.chunk = chunk.slice(end - 1);
      this.from = 1;
    } else {
      this.from = end;
    }
    return rows;
  }
}

/** A struct, map or variant column: its leaves' rows assembled by hyparquet, a run at a time. */
class NestedRows implements ColumnRows {
  private readonly pending: DecodedArray[];
  private readonly at: number[];

  constructor(
    private readonly top: SchemaTree,
    private readonly paths: readonly string[],
    private readonly leaves: readonly ColumnRows[],
  ) {
    this.pending = leaves.map(() => []);
    this.at = leaves.map(() => 0);
  }

  async next(): Promise<DecodedArray | null> {
    let count = Infinity;
    for (let i = 0; i < this.leaves.length; i++) {
      while (this.at[i] >= this.pending[i].length) {
        const rows = await this.leaves[i].next();
        if (rows === null) return null; // hyparquet cuts the column to its shortest leaf
        this.pending[i] = rows;
        this.at[i] = 0;
      }
      count = Math.min(count, this.pending[i].length - this.at[i]);
    }
    const columns = new Map<string, DecodedArray>();
    for (let i = 0; i < this.leaves.length; i++) {
      columns.set(this.paths[i], this.pending[i].slice(this.at[i], this.at[i] + count));
      this.at[i] += count;
    }
    assembleNested(columns, this.top, DEFAULT_PARSERS);
    const assembled = columns.get(this.top.element.name);
    if (!assembled) throw new Error("parquet column data not assembled");
    return assembled;
  }
}
