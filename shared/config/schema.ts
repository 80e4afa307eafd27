import { z } from "zod";
import { CORRECTIONS, DRIFT_METHOD_NAMES, SEVERITIES } from "../drift/methods.ts";
import { FEATURE_TYPES, TASKS } from "../types.ts";
import { NAME_EXPECTED, NAME_PATTERN } from "./defaults.ts";
import { parseDurationMs } from "./duration.ts";

const duration = z.string().refine(
  (s) => {
    try {
      parseDurationMs(s);
      return true;
    } catch {
      return false;
    }
  },
  { message: "expected a duration like 15m, 2h, 1d or 1w" },
);

const name = z.string().regex(NAME_PATTERN, { message: NAME_EXPECTED });

const driftMethod = z.enum(["auto", ...DRIFT_METHOD_NAMES]);

/** The schema of one alert rule; `when` is checked by the rule parser after this. */
export const AlertRuleSchema = z.strictObject({
  name,
  when: z.string().min(1).max(2_000),
  severity: z.enum(SEVERITIES),
  runbook: z.string().max(2_000).optional(),
  action: z.enum(["notify", "retrain"]).default("notify"),
  cooldown: duration.optional(),
  /** Consecutive firing evaluations (windows) before the rule notifies (default 1: at once). */
  fireAfter: z.number().int().min(1).max(100).optional(),
  /** Consecutive clear evaluations before a firing rule resolves (default 3). */
  resolveAfter: z.number().int().min(1).max(100).optional(),
  description: z.string().max(2_000).optional(),
});

/** The schema of `monitors/<model>.yaml` (DESIGN §4). Unknown keys are errors. */
export const MonitorConfigSchema = z.strictObject({
  model: name,
  task: z.enum(TASKS).default("binary_classification"),
  window: duration.default("1d"),
  lateness: duration.default("2h"),
  fields: z
    .strictObject({
      timestamp: z.string().min(1),
      id: z.string().min(1),
      prediction: z.string().min(1),
      score: z.string().min(1),
      label: z.string().min(1),
      version: z.string().min(1),
      latency: z.string().min(1),
      features: z.string().min(1),
      probabilities: z.string().min(1),
    })
    .partial()
    .default({}),
  features: z.record(z.string().min(1), z.enum(FEATURE_TYPES)).optional(),
  columnOrder: z.array(z.string().min(1)).max(10_000).optional(),
  positiveLabel: z.union([z.string(), z.number(), z.boolean()]).default(1),
  segments: z.array(z.string().min(1)).max(10).default([]),
  expectedRows: z.number().int().positive().optional(),
  drift: z
    .strictObject({
      method: driftMethod.default("auto"),
      threshold: z.number().positive().nullable().default(null),
      datasetShare: z.number().gt(0).lte(1).default(0.5),
      correction: z.enum(CORRECTIONS).default("none"),
      bins: z.number().int().min(2).max(1_000).default(10),
      perFeature: z
        .record(
          z.string().min(1),
          z.strictObject({ method: driftMethod.optional(), threshold: z.number().positive().optional() }),
        )
        .default({}),
    })
    .default({ method: "auto", threshold: null, datasetShare: 0.5, correction: "none", bins: 10, perFeature: {} }),
  labels: z
    .strictObject({
      sampleRate: z.number().gt(0).lte(1).default(1),
      ttlDays: z.number().int().positive().max(3_650).default(90),
      minCoverage: z.number().gt(0).lte(1).default(0.8),
      maxWait: duration.default("30d"),
      /** Labelled rows a window needs before model-quality rules judge it (its metrics are published anyway). */
      minLabelled: z.number().int().min(1).max(1_000_000).default(100),
    })
    .default({ sampleRate: 1, ttlDays: 90, minCoverage: 0.8, maxWait: "30d", minLabelled: 100 }),
  alerts: z.array(AlertRuleSchema).max(200).optional(),
  /**
   * CloudWatch metrics per feature: `all` (drift score and flag, five quality shares), `drift` (drift
   * score and flag; quality shares as the model's worst feature), `none` (model-level only). Each
   * distinct metric costs about $0.30 a month; the window's full report stays in S3 either way.
   */
  metrics: z.strictObject({ perFeature: z.enum(["all", "drift", "none"]).default("all") }).default({ perFeature: "all" }),
  /** Which severities reach which channel for this model (default: email P1, P2; Slack all). */
  routing: z
    .strictObject({ email: z.array(z.enum(SEVERITIES)).max(4), slack: z.array(z.enum(SEVERITIES)).max(4) })
    .partial()
    .optional(),
});

/** A validated monitor config, defaults filled in. */
export type MonitorConfig = z.output<typeof MonitorConfigSchema>;
/** One validated alert rule. */
export type AlertRuleConfig = z.output<typeof AlertRuleSchema>;
