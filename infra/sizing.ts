import { Duration } from "aws-cdk-lib";

/** Memory and timeout of one function, with the measurement they come from. */
export interface FunctionSizing {
  readonly memoryMb: number;
  readonly timeout: Duration;
  /** SQS messages per invocation (queue-fed functions). */
  readonly batchSize?: number;
}

/**
 * Sizes measured by running the shared pipeline steps single-threaded on one core (AMD EPYC,
 * Node 20) with in-memory ports, on bench/generate.ts data (25 features, ~570 bytes per row):
 *
 * | step | input | time | peak RSS |
 * |---|---|---|---|
 * | ingestObject | 250k rows, 142 MB | 8.3 s | 211 MB |
 * | ingestObject | 1M rows, 567 MB | 26 s | 403 MB |
 * | ingestLabels | 1M labels, 73 MB | 2.1 s | 265 MB |
 * | buildReferenceFromObject | 100k rows, 57 MB | 5.9 s | 292 MB |
 * | buildReferenceFromObject | 1M rows, 567 MB | 53 s | 439 MB |
 * | mergeWindow (folder bucket) + compare | 1,000 partials of 200 rows, 50 features (104 KB each) | 1.9 s | 213 MB |
 * | mergeWindow (folder bucket) | 200 partials of 10k rows, 25 features (2.1 MB each) | 3.3 s | 450–620 MB |
 * | import @aws-sdk/client-secrets-manager | — | 0.18 s | 55 MB |
 *
 * Lambda gives one full vCPU at 1,769 MB and a proportional share below; the estimates below allow
 * 1.2× for arm64 against this machine. DynamoDB join writes (one item per prediction or label,
 * conditional) dominate ingest and labels, so those two keep modest memory and a long timeout.
 * Queue-fed steps are idempotent per object (done markers, conditional writes): a batch that times
 * out is redelivered and finishes the objects it had not done yet.
 */
export const SIZING = {
  /** ≈ 2.5× the 1M-row peak; profiling 1M rows ≈ 55 s at 0.58 vCPU, the join writes the rest. */
  ingest: { memoryMb: 1024, timeout: Duration.minutes(15), batchSize: 5 },
  /** ≈ 2× the 1M-label peak; parsing is cheap (≈ 9 s per 1M labels at 0.29 vCPU), writes dominate. */
  labels: { memoryMb: 512, timeout: Duration.minutes(15), batchSize: 5 },
  /** CPU-bound merge (≈ 17 ms per 10k-row partial at 1 vCPU): a full vCPU, ≈ 3× the peak of 200 2-MB partials. */
  evaluate: { memoryMb: 1769, timeout: Duration.minutes(10) },
  /** ≈ 55 s and 440 MB per 1M rows at 1.16 vCPU: the 15-minute limit allows references of ~10M rows. */
  reference: { memoryMb: 2048, timeout: Duration.minutes(15), batchSize: 1 },
  /** One Secrets Manager read (cached) and one HTTPS post per alert. */
  notify: { memoryMb: 256, timeout: Duration.seconds(30) },
} as const satisfies Record<string, FunctionSizing>;
