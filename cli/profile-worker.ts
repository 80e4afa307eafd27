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
  | {
      ok: true;
      profile: ReturnType<RecordProfiler["finish"]>;
      /** The range's distinct ids as sorted hash pairs (null past the id cap), to count repeats between ranges. */
      ids: Uint32Array | null;
      rows: number;
      malformed: number;
      empty: boolean;
      format: string;
      compressed: boolean;
      sample: MalformedRow[];
    }
  | { ok: false; name: string; message: string };

/** Profiles one task; runs in a worker thread, or on the main thread as one of the pool. */
export async function profileRange(task: WorkerTask): Promise<WorkerResult> {
  try {
    const profiler = new RecordProfiler(task.config, task.reference ?? undefined);
    const { path, start, end, headerEnd } = task.range;
    const s = await readLog(rangeSource(path, start, end, headerEnd), { fields: task.config.fields, columnOrder: task.config.columnOrder, task: task.config.task, requiredColumns: task.required, latestTimestampMs: task.latestTimestampMs }, profiler);
    const ids = profiler.idHashes();
    return { ok: true, profile: profiler.finish(), ids, rows: s.rows, malformed: s.malformed, empty: s.empty, format: s.format, compressed: s.compressed, sample: profiler.malformedSample.slice(0, 20) };
  } catch (e) {
    return { ok: false, name: e instanceof Error ? e.name : "Error", message: e instanceof Error ? e.message : String(e) };
  }
}

/**
 * A profiling job: the ranges of one `vigil check`, shared by the main thread and the workers.
 * Each thread claims the next range index with Atomics.add on `claim` until none is left.
 */
export interface WorkerJob extends Omit<WorkerTask, "range"> {
  ranges: ByteRange[];
  claim: Int32Array;
}

/** What a worker posts: one range's result, then `done` when no range is left to claim. */
export type WorkerMessage = { done: false; index: number; result: WorkerResult } | { done: true };

/** The task of range i of a job. */
export function taskOf(job: WorkerJob, i: number): WorkerTask {
  return { config: job.config, reference: job.reference, range: job.ranges[i], required: job.required, latestTimestampMs: job.latestTimestampMs };
}

async function runJob(job: WorkerJob): Promise<void> {
  for (let i = Atomics.add(job.claim, 0, 1); i < job.ranges.length; i = Atomics.add(job.claim, 0, 1)) {
    const message: WorkerMessage = { done: false, index: i, result: await profileRange(taskOf(job, i)) };
    // The ids' buffer is moved, not copied (a few MB per range).
    parentPort!.postMessage(message, message.result.ok && message.result.ids !== null ? [message.result.ids.buffer as ArrayBuffer] : []);
  }
  parentPort!.postMessage({ done: true } satisfies WorkerMessage);
}

parentPort?.on("message", (job: WorkerJob) => void runJob(job));
