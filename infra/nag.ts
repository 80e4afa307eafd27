import { Validations } from "aws-cdk-lib";
import type { IConstruct } from "constructs";

/**
 * Acknowledges cdk-nag findings on one construct (and its children), one reason per finding.
 * Ids name a rule (`AwsSolutions-IAM4`) or one finding of it (`AwsSolutions-IAM5[Resource::*]`).
 *
 * @example
 * acknowledge(role, { "AwsSolutions-IAM5[Resource::*]": "PutMetricData has no resource-level permissions" });
 */
export function acknowledge(scope: IConstruct, findings: Readonly<Record<string, string>>): void {
  for (const [id, reason] of Object.entries(findings)) Validations.of(scope).acknowledge({ id, reason });
}
