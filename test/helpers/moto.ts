import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { createServer } from "node:net";
import { CloudWatchClient } from "@aws-sdk/client-cloudwatch";
import { CreateTableCommand, DynamoDBClient, UpdateTimeToLiveCommand } from "@aws-sdk/client-dynamodb";
import { EventBridgeClient } from "@aws-sdk/client-eventbridge";
import { S3Client } from "@aws-sdk/client-s3";
import { SecretsManagerClient } from "@aws-sdk/client-secrets-manager";
import { SNSClient } from "@aws-sdk/client-sns";
import { SQSClient } from "@aws-sdk/client-sqs";

/**
 * A moto server (DESIGN §8) on a free loopback port, for tests that need real AWS APIs offline.
 * One server per test file: start it in `beforeAll`, `reset()` between tests if they must not
 * see each other's resources, `stop()` in `afterAll`.
 *
 * @example
 * let moto: Moto;
 * beforeAll(async () => { moto = await startMoto(); });
 * afterAll(() => moto.stop());
 * const { s3 } = awsClients(moto.endpoint);
 */
export interface Moto {
  /** `http://127.0.0.1:<port>` */
  readonly endpoint: string;
  /** Wipes every resource of every service (POST /moto-api/reset). */
  reset(): Promise<void>;
  /** Kills the server's process group and waits for it to exit. */
  stop(): Promise<void>;
}

const STARTUP_TIMEOUT_MS = 30_000;
const POLL_INTERVAL_MS = 100;

/** A port the kernel just handed out on 127.0.0.1 (listen on 0, read it, close). */
export async function freeLoopbackPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      const port = typeof address === "object" && address ? address.port : 0;
      server.close(() => (port > 0 ? resolve(port) : reject(new Error("no port assigned"))));
    });
  });
}

/** moto_server is not installed (the shell or a pyenv shim could not find it). */
class MotoMissingError extends Error {}

function installMoto(): void {
  const pip = spawnSync("python3", ["-m", "pip", "install", "--quiet", "moto[server]"], { stdio: "inherit" });
  if (pip.status !== 0) {
    throw new Error(
      `moto_server is not on PATH and "pip install 'moto[server]'" failed (exit ${pip.status}); ` +
        "install moto 5.x for python3 to run the AWS adapter tests",
    );
  }
}

/**
 * Starts `moto_server -H 127.0.0.1 -p <free port>` and resolves once it answers; runs
 * `pip install 'moto[server]'` first only when the command is missing.
 */
export async function startMoto(): Promise<Moto> {
  try {
    return await launch();
  } catch (e) {
    if (!(e instanceof MotoMissingError)) throw e;
    installMoto();
    return launch();
  }
}

async function launch(): Promise<Moto> {
  const port = await freeLoopbackPort();
  const endpoint = `http://127.0.0.1:${port}`;
  // detached: the child leads its own process group, so stop() can kill moto and any helpers.
  const child: ChildProcess = spawn("moto_server", ["-H", "127.0.0.1", "-p", String(port)], {
    detached: true,
    stdio: ["ignore", "ignore", "pipe"],
  });
  let stderr = "";
  let spawnError: NodeJS.ErrnoException | null = null;
  child.on("error", (e) => (spawnError = e));
  child.stderr?.on("data", (chunk: Buffer) => {
    stderr = (stderr + chunk.toString("utf8")).slice(-4000);
  });
  const closed = new Promise<void>((resolve) => child.once("close", () => resolve()));
  const kill = (signal: NodeJS.Signals) => {
    try {
      if (child.pid !== undefined) process.kill(-child.pid, signal);
    } catch {
      /* already gone */
    }
  };
  // A test file that dies before afterAll must not leave a server behind.
  const onExit = () => kill("SIGKILL");
  process.once("exit", onExit);
  const stop = async (): Promise<void> => {
    process.removeListener("exit", onExit);
    if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) return;
    kill("SIGTERM");
    const timer = setTimeout(() => kill("SIGKILL"), 5_000);
    await closed;
    clearTimeout(timer);
  };

  const deadline = Date.now() + STARTUP_TIMEOUT_MS;
  for (;;) {
    if (spawnError !== null || child.exitCode !== null) {
      await closed;
      process.removeListener("exit", onExit);
      // ENOENT: not on PATH; 127: a pyenv shim for a Python that lacks moto.
      if ((spawnError as NodeJS.ErrnoException | null)?.code === "ENOENT" || child.exitCode === 127) throw new MotoMissingError(stderr);
      throw new Error(`moto_server exited with ${child.exitCode} on port ${port}: ${stderr}`);
    }
    try {
      const res = await fetch(`${endpoint}/moto-api/`, { signal: AbortSignal.timeout(1_000) });
      if (res.ok) break;
    } catch {
      /* not listening yet */
    }
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`moto_server did not answer on ${endpoint} within ${STARTUP_TIMEOUT_MS} ms: ${stderr}`);
    }
    await new Promise((r) => setTimeout(r, POLL_INTERVAL_MS));
  }

  const reset = async (): Promise<void> => {
    const res = await fetch(`${endpoint}/moto-api/reset`, { method: "POST" });
    if (!res.ok) throw new Error(`moto reset failed with HTTP ${res.status}`);
  };
  return { endpoint, reset, stop };
}

/** SDK settings for a moto endpoint: us-east-1, static fake credentials, no retries to hide bugs. */
export function clientConfig(endpoint: string) {
  return {
    endpoint,
    region: "us-east-1",
    credentials: { accessKeyId: "testing", secretAccessKey: "testing" },
    maxAttempts: 1,
  };
}

/**
 * One SDK client per service, all pointed at moto.
 *
 * @example
 * const { s3, dynamodb } = awsClients(moto.endpoint);
 */
export function awsClients(endpoint: string) {
  const config = clientConfig(endpoint);
  return {
    s3: new S3Client({ ...config, forcePathStyle: true }),
    dynamodb: new DynamoDBClient(config),
    // moto 5.2.1 gunzips a compressed JSON-protocol body twice and answers HTTP 500; the SDK
    // gzips PutMetricData bodies over 10 kB, so tests send them plain.
    cloudwatch: new CloudWatchClient({ ...config, disableRequestCompression: true }),
    sns: new SNSClient(config),
    sqs: new SQSClient(config),
    eventbridge: new EventBridgeClient(config),
    secrets: new SecretsManagerClient(config),
  };
}

/**
 * Creates the Vigil table as the stack does: partition key `pk` (S), sort key `sk` (S),
 * on-demand billing, TTL on `ttl`.
 *
 * @example
 * await createVigilTable(awsClients(moto.endpoint).dynamodb, "vigil");
 */
export async function createVigilTable(client: DynamoDBClient, name: string): Promise<void> {
  await client.send(
    new CreateTableCommand({
      TableName: name,
      BillingMode: "PAY_PER_REQUEST",
      AttributeDefinitions: [
        { AttributeName: "pk", AttributeType: "S" },
        { AttributeName: "sk", AttributeType: "S" },
      ],
      KeySchema: [
        { AttributeName: "pk", KeyType: "HASH" },
        { AttributeName: "sk", KeyType: "RANGE" },
      ],
    }),
  );
  await client.send(
    new UpdateTimeToLiveCommand({ TableName: name, TimeToLiveSpecification: { AttributeName: "ttl", Enabled: true } }),
  );
}
