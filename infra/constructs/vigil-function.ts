import { Duration, Stack } from "aws-cdk-lib";
import { PolicyStatement, Role, ServicePrincipal } from "aws-cdk-lib/aws-iam";
import type { ITable } from "aws-cdk-lib/aws-dynamodb";
import type { IKey } from "aws-cdk-lib/aws-kms";
import { ApplicationLogLevel, Architecture, LoggingFormat, Runtime, SystemLogLevel } from "aws-cdk-lib/aws-lambda";
import { NodejsFunction } from "aws-cdk-lib/aws-lambda-nodejs";
import { LogGroup, RetentionDays } from "aws-cdk-lib/aws-logs";
import type { IBucket } from "aws-cdk-lib/aws-s3";
import type { ITopic } from "aws-cdk-lib/aws-sns";
import { Construct } from "constructs";
import { ENV, PREFIX, RETRAIN_EVENT } from "../../shared/names.ts";
import { BUNDLING } from "../bundling.ts";
import { acknowledge, nagResource } from "../nag.ts";
import type { FunctionSizing } from "../sizing.ts";

/** The Lambda runtime of every Vigil function: the newest Node.js that CDK and Lambda offer. */
export const VIGIL_RUNTIME = Runtime.NODEJS_24_X;

/** DynamoDB actions a function may be granted, named as IAM names them. */
export type TableAction = "GetItem" | "BatchGetItem" | "Query" | "PutItem" | "UpdateItem" | "DeleteItem";

/** What lives under each prefix, for the reasons of prefix-scoped grants. */
const PREFIX_KEYS: Readonly<Record<string, string>> = {
  [PREFIX.predictions]: "prediction logs are predictions/<model>/<any sub-path>",
  [PREFIX.labels]: "label files are labels/<model>/<any sub-path>",
  [PREFIX.reference]: "reference data and profiles are reference/<model>/data.<ext> and reference/<model>/profile.json",
  [PREFIX.monitors]: "monitor configs are monitors/<model>.yaml, one per model",
  [PREFIX.state]: "window state is state/<model>/{partials,objects,metrics}/…, keyed by window and source object",
  [PREFIX.quarantine]: "malformed-row samples are quarantine/<model>/<source id>.jsonl",
};

/** Prefix-scoped access to the data bucket. Prefixes end in `/` (see `PREFIX` in shared/names.ts). */
export interface BucketAccess {
  /** Readable prefixes; also listable, so absent keys answer 404 rather than 403. @default none */
  readonly read?: readonly string[];
  /** Writable prefixes (s3:PutObject). @default none */
  readonly write?: readonly string[];
}

export interface VigilFunctionProps {
  /** The handler file; it exports `handler`. */
  readonly entry: string;
  /** The repository root (package.json, package-lock.json, tsconfig.json). */
  readonly projectRoot: string;
  readonly description: string;
  readonly sizing: FunctionSizing;
  /** @default RetentionDays.ONE_MONTH */
  readonly logRetention?: RetentionDays;
}

/**
 * One Vigil Lambda: Node.js 24 on arm64, bundled locally by esbuild (ESM, minified, AWS SDK v3
 * bundled at the pinned version), JSON logs in its own log group with a retention, and its own
 * role that starts with nothing but writing those logs. The `use*` helpers grant one capability and
 * set the matching environment variable of DESIGN §7 together.
 *
 * @example
 * const ingest = new VigilFunction(this, "Ingest", { entry: "functions/ingest.ts", projectRoot: ".", description: "…", sizing: SIZING.ingest });
 * ingest.useBucket(bucket, { read: [PREFIX.predictions], write: [PREFIX.state] });
 */
export class VigilFunction extends Construct {
  readonly function: NodejsFunction;
  readonly role: Role;
  readonly logGroup: LogGroup;

  constructor(scope: Construct, id: string, props: VigilFunctionProps) {
    super(scope, id);
    this.logGroup = new LogGroup(this, "Logs", { retention: props.logRetention ?? RetentionDays.ONE_MONTH });
    this.role = new Role(this, "Role", {
      assumedBy: new ServicePrincipal("lambda.amazonaws.com"),
      description: `${props.description} (least privilege: logs plus the grants made through VigilFunction)`,
    });
    this.function = new NodejsFunction(this, "Function", {
      entry: props.entry,
      handler: "handler",
      projectRoot: props.projectRoot,
      depsLockFilePath: `${props.projectRoot}/package-lock.json`,
      description: props.description,
      runtime: VIGIL_RUNTIME,
      architecture: Architecture.ARM_64,
      memorySize: props.sizing.memoryMb,
      timeout: props.sizing.timeout,
      role: this.role,
      logGroup: this.logGroup,
      loggingFormat: LoggingFormat.JSON,
      applicationLogLevelV2: ApplicationLogLevel.INFO,
      systemLogLevelV2: SystemLogLevel.WARN,
      environment: { NODE_OPTIONS: "--enable-source-maps" },
      bundling: { ...BUNDLING, mainFields: [...BUNDLING.mainFields] },
    });
    this.role.addToPrincipalPolicy(
      new PolicyStatement({ actions: ["logs:CreateLogStream", "logs:PutLogEvents"], resources: [this.logGroup.logGroupArn] }),
    );
  }

