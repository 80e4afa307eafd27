import type { MonitorConfig } from "../config/schema.ts";
import { computeMetrics, type MetricsAccumulator } from "../metrics/accumulator.ts";
import type { Profile } from "../profile/types.ts";
import type { CheckReport } from "./report.ts";

/**
 * The `performance` section of a report (DESIGN §7) from the profile's metric accumulator,
 * present when any row carried a label, with the label coverage (labelled rows / rows).
 *
 * @example
 * performanceSection(profile, config)?.accuracy;
 */
export function performanceSection(profile: Profile & { performance?: MetricsAccumulator | null }, config: MonitorConfig): CheckReport["performance"] | undefined {
  const acc = profile.performance;
  if (!acc) return undefined;
  const metrics = computeMetrics(acc as MetricsAccumulator) as unknown as Record<string, unknown> & { count: number };
  if (metrics.count === 0) return undefined;
  const { count, ...rest } = metrics;
  return { ...rest, task: config.task, labeledRows: count, labelCoverage: profile.rows > 0 ? count / profile.rows : 0 };
}
