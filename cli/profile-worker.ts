import { parentPort } from "node:worker_threads";
import type { MonitorConfig } from "../shared/config/schema.ts";
import { RecordProfiler, type ReferenceShape } from "../shared/pipeline/profiler.ts";
import { readLog } from "../shared/readers/index.ts";
import type { MalformedRow } from "../shared/types.ts";
import type { ByteRange } from "./ranges.ts";
import { rangeSource } from "./sources.ts";

/** A task for a profiling worker: one byte range of one file. */
export interface WorkerTask {
  config: MonitorConfig;
  reference: ReferenceShape | null;
  range: ByteRange;
  required: string[];
  /** Records timestamped later are malformed (ReadOptions.latestTimestampMs). */
  latestTimestampMs?: number;
}

/** A profiling worker's answer. */
export type WorkerResult =
  | { ok: true; profile: ReturnType<RecordProfiler["finish"]>; rows: number; malformed: number; empty: boolean; format: string; compressed: boolean; sample: MalformedRow[] }
  | { ok: false; name: string; message: string };

/** Profiles one task; runs in a worker thread, or on the main thread as one of the pool. */
export async function profileRange(task: WorkerTask): Promise<WorkerResult> {
  try {
    const profiler = new RecordProfiler(task.config, task.reference ?? undefined);
    const { path, start, end } = task.range;
    const s = await readLog(rangeSource(path, start, end), { fields: task.config.fields, columnOrder: task.config.columnOrder, task: task.config.task, requiredColumns: task.required, latestTimestampMs: task.latestTimestampMs }, profiler);
    return { ok: true, profile: profiler.finish(), rows: s.rows, malformed: s.malformed, empty: s.empty, format: s.format, compressed: s.compressed, sample: profiler.malformedSample.slice(0, 20) };
  } catch (e) {
    return { ok: false, name: e instanceof Error ? e.name : "Error", message: e instanceof Error ? e.message : String(e) };
  }
}

parentPort?.on("message", (task: WorkerTask) => {
  void profileRange(task).then((r) => parentPort!.postMessage(r));
});
