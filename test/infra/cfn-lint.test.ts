import { spawnSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { SLACK_SECRET_ARN, synth } from "./synth.ts";

// W3005 (a DependsOn that a GetAtt already implies) is how aws-cdk-lib orders every function
// after its role policy; it is redundant, not wrong.
const IGNORED = ["W3005"];

describe("cfn-lint", () => {
  it("passes the synthesized template", () => {
    const { template } = synth({ alertEmail: "ml-oncall@example.com", slackWebhookSecretArn: SLACK_SECRET_ARN });
    const file = join(mkdtempSync(join(tmpdir(), "vigil-cfn-lint-")), "Vigil.template.json");
    writeFileSync(file, JSON.stringify(template.toJSON()));
    const run = spawnSync("cfn-lint", ["--ignore-checks", ...IGNORED, "--", file], { encoding: "utf8" });
    if (run.error) throw new Error(`cfn-lint could not run (${run.error.message}); install it with \`pip install cfn-lint\``);
    expect(`${run.stdout}${run.stderr}`).toBe("");
    expect(run.status).toBe(0);
  });
});
