import { PREDICTION_KEY, SCORE_KEY } from "../check/keys.ts";
import type { MonitorConfig } from "../config/schema.ts";
import { addObservation, mergeAccumulators, newAccumulator, type MetricsAccumulator } from "../metrics/accumulator.ts";
import { ProfileBuilder, type ProfileBuilderOptions } from "../profile/profile-builder.ts";
import { mergeProfiles } from "../profile/merge-profiles.ts";
import { PairwiseTree } from "../profile/pairwise-tree.ts";
import { ProfileMerger } from "../profile/profile-merger.ts";
import type { Profile } from "../profile/types.ts";
import type { ReferenceProfile } from "../reference/types.ts";
import type { LogRecord, MalformedRow, RecordSink, RecordView } from "../types.ts";

/** Malformed rows kept per profiler as a sample for `quarantine/`. */
export const MALFORMED_SAMPLE_SIZE = 100;

/** The profile of some records, with the model-quality accumulator of those that carried labels. */
export type ProfileWithPerformance = Profile & { performance: MetricsAccumulator | null };

/**
 * A RecordSink that profiles what it receives: the data profile (with the reference's declared
 * types and bin edges when comparing against one) and, for labelled records, the metric
 * accumulator. Malformed rows are counted and the first ones kept as a sample.
 *
 * @example
 * const p = new RecordProfiler(config, reference); await readLog(src, opts, p); p.finish().rows;
 */
export class RecordProfiler implements RecordSink {
  private builder: ProfileBuilder;
  private acc: MetricsAccumulator;
  private labelled = 0;
  readonly malformedSample: MalformedRow[] = [];
  malformedCount = 0;

  constructor(
    private readonly config: MonitorConfig,
    private readonly reference?: ReferenceShape,
    private readonly limits?: BuilderLimits,
  ) {
    this.builder = newBuilder(config, reference, limits);
    this.acc = newAccumulator(config.task, { positiveLabel: config.positiveLabel });
  }

  record(r: LogRecord): void {
    this.builder.add(r);
    if (r.label !== null) this.observe(r);
  }

  view(r: RecordView): void {
    this.builder.addView(r);
    if (r.label !== null) this.observe(r);
  }

  private observe(r: LogRecord | RecordView): void {
    if (addObservation(this.acc, { prediction: r.prediction, score: r.score, label: r.label, probabilities: r.probabilities })) this.labelled++;
  }

  malformed(m: MalformedRow): void {
    this.builder.addMalformed(1);
    this.malformedCount++;
    if (this.malformedSample.length < MALFORMED_SAMPLE_SIZE) this.malformedSample.push(m);
  }

  /** The distinct ids of the profile so far (see ProfileBuilder.idHashes); call before `finish`. */
  idHashes(): Uint32Array | null {
    return this.builder.idHashes();
  }

  /** The profile so far; the profiler starts afresh afterwards. */
  finish(): ProfileWithPerformance {
    const p = this.builder.finish();
    const out = { ...p, performance: this.labelled > 0 ? this.acc : null };
    this.builder = newBuilder(this.config, this.reference, this.limits);
    this.acc = newAccumulator(this.config.task, { positiveLabel: this.config.positiveLabel });
    this.labelled = 0;
    return out;
  }
}

/** What profiling against a reference needs of it: declared types and bin edges. */
export type ReferenceShape = Pick<ReferenceProfile, "schema" | "binEdges">;

/** The slim part of a reference that profilers need (cheap to send to a worker). */
export function referenceShape(ref: ReferenceProfile): ReferenceShape {
  const schema: ReferenceProfile["schema"] = Object.create(null);
  for (const [k, v] of Object.entries(ref.schema)) schema[k] = { ...v, categories: undefined };
  return { schema, binEdges: ref.binEdges };
}

/** Smaller exactness limits for profiles that only estimate a statistic (reference calibration windows). */
export type BuilderLimits = Pick<ProfileBuilderOptions, "exactDistinctCap" | "compression" | "idDistinctCap">;

function newBuilder(config: MonitorConfig, reference?: ReferenceShape, limits?: BuilderLimits): ProfileBuilder {
  const declared = { ...(reference ? Object.fromEntries(Object.entries(reference.schema).map(([k, s]) => [k, s.type])) : {}), ...config.features };
  const edges = reference?.binEdges ?? {};
  return new ProfileBuilder({
    ...limits,
    declaredTypes: declared,
    binEdges: edges,
    fieldBinEdges: { ...(edges[PREDICTION_KEY] ? { prediction: edges[PREDICTION_KEY] } : {}), ...(edges[SCORE_KEY] ? { score: edges[SCORE_KEY] } : {}) },
  });
}

/**
 * Merges profiles with their accumulators.
 *
 * @example
 * mergeWithPerformance(a, b).rows === a.rows + b.rows; // true
 */
