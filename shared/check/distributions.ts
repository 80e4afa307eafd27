import type { MonitorConfig } from "../config/schema.ts";
import { CONTINUOUS_MIN_UNIQUE } from "../drift/registry.ts";
import type { Profile } from "../profile/types.ts";
import type { ReferenceProfile } from "../reference/types.ts";
import { categoryBins, numericBins } from "./bins.ts";
import { columnView, missingColumnView } from "./columns.ts";

/** Reference-vs-current shares of one feature over the bins drift uses, for charts. */
export interface FeatureDistribution {
  type: "numerical" | "categorical";
  labels: string[];
  reference: number[];
  current: number[];
}

/** Categories drawn per feature; the rest are summed into "(other)". */
const MAX_DRAWN_CATEGORIES = 20;

/**
 * The distributions of every reference feature in a window: numerical features over the
 * reference's quantile bins, categorical ones over their categories (top 20, then "(other)").
 *
 * @example
 * featureDistributions(reference, windowProfile, config).contact.labels; // ["unknown", "cellular", …]
 */
export function featureDistributions(ref: ReferenceProfile, cur: Profile, config: MonitorConfig): Record<string, FeatureDistribution> {
  const out: Record<string, FeatureDistribution> = Object.create(null);
  for (const name of Object.keys(ref.schema)) {
    const refView = columnView(ref.profile.features[name], ref.profile.rows);
    const curView = Object.hasOwn(cur.features, name) ? columnView(cur.features[name], cur.rows) : missingColumnView(cur.rows);
    const type = config.features?.[name] ?? ref.schema[name].type;
    const edges = ref.binEdges[name];
    const discrete = type === "categorical" || refView.unique <= CONTINUOUS_MIN_UNIQUE || !edges;
    const bins = discrete ? categoryBins(refView.categories(), curView.categories(), refView.otherCount, curView.otherCount) : numericBins(refView, curView, edges);
    let { labels } = bins;
    let r = [...bins.ref];
    let c = [...bins.cur];
    if (labels.length > MAX_DRAWN_CATEGORIES + 1) {
      const order = labels.map((_, i) => i).sort((a, b) => r[b] + c[b] - (r[a] + c[a]));
      const keep = order.slice(0, MAX_DRAWN_CATEGORIES);
      const rest = order.slice(MAX_DRAWN_CATEGORIES);
      labels = [...keep.map((i) => labels[i]), "(other)"];
      r = [...keep.map((i) => r[i]), rest.reduce((a, i) => a + bins.ref[i], 0)];
      c = [...keep.map((i) => c[i]), rest.reduce((a, i) => a + bins.cur[i], 0)];
    }
    const share = (xs: number[]) => {
      const total = xs.reduce((a, b) => a + b, 0);
      return xs.map((x) => (total > 0 ? x / total : 0));
    };
    out[name] = { type, labels, reference: share(r), current: share(c) };
  }
  return out;
}
