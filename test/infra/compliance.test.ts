import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { Validations } from "aws-cdk-lib";
import { Annotations, Match, type Template } from "aws-cdk-lib/assertions";
import { AwsSolutionsChecks } from "cdk-nag";
import { NAG_ACKNOWLEDGEMENTS_CONTEXT } from "../../infra/nag.ts";
import type { VigilStack } from "../../infra/vigil-stack.ts";
import { folderWith, SLACK_SECRET_ARN, synth } from "./synth.ts";

const everything = { alertEmail: "ml-oncall@example.com", slackWebhookSecretArn: SLACK_SECRET_ARN };

let full: VigilStack;
let fullTemplate: Template;
beforeAll(() => {
  ({ stack: full, template: fullTemplate } = synth(everything));
});

/** Acknowledgements recorded in the tree: rule id, reason, and the construct path they cover. */
function acknowledgements(stack: VigilStack): Array<{ id: string; reason: string; path: string }> {
  return stack.node.findAll().flatMap((c) =>
    c.node.metadata
      .filter((m) => m.type === Validations.ACKNOWLEDGED_RULES_METADATA_KEY)
      .flatMap((m) => Object.entries(m.data as Record<string, string>).map(([id, reason]) => ({ id: id.replace(/^annotation::/i, ""), reason, path: c.node.path }))),
  );
}

describe("cdk-nag AwsSolutions", () => {
  it("reports no unacknowledged finding on the full stack", () => {
    const report = new AwsSolutionsChecks().validateScope(full);
    expect(report.violations.map((v) => `${v.ruleName} ${v.violatingResources.map((r) => r.constructPath).join(", ")}`)).toEqual([]);
  });

  it("reports no unacknowledged finding on the minimal stack", () => {
    expect(new AwsSolutionsChecks().validateScope(synth().stack).violations).toEqual([]);
  });

  it("leaves no AwsSolutions error or warning among the annotations", () => {
    new AwsSolutionsChecks().validateScope(full);
    const annotations = Annotations.fromStack(full);
    expect(annotations.findError("*", Match.stringLikeRegexp("AwsSolutions-.*"))).toEqual([]);
    expect(annotations.findWarning("*", Match.stringLikeRegexp("AwsSolutions-.*"))).toEqual([]);
  });

  it("acknowledges only findings that exist, each on the construct that causes it", () => {
    const raw = new AwsSolutionsChecks().validateScope(synth(everything, { [NAG_ACKNOWLEDGEMENTS_CONTEXT]: false }).stack).violations;
    const findings = raw.flatMap((v) => v.violatingResources.map((r) => ({ id: v.ruleName, path: r.constructPath ?? "" })));
    const acks = acknowledgements(full);
    expect(acks.length).toBeGreaterThan(0);
    for (const ack of acks) {
      expect(findings.some((f) => f.id === ack.id && (f.path === ack.path || f.path.startsWith(`${ack.path}/`))), `${ack.id} @ ${ack.path}`).toBe(true);
    }
  });

  it("gives every acknowledgement a specific reason", () => {
    const reasons = acknowledgements(full).map((a) => a.reason);
    for (const reason of reasons) expect(reason.length).toBeGreaterThanOrEqual(60);
  });
});

// W3005 (a DependsOn that a GetAtt already implies) is how aws-cdk-lib orders every function
// after its role policy; it is redundant, not wrong.
const IGNORED = ["W3005"];

describe("cfn-lint", () => {
  it("passes the synthesized template", () => {
    const file = join(folderWith({ "Vigil.template.json": JSON.stringify(fullTemplate.toJSON()) }), "Vigil.template.json");
    const run = spawnSync("cfn-lint", ["--ignore-checks", ...IGNORED, "--", file], { encoding: "utf8" });
    if (run.error) throw new Error(`cfn-lint could not run (${run.error.message}); install it with \`pip install cfn-lint\``);
    expect(`${run.stdout}${run.stderr}`).toBe("");
    expect(run.status).toBe(0);
  });
});
