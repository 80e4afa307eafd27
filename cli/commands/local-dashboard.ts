import type { CheckReport } from "../../shared/check/report.ts";
import type { ObjectStore } from "../../shared/ports.ts";
import type { WindowRecord } from "../../shared/pipeline/evaluate.ts";
import type { DashboardAlert, DashboardData, DashboardWindow } from "../dashboard/types.ts";

/** Performance as the local metric store holds it: window start → metric name → value. */
export type PerformanceByWindow = Map<number, Record<string, number>>;

/**
 * Assembles the dashboard's data for one model from what the pipeline left in the bucket: the
 * evaluated windows' records (report, metrics, distributions), the published performance, and
 * the alerts that were sent.
 */
export async function dashboardData(objects: ObjectStore, model: string, performance: PerformanceByWindow, alerts: DashboardAlert[], nowMs: number): Promise<DashboardData> {
  const prefix = `state/${model}/metrics/`;
  const windows: DashboardWindow[] = [];
  const distributions: DashboardData["distributions"] = {};
  for await (const o of objects.list(prefix)) {
    const w = Number(o.key.slice(prefix.length).replace(/\.json$/, ""));
    const text = await objects.getText(o.key);
    if (!Number.isFinite(w) || text === null) continue;
    const rec = JSON.parse(text) as WindowRecord;
    const r = rec.report as CheckReport | null;
    if (!r) continue;
    const start = new Date(w).toISOString();
    const perf = performance.get(w);
    windows.push({
      start,
      rows: r.current.rows,
      malformedRows: r.current.malformedRows,
      lateRows: Math.max(0, rec.rows - r.current.rows),
      minutesSinceLastData: r.current.end ? Math.max(0, (w + 86_400_000 - Date.parse(r.current.end)) / 60_000) : null,
      driftedShare: r.dataset.driftedShare,
      datasetDrift: r.dataset.drifted,
      drift: Object.fromEntries(Object.entries(r.features).filter(([, f]) => f.drift).map(([k, f]) => [k, { ...f.drift!, statistic: Number.isFinite(f.drift!.statistic) ? f.drift!.statistic : null }])) as DashboardWindow["drift"],
      quality: Object.fromEntries(Object.entries(r.features).map(([k, f]) => [k, { missingShare: f.quality.missingShare, outOfRangeShare: f.quality.outOfRangeShare, newCategoryShare: f.quality.newCategoryShare, outlierShare: f.quality.outlierShare }])),
      performance: perf ? { accuracy: perf.Accuracy ?? null, f1: perf.F1 ?? null, rocAuc: perf.RocAuc ?? null, rmse: perf.RMSE ?? null, labelCoverage: perf.LabelCoverage ?? null } : null,
    });
    if (rec.distributions) distributions[start] = rec.distributions as DashboardData["distributions"][string];
  }
  windows.sort((a, b) => a.start.localeCompare(b.start));
  return { model, generatedAt: new Date(nowMs).toISOString(), windows, alerts, distributions };
}
