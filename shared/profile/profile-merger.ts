import { CategoryMerger } from "./category-merger.ts";
import { ColumnMerger } from "./column-merger.ts";
import { MAX_FEATURES, PROFILE_FORMAT_VERSION } from "./constants.ts";
import { ProfileArgumentError } from "./errors.ts";
import type { MergeLimits } from "./merge-columns.ts";
import { keepFeatures, mergeLimits, type MergeOptions } from "./merge-profiles.ts";
import type { ColumnSummary, Profile } from "./types.ts";

type FieldColumn = "prediction" | "score" | "label" | "latency";
const FIELD_COLUMNS: readonly FieldColumn[] = ["prediction", "score", "label", "latency"];

/**
 * Merges any number of profiles in one pass, one profile at a time (the evaluator's reduce of a
 * window's partials): each column's values are summed once into typed tables, instead of being
 * copied O(log n) times through a tree of `mergeProfiles`. What `mergeProfiles` keeps exact
 * stays exact and equal to a balanced tree of pairwise merges in the same order: counts, min/max,
 * histograms, exact distributions, categories under the cap, and mean and M2 to the bit (the
 * same tree of Chan merges). Beyond the caps, distributions become one t-digest fed like the
 * ingest builder (more accurate than a tree of digest merges) and categories keep the most
 * frequent of their exact sums. Features beyond `maxFeatures` are cut once, at the end. Inputs
 * are not modified; the result may share their edges arrays and a column seen once.
 *
 * @throws ProfileMergeError when a column's histogram edges or declared types differ.
 * @example
 * const m = new ProfileMerger();
 * for (const p of partials) m.add(p);
 * m.result().rows; // the sum of the partials' rows
 */
export class ProfileMerger {
  private readonly limits: MergeLimits;
  private readonly maxFeatures: number;
  private profiles = 0;
  private rows = 0;
  private malformedRows = 0;
  private tsMin: number | null = null;
  private tsMax: number | null = null;
  private tsMissing = 0;
  private readonly ids = { count: 0, distinct: 0, duplicates: 0, approximate: false };
  private readonly versions: CategoryMerger;
  private readonly features = new Map<string, ColumnMerger>();
  private readonly fields: Record<FieldColumn, ColumnMerger | null> = { prediction: null, score: null, label: null, latency: null };
  private droppedFeatures = 0;

  constructor(options: MergeOptions = {}) {
    this.limits = mergeLimits(options);
    this.maxFeatures = options.maxFeatures ?? MAX_FEATURES;
    this.versions = new CategoryMerger(this.limits.categoryCap);
  }

  /** Profiles added so far. */
  get count(): number {
    return this.profiles;
  }

  /** Adds one profile. */
  add(p: Profile): void {
    const ordinal = this.profiles++;
    this.rows += p.rows;
    this.malformedRows += p.malformedRows;
    if (p.timestamps.min !== null) this.tsMin = this.tsMin === null ? p.timestamps.min : Math.min(this.tsMin, p.timestamps.min);
    if (p.timestamps.max !== null) this.tsMax = this.tsMax === null ? p.timestamps.max : Math.max(this.tsMax, p.timestamps.max);
    this.tsMissing += p.timestamps.missing;
    this.ids.count += p.ids.count;
    this.ids.distinct += p.ids.distinct;
    this.ids.duplicates += p.ids.duplicates;
    this.ids.approximate ||= p.ids.approximate;
    this.versions.add(p.versions);
    for (const name of Object.keys(p.features)) this.column(this.features, name).add(p.features[name], ordinal);
    for (const f of FIELD_COLUMNS) {
      const c = p[f];
      if (c !== null) (this.fields[f] ??= new ColumnMerger(f, this.limits)).add(c, ordinal);
    }
    this.droppedFeatures += p.droppedFeatures;
  }

  /**
   * The profile of everything added.
   *
   * @throws ProfileArgumentError when nothing was added.
   */
  result(): Profile {
    if (this.profiles === 0) throw new ProfileArgumentError("ProfileMerger requires at least one profile");
    const columns = new Map<string, ColumnSummary>();
    for (const [name, m] of this.features) columns.set(name, m.result());
    const { features, dropped } = keepFeatures(columns, this.maxFeatures);
    const field = (f: FieldColumn) => this.fields[f]?.result() ?? null;
    return {
      formatVersion: PROFILE_FORMAT_VERSION,
      rows: this.rows,
      malformedRows: this.malformedRows,
      timestamps: { min: this.tsMin, max: this.tsMax, missing: this.tsMissing },
      ids: { ...this.ids },
      versions: this.versions.result(),
      features,
      prediction: field("prediction"),
      score: field("score"),
      label: field("label"),
      latency: field("latency"),
      droppedFeatures: this.droppedFeatures + dropped,
    };
  }

  private column(map: Map<string, ColumnMerger>, name: string): ColumnMerger {
    let m = map.get(name);
    if (m === undefined) map.set(name, (m = new ColumnMerger(name, this.limits)));
    return m;
  }
}
