import { existsSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { Annotations, CfnOutput, Duration, Stack, type StackProps } from "aws-cdk-lib";
import { Rule } from "aws-cdk-lib/aws-events";
import { LambdaFunction } from "aws-cdk-lib/aws-events-targets";
import type { Table } from "aws-cdk-lib/aws-dynamodb";
import type { RetentionDays } from "aws-cdk-lib/aws-logs";
import type { Bucket } from "aws-cdk-lib/aws-s3";
import type { Construct } from "constructs";
import type { Severity } from "../shared/drift/methods.ts";
import { PREFIX } from "../shared/names.ts";
import { parseReference } from "../shared/reference/parse.ts";
import { AlertTopic } from "./constructs/alert-topic.ts";
import { DataBucket } from "./constructs/data-bucket.ts";
import { ModelAlarms } from "./constructs/model-alarms.ts";
import { ModelDashboard } from "./constructs/model-dashboard.ts";
import { MonitorConfigs } from "./constructs/monitor-configs.ts";
import { ObjectQueue } from "./constructs/object-queue.ts";
import { PipelineAlarms } from "./constructs/pipeline-alarms.ts";
import { StateTable } from "./constructs/state-table.ts";
import { VigilFunction, type TableAction } from "./constructs/vigil-function.ts";
import { loadMonitors } from "./monitors.ts";
import { resolveSettings } from "./settings.ts";
import { SIZING } from "./sizing.ts";

/** The repository root: handlers, monitors and the lock file are found from here. */
export const REPO_ROOT = resolve(fileURLToPath(new URL("..", import.meta.url)));

/**
 * Key endings of the reference data the builder profiles (`reference/<model>/data.<ext>[.gz]`),
 * so that writing `reference/<model>/profile.json` does not queue the builder again.
 */
export const REFERENCE_DATA_SUFFIXES = ["csv", "jsonl", "json", "ndjson", "parquet"].flatMap((ext) => [`/data.${ext}`, `/data.${ext}.gz`]);

export interface VigilStackProps extends StackProps {
  /** Folder of `<model>.yaml|yml|json` monitor configs, validated at synth time. @default `monitors/` of the repository */
  readonly monitorsDir?: string;
  /**
   * Folder laid out like the bucket's `reference/` (`<model>/profile.json`, from `vigil profile`);
   * a model's profile there turns its quality alarm into baseline × factor.
   * @default `reference/` of the repository when it exists, else none (anomaly-band quality alarms)
   */
  readonly referenceDir?: string;
  /** Email address for alerts (confirmed by SNS). @default no email subscription */
  readonly alertEmail?: string;
  /** Severities emailed; CloudWatch alarm notifications are always emailed. @default ["P1", "P2"] */
  readonly emailSeverities?: readonly Severity[];
  /** Secrets Manager ARN of the Slack webhook URL; adds the Slack notifier. @default no Slack notifier */
  readonly slackWebhookSecretArn?: string;
  /** How often the evaluator runs: `15m`, `1h` or `rate(…)`. @default "15m" */
  readonly evaluateEvery?: string;
  /** CloudWatch namespace of the metrics. @default "Vigil" */
  readonly namespace?: string;
  /** Event bus for "Retraining Recommended" events. @default "default" */
  readonly retrainBus?: string;
  /** Retention of the functions' logs. @default RetentionDays.ONE_MONTH */
  readonly logRetention?: RetentionDays;
  /** Days window state under `state/` is kept. @default 400 */
  readonly stateRetentionDays?: number;
  /** Days quarantine samples are kept. @default 30 */
  readonly quarantineRetentionDays?: number;
  /** Folder of the Lambda entry points. @default `functions/` of the repository */
  readonly functionsDir?: string;
}

/**
 * Vigil on AWS (DESIGN §2): the bucket and its three object queues, the ingest, labels, reference
 * and evaluate functions, the join/state table, the evaluation schedule, the alert topic with its
 * email and Slack subscriptions, the deployed monitor configs, and a dashboard and alarms per model.
 */
export class VigilStack extends Stack {
  readonly bucket: Bucket;
  readonly table: Table;
  readonly alerts: AlertTopic;
  /** The Vigil functions by name; `notify` only when a Slack secret is given. */
  readonly functions: { readonly ingest: VigilFunction; readonly labels: VigilFunction; readonly reference: VigilFunction; readonly evaluate: VigilFunction; readonly notify?: VigilFunction };

  constructor(scope: Construct, id: string, props: VigilStackProps = {}) {
    super(scope, id, props);
    // Server access logs are delivered under a bucket policy, not the legacy LogDeliveryWrite ACL
    // (which conflicts with bucket-owner-enforced ownership). Set here so every app gets it.
    this.node.setContext("@aws-cdk/aws-s3:serverAccessLogsUseBucketPolicy", true);
    const { namespace, schedule, every, busName, alertEmail, slackSecretArn, logRetention, ...retention } = resolveSettings(props);
    const monitors = loadMonitors(props.monitorsDir ?? join(REPO_ROOT, "monitors"));
    const functionsDir = props.functionsDir ?? join(REPO_ROOT, "functions");
    const fn = (id: string, file: string, description: string, sizing: (typeof SIZING)[keyof typeof SIZING]) =>
      new VigilFunction(this, id, { entry: join(functionsDir, file), projectRoot: REPO_ROOT, description, sizing, logRetention });

    const bucket = (this.bucket = new DataBucket(this, "Data", retention).bucket);
    const table = (this.table = new StateTable(this, "State").table);
    const alerts = (this.alerts = new AlertTopic(this, "Alerts", { alertEmail, emailSeverities: props.emailSeverities }));
    // The join store's calls (functions/adapters/dynamo-join-store.ts): conditional puts and
    // updates, batch reads of index and pending items, deletes of pending labels once joined.
    const joinWrites: TableAction[] = ["BatchGetItem", "PutItem", "UpdateItem", "DeleteItem"];

    const ingest = fn("Ingest", "ingest.ts", "Vigil: profiles new prediction logs into partial window profiles", SIZING.ingest)
      .useBucket(bucket, { read: [PREFIX.predictions, PREFIX.monitors, PREFIX.reference, PREFIX.state], write: [PREFIX.state, PREFIX.quarantine] })
      .useTable(table, joinWrites);
    const labels = fn("Labels", "labels.ts", "Vigil: joins new ground-truth labels to their predictions", SIZING.labels)
      .useBucket(bucket, { read: [PREFIX.labels, PREFIX.monitors], write: [PREFIX.quarantine] })
      .useTable(table, joinWrites);
    const reference = fn("Reference", "reference.ts", "Vigil: builds reference/<model>/profile.json from dropped reference data", SIZING.reference)
      .useBucket(bucket, { read: [PREFIX.reference, PREFIX.monitors], write: [PREFIX.reference] });
    const evaluate = fn("Evaluate", "evaluate.ts", "Vigil: evaluates closed windows, publishes metrics and alerts", SIZING.evaluate)
      .useBucket(bucket, { read: [PREFIX.state, PREFIX.reference, PREFIX.monitors], write: [PREFIX.state] })
      // Window predictions (Query), window and alert state (GetItem, conditional PutItem).
      .useTable(table, ["Query", "GetItem", "PutItem"])
      .useMetrics(namespace)
      .useTopic(alerts.topic, alerts.key)
      .useEventBus(busName);

    const queues = {
      predictions: new ObjectQueue(this, "PredictionQueue", { bucket, prefix: PREFIX.predictions, consumer: ingest, batchSize: SIZING.ingest.batchSize }),
      labels: new ObjectQueue(this, "LabelQueue", { bucket, prefix: PREFIX.labels, consumer: labels, batchSize: SIZING.labels.batchSize }),
      reference: new ObjectQueue(this, "ReferenceQueue", {
        bucket,
        prefix: PREFIX.reference,
        suffixes: REFERENCE_DATA_SUFFIXES,
        consumer: reference,
        batchSize: SIZING.reference.batchSize,
      }),
    };
    new Rule(this, "EvaluateSchedule", {
      description: `Runs the Vigil evaluator every ${every.toMinutes()} minutes`,
      schedule,
      targets: [new LambdaFunction(evaluate.function, { retryAttempts: 2, maxEventAge: Duration.minutes(Math.min(every.toMinutes(), 60)) })],
    });

    let notify: VigilFunction | undefined;
    if (slackSecretArn) {
      notify = fn("Notify", "notify.ts", "Vigil: posts alerts to Slack (webhook URL read from Secrets Manager)", SIZING.notify).useSlackSecret(slackSecretArn);
      alerts.subscribe(notify);
    }
    this.functions = { ingest, labels, reference, evaluate, notify };

    if (monitors.length > 0) new MonitorConfigs(this, "Monitors", { bucket, monitors, logRetention });
    else Annotations.of(this).addInfo(`No monitor configs found: models run with the default config and get no dashboard or alarms.`);

    const pipeline = new PipelineAlarms(this, "Pipeline", {
      topic: alerts.topic,
      deadLetterQueues: { predictions: queues.predictions.deadLetterQueue, labels: queues.labels.deadLetterQueue, reference: queues.reference.deadLetterQueue },
      unqueued: { evaluate },
    });

    const referenceDir = props.referenceDir ?? (existsSync(join(REPO_ROOT, "reference")) ? join(REPO_ROOT, "reference") : undefined);
    for (const { config } of monitors) {
      const model = config.model;
      const baseline = baselineOf(referenceDir, model, config.task === "regression" ? "rmse" : "accuracy");
      const alarms = new ModelAlarms(this, `Alarms-${model}`, { config, namespace, topic: alerts.topic, evaluateEvery: every, baseline });
      const { dashboard } = new ModelDashboard(this, `Dashboard-${model}`, {
        config,
        namespace,
        alarms: [...alarms.all, ...pipeline.alarms],
        evaluateEvery: every,
        staleAfterMinutes: alarms.staleAfterMinutes,
      });
      new CfnOutput(this, `DashboardUrl-${model}`, {
        description: `CloudWatch dashboard of ${model}`,
        value: `https://${this.region}.console.aws.amazon.com/cloudwatch/home?region=${this.region}#dashboards/dashboard/${dashboard.dashboardName}`,
      });
    }

    new CfnOutput(this, "BucketName", { description: "Drop logs under predictions/<model>/, labels under labels/<model>/", value: bucket.bucketName });
    new CfnOutput(this, "TopicArn", { description: "SNS topic of Vigil alerts and alarms", value: alerts.topic.topicArn });
  }
}

/** The reference's baseline value of a metric from `<dir>/<model>/profile.json`, when present. */
function baselineOf(dir: string | undefined, model: string, metric: "accuracy" | "rmse"): number | null {
  const path = dir === undefined ? null : join(dir, model, "profile.json");
  if (path === null || !existsSync(path)) return null;
  const value = parseReference(readFileSync(path, "utf8"), path).baseline[metric];
  return typeof value === "number" && Number.isFinite(value) ? value : null;
}
