import { FEATURE_TYPES, type FeatureType } from "../types.ts";
import { PROFILE_FORMAT_VERSION } from "./constants.ts";
import { ProfileFormatError } from "./errors.ts";
import { decodeFloat64 } from "./float64-base64.ts";
import type {
  CategoricalSummary, ColumnSummary, Distribution, Histogram, IdSummary, NumericSummary, Profile,
} from "./types.ts";

type Obj = Record<string, unknown>;

/** How the profile was encoded. */
export interface ValidateOptions {
  /** Arrays of doubles as base64 binary64 and all-one exact counts as null (see packed.ts). @default false */
  readonly packed?: boolean;
}

/**
 * Checks that parsed JSON has the shape of a profile and rebuilds it field by field (unknown keys
 * are errors; feature maps become null-prototype objects). Exported so that a file embedding a
 * profile (a reference with its schema) can validate the embedded object.
 *
 * With `packed`, reads the packed encoding of packed.ts instead of plain JSON arrays.
 *
 * @throws ProfileFormatError "<source>: <field>: expected <what>, got <value>".
 * @example
 * validateProfile(JSON.parse(text).profile, "reference/bank/profile.json");
 */
export function validateProfile(json: unknown, source: string, options: ValidateOptions = {}): Profile {
  const v = new Validator(source, options.packed ?? false);
  const o = v.obj(json, "profile", PROFILE_KEYS);
  if (o.formatVersion !== PROFILE_FORMAT_VERSION) {
    v.fail("formatVersion", `profile format version ${JSON.stringify(o.formatVersion)} is not supported (expected ${PROFILE_FORMAT_VERSION})`);
  }
  const ts = v.obj(o.timestamps, "timestamps", ["min", "max", "missing"]);
  const featuresIn = v.obj(o.features, "features", null);
  const features = Object.create(null) as Record<string, ColumnSummary>;
  for (const name of Object.keys(featuresIn)) features[name] = v.column(featuresIn[name], `features.${name}`);
  const nullableColumn = (key: string): ColumnSummary | null => (o[key] === null ? null : v.column(o[key], key));
  return {
    formatVersion: PROFILE_FORMAT_VERSION,
    rows: v.count(o, "rows", ""),
    malformedRows: v.count(o, "malformedRows", ""),
    timestamps: { min: v.numOrNull(ts, "min", "timestamps"), max: v.numOrNull(ts, "max", "timestamps"), missing: v.count(ts, "missing", "timestamps") },
    ids: v.ids(o.ids),
    versions: v.categorical(o.versions, "versions"),
    features,
    prediction: nullableColumn("prediction"),
    score: nullableColumn("score"),
    label: nullableColumn("label"),
    latency: nullableColumn("latency"),
    droppedFeatures: v.count(o, "droppedFeatures", ""),
  };
}

const PROFILE_KEYS = [
  "formatVersion", "rows", "malformedRows", "timestamps", "ids", "versions", "features",
  "prediction", "score", "label", "latency", "droppedFeatures",
];
const COLUMN_KEYS = ["declaredType", "present", "nulls", "numeric", "categorical", "histogram"];
const NUMERIC_KEYS = ["count", "nan", "posInf", "negInf", "negatives", "min", "max", "mean", "m2", "distribution"];
const EXACT_KEYS = ["kind", "values", "counts"];
const TDIGEST_KEYS = ["kind", "compression", "min", "max", "means", "weights", "points"];

/** `field.key`, or `key` at the top level. Built only for error messages. */
function at(field: string, key: string): string {
  return field === "" ? key : `${field}.${key}`;
}

