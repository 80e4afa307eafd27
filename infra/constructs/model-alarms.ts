import { Duration, Stack } from "aws-cdk-lib";
import {
  Alarm,
  AnomalyDetectionAlarm,
  ComparisonOperator,
  Metric,
  Stats,
  TreatMissingData,
  } from "aws-cdk-lib/aws-cloudwatch";
import { SnsAction } from "aws-cdk-lib/aws-cloudwatch-actions";
import type { ITopic } from "aws-cdk-lib/aws-sns";
import { Construct } from "constructs";
import { parseDurationMs } from "../../shared/config/duration.ts";
import type { MonitorConfig } from "../../shared/config/schema.ts";
import { DIMENSION, METRIC } from "../../shared/names.ts";
import { lookbackPeriods, maxLookbackPeriods, windowPeriod } from "../periods.ts";

/** How a model's quality alarm is set: the metric, its direction and the threshold's origin. */
export interface QualityThreshold {
  readonly metric: typeof METRIC.Accuracy | typeof METRIC.RMSE;
  /** `accuracy < baseline × factor` or `rmse > baseline × factor`. */
  readonly factor: number;
  /** The reference's value, when a reference profile was available at synth time. */
  readonly baseline: number | null;
}

export interface ModelAlarmsProps {
  readonly config: MonitorConfig;
  readonly namespace: string;
  readonly topic: ITopic;
  /** How often the evaluator runs (and publishes MinutesSinceLastData). */
  readonly evaluateEvery: Duration;
  /** The reference's baseline accuracy (classification) or RMSE (regression). @default null: an anomaly band instead */
  readonly baseline?: number | null;
}

/**
 * Native CloudWatch alarms of one model, each notifying the alert topic on ALARM and on OK:
 * - freshness: MinutesSinceLastData above the window plus its lateness, or no datapoint at all
 *   (missing data is breaching: the evaluator stopped reporting, or nothing arrives);
 * - dataset drift: DatasetDrift = 1 in a window seen within the window's publication delay;
 * - quality: Accuracy below (regression: RMSE above) the reference baseline × the factor of the
 *   monitor's `baseline.<metric> * k` rule (default 0.9 / 1.1); without a reference profile at
 *   synth time, outside the anomaly band CloudWatch learns from the metric's own history.
 *
 * Window metrics are stamped at the window start and published after the window closes, so
 * drift and quality alarms look back over several periods and treat missing data as OK.
 */
export class ModelAlarms extends Construct {
  readonly freshness: Alarm;
  readonly drift: Alarm;
  readonly quality: Alarm;
  readonly threshold: QualityThreshold;
  /** Minutes without new data after which the model is stale: its window plus its lateness. */
  readonly staleAfterMinutes: number;

