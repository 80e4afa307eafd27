import { FEATURE_TYPES, type FeatureType } from "../types.ts";
import { PROFILE_FORMAT_VERSION } from "./constants.ts";
import { ProfileFormatError } from "./errors.ts";
import type {
  CategoricalSummary, ColumnSummary, Distribution, Histogram, IdSummary, NumericSummary, Profile,
} from "./types.ts";

type Obj = Record<string, unknown>;

/**
 * Checks that parsed JSON has the shape of a profile and rebuilds it field by field (unknown keys
 * are errors; feature maps become null-prototype objects). Exported so that a file embedding a
 * profile (a reference with its schema) can validate the embedded object.
 *
 * @throws ProfileFormatError "<source>: <field>: expected <what>, got <value>".
 * @example
 * validateProfile(JSON.parse(text).profile, "reference/bank/profile.json");
 */
export function validateProfile(json: unknown, source: string): Profile {
  const v = new Validator(source);
  const o = v.obj(json, "profile", [
    "formatVersion", "rows", "malformedRows", "timestamps", "ids", "versions", "features",
    "prediction", "score", "label", "latency", "droppedFeatures",
  ]);
  if (o.formatVersion !== PROFILE_FORMAT_VERSION) {
    v.fail("formatVersion", `profile format version ${JSON.stringify(o.formatVersion)} is not supported (expected ${PROFILE_FORMAT_VERSION})`);
  }
  const ts = v.obj(o.timestamps, "timestamps", ["min", "max", "missing"]);
  const featuresIn = v.obj(o.features, "features", null);
  const features = Object.create(null) as Record<string, ColumnSummary>;
  for (const name of Object.keys(featuresIn)) features[name] = v.column(featuresIn[name], `features.${name}`);
  const nullableColumn = (x: unknown, path: string): ColumnSummary | null => (x === null ? null : v.column(x, path));
  return {
    formatVersion: PROFILE_FORMAT_VERSION,
    rows: v.count(o.rows, "rows"),
    malformedRows: v.count(o.malformedRows, "malformedRows"),
    timestamps: { min: v.numOrNull(ts.min, "timestamps.min"), max: v.numOrNull(ts.max, "timestamps.max"), missing: v.count(ts.missing, "timestamps.missing") },
    ids: v.ids(o.ids),
    versions: v.categorical(o.versions, "versions"),
    features,
    prediction: nullableColumn(o.prediction, "prediction"),
    score: nullableColumn(o.score, "score"),
    label: nullableColumn(o.label, "label"),
    latency: nullableColumn(o.latency, "latency"),
    droppedFeatures: v.count(o.droppedFeatures, "droppedFeatures"),
  };
}

class Validator {
  constructor(private readonly source: string) {}

  fail(field: string, problem: string): never {
    throw new ProfileFormatError(this.source, field, problem);
  }

  expected(field: string, what: string, got: unknown): never {
    const shown = got === undefined ? "nothing" : JSON.stringify(got)?.slice(0, 60) ?? String(got);
    return this.fail(field, `${field}: expected ${what}, got ${shown}`);
  }

  obj(x: unknown, field: string, keys: string[] | null): Obj {
    if (typeof x !== "object" || x === null || Array.isArray(x)) this.expected(field, "an object", x);
    const o = x as Obj;
    if (keys !== null) {
      for (const k of Object.keys(o)) if (!keys.includes(k)) this.fail(`${field}.${k}`, `${field}: unexpected key "${k}"`);
      for (const k of keys) if (!Object.hasOwn(o, k)) this.fail(`${field}.${k}`, `${field}.${k}: expected a value, got nothing`);
    }
    return o;
  }

  count(x: unknown, field: string): number {
    if (typeof x !== "number" || !Number.isSafeInteger(x) || x < 0) this.expected(field, "a non-negative integer", x);
    return x as number;
  }

  num(x: unknown, field: string): number {
    if (typeof x !== "number" || !Number.isFinite(x)) this.expected(field, "a finite number", x);
    return x as number;
  }

  numOrNull(x: unknown, field: string): number | null {
    return x === null ? null : this.num(x, field);
  }

  numbers(x: unknown, field: string, check: (n: number) => boolean, what: string): number[] {
    if (!Array.isArray(x)) this.expected(field, `an array of ${what}`, x);
    const a = x as unknown[];
    for (let i = 0; i < a.length; i++) if (typeof a[i] !== "number" || !check(a[i] as number)) this.expected(`${field}[${i}]`, what, a[i]);
    return a as number[];
  }

  ids(x: unknown): IdSummary {
    const o = this.obj(x, "ids", ["count", "distinct", "duplicates", "approximate"]);
    if (typeof o.approximate !== "boolean") this.expected("ids.approximate", "a boolean", o.approximate);
    return {
      count: this.count(o.count, "ids.count"),
      distinct: this.count(o.distinct, "ids.distinct"),
      duplicates: this.count(o.duplicates, "ids.duplicates"),
      approximate: o.approximate as boolean,
    };
  }

  categorical(x: unknown, field: string): CategoricalSummary {
    const o = this.obj(x, field, ["values", "counts", "other"]);
    if (!Array.isArray(o.values) || o.values.some((s) => typeof s !== "string")) this.expected(`${field}.values`, "an array of strings", o.values);
    const counts = this.numbers(o.counts, `${field}.counts`, isCount, "non-negative integers");
    const values = o.values as string[];
    if (counts.length !== values.length) this.expected(`${field}.counts`, `${values.length} counts (one per value)`, counts.length);
    return { values, counts, other: this.count(o.other, `${field}.other`) };
  }

