import type { DashboardAlert, DashboardData, DashboardWindow, FeatureDistribution, FeatureDrift } from "../../../cli/dashboard/types.ts";

/** Options of `demoDashboard`. */
export interface DemoOptions {
  windows?: number;
  features?: number;
  /** First window whose first three features drift. */
  driftFrom?: number;
  /** Replaces the generated feature names, in order. */
  names?: string[];
  /** Replaces the categories of categorical features. */
  categories?: string[];
}

const BANK = ["age", "balance", "duration", "campaign", "pdays", "job", "marital", "contact"];
const CATEGORIES = ["admin.", "blue-collar", "technician", "services", "management", "retired"];
const DAY_MS = 86_400_000;
const START_MS = Date.UTC(2008, 8, 1);

/** A small seeded generator (mulberry32) so every run draws the same page. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const normalise = (xs: number[]): number[] => {
  const sum = xs.reduce((a, b) => a + b, 0);
  return xs.map((x) => x / sum);
};

/**
 * Realistic dashboard data: daily windows of a bank-marketing model, the first three features
 * drifting from `driftFrom` on (numerical ones shifting right, categorical ones changing mix),
 * accuracy falling with the drift, labels arriving late, a freshness gap at window 12, and
 * alerts that fire, remind every third window and resolve.
 *
 * @example
 * const data = demoDashboard({ windows: 30, features: 8, driftFrom: 20 });
 * data.windows[25].drift.age.drifted; // true
 */
export function demoDashboard(opts: DemoOptions = {}): DashboardData {
  const n = opts.windows ?? 30;
  const driftFrom = opts.driftFrom ?? 20;
  const count = opts.features ?? 8;
  const names = opts.names ?? Array.from({ length: count }, (_, j) => BANK[j] ?? `feature_${j}`);
  const categorical = (j: number): boolean => (j < BANK.length ? j >= 5 : j % 3 === 2);
  const rand = rng(42);
  const windows: DashboardWindow[] = [];
  const distributions: DashboardData["distributions"] = {};
  const alerts: DashboardAlert[] = [];
  const open = new Map<string, { since: number; severity: DashboardAlert["severity"] }>();
  for (let i = 0; i < n; i++) {
    const start = new Date(START_MS + i * DAY_MS).toISOString();
    const shift = i >= driftFrom ? Math.min(1, 0.3 + (i - driftFrom) * 0.1) : 0;
    const drift: Record<string, FeatureDrift> = {};
    const quality: DashboardWindow["quality"] = {};
    const dists: Record<string, FeatureDistribution> = {};
    names.forEach((name, j) => {
      const moved = j < 3 ? shift : 0;
      const cat = categorical(j);
      const pMethod = j % 2 === 0;
      const score = 0.02 + rand() * 0.03 + moved * 0.4;
      const pValue = pMethod ? Math.max(1e-9, Math.exp(-score * 30) * (0.5 + rand())) : null;
      const threshold = pMethod ? 0.05 : 0.1;
      const drifted = pValue === null ? score >= threshold : pValue < threshold;
      drift[name] = { method: cat ? (pMethod ? "chisquare" : "jensenshannon") : pMethod ? "ks" : "wasserstein", statistic: score, pValue, threshold, drifted };
      quality[name] = {
        missingShare: 0.005 + rand() * 0.01,
        outOfRangeShare: cat ? null : moved * 0.08 + rand() * 0.005,
        newCategoryShare: cat ? moved * 0.05 : null,
        outlierShare: cat ? null : 0.002 + rand() * 0.004 + moved * 0.02,
      };
      const labels = cat
        ? (opts.categories ?? CATEGORIES)
        : Array.from({ length: 10 }, (_, b) => (b === 0 ? "< 20" : b === 9 ? "\u2265 60" : `[${15 + b * 5}, ${20 + b * 5})`));
      const reference = normalise(labels.map((_, b) => Math.exp(-((b - labels.length / 2.5) ** 2) / 6)));
      const current = normalise(labels.map((_, b) => Math.exp(-((b - labels.length / 2.5 - moved * 3) ** 2) / 6) * (0.9 + rand() * 0.2)));
      dists[name] = { type: cat ? "categorical" : "numerical", labels, reference, current };
    });
    const drifted = Object.values(drift).filter((d) => d.drifted).length;
    const accuracy = 0.91 - shift * 0.2 + (rand() - 0.5) * 0.01;
    const coverage = Math.min(1, (n - 1 - i) / 4);
    windows.push({
      start,
      rows: Math.round(900 + 120 * Math.sin(i / 2) + rand() * 40) - (i % 7 === 5 ? 250 : 0),
      malformedRows: i === 8 ? 37 : Math.floor(rand() * 4),
      lateRows: Math.floor(rand() * 12),
      minutesSinceLastData: i === 12 ? 410 : Math.round(5 + rand() * 20),
      driftedShare: drifted / names.length,
      datasetDrift: drifted / names.length >= 0.5,
      drift,
      quality,
      performance: coverage === 0 ? null : { accuracy, f1: accuracy - 0.12, rocAuc: accuracy + 0.03, labelCoverage: coverage },
    });
    distributions[start] = dists;
    const firing: Array<[string, DashboardAlert["severity"], string | undefined, string]> = [
      ...names.filter((f) => drift[f].drifted).map((f): [string, "P3", string, string] => ["feature_drift", "P3", f, `${f} drifted: ${drift[f].method} ${drift[f].statistic?.toFixed(3)}`]),
      ...(accuracy < 0.8 ? [["accuracy", "P1", undefined, `accuracy ${accuracy.toFixed(2)} < 0.80`] as [string, "P1", undefined, string]] : []),
      ...(i === 12 ? [["freshness", "P4", undefined, "no data for 410 minutes"] as [string, "P4", undefined, string]] : []),
      ...(drifted / names.length >= 0.3 ? [["drifted_share", "P2", undefined, `${drifted} of ${names.length} features drifted`] as [string, "P2", undefined, string]] : []),
    ];
    const now = new Set(firing.map(([rule, , feature]) => `${rule}|${feature ?? ""}`));
    for (const [rule, severity, feature, message] of firing) {
      const key = `${rule}|${feature ?? ""}`;
      const since = open.get(key)?.since;
      if (since === undefined) open.set(key, { since: i, severity });
      if (since === undefined || (i - since) % 3 === 0) {
        alerts.push({ at: start, severity, rule, ...(feature ? { feature } : {}), message, state: since === undefined ? "fire" : "remind" });
      }
    }
    for (const key of [...open.keys()].filter((k) => !now.has(k))) {
      const [rule, feature] = key.split("|");
      const severity = open.get(key)?.severity ?? "P4";
      open.delete(key);
      alerts.push({ at: start, severity, rule, ...(feature ? { feature } : {}), message: `${rule} resolved`, state: "resolve" });
    }
  }
  return { model: "bank-marketing", generatedAt: new Date(START_MS + n * DAY_MS).toISOString(), windows, alerts, distributions };
}
