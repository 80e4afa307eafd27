import { GetSecretValueCommand, type SecretsManagerClient } from "@aws-sdk/client-secrets-manager";
import { SecretValueError } from "./errors.ts";

/** Secret values by ARN, for the life of the container (one fetch per cold start). */
const cache = new Map<string, Promise<string>>();

/**
 * Reads a string secret (the Slack webhook URL) from Secrets Manager once per container; later
 * calls with the same ARN share the first call's result. A failed read is not cached, so the
 * next invocation tries again. Binary secrets are a SecretValueError.
 *
 * @example
 * const webhook = await readSecretString(new SecretsManagerClient({}), process.env.SLACK_WEBHOOK_SECRET_ARN!);
 */
export function readSecretString(client: SecretsManagerClient, arn: string): Promise<string> {
  let value = cache.get(arn);
  if (!value) {
    value = client.send(new GetSecretValueCommand({ SecretId: arn })).then((res) => {
      if (res.SecretString === undefined) throw new SecretValueError(arn, "the secret has no string value");
      return res.SecretString;
    });
    cache.set(arn, value);
    value.catch(() => cache.delete(arn));
  }
  return value;
}

/** Forgets cached secrets (tests; a rotated secret is otherwise picked up by a new container). */
export function clearSecretCache(): void {
  cache.clear();
}
