/**
 * Names the stack, the Lambdas and the local backend must agree on (DESIGN §6–§7): metric names,
 * dimensions, environment variables and the bucket's key layout. The CDK app imports these, so
 * the names it alarms on are the names the functions emit.
 *
 * @example
 * METRIC.DriftDetected; // "DriftDetected"
 */

/** The CloudWatch namespace when `VIGIL_NAMESPACE` is not set. */
export const DEFAULT_NAMESPACE = "Vigil";

/** CloudWatch metric names of DESIGN §6. */
export const METRIC = {
  RowCount: "RowCount",
  MalformedRows: "MalformedRows",
  LateRows: "LateRows",
  DuplicateIds: "DuplicateIds",
  DriftScore: "DriftScore",
  DriftDetected: "DriftDetected",
  DriftedFeatureShare: "DriftedFeatureShare",
  DatasetDrift: "DatasetDrift",
  PredictionDrift: "PredictionDrift",
  MissingShare: "MissingShare",
  TypeMismatchShare: "TypeMismatchShare",
  OutOfRangeShare: "OutOfRangeShare",
  NewCategoryShare: "NewCategoryShare",
  OutlierShare: "OutlierShare",
  LatencyP50: "LatencyP50",
  LatencyP95: "LatencyP95",
  LatencyP99: "LatencyP99",
  Accuracy: "Accuracy",
  Precision: "Precision",
  Recall: "Recall",
  F1: "F1",
  RocAuc: "RocAuc",
  MAE: "MAE",
  RMSE: "RMSE",
  MAPE: "MAPE",
  R2: "R2",
  LabelCoverage: "LabelCoverage",
  MinutesSinceLastData: "MinutesSinceLastData",
} as const;
export type MetricName = (typeof METRIC)[keyof typeof METRIC];

/** CloudWatch dimension names. */
export const DIMENSION = { Model: "Model", Feature: "Feature", Segment: "Segment" } as const;

/** Lambda environment variables (DESIGN §7). */
export const ENV = {
  bucket: "VIGIL_BUCKET",
  table: "VIGIL_TABLE",
  topicArn: "VIGIL_TOPIC_ARN",
  namespace: "VIGIL_NAMESPACE",
  eventBus: "VIGIL_EVENT_BUS",
  slackSecretArn: "SLACK_WEBHOOK_SECRET_ARN",
} as const;

/** Top-level prefixes of the bucket (DESIGN §2–§3). */
export const PREFIX = {
  predictions: "predictions/",
  labels: "labels/",
  reference: "reference/",
  monitors: "monitors/",
  state: "state/",
  quarantine: "quarantine/",
} as const;

/** SNS message attributes alerts carry, for subscription filter policies. */
export const ALERT_ATTRIBUTE = { severity: "severity", model: "model", rule: "rule", channels: "channels" } as const;

/** Where alerts go when a model's config has no `routing`: P1/P2 by email, everything to Slack. */
export const DEFAULT_ROUTING = { email: ["P1", "P2"], slack: ["P1", "P2", "P3", "P4"] } as const;

/** EventBridge source and detail-type of the retraining trigger. */
export const RETRAIN_EVENT = { source: "vigil", detailType: "Retraining Recommended" } as const;