export function mergeWithPerformance(a: ProfileWithPerformance, b: ProfileWithPerformance): ProfileWithPerformance {
  const performance = a.performance && b.performance ? mergeAccumulators(a.performance, b.performance) : (a.performance ?? b.performance);
  return { ...mergeProfiles(a, b), performance };
}

/**
 * Merges profiles with their accumulators one at a time, in one pass (see `ProfileMerger`):
 * the evaluator folds a window's partials in as they are read. Accumulators merge as the same
 * balanced tree of pairwise merges as before.
 *
 * @example
 * const m = new WindowMerger(); m.add(a); m.add(b); m.result().rows === a.rows + b.rows; // true
 */
export class WindowMerger {
  private readonly profiles = new ProfileMerger();
  private readonly performance = new PairwiseTree<MetricsAccumulator>(mergeAccumulators);

  /** Profiles added so far. */
  get count(): number {
    return this.profiles.count;
  }

  /** Adds one profile (not modified; its arrays are not kept beyond a column seen once). */
  add(p: ProfileWithPerformance): void {
    this.profiles.add(p);
    this.performance.push(p.performance);
  }

  /** @throws ProfileArgumentError when nothing was added. */
  result(): ProfileWithPerformance {
    return { ...this.profiles.result(), performance: this.performance.result() };
  }
}

/**
 * Merges many profiles with a `WindowMerger`: exact parts as a balanced tree of pairwise merges
 * would, each value summed once (1,000 partials × 50 features: see bench/evaluate.ts).
 *
 * @example
 * mergeAll([a, b, c]).rows === a.rows + b.rows + c.rows; // true
 */
export function mergeAll(profiles: readonly ProfileWithPerformance[]): ProfileWithPerformance {
  if (profiles.length === 0) throw new Error("mergeAll requires at least one profile");
  const m = new WindowMerger();
  for (const p of profiles) m.add(p);
  return m.result();
}

/** Rows of the first chunk of a chunked profile; chunks double in size as the data grows. */
const FIRST_CHUNK_ROWS = 500;
const MAX_CHUNKS = 64;

/**
 * Profiles a stream into consecutive chunks without knowing its length: chunks start at 500 rows,
 * and when there are 64 of them neighbours are merged in pairs and the chunk size doubles. At the
 * end `groups(n)` merges them into n consecutive groups of near-equal rows (the reference chunks).
 *
 * @example
 * const c = new ChunkedProfiler(config); c.record(r); c.groups(10).length; // ≤ 10
 */
export class ChunkedProfiler implements RecordSink {
  private readonly profiler: RecordProfiler;
  private readonly chunks: ProfileWithPerformance[] = [];
  private chunkRows = FIRST_CHUNK_ROWS;
  private inChunk = 0;
  private pendingMalformed = 0;

  constructor(config: MonitorConfig) {
    this.profiler = new RecordProfiler(config);
  }

  get malformedSample(): MalformedRow[] {
    return this.profiler.malformedSample;
  }

  record(r: LogRecord): void {
    this.profiler.record(r);
    if (++this.inChunk >= this.chunkRows) this.cut();
  }

  view(r: RecordView): void {
    this.profiler.view(r);
    if (++this.inChunk >= this.chunkRows) this.cut();
  }

  malformed(m: MalformedRow): void {
    this.profiler.malformed(m);
    this.pendingMalformed++;
  }

  /** Malformed rows seen in all. */
  get malformedCount(): number {
    return this.profiler.malformedCount;
  }

  private cut(): void {
    this.chunks.push(this.profiler.finish());
    this.inChunk = 0;
    this.pendingMalformed = 0;
    if (this.chunks.length >= MAX_CHUNKS) {
      const paired: ProfileWithPerformance[] = [];
      for (let i = 0; i < this.chunks.length; i += 2) {
        paired.push(i + 1 < this.chunks.length ? mergeWithPerformance(this.chunks[i], this.chunks[i + 1]) : this.chunks[i]);
      }
      this.chunks.splice(0, this.chunks.length, ...paired);
      this.chunkRows *= 2;
    }
  }

  /** Consecutive groups of near-equal row counts (fewer when there are fewer chunks). */
  groups(n: number): ProfileWithPerformance[] {
    if (this.inChunk > 0 || this.pendingMalformed > 0 || this.chunks.length === 0) this.cut();
    const total = this.chunks.reduce((a, c) => a + c.rows, 0);
    const out: ProfileWithPerformance[] = [];
    let acc: ProfileWithPerformance | null = null;
    let seen = 0;
    for (const c of this.chunks) {
      acc = acc ? mergeWithPerformance(acc, c) : c;
      seen += c.rows;
      if (seen >= ((out.length + 1) * total) / n && out.length < n - 1) {
        out.push(acc);
        acc = null;
      }
    }
    if (acc) out.push(acc);
    return out;
  }
}
