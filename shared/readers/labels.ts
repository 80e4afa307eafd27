/**
 * `readLabels`: ground-truth labels from JSON Lines, JSON arrays, CSV or Parquet (optionally
 * gzip): plain records (`{"request_id": "req-123", "label": 0, "timestamp"?: …}`, names from
 * `options.fields`) and SageMaker ground-truth records (`groundTruthData` + `eventMetadata`).
 * A row without an id or a label, or with a NaN or infinite label, is malformed.
 *
 * @example
 * const labels: LabelRecord[] = [];
 * await readLabels(source, {}, { label: (l) => labels.push(l), malformed: () => {} });
 */
import type { ByteSource, FieldValue } from "../types.ts";
import { MalformedRowError } from "./errors.ts";
import { rawOf } from "./handler.ts";
import { own, timestampOf, type ValueMode } from "./normalise.ts";
import { cutRaw, resolveOptions, type LabelSink, type ReadOptions, type ReadSummary, type ResolvedOptions } from "./options.ts";
import { summaryOf } from "./read-log.ts";
import { CountingRowHandler, readRows, type CountingHandler } from "./rows.ts";
import { groundTruthLabels, isGroundTruth } from "./sagemaker.ts";
import { csvValue, jsonValue, textValue } from "./values.ts";

/**
 * Reads a label file; `summary.rows` counts labels delivered.
 *
 * @throws ReaderError subclasses, as `readLog` does
 * @example
 * await readLabels(sourceFromBytes("labels.csv", "request_id,label\nreq-1,1\n"), {}, sink);
 */
export async function readLabels(source: ByteSource, options: ReadOptions, sink: LabelSink): Promise<ReadSummary> {
  const resolved = resolveOptions(options);
  const handler = new LabelRowHandler(sink, resolved);
  const facts = await readRows(source, resolved, handler);
  return summaryOf(facts, handler.rows, handler.bad, handler.ctx.nonScalar);
}

class LabelRowHandler extends CountingRowHandler implements CountingHandler {
  constructor(
    private readonly sink: LabelSink,
    options: ResolvedOptions,
  ) {
    super(options);
  }

  row(value: Record<string, unknown>, line: number, raw: string | null, mode: ValueMode): void {
    try {
      if (mode === "json" && isGroundTruth(value)) {
        for (const l of groundTruthLabels(value, this.ctx)) this.deliver(l.id, l.label, null);
        return;
      }
      const f = this.options.fields;
      const label = own(value, f.label);
      const ts = own(value, f.timestamp);
      this.deliver(
        textValue(own(value, f.id), this.ctx),
        mode === "csv" && typeof label === "string" ? csvValue(label) : jsonValue(label, this.ctx),
        ts === undefined ? null : timestampOf(ts),
      );
    } catch (e) {
      if (!(e instanceof MalformedRowError)) throw e;
      this.malformed(line, e.reason, raw ?? rawOf(value));
    }
  }

  malformed(line: number, reason: string, raw: string): void {
    this.bad++;
    this.sink.malformed({ line, reason, raw: cutRaw(raw) });
  }

  private deliver(id: string | null, label: FieldValue, timestampMs: number | null): void {
    const f = this.options.fields;
    if (id === null) throw new MalformedRowError(`missing id (${f.id})`);
    if (label === null) throw new MalformedRowError(`missing label (${f.label})`);
    // NaN or ±∞ is no class and no value to score against; stores cannot hold it either.
    if (typeof label === "number" && !Number.isFinite(label)) throw new MalformedRowError(`label: not a finite number (${label})`);
    if (this.rows >= this.options.maxRows) return;
    this.rows++;
    this.sink.label({ id, label, timestampMs });
  }
}
