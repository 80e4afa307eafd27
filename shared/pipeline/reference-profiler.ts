import { parseDurationMs, windowStartMs } from "../config/duration.ts";
import type { MonitorConfig } from "../config/schema.ts";
import type { LogRecord, MalformedRow, RecordSink, RecordView } from "../types.ts";
import { ChunkedProfiler, RecordProfiler, type BuilderLimits, type ProfileWithPerformance } from "./profiler.ts";

/** Row-count chunks of a reference without usable timestamps. */
export const REFERENCE_CHUNKS = 10;
/** At most this many of the reference's windows are profiled for calibration (a systematic sample). */
export const MAX_WINDOW_CHUNKS = 64;
/**
 * Calibration windows only estimate a statistic's spread, so they keep fewer exact values (1,000
 * distinct per column, then a t-digest of compression 300) and no id set: a window costs ≈ 60 KB
 * per column however many rows it holds.
 */
const WINDOW_LIMITS: BuilderLimits = { exactDistinctCap: 1_000, compression: 300, idDistinctCap: 1 };
/** Fewer usable windows than this and calibration falls back to row-count chunks. */
export const MIN_WINDOW_CHUNKS = 5;
/** A window with fewer rows than this share of the median window is partial (the reference's first or last day) and left out. */
const PARTIAL_WINDOW_SHARE = 0.2;

/** How the reference was cut for calibration. */
export interface ReferenceChunks {
  /** Consecutive row-count chunks: together they are the whole reference. */
  chunks: ProfileWithPerformance[];
  /** The reference cut by the monitor's window on event time, when there are enough windows; else null. */
  windows: ProfileWithPerformance[] | null;
}

/**
 * Profiles reference data for `buildReference`: the whole data in row-count chunks, and beside it
 * one profile per event-time window of the monitor (`window`, e.g. 1d), so thresholds are calibrated
 * on chunks of the size and kind of the windows that will be compared later — day-to-day variation
 * included. At most 64 windows are kept: when more appear, only every second (fourth, …) window by
 * index is profiled, which keeps each kept window whole.
 *
 * @example
 * const p = new ReferenceProfiler(config); await readLog(src, opts, p); p.finish().windows?.length;
 */
export class ReferenceProfiler implements RecordSink {
  private readonly all: ChunkedProfiler;
  private readonly windows = new Map<number, RecordProfiler>();
  private readonly windowMs: number;
  private stride = 1;

  constructor(private readonly config: MonitorConfig) {
    this.all = new ChunkedProfiler(config);
    this.windowMs = parseDurationMs(config.window);
  }

  get malformedSample(): MalformedRow[] {
    return this.all.malformedSample;
  }

  get malformedCount(): number {
    return this.all.malformedCount;
  }

  record(r: LogRecord): void {
    this.all.record(r);
    this.windowOf(r.timestampMs)?.record(r);
  }

  view(r: RecordView): void {
    this.all.view(r);
    this.windowOf(r.timestampMs)?.view(r);
  }

  /** The profiler of the window holding `timestampMs`, or null when that window is not kept. */
  private windowOf(timestampMs: number | null): RecordProfiler | null {
    if (timestampMs === null) return null;
    const start = windowStartMs(timestampMs, this.windowMs);
    let p = this.windows.get(start);
    if (!p) {
      if (!this.kept(start)) return null;
      while (this.windows.size >= MAX_WINDOW_CHUNKS) this.thin();
      if (!this.kept(start)) return null;
      p = new RecordProfiler(this.config, undefined, WINDOW_LIMITS);
      this.windows.set(start, p);
    }
    return p;
  }

  malformed(m: MalformedRow): void {
    this.all.malformed(m);
  }

  /** The row-count chunks, and the window chunks when at least five whole windows were seen. */
  finish(): ReferenceChunks {
    const chunks = this.all.groups(REFERENCE_CHUNKS);
    const profiles = [...this.windows.entries()].sort((a, b) => a[0] - b[0]).map(([, p]) => p.finish());
    const rows = profiles.map((p) => p.rows).sort((a, b) => a - b);
    const median = rows.length > 0 ? rows[Math.floor(rows.length / 2)] : 0;
    const whole = profiles.filter((p) => p.rows >= PARTIAL_WINDOW_SHARE * median && p.rows > 0);
    return { chunks, windows: whole.length >= MIN_WINDOW_CHUNKS ? whole : null };
  }

  private kept(start: number): boolean {
    const index = Math.round(start / this.windowMs);
    return ((index % this.stride) + this.stride) % this.stride === 0;
  }

  /** Doubles the stride and drops the windows it no longer keeps. */
  private thin(): void {
    this.stride *= 2;
    for (const start of [...this.windows.keys()]) if (!this.kept(start)) this.windows.delete(start);
  }
}
