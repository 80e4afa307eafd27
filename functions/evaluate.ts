import { evaluateAll } from "../shared/pipeline/evaluate.ts";
import { lambdaEnv } from "./env.ts";
import { logger } from "./log.ts";
import { events, joins, metrics, notifier, objects, state, systemClock } from "./runtime.ts";

/**
 * EventBridge schedule → here: evaluates every model's closed windows, publishes metrics and
 * alerts, and freshness. A model that fails is logged and fails the invocation (so the Lambda
 * Errors metric shows it); the other models are still evaluated.
 */
export const handler = async (): Promise<{ models: number; evaluatedWindows: number; notifications: number }> => {
  const dashboard = lambdaEnv.dashboardUrl();
  const sink = metrics();
  const before = structuredClone(sink.totals);
  const run = await evaluateAll({
    objects: objects(),
    joins: joins(),
    state: state(),
    metrics: sink,
    notifier: notifier(),
    events: events(),
    clock: systemClock,
    links: (model, w) => ({ ...(dashboard ? { dashboard } : {}), data: `s3://${lambdaEnv.bucket()}/state/${model}/partials/${w}/` }),
  });
  for (const r of run.results) logger.info("model evaluated", { ...r });
  for (const e of run.errors) logger.error("model evaluation failed", { model: e.model, error: e.error });
  // Datums CloudWatch would reject are dropped, not sent: counted here, by reason.
  const drops = Object.fromEntries(Object.entries(sink.totals.drops).map(([k, v]) => [k, v - before.drops[k as keyof typeof before.drops]]));
  const dropped = Object.entries(drops).filter(([k, v]) => k !== "truncatedDimensions" && v > 0).length > 0;
  (dropped ? logger.warn : logger.info)("metrics published", { sent: sink.totals.sent - before.sent, calls: sink.totals.calls - before.calls, drops });
  if (run.errors.length > 0) throw new Error(`evaluation failed for ${run.errors.map((e) => e.model).join(", ")}`);
  return {
    models: run.results.length,
    evaluatedWindows: run.results.reduce((a, r) => a + r.evaluatedWindows.length, 0),
    notifications: run.results.reduce((a, r) => a + r.notifications, 0),
  };
};
