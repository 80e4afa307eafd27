import { writeFileSync } from "node:fs";
import { compareProfiles } from "../../shared/check/compare.ts";
import type { CheckReport } from "../../shared/check/report.ts";
import { DRIFT_METHOD_NAMES, type DriftMethodName } from "../../shared/drift/methods.ts";
import { MAX_CLOCK_SKEW_MS } from "../../shared/readers/options.ts";
import { referenceShape } from "../../shared/pipeline/profiler.ts";
import { UsageError } from "../errors.ts";
import { loadConfig, loadReference } from "../load.ts";
import { profileFiles } from "../parallel.ts";
import type { ReadReport } from "../read.ts";
import { dashboardFromReport, renderDashboard } from "../dashboard/index.ts";
import { featureDistributions, type FeatureDistribution } from "../../shared/check/distributions.ts";
import { renderTextReport } from "../report-text.ts";
import { expandInputs } from "../sources.ts";

/** Parsed `vigil check` arguments. */
export interface CheckArgs {
  reference: string[];
  current: string[];
  config?: string;
  model?: string;
  method?: string;
  json: boolean;
  html?: string;
}

/** The result of `vigil check`: the report plus what reading found, for printing. */
export interface CheckOutcome {
  report: CheckReport;
  currentRead: ReadReport;
  /** Reference-vs-current shares per feature, for the HTML page. */
  distributions: Record<string, FeatureDistribution>;
}

/**
 * Compares current logs with a reference (profile or data) and returns the report.
 *
 * @throws UsageError, InputError, ConfigError, ReaderError naming what is wrong.
 */
export async function runCheck(args: CheckArgs, nowMs: number): Promise<CheckOutcome> {
  if (args.reference.length === 0) throw new UsageError("check needs --reference <profile.json|data…>");
  if (args.current.length === 0) throw new UsageError("check needs --current <logs…>");
  if (args.method && !DRIFT_METHOD_NAMES.includes(args.method as DriftMethodName)) {
    throw new UsageError(`--method must be one of ${DRIFT_METHOD_NAMES.join(", ")}, got '${args.method}'`);
  }
  const config = await loadConfig(args.config, args.model);
  // No event happens after its log is read: later timestamps (beyond clock skew) are malformed.
  const latest = nowMs + MAX_CLOCK_SKEW_MS;
  const { reference } = await loadReference(args.reference, config, [], latest);
  const files = expandInputs(args.current);
  const { profile, read: currentRead } = await profileFiles(files, config, referenceShape(reference), new Set(args.current), undefined, latest);
  const distributions = featureDistributions(reference, profile, config);
  const report = compareProfiles(reference, profile, { ...config, model: args.model ?? (args.config ? config.model : reference.model) }, {
    method: args.method as DriftMethodName | undefined,
    nowMs,
  });
  return { report, currentRead, distributions };
}

/** Runs `vigil check` and prints; returns the exit code (0 no alert, 1 alerts). */
export async function checkCommand(args: CheckArgs, out: (s: string) => void, nowMs: number): Promise<number> {
  const { report, currentRead, distributions } = await runCheck(args, nowMs);
  if (args.html) writeFileSync(args.html, renderDashboard(dashboardFromReport(report, distributions, { generatedAt: new Date(nowMs).toISOString() })));
  out(args.json ? JSON.stringify(report, null, 2) : renderTextReport(report, currentRead));
  return report.alerts.length > 0 ? 1 : 0;
}
