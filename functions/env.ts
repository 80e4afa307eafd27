import { DEFAULT_NAMESPACE, ENV } from "../shared/names.ts";

/** A required environment variable is missing: the message names it. */
export class MissingEnvError extends Error {
  constructor(readonly variable: string) {
    super(`environment variable ${variable} is not set`);
    this.name = "MissingEnvError";
  }
}

function required(name: string): string {
  const v = process.env[name];
  if (!v) throw new MissingEnvError(name);
  return v;
}

/**
 * The Lambda environment of DESIGN §7, read once at the edge through typed getters.
 *
 * @example
 * lambdaEnv().bucket(); // process.env.VIGIL_BUCKET, or MissingEnvError
 */
export const lambdaEnv = {
  bucket: () => required(ENV.bucket),
  table: () => required(ENV.table),
  topicArn: () => required(ENV.topicArn),
  namespace: () => process.env[ENV.namespace] || DEFAULT_NAMESPACE,
  eventBus: () => process.env[ENV.eventBus] || null,
  slackSecretArn: () => required(ENV.slackSecretArn),
  dashboardUrl: () => process.env.VIGIL_DASHBOARD_URL || null,
};
