/**
 * The dashboard page: a data contract (`DashboardData`), a builder from a check report for
 * `vigil check --html`, and the renderer of one self-contained HTML file.
 *
 * @example
 * import { dashboardFromReport, renderDashboard } from "./dashboard/index.ts";
 * writeFileSync(htmlPath, renderDashboard(dashboardFromReport(report, distributions)));
 */
export { dashboardFromReport, type FromReportOptions } from "./from-report.ts";
export { renderDashboard } from "./render.ts";
export type {
  AlertState,
  DashboardAlert,
  DashboardData,
  DashboardQuality,
  DashboardWindow,
  FeatureDistribution,
  FeatureDrift,
  WindowPerformance,
} from "./types.ts";
