import { createHash } from "node:crypto";
import { mkdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ManagedPolicy, PermissionsBoundary, PolicyStatement } from "aws-cdk-lib/aws-iam";
import { LogGroup, RetentionDays } from "aws-cdk-lib/aws-logs";
import type { IBucket } from "aws-cdk-lib/aws-s3";
import { Asset } from "aws-cdk-lib/aws-s3-assets";
import { BucketDeployment, Source } from "aws-cdk-lib/aws-s3-deployment";
import { Construct } from "constructs";
import { PREFIX } from "../../shared/names.ts";
import type { MonitorFile } from "../monitors.ts";
import { acknowledge, nagResource } from "../nag.ts";

export interface MonitorConfigsProps {
  readonly bucket: IBucket;
  /** The validated monitor files (see loadMonitors). */
  readonly monitors: readonly MonitorFile[];
  /** @default RetentionDays.ONE_MONTH */
  readonly logRetention?: RetentionDays;
}

/**
 * Deploys the validated `monitors/*.yaml` to `s3://BUCKET/monitors/`, where the functions read them.
 * The repository is the source of truth: files removed from it are removed from the bucket.
 *
 * BucketDeployment grants its handler read-write on the whole bucket; a permissions boundary
 * narrows what that handler can actually do to this asset and the `monitors/` prefix.
 */
export class MonitorConfigs extends Construct {
  readonly deployment: BucketDeployment;

  constructor(scope: Construct, id: string, props: MonitorConfigsProps) {
    super(scope, id);
    // Stage exactly the texts that were validated, nothing else from the folder, in a directory
    // named by their content so repeated synths reuse it.
    const hash = createHash("sha256");
    for (const m of props.monitors) hash.update(`${m.name}\0${m.text}\0`);
    const staging = join(tmpdir(), `vigil-monitors-${hash.digest("hex").slice(0, 16)}`);
    mkdirSync(staging, { recursive: true });
    for (const m of props.monitors) writeFileSync(join(staging, m.name), m.text);
    const asset = new Asset(this, "Files", { path: staging });
    const logGroup = new LogGroup(this, "Logs", { retention: props.logRetention ?? RetentionDays.ONE_MONTH });
    this.deployment = new BucketDeployment(this, "Deploy", {
      sources: [Source.bucket(asset.bucket, asset.s3ObjectKey)],
      destinationBucket: props.bucket,
      destinationKeyPrefix: PREFIX.monitors,
      prune: true,
      memoryLimit: 256,
      logGroup,
    });
    const boundary = new ManagedPolicy(this, "Boundary", {
      description: "Caps the monitor-config deployment handler to its asset and the monitors/ prefix",
      statements: [
        new PolicyStatement({ sid: "ReadConfigAsset", actions: ["s3:GetObject"], resources: [asset.bucket.arnForObjects(asset.s3ObjectKey)] }),
        new PolicyStatement({
          sid: "SyncMonitors",
          actions: ["s3:GetObject", "s3:PutObject", "s3:DeleteObject"],
          resources: [props.bucket.arnForObjects(`${PREFIX.monitors}*`)],
        }),
        new PolicyStatement({
          sid: "ListMonitors",
          actions: ["s3:ListBucket"],
          resources: [props.bucket.bucketArn],
          conditions: { StringLike: { "s3:prefix": [`${PREFIX.monitors}*`] } },
        }),
        new PolicyStatement({ sid: "WriteLogs", actions: ["logs:CreateLogStream", "logs:PutLogEvents"], resources: [logGroup.logGroupArn] }),
      ],
    });
    PermissionsBoundary.of(this.deployment.handlerRole).apply(boundary);
    acknowledge(boundary, {
      [`AwsSolutions-IAM5[Resource::${nagResource(this, props.bucket.arnForObjects(`${PREFIX.monitors}*`))}]`]:
        "Monitor configs are one object per model (monitors/<model>.yaml); the boundary allows exactly that prefix.",
    });
    acknowledge(this.deployment.handlerRole, handlerFindings(nagResource(this, props.bucket.arnForObjects("*")), nagResource(this, asset.bucket.arnForObjects("*"))));
    const handler = this.deployment.handlerRole.node.scope;
    if (handler) acknowledge(handler, { "AwsSolutions-L1": "The BucketDeployment handler's Python runtime is fixed by aws-cdk-lib; it runs only during deployments." });
  }
}

/** Findings on the role aws-cdk-lib's BucketDeployment creates, with why each is acceptable here. */
function handlerFindings(bucketObjects: string, assetObjects: string): Record<string, string> {
  const generated = "Granted by aws-cdk-lib's BucketDeployment construct; the permissions boundary limits the role to the config asset and monitors/.";
  return {
    "AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]":
      "The BucketDeployment handler role is created by aws-cdk-lib with the basic execution policy; its boundary allows logging only to its own log group.",
    "AwsSolutions-IAM5[Action::s3:GetObject*]": generated,
    "AwsSolutions-IAM5[Action::s3:GetBucket*]": generated,
    "AwsSolutions-IAM5[Action::s3:List*]": generated,
    "AwsSolutions-IAM5[Action::s3:DeleteObject*]": generated,
    "AwsSolutions-IAM5[Action::s3:Abort*]": generated,
    [`AwsSolutions-IAM5[Resource::${bucketObjects}]`]: generated,
    [`AwsSolutions-IAM5[Resource::${assetObjects}]`]:
      "Read access to the CDK bootstrap asset bucket, granted by BucketDeployment to fetch the config zip; the boundary narrows it to this one asset object.",
  };
}