  column(x: unknown, field: string): ColumnSummary {
    const o = this.obj(x, field, ["declaredType", "present", "nulls", "numeric", "categorical", "histogram"]);
    if (o.declaredType !== null && !FEATURE_TYPES.includes(o.declaredType as FeatureType)) {
      this.expected(`${field}.declaredType`, `null or one of ${FEATURE_TYPES.join(", ")}`, o.declaredType);
    }
    const present = this.count(o.present, `${field}.present`);
    const nulls = this.count(o.nulls, `${field}.nulls`);
    if (nulls > present) this.expected(`${field}.nulls`, `at most present (${present})`, nulls);
    return {
      declaredType: o.declaredType as FeatureType | null,
      present,
      nulls,
      numeric: o.numeric === null ? null : this.numeric(o.numeric, `${field}.numeric`),
      categorical: o.categorical === null ? null : this.categorical(o.categorical, `${field}.categorical`),
      histogram: o.histogram === null ? null : this.histogram(o.histogram, `${field}.histogram`),
    };
  }

  histogram(x: unknown, field: string): Histogram {
    const o = this.obj(x, field, ["edges", "counts"]);
    const edges = this.numbers(o.edges, `${field}.edges`, Number.isFinite, "finite numbers");
    if (!increasing(edges, true)) this.expected(`${field}.edges`, "strictly increasing edges", edges);
    const counts = this.numbers(o.counts, `${field}.counts`, isCount, "non-negative integers");
    if (counts.length !== edges.length + 1) this.expected(`${field}.counts`, `${edges.length + 1} counts (edges + 1)`, counts.length);
    return { edges, counts };
  }

  numeric(x: unknown, field: string): NumericSummary {
    const o = this.obj(x, field, ["count", "nan", "posInf", "negInf", "negatives", "min", "max", "mean", "m2", "distribution"]);
    const count = this.count(o.count, `${field}.count`);
    const n: NumericSummary = {
      count,
      nan: this.count(o.nan, `${field}.nan`),
      posInf: this.count(o.posInf, `${field}.posInf`),
      negInf: this.count(o.negInf, `${field}.negInf`),
      negatives: this.count(o.negatives, `${field}.negatives`),
      min: count === 0 ? this.nullOnly(o.min, `${field}.min`) : this.num(o.min, `${field}.min`),
      max: count === 0 ? this.nullOnly(o.max, `${field}.max`) : this.num(o.max, `${field}.max`),
      mean: this.num(o.mean, `${field}.mean`),
      m2: this.num(o.m2, `${field}.m2`),
      distribution: this.distribution(o.distribution, `${field}.distribution`),
    };
    const d = n.distribution;
    let total = 0;
    for (const w of d.kind === "exact" ? d.counts : d.weights) total += w;
    if (total !== count) this.expected(`${field}.distribution`, `total weight ${count} (the finite count)`, total);
    return n;
  }

  nullOnly(x: unknown, field: string): null {
    if (x !== null) this.expected(field, "null (no finite values)", x);
    return null;
  }

  distribution(x: unknown, field: string): Distribution {
    const kind = (x as Obj | null)?.kind;
    if (kind === "exact") {
      const o = this.obj(x, field, ["kind", "values", "counts"]);
      const values = this.numbers(o.values, `${field}.values`, Number.isFinite, "finite numbers");
      if (!increasing(values, true)) this.expected(`${field}.values`, "strictly increasing values", "unsorted values");
      const counts = this.numbers(o.counts, `${field}.counts`, (c) => isCount(c) && c > 0, "positive integers");
      if (counts.length !== values.length) this.expected(`${field}.counts`, `${values.length} counts (one per value)`, counts.length);
      return { kind, values, counts };
    }
    if (kind === "tdigest") {
      const o = this.obj(x, field, ["kind", "compression", "min", "max", "means", "weights", "points"]);
      const means = this.numbers(o.means, `${field}.means`, Number.isFinite, "finite numbers");
      if (!increasing(means, false)) this.expected(`${field}.means`, "non-decreasing centroid means", "unsorted means");
      const weights = this.numbers(o.weights, `${field}.weights`, (w) => Number.isFinite(w) && w > 0, "positive numbers");
      if (weights.length !== means.length) this.expected(`${field}.weights`, `${means.length} weights (one per mean)`, weights.length);
      const points = this.numbers(o.points, `${field}.points`, (i) => Number.isInteger(i) && i >= 0 && i < means.length, "centroid indices");
      const compression = this.num(o.compression, `${field}.compression`);
      if (compression < 20) this.expected(`${field}.compression`, "a compression of at least 20", compression);
      return { kind, compression, min: this.num(o.min, `${field}.min`), max: this.num(o.max, `${field}.max`), means, weights, points };
    }
    return this.expected(`${field}.kind`, '"exact" or "tdigest"', kind);
  }
}

function isCount(c: number): boolean {
  return Number.isSafeInteger(c) && c >= 0;
}

function increasing(a: number[], strictly: boolean): boolean {
  for (let i = 1; i < a.length; i++) if (strictly ? a[i] <= a[i - 1] : a[i] < a[i - 1]) return false;
  return true;
}
