import { CreateSecretCommand, PutSecretValueCommand, type SecretsManagerClient } from "@aws-sdk/client-secrets-manager";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { clearSecretCache, readSecretString } from "../../../functions/adapters/secrets.ts";
import { awsClients, startMoto, type Moto } from "../../helpers/moto.ts";

let moto: Moto;
let secrets: SecretsManagerClient;

beforeAll(async () => {
  moto = await startMoto();
  secrets = awsClients(moto.endpoint).secrets;
});
afterAll(async () => {
  secrets?.destroy();
  await moto?.stop();
});
beforeEach(() => clearSecretCache());

describe("readSecretString", () => {
  it("reads a string secret by ARN", async () => {
    const { ARN } = await secrets.send(new CreateSecretCommand({ Name: "slack", SecretString: "https://hooks.example.invalid/T/B/x" }));
    expect(await readSecretString(secrets, ARN!)).toBe("https://hooks.example.invalid/T/B/x");
  });

  it("caches the value for the container", async () => {
    const { ARN } = await secrets.send(new CreateSecretCommand({ Name: "cached", SecretString: "one" }));
    expect(await readSecretString(secrets, ARN!)).toBe("one");
    await secrets.send(new PutSecretValueCommand({ SecretId: ARN, SecretString: "two" }));
    expect(await readSecretString(secrets, ARN!)).toBe("one");
    clearSecretCache();
    expect(await readSecretString(secrets, ARN!)).toBe("two");
  });

  it("rejects a binary secret with its ARN", async () => {
    const { ARN } = await secrets.send(new CreateSecretCommand({ Name: "binary", SecretBinary: new Uint8Array([1, 2, 3]) }));
    await expect(readSecretString(secrets, ARN!)).rejects.toMatchObject({ name: "SecretValueError", arn: ARN });
  });

  it("does not cache a failed read", async () => {
    const arn = "arn:aws:secretsmanager:us-east-1:123456789012:secret:later-AbCdEf";
    await expect(readSecretString(secrets, arn)).rejects.toMatchObject({ name: "ResourceNotFoundException" });
    const { ARN } = await secrets.send(new CreateSecretCommand({ Name: "later", SecretString: "ok" }));
    expect(await readSecretString(secrets, ARN!)).toBe("ok");
  });
});
