import { App } from "aws-cdk-lib";
import { Template } from "aws-cdk-lib/assertions";
import { VigilStack, type VigilStackProps } from "../../infra/vigil-stack.ts";

export { folderWith } from "./files.ts";

/** A test Slack secret ARN (full form, with the 6-character suffix). */
export const SLACK_SECRET_ARN = "arn:aws:secretsmanager:eu-west-1:123456789012:secret:vigil/slack-webhook-AbC123";

/**
 * Synthesizes a VigilStack fast: esbuild bundling and CDK's built-in CloudFormation validation
 * are skipped (the handlers are bundled by `npx cdk synth`, not by these tests).
 */
export function synth(props: VigilStackProps = {}, context: Record<string, unknown> = {}): { app: App; stack: VigilStack; template: Template } {
  const app = new App({ builtinCloudFormationValidation: false, context: { "aws:cdk:bundling-stacks": [], ...context } });
  const stack = new VigilStack(app, "Vigil", props);
  return { app, stack, template: Template.fromStack(stack) };
}

/** An IAM statement as synthesized, with Action and Resource always arrays. */
export interface Statement {
  Sid?: string;
  Effect: string;
  Action: string[];
  Resource: unknown[];
  Condition?: Record<string, Record<string, unknown>>;
}

/** Every statement of the identity policies attached to a role (by construct). */
export function statementsOf(stack: VigilStack, template: Template, role: { node: { defaultChild?: unknown } }): Statement[] {
  const roleId = stack.getLogicalId(role.node.defaultChild as never);
  const policies = Object.values(template.findResources("AWS::IAM::Policy")) as Array<{ Properties: { Roles: unknown[]; PolicyDocument: { Statement: Array<Record<string, unknown>> } } }>;
  return policies
    .filter((p) => p.Properties.Roles.some((r) => JSON.stringify(r) === JSON.stringify({ Ref: roleId })))
    .flatMap((p) => p.Properties.PolicyDocument.Statement)
    .map((s) => ({ ...s, Action: [s.Action].flat(), Resource: [s.Resource].flat() }) as Statement);
}