  constructor(scope: Construct, id: string, props: ModelAlarmsProps) {
    super(scope, id);
    const { config } = props;
    const model = config.model;
    const windowMs = parseDurationMs(config.window);
    const latenessMs = parseDurationMs(config.lateness);
    const period = windowPeriod(windowMs);
    const metric = (metricName: string, statistic: string, p: Duration) =>
      new Metric({ namespace: props.namespace, metricName, dimensionsMap: { [DIMENSION.Model]: model }, statistic, period: p });
    const name = (what: string) => `${Stack.of(this).stackName}-${model}-${what}`;

    const staleAfterMinutes = Math.ceil((windowMs + latenessMs) / 60_000);
    this.staleAfterMinutes = staleAfterMinutes;
    this.freshness = new Alarm(this, "Freshness", {
      alarmName: name("freshness"),
      alarmDescription: `${model}: no prediction logs for more than ${staleAfterMinutes} minutes (window ${config.window} + lateness ${config.lateness}), or the evaluator stopped reporting.`,
      metric: metric(METRIC.MinutesSinceLastData, Stats.MAXIMUM, props.evaluateEvery),
      threshold: staleAfterMinutes,
      comparisonOperator: ComparisonOperator.GREATER_THAN_THRESHOLD,
      evaluationPeriods: 2,
      datapointsToAlarm: 2,
      treatMissingData: TreatMissingData.BREACHING,
    });

    const publishDelayMs = windowMs + latenessMs + props.evaluateEvery.toMilliseconds();
    this.drift = new Alarm(this, "DatasetDrift", {
      alarmName: name("dataset-drift"),
      alarmDescription: `${model}: dataset drift (drifted feature share ≥ datasetShare ${config.drift.datasetShare}) in a recent ${config.window} window.`,
      metric: metric(METRIC.DatasetDrift, Stats.MAXIMUM, period),
      threshold: 1,
      comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      evaluationPeriods: lookbackPeriods(period, publishDelayMs),
      datapointsToAlarm: 1,
      treatMissingData: TreatMissingData.NOT_BREACHING,
    });

    this.threshold = qualityThreshold(config, props.baseline ?? null);
    const { metric: qualityMetric, factor, baseline } = this.threshold;
    const higherIsWorse = qualityMetric === METRIC.RMSE;
    // Labels arrive late: look back as far as CloudWatch allows for this period.
    const qualityPeriods = maxLookbackPeriods(period);
    const common = {
      alarmName: name(qualityMetric.toLowerCase()),
      metric: metric(qualityMetric, Stats.AVERAGE, period),
      evaluationPeriods: qualityPeriods,
      datapointsToAlarm: 1,
      treatMissingData: TreatMissingData.NOT_BREACHING,
    };
    this.quality =
      baseline !== null
        ? new Alarm(this, "Quality", {
            ...common,
            alarmDescription: `${model}: ${qualityMetric} ${higherIsWorse ? ">" : "<"} ${round(baseline * factor)} (reference baseline ${round(baseline)} × ${factor}).`,
            threshold: round(baseline * factor),
            comparisonOperator: higherIsWorse ? ComparisonOperator.GREATER_THAN_THRESHOLD : ComparisonOperator.LESS_THAN_THRESHOLD,
          })
        : new AnomalyDetectionAlarm(this, "Quality", {
            ...common,
            alarmDescription: `${model}: ${qualityMetric} outside the band learned from its history (no reference profile at synth time to derive baseline × ${factor}).`,
            stdDevs: 2,
            comparisonOperator: higherIsWorse ? ComparisonOperator.GREATER_THAN_UPPER_THRESHOLD : ComparisonOperator.LESS_THAN_LOWER_THRESHOLD,
          });

    const action = new SnsAction(props.topic);
    for (const alarm of this.all) {
      alarm.addAlarmAction(action);
      alarm.addOkAction(action);
    }
  }

  /** Every alarm of the model, for the dashboard. */
  get all(): Alarm[] {
    return [this.freshness, this.drift, this.quality];
  }
}

const ACCURACY_RULE = /^\s*accuracy\s*<=?\s*baseline\.accuracy\s*\*\s*(\d+(?:\.\d+)?)\s*$/;
const RMSE_RULE = /^\s*rmse\s*>=?\s*baseline\.rmse\s*\*\s*(\d+(?:\.\d+)?)\s*$/;

/**
 * The quality metric of a model's task and the factor of its `baseline.<metric> * k` alert rule
 * (the default rule's 0.9 for accuracy, 1.1 for RMSE, when the monitor has none).
 *
 * @example
 * qualityThreshold(config, 0.9); // { metric: "Accuracy", factor: 0.9, baseline: 0.9 }
 */
export function qualityThreshold(config: MonitorConfig, baseline: number | null): QualityThreshold {
  const regression = config.task === "regression";
  const rule = regression ? RMSE_RULE : ACCURACY_RULE;
  const factor = (config.alerts ?? []).map((a) => rule.exec(a.when)).find((m) => m !== null)?.[1];
  return {
    metric: regression ? METRIC.RMSE : METRIC.Accuracy,
    factor: factor !== undefined ? Number(factor) : regression ? 1.1 : 0.9,
    baseline: baseline !== null && Number.isFinite(baseline) ? baseline : null,
  };
}

const round = (x: number): number => Math.round(x * 1e6) / 1e6;
