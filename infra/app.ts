import { App, Validations } from "aws-cdk-lib";
import { AwsSolutionsChecks } from "cdk-nag";
import { propsFromContext } from "./settings.ts";
import { VigilStack } from "./vigil-stack.ts";

// `npx cdk synth [-c key=value …]`; the keys are listed in infra/README.md.
const app = new App();
// `-c bundle=false` synthesizes without running esbuild (asset hashes then come from the sources).
if (String(app.node.tryGetContext("bundle")) === "false") app.node.setContext("aws:cdk:bundling-stacks", []);
new VigilStack(app, String(app.node.tryGetContext("stackName") ?? "Vigil"), {
  description: "Vigil: serverless monitoring of ML models (drift, data quality, model quality, alerts)",
  env: { account: process.env.CDK_DEFAULT_ACCOUNT, region: process.env.CDK_DEFAULT_REGION },
  ...propsFromContext(app.node),
});
// AwsSolutions findings fail synth unless acknowledged, with a reason, next to their cause.
Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
app.synth();