  /** Grants prefix-scoped object access and sets `VIGIL_BUCKET`. */
  useBucket(bucket: IBucket, access: BucketAccess): this {
    const objects = (prefixes: readonly string[]) => prefixes.map((p) => bucket.arnForObjects(`${p}*`));
    const grant = (sid: string, actions: string[], prefixes: readonly string[] | undefined) => {
      if (prefixes?.length) this.role.addToPrincipalPolicy(new PolicyStatement({ sid, actions, resources: objects(prefixes) }));
    };
    grant("ReadObjects", ["s3:GetObject"], access.read);
    grant("WriteObjects", ["s3:PutObject"], access.write);
    if (access.read?.length) {
      this.role.addToPrincipalPolicy(
        new PolicyStatement({
          sid: "ListReadablePrefixes",
          actions: ["s3:ListBucket"],
          resources: [bucket.bucketArn],
          conditions: { StringLike: { "s3:prefix": access.read.map((p) => `${p}*`) } },
        }),
      );
    }
    for (const prefix of new Set([...(access.read ?? []), ...(access.write ?? [])])) {
      const how = [access.read?.includes(prefix) ? "reads" : "", access.write?.includes(prefix) ? "writes" : ""].filter(Boolean).join(" and ");
      acknowledge(this.role, {
        [`AwsSolutions-IAM5[Resource::${nagResource(this, bucket.arnForObjects(`${prefix}*`))}]`]: `${this.node.id} ${how} ${prefix}*: ${PREFIX_KEYS[prefix] ?? "keys are named at run time"}; the grant covers that prefix only, never the whole bucket.`,
      });
    }
    this.function.addEnvironment(ENV.bucket, bucket.bucketName);
    return this;
  }

  /** Grants the named DynamoDB actions on the table (no indexes, no streams) and sets `VIGIL_TABLE`. */
  useTable(table: ITable, actions: readonly TableAction[]): this {
    this.role.addToPrincipalPolicy(
      new PolicyStatement({ sid: "JoinAndStateTable", actions: actions.map((a) => `dynamodb:${a}`), resources: [table.tableArn] }),
    );
    this.function.addEnvironment(ENV.table, table.tableName);
    return this;
  }

  /** Grants cloudwatch:PutMetricData for one namespace only and sets `VIGIL_NAMESPACE`. */
  useMetrics(namespace: string): this {
    this.role.addToPrincipalPolicy(
      new PolicyStatement({
        sid: "PutMetricsInNamespace",
        actions: ["cloudwatch:PutMetricData"],
        resources: ["*"],
        conditions: { StringEquals: { "cloudwatch:namespace": namespace } },
      }),
    );
    acknowledge(this.role, {
      "AwsSolutions-IAM5[Resource::*]":
        "cloudwatch:PutMetricData has no resource-level permissions; the statement is restricted to the Vigil namespace by the cloudwatch:namespace condition.",
    });
    this.function.addEnvironment(ENV.namespace, namespace);
    return this;
  }

  /** Grants sns:Publish on the alert topic (and its KMS key) and sets `VIGIL_TOPIC_ARN`. */
  useTopic(topic: ITopic, key: IKey): this {
    this.role.addToPrincipalPolicy(new PolicyStatement({ sid: "PublishAlerts", actions: ["sns:Publish"], resources: [topic.topicArn] }));
    this.role.addToPrincipalPolicy(
      new PolicyStatement({ sid: "EncryptAlerts", actions: ["kms:GenerateDataKey", "kms:Decrypt"], resources: [key.keyArn] }),
    );
    this.function.addEnvironment(ENV.topicArn, topic.topicArn);
    return this;
  }

  /** Grants events:PutEvents on one bus, for Vigil's own event source only, and sets `VIGIL_EVENT_BUS`. */
  useEventBus(busName: string): this {
    const busArn = Stack.of(this).formatArn({ service: "events", resource: "event-bus", resourceName: busName });
    this.role.addToPrincipalPolicy(
      new PolicyStatement({
        sid: "PutRetrainEvents",
        actions: ["events:PutEvents"],
        resources: [busArn],
        conditions: { StringEquals: { "events:source": RETRAIN_EVENT.source } },
      }),
    );
    this.function.addEnvironment(ENV.eventBus, busName);
    return this;
  }

  /**
   * Grants secretsmanager:GetSecretValue on one secret and sets `SLACK_WEBHOOK_SECRET_ARN` (the ARN,
   * never the value: the function reads the webhook URL at run time).
   */
  useSlackSecret(secretArn: string): this {
    // Given a partial ARN (without the 6-character suffix Secrets Manager appends), only the
    // suffix wildcard matches the real secret; given a full ARN, the exact ARN does.
    this.role.addToPrincipalPolicy(
      new PolicyStatement({ sid: "ReadSlackWebhook", actions: ["secretsmanager:GetSecretValue"], resources: [secretArn, `${secretArn}-??????`] }),
    );
    this.function.addEnvironment(ENV.slackSecretArn, secretArn);
    return this;
  }

  /** The function's timeout, for queue visibility timeouts. */
  get timeout(): Duration {
    return this.function.timeout ?? Duration.seconds(3);
  }
}
