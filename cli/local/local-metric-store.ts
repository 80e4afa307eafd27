import { appendFile, mkdir, readFile } from "node:fs/promises";
import { dirname } from "node:path";
import type { MetricDatum, MetricSink } from "../../shared/ports.ts";
import { LocalBackendError } from "./errors.ts";
import { isAbsent } from "./file-object.ts";

/** Datums dropped instead of stored, by reason (CloudWatch rejects non-finite values too). */
export interface LocalMetricDrops {
  nonFinite: number;
}

/**
 * The local metric store (DESIGN §8): every datum the pipeline publishes, one JSON object per
 * line, with CloudWatch's metric names, dimensions and units (DESIGN §6), appended to `file`.
 * Non-finite values are dropped and counted, as the CloudWatch adapter does; the other limits of
 * PutMetricData (age, batch sizes) are CloudWatch's and do not apply here. Appends from one
 * process go one after another, so lines never interleave. `readAll` and `query` read the file
 * back for the dashboard page and tests.
 *
 * @example
 * const metrics = new LocalMetricStore("/tmp/b/.vigil/metrics.jsonl");
 * await metrics.put([{ name: "RowCount", value: 1200, timestampMs: 0, dimensions: { Model: "bank" }, unit: "Count" }]);
 * await metrics.query("RowCount", { Model: "bank" }); // [{ name: "RowCount", value: 1200, … }]
 */
export class LocalMetricStore implements MetricSink {
  readonly drops: LocalMetricDrops = { nonFinite: 0 };
  private tail: Promise<void> = Promise.resolve();

  constructor(readonly file: string) {}

  async put(data: readonly MetricDatum[]): Promise<void> {
    const kept = data.filter((d) => Number.isFinite(d.value));
    this.drops.nonFinite += data.length - kept.length;
    if (kept.length === 0) return;
    const text = kept.map((d) => JSON.stringify(d)).join("\n") + "\n";
    const append = this.tail.then(async () => {
      await mkdir(dirname(this.file), { recursive: true });
      await appendFile(this.file, text);
    });
    this.tail = append.catch(() => undefined); // one failed append must not block the next
    await append;
  }

  /**
   * Every stored datum, in the order written. A last line without its newline (a crash mid-append)
   * is left out; any other line that is not a datum throws, naming the file and line.
   */
  async readAll(): Promise<MetricDatum[]> {
    await this.tail;
    let text: string;
    try {
      text = await readFile(this.file, "utf8");
    } catch (e) {
      if (isAbsent(e)) return [];
      throw e;
    }
    const lines = text.split("\n");
    lines.pop(); // "" after the final newline, or a torn line
    return lines.map((line, i) => {
      try {
        return JSON.parse(line) as MetricDatum;
      } catch (e) {
        throw new LocalBackendError(`${this.file}:${i + 1}: not a metric datum`, { cause: e });
      }
    });
  }

  /**
   * The datums of one metric, as CloudWatch identifies it: the name and exactly these dimensions
   * (a datum with more or fewer dimensions is another metric), in time order.
   *
   * @example
   * await metrics.query("DriftScore", { Model: "bank", Feature: "age" });
   */
  async query(name: string, dimensions: Record<string, string>): Promise<MetricDatum[]> {
    const wanted = Object.entries(dimensions);
    const same = (d: MetricDatum) =>
      Object.keys(d.dimensions).length === wanted.length && wanted.every(([k, v]) => d.dimensions[k] === v);
    return (await this.readAll()).filter((d) => d.name === name && same(d)).sort((a, b) => a.timestampMs - b.timestampMs);
  }
}
