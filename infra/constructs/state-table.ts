import { AttributeType, BillingMode, Table, TableEncryption } from "aws-cdk-lib/aws-dynamodb";
import { Construct } from "constructs";

/** Attribute names of the table; the functions' DynamoDB adapter uses the same. */
export const TABLE_KEYS = { partition: "pk", sort: "sk", ttl: "ttl" } as const;

/**
 * The label-join and evaluation-state table: predictions and labels joined by id, window and alert
 * state (DESIGN §2). On demand, point-in-time recovery, AWS-managed encryption, TTL on `ttl`.
 */
export class StateTable extends Construct {
  readonly table: Table;

  constructor(scope: Construct, id: string) {
    super(scope, id);
    this.table = new Table(this, "Table", {
      partitionKey: { name: TABLE_KEYS.partition, type: AttributeType.STRING },
      sortKey: { name: TABLE_KEYS.sort, type: AttributeType.STRING },
      billingMode: BillingMode.PAY_PER_REQUEST,
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      encryption: TableEncryption.AWS_MANAGED,
      timeToLiveAttribute: TABLE_KEYS.ttl,
    });
  }
}
