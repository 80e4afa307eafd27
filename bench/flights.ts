import { renameSync } from "node:fs";
import { parquetMetadataAsync, parquetRead } from "hyparquet";
import { compressors } from "hyparquet-compressors";
import { parquetWriteFile } from "hyparquet-writer";
import { readDataset } from "../cli/demo/datasets.ts";
import { memoryBuffer } from "../shared/readers/parquet.ts";

/** The monitor config of the flights model: `date` is the event time, the other columns features. */
export const FLIGHTS_MONITOR_YAML = "model: flights\nwindow: 1d\nfields: {timestamp: date}\n";

/**
 * Writes rows [rowStart, rowEnd) of vega-datasets' flights-3m.parquet (US DOT on-time flights,
 * January–June 2001; sha256-checked) as a Parquet file of their own, with the source's columns
 * and types: date (TIMESTAMP), delay and distance (INT64), origin and destination (STRING).
 * The source is zstd-compressed in 272,727-row groups; this copy uses hyparquet-writer's
 * defaults (snappy, 100,000-row groups), which is what a Node producer would write.
 */
export async function writeFlightsParquet(path: string, rowStart: number, rowEnd: number): Promise<void> {
  const file = memoryBuffer(readDataset("flights3mParquet"));
  const metadata = await parquetMetadataAsync(file);
  const total = Number(metadata.num_rows);
  const end = Math.min(rowEnd, total);
  const rows = await new Promise<unknown[][]>((resolve, reject) => {
    parquetRead({ file, metadata, rowStart, rowEnd: end, compressors, onComplete: (r) => resolve(r as unknown[][]) }).catch(reject);
  });
  const column = <T>(c: number) => rows.map((r) => r[c] as T);
  parquetWriteFile({
    filename: `${path}.tmp`,
    columnData: [
      { name: "date", data: column<Date>(0), type: "TIMESTAMP" },
      { name: "delay", data: column<bigint>(1), type: "INT64" },
      { name: "distance", data: column<bigint>(2), type: "INT64" },
      { name: "origin", data: column<string>(3), type: "STRING" },
      { name: "destination", data: column<string>(4), type: "STRING" },
    ],
  });
  renameSync(`${path}.tmp`, path);
}

/** The number of rows in flights-3m.parquet. */
export const FLIGHTS_3M_ROWS = 3_000_000;
