import { Duration } from "aws-cdk-lib";
import { BlockPublicAccess, Bucket, BucketEncryption, ObjectOwnership } from "aws-cdk-lib/aws-s3";
import { Construct } from "constructs";
import { PREFIX } from "../../shared/names.ts";

export interface DataBucketProps {
  /** Days before window state (`state/`: partial profiles, done markers, window metrics) expires. @default 400 */
  readonly stateRetentionDays?: number;
  /** Days before quarantine samples (`quarantine/`) expire. @default 30 */
  readonly quarantineRetentionDays?: number;
  /** Days server access logs are kept. @default 90 */
  readonly accessLogRetentionDays?: number;
}

/**
 * The Vigil bucket (DESIGN §2–§3): SSE-S3, public access blocked, TLS required, bucket-owner
 * objects, server access logs to a second bucket, and lifecycle rules for what Vigil writes itself
 * (`state/`, `quarantine/`). Logs, labels and references the user drops are never expired.
 */
export class DataBucket extends Construct {
  readonly bucket: Bucket;
  readonly accessLogs: Bucket;

  constructor(scope: Construct, id: string, props: DataBucketProps = {}) {
    super(scope, id);
    const secure = {
      encryption: BucketEncryption.S3_MANAGED,
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      enforceSSL: true,
      objectOwnership: ObjectOwnership.BUCKET_OWNER_ENFORCED,
    } as const;
    this.accessLogs = new Bucket(this, "AccessLogs", {
      ...secure,
      lifecycleRules: [{ id: "expire-access-logs", expiration: Duration.days(props.accessLogRetentionDays ?? 90) }],
    });
    this.bucket = new Bucket(this, "Bucket", {
      ...secure,
      serverAccessLogsBucket: this.accessLogs,
      serverAccessLogsPrefix: "vigil/",
      lifecycleRules: [
        { id: "expire-state", prefix: PREFIX.state, expiration: Duration.days(props.stateRetentionDays ?? 400) },
        { id: "expire-quarantine", prefix: PREFIX.quarantine, expiration: Duration.days(props.quarantineRetentionDays ?? 30) },
        { id: "abort-incomplete-uploads", abortIncompleteMultipartUploadAfter: Duration.days(7) },
      ],
    });
  }
}
