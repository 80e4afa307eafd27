import { Stack, Validations } from "aws-cdk-lib";
import type { IConstruct } from "constructs";

/** Context key: `-c nagAcknowledgements=false` leaves every finding unacknowledged, for audits. */
export const NAG_ACKNOWLEDGEMENTS_CONTEXT = "nagAcknowledgements";

/**
 * Acknowledges cdk-nag findings on one construct (and its children), one reason per finding.
 * Ids name a rule (`AwsSolutions-IAM4`) or one finding of it (`AwsSolutions-IAM5[Resource::*]`).
 *
 * @example
 * acknowledge(role, { "AwsSolutions-IAM5[Resource::*]": "PutMetricData has no resource-level permissions" });
 */
export function acknowledge(scope: IConstruct, findings: Readonly<Record<string, string>>): void {
  if (String(scope.node.tryGetContext(NAG_ACKNOWLEDGEMENTS_CONTEXT)) === "false") return;
  const existing = new Set(
    scope.node.metadata
      .filter((m) => m.type === Validations.ACKNOWLEDGED_RULES_METADATA_KEY)
      .flatMap((m) => Object.keys(m.data as object).map((k) => k.replace(/^annotation::/i, ""))),
  );
  for (const [id, reason] of Object.entries(findings)) if (!existing.has(id)) Validations.of(scope).acknowledge({ id, reason });
}

/**
 * A resource as cdk-nag spells it in a finding id (`<Bucket1234.Arn>/state/*`): tokens resolved,
 * GetAtt as `<Id.Attr>`, Ref as `<Id>`, joins flattened.
 *
 * @example
 * nagResource(stack, bucket.arnForObjects("state/*")); // "<DataBucketE6B0FAA8.Arn>/state/*"
 */
export function nagResource(scope: IConstruct, value: string): string {
  const visit = (node: unknown): string => {
    if (typeof node === "string") return node.replace(/\$\{/g, "<").replace(/\}/g, ">");
    if (node && typeof node === "object") {
      const o = node as Record<string, unknown>;
      if (Array.isArray(o["Fn::Join"])) {
        const [sep, items] = o["Fn::Join"] as [string, unknown[]];
        return items.map(visit).join(sep);
      }
      if ("Fn::Sub" in o) return visit(o["Fn::Sub"]);
      if (Array.isArray(o["Fn::GetAtt"])) return `<${(o["Fn::GetAtt"] as string[]).join(".")}>`;
      if ("Ref" in o) return `<${String(o.Ref)}>`;
    }
    return JSON.stringify(node);
  };
  return visit(Stack.of(scope).resolve(value));
}
