import { Duration, Stack } from "aws-cdk-lib";
import {
  AlarmStatusWidget,
  Dashboard,
  GraphWidget,
  MathExpression,
  Metric,
  Stats,
  TextWidget,
  type IAlarm,
  type IMetric,
} from "aws-cdk-lib/aws-cloudwatch";
import { Construct } from "constructs";
import { parseDurationMs } from "../../shared/config/duration.ts";
import type { MonitorConfig } from "../../shared/config/schema.ts";
import { DIMENSION, METRIC } from "../../shared/names.ts";
import { windowPeriod } from "../periods.ts";

export interface ModelDashboardProps {
  readonly config: MonitorConfig;
  readonly namespace: string;
  /** Alarms shown in the status widget: the model's own and the pipeline's. */
  readonly alarms: readonly IAlarm[];
  /** How often the evaluator runs (the period of the freshness graph). */
  readonly evaluateEvery: Duration;
  /** The freshness alarm's threshold, drawn on its graph, in minutes. */
  readonly staleAfterMinutes: number;
}

/** Windows shown by default, within CloudWatch's limits. */
const WINDOWS_SHOWN = 30;

/**
 * A CloudWatch dashboard for one model (DESIGN §6): volume, malformed and late rows, freshness,
 * drift per feature, drifted share, data quality shares (worst feature per check), latency,
 * performance beside label coverage, and alarm states. Per-feature graphs use SEARCH, so features
 * taken from the reference profile (not listed in the monitor) appear without a redeploy.
 */
export class ModelDashboard extends Construct {
  readonly dashboard: Dashboard;

  constructor(scope: Construct, id: string, props: ModelDashboardProps) {
    super(scope, id);
    const { config, namespace } = props;
    const model = config.model;
    const windowMs = parseDurationMs(config.window);
    const period = windowPeriod(windowMs);
    const metric = (name: string, statistic: string = Stats.AVERAGE, label?: string) =>
      new Metric({ namespace, metricName: name, dimensionsMap: { [DIMENSION.Model]: model }, statistic, period, label: label ?? name });
    // One series per feature, found by SEARCH; `MAX(…)` folds them into the worst feature.
    const search = (name: string, statistic: string) =>
      `SEARCH('{"${namespace}",${DIMENSION.Feature},${DIMENSION.Model}} MetricName="${name}" ${DIMENSION.Model}="${model}"', '${statistic}', ${period.toSeconds()})`;
    const perFeature = (name: string, statistic: string = "Maximum") =>
      new MathExpression({ expression: search(name, statistic), usingMetrics: {}, label: "", period });
    const worstFeature = (name: string) =>
      new MathExpression({ expression: `MAX(${search(name, "Maximum")})`, usingMetrics: {}, label: `${name} (worst feature)`, period });
    const graph = (title: string, left: IMetric[], extra: Partial<ConstructorParameters<typeof GraphWidget>[0]> = {}) =>
      new GraphWidget({ title, left, width: 8, height: 6, ...extra });

    const regression = config.task === "regression";
    const performance = regression
      ? [metric(METRIC.RMSE), metric(METRIC.MAE), metric(METRIC.R2)]
      : [metric(METRIC.Accuracy), metric(METRIC.F1), metric(METRIC.RocAuc), metric(METRIC.Precision), metric(METRIC.Recall)];

    this.dashboard = new Dashboard(this, "Dashboard", {
      dashboardName: dashboardName(Stack.of(this).stackName, model),
      defaultInterval: Duration.millis(Math.min(Math.max(windowMs * WINDOWS_SHOWN, 6 * 3_600_000), 90 * 86_400_000)),
      widgets: [
        [
          new TextWidget({
            markdown: `# ${model}\n${config.task}, ${config.window} windows (lateness ${config.lateness}), namespace \`${namespace}\`. Metrics are stamped at the window start.`,
            width: 24,
            height: 2,
          }),
        ],
        [
          graph("Volume", [metric(METRIC.RowCount, Stats.SUM, "Rows")], { right: [metric(METRIC.LateRows, Stats.SUM, "Late rows"), metric(METRIC.DuplicateIds, Stats.SUM, "Duplicate ids")] }),
          graph("Malformed rows", [metric(METRIC.MalformedRows, Stats.SUM, "Malformed rows")]),
          new GraphWidget({
            title: "Freshness (minutes since the newest record)",
            left: [new Metric({ namespace, metricName: METRIC.MinutesSinceLastData, dimensionsMap: { [DIMENSION.Model]: model }, statistic: Stats.MAXIMUM, period: props.evaluateEvery })],
            leftAnnotations: [{ value: props.staleAfterMinutes, label: "stale" }],
            width: 8,
            height: 6,
          }),
        ],
        [
          graph("Drift score per feature", [perFeature(METRIC.DriftScore)], { width: 12 }),
          graph("Drifted feature share", [metric(METRIC.DriftedFeatureShare, Stats.MAXIMUM, "Drifted share")], {
            right: [metric(METRIC.DatasetDrift, Stats.MAXIMUM, "Dataset drift"), metric(METRIC.PredictionDrift, Stats.MAXIMUM, "Prediction drift")],
            leftAnnotations: [{ value: config.drift.datasetShare, label: "datasetShare" }],
            width: 12,
          }),
        ],
        [
          graph(
            "Data quality shares (worst feature)",
            [METRIC.MissingShare, METRIC.TypeMismatchShare, METRIC.OutOfRangeShare, METRIC.NewCategoryShare, METRIC.OutlierShare].map((name) =>
              // With metrics.perFeature drift/none the evaluator publishes the worst feature's share itself.
              config.metrics.perFeature === "all" ? worstFeature(name) : metric(name, Stats.MAXIMUM, `${name} (worst feature)`),
            ),
            { width: 12 },
          ),
          graph("Latency (ms)", [metric(METRIC.LatencyP50), metric(METRIC.LatencyP95), metric(METRIC.LatencyP99)], { width: 12 }),
        ],
        [
          graph("Performance (published once label coverage is reached)", performance, {
            right: [metric(METRIC.LabelCoverage, Stats.AVERAGE, "Label coverage")],
            rightYAxis: { min: 0, max: 1 },
            width: 16,
          }),
          new AlarmStatusWidget({ title: "Alarms", alarms: [...props.alarms], width: 8, height: 6 }),
        ],
      ],
    });
  }
}

/**
 * A dashboard name for a model: CloudWatch allows letters, digits, `-` and `_` only.
 *
 * @example
 * dashboardName("Vigil", "bank.v2"); // "Vigil-bank-v2"
 */
export function dashboardName(stackName: string, model: string): string {
  return `${stackName}-${model}`.replace(/[^A-Za-z0-9_-]/g, "-").slice(0, 255);
}