// Checks take the object, the key and the path of the object, and build the key's path only to
// report an error: a profile has tens of thousands of fields, and most of them are valid.
class Validator {
  constructor(private readonly source: string, private readonly packed: boolean) {}

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
      let own = 0;
      for (const k of keys) {
        if (!Object.hasOwn(o, k)) this.fail(`${field}.${k}`, `${field}.${k}: expected a value, got nothing`);
        own++;
      }
      // Every expected key is present, so any further key is an unexpected one.
      if (Object.keys(o).length !== own) {
        for (const k of Object.keys(o)) if (!keys.includes(k)) this.fail(`${field}.${k}`, `${field}: unexpected key "${k}"`);
      }
    }
    return o;
  }

  count(o: Obj, key: string, field: string): number {
    const x = o[key];
    if (typeof x !== "number" || !Number.isSafeInteger(x) || x < 0) this.expected(at(field, key), "a non-negative integer", x);
    return x as number;
  }

  num(o: Obj, key: string, field: string): number {
    const x = o[key];
    if (typeof x !== "number" || x - x !== 0) this.expected(at(field, key), "a finite number", x);
    return x as number;
  }

  numOrNull(o: Obj, key: string, field: string): number | null {
    return o[key] === null ? null : this.num(o, key, field);
  }

  numbers(o: Obj, key: string, field: string, check: (n: number) => boolean, what: string): number[] {
    const x = o[key];
    if (!Array.isArray(x)) this.expected(at(field, key), `an array of ${what}`, x);
    const a = x as unknown[];
    for (let i = 0; i < a.length; i++) if (typeof a[i] !== "number" || !check(a[i] as number)) this.expected(`${at(field, key)}[${i}]`, what, a[i]);
    return a as number[];
  }

  // The long arrays get loops of their own: a check passed as a closure costs several times the test.

  /** Finite doubles, increasing when `order` says so: a JSON array, or when packed its base64 binary64 text. */
  floats(o: Obj, key: string, field: string, order: "strictly increasing" | "non-decreasing" | null): number[] {
    const x = o[key];
    let a: number[];
    if (this.packed) {
      const decoded = typeof x === "string" ? decodeFloat64(x) : null;
      if (decoded === null) this.expected(at(field, key), "base64 binary64 values", x);
      a = decoded as number[];
    } else {
      if (!Array.isArray(x)) this.expected(at(field, key), "an array of finite numbers", x);
      for (let i = 0; i < x.length; i++) if (typeof x[i] !== "number") this.expected(`${at(field, key)}[${i}]`, "finite numbers", x[i]);
      a = x as number[];
    }
    // One pass: finite (x − x is 0 for finite x only), then the order.
    const strictly = order === "strictly increasing";
    let previous = -Infinity;
    for (let i = 0; i < a.length; i++) {
      const n = a[i];
      if (n - n !== 0) this.expected(`${at(field, key)}[${i}]`, "finite numbers", n);
      if (order !== null && (strictly ? n <= previous : n < previous)) this.expected(at(field, key), `${order} values`, "unsorted values");
      previous = n;
    }
    return a;
  }

  /** Integer counts, ≥ 1 when `positive` (else ≥ 0). */
  counts(o: Obj, key: string, field: string, positive: boolean): number[] {
    const x = o[key];
    const what = positive ? "positive integers" : "non-negative integers";
    if (!Array.isArray(x)) this.expected(at(field, key), `an array of ${what}`, x);
    const a = x as unknown[];
    const least = positive ? 1 : 0;
    for (let i = 0; i < a.length; i++) {
      const n = a[i];
      if (typeof n !== "number" || !(n >= least) || !Number.isSafeInteger(n)) this.expected(`${at(field, key)}[${i}]`, what, n);
    }
    return a as number[];
  }

  ids(x: unknown): IdSummary {
    const o = this.obj(x, "ids", ["count", "distinct", "duplicates", "approximate"]);
    if (typeof o.approximate !== "boolean") this.expected("ids.approximate", "a boolean", o.approximate);
    return {
      count: this.count(o, "count", "ids"),
      distinct: this.count(o, "distinct", "ids"),
      duplicates: this.count(o, "duplicates", "ids"),
      approximate: o.approximate as boolean,
    };
  }

  categorical(x: unknown, field: string): CategoricalSummary {
    const o = this.obj(x, field, ["values", "counts", "other"]);
    const values = o.values;
    if (!Array.isArray(values)) this.expected(`${field}.values`, "an array of strings", values);
    for (const s of values as unknown[]) if (typeof s !== "string") this.expected(`${field}.values`, "an array of strings", values);
    const counts = this.counts(o, "counts", field, false);
    if (counts.length !== (values as string[]).length) this.expected(`${field}.counts`, `${(values as string[]).length} counts (one per value)`, counts.length);
    return { values: values as string[], counts, other: this.count(o, "other", field) };
  }

  column(x: unknown, field: string): ColumnSummary {
    const o = this.obj(x, field, COLUMN_KEYS);
    if (o.declaredType !== null && !FEATURE_TYPES.includes(o.declaredType as FeatureType)) {
      this.expected(`${field}.declaredType`, `null or one of ${FEATURE_TYPES.join(", ")}`, o.declaredType);
    }
    const present = this.count(o, "present", field);
    const nulls = this.count(o, "nulls", field);
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
    const edges = this.floats(o, "edges", field, "strictly increasing");
    const counts = this.counts(o, "counts", field, false);
    if (counts.length !== edges.length + 1) this.expected(`${field}.counts`, `${edges.length + 1} counts (edges + 1)`, counts.length);
    return { edges, counts };
  }

  numeric(x: unknown, field: string): NumericSummary {
    const o = this.obj(x, field, NUMERIC_KEYS);
    const count = this.count(o, "count", field);
    const n: NumericSummary = {
      count,
      nan: this.count(o, "nan", field),
      posInf: this.count(o, "posInf", field),
      negInf: this.count(o, "negInf", field),
      negatives: this.count(o, "negatives", field),
      min: count === 0 ? this.nullOnly(o, "min", field) : this.num(o, "min", field),
      max: count === 0 ? this.nullOnly(o, "max", field) : this.num(o, "max", field),
      mean: this.num(o, "mean", field),
      m2: this.num(o, "m2", field),
      distribution: this.distribution(o.distribution, `${field}.distribution`),
    };
    const d = n.distribution;
    const weights = d.kind === "exact" ? d.counts : d.weights;
    let total = 0;
    for (let i = 0; i < weights.length; i++) total += weights[i];
    if (total !== count) this.expected(`${field}.distribution`, `total weight ${count} (the finite count)`, total);
    return n;
  }

  nullOnly(o: Obj, key: string, field: string): null {
    if (o[key] !== null) this.expected(at(field, key), "null (no finite values)", o[key]);
    return null;
  }

  distribution(x: unknown, field: string): Distribution {
    const kind = (x as Obj | null)?.kind;
    if (kind === "exact") {
      const o = this.obj(x, field, EXACT_KEYS);
      const values = this.floats(o, "values", field, "strictly increasing");
      // Packed: null counts are all 1 (their total, the number of values, is checked against the count).
      const counts = this.packed && o.counts === null ? new Array<number>(values.length).fill(1) : this.counts(o, "counts", field, true);
      if (counts.length !== values.length) this.expected(`${field}.counts`, `${values.length} counts (one per value)`, counts.length);
      return { kind, values, counts };
    }
    if (kind === "tdigest") {
      const o = this.obj(x, field, TDIGEST_KEYS);
      const means = this.floats(o, "means", field, "non-decreasing");
      const weights = this.numbers(o, "weights", field, (w) => Number.isFinite(w) && w > 0, "positive numbers");
      if (weights.length !== means.length) this.expected(`${field}.weights`, `${means.length} weights (one per mean)`, weights.length);
      const points = this.numbers(o, "points", field, (i) => Number.isInteger(i) && i >= 0 && i < means.length, "centroid indices");
      const compression = this.num(o, "compression", field);
      if (compression < 20) this.expected(`${field}.compression`, "a compression of at least 20", compression);
      return { kind, compression, min: this.num(o, "min", field), max: this.num(o, "max", field), means, weights, points };
    }
    return this.expected(`${field}.kind`, '"exact" or "tdigest"', kind);
  }
}
