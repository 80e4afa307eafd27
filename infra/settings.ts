import { Duration } from "aws-cdk-lib";
import { Schedule } from "aws-cdk-lib/aws-events";
import { RetentionDays } from "aws-cdk-lib/aws-logs";
import type { Node } from "constructs";
import type { VigilStackProps } from "./vigil-stack.ts";
import { parseDurationMs } from "../shared/config/duration.ts";
import { SEVERITIES, type Severity } from "../shared/drift/methods.ts";
import { DEFAULT_NAMESPACE } from "../shared/names.ts";

/** A stack setting that cannot be used; the message names the setting and what was expected. */
export class SettingError extends Error {
  constructor(
    readonly setting: string,
    readonly value: unknown,
    readonly expected: string,
  ) {
    super(`${setting}: expected ${expected}, got ${JSON.stringify(value)}`);
    this.name = "SettingError";
  }
}

/** Context keys the app reads (`npx cdk synth -c key=value`), each a VigilStack prop of the same name. */
export const CONTEXT_KEYS = [
  "alertEmail",
  "emailSeverities",
  "slackWebhookSecretArn",
  "evaluateEvery",
  "namespace",
  "retrainBus",
  "monitorsDir",
  "referenceDir",
  "logRetentionDays",
  "stateRetentionDays",
  "quarantineRetentionDays",
] as const;
export type ContextKey = (typeof CONTEXT_KEYS)[number];

/**
 * The context values that are set, as strings (lists comma-separated, numbers as given).
 *
 * @example
 * readContext(app.node).alertEmail; // "ml-oncall@example.com" after `-c alertEmail=ml-oncall@example.com`
 */
export function readContext(node: Node): Partial<Record<ContextKey, string>> {
  const out: Partial<Record<ContextKey, string>> = {};
  for (const key of CONTEXT_KEYS) {
    const v: unknown = node.tryGetContext(key);
    if (v !== undefined && v !== null && v !== "") out[key] = Array.isArray(v) ? v.join(",") : String(v);
  }
  return out;
}

/**
 * How often the evaluator runs: a duration (`15m`, `1h`) or an EventBridge `rate(…)` expression,
 * in whole minutes from 1 minute to 1 day.
 *
 * @throws SettingError for anything else (cron expressions included: alarms need the interval).
 * @example
 * evaluationSchedule("30m").every.toMinutes(); // 30
 */
export function evaluationSchedule(text: string): { schedule: Schedule; every: Duration } {
  const rate = /^rate\(\s*(\d+)\s+(minute|minutes|hour|hours|day|days)\s*\)$/.exec(text.trim());
  let ms: number;
  try {
    ms = rate ? Number(rate[1]) * { minute: 60_000, hour: 3_600_000, day: 86_400_000 }[rate[2].replace(/s$/, "") as "minute"] : parseDurationMs(text);
  } catch {
    throw new SettingError("evaluateEvery", text, "a duration such as 15m or 1h, or rate(15 minutes)");
  }
  if (ms % 60_000 !== 0 || ms < 60_000 || ms > 86_400_000) {
    throw new SettingError("evaluateEvery", text, "whole minutes from 1 minute to 1 day");
  }
  const every = Duration.minutes(ms / 60_000);
  return { schedule: Schedule.rate(every), every };
}

/** Checks an email address's shape (SNS confirms it by mail). */
export function checkEmail(email: string): string {
  if (!/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(email)) throw new SettingError("alertEmail", email, "an email address");
  return email;
}

/** Checks a Secrets Manager secret ARN (full, or partial without the random suffix). */
export function checkSecretArn(arn: string): string {
  if (!/^arn:aws[a-z-]*:secretsmanager:[a-z0-9-]+:\d{12}:secret:[A-Za-z0-9/_+=.@-]+$/.test(arn)) {
    throw new SettingError("slackWebhookSecretArn", arn, "a Secrets Manager secret ARN (arn:aws:secretsmanager:<region>:<account>:secret:<name>)");
  }
  return arn;
}

/** Parses a comma-separated severity list such as `P1,P2`. */
export function parseSeverities(text: string): Severity[] {
  const list = text.split(",").map((s) => s.trim()).filter(Boolean);
  if (list.length === 0 || !list.every((s): s is Severity => (SEVERITIES as readonly string[]).includes(s))) {
    throw new SettingError("emailSeverities", text, `a comma-separated list of ${SEVERITIES.join(", ")}`);
  }
  return list;
}

/** Checks a CloudWatch namespace (it is also used inside dashboard SEARCH expressions). */
export function checkNamespace(ns: string): string {
  if (!/^[A-Za-z0-9._/#:-]{1,255}$/.test(ns) || ns.startsWith("AWS/")) {
    throw new SettingError("namespace", ns, "a CloudWatch namespace (letters, digits, . _ / # : -), not starting with AWS/");
  }
  return ns;
}

/** Checks an EventBridge bus name. */
export function checkBusName(name: string): string {
  if (!/^[A-Za-z0-9._-]{1,256}$/.test(name)) throw new SettingError("retrainBus", name, "an event bus name (letters, digits, . _ -)");
  return name;
}

/** A CloudWatch Logs retention in days; only the values CloudWatch offers are accepted. */
export function retentionDays(days: number): RetentionDays {
  const allowed = Object.values(RetentionDays).filter((v): v is number => typeof v === "number" && v > 0);
  if (!allowed.includes(days)) throw new SettingError("logRetentionDays", days, `one of ${allowed.join(", ")}`);
  return days as RetentionDays;
}

/** A positive whole number of days. */
export function positiveDays(setting: string, value: number): number {
  if (!Number.isInteger(value) || value < 1) throw new SettingError(setting, value, "a whole number of days ≥ 1");
  return value;
}

/**
 * The VigilStack props given by context (`-c alertEmail=… -c evaluateEvery=1h …`); unset keys keep
 * the stack's defaults. Values are checked by the stack, lists and numbers parsed here.
 *
 * @example
 * new VigilStack(app, "Vigil", propsFromContext(app.node));
 */
export function propsFromContext(node: Node): VigilStackProps {
  const ctx = readContext(node);
  const num = (key: ContextKey): number | undefined => (ctx[key] === undefined ? undefined : Number(ctx[key]));
  const logDays = num("logRetentionDays");
  return {
    alertEmail: ctx.alertEmail,
    emailSeverities: ctx.emailSeverities === undefined ? undefined : parseSeverities(ctx.emailSeverities),
    slackWebhookSecretArn: ctx.slackWebhookSecretArn,
    evaluateEvery: ctx.evaluateEvery,
    namespace: ctx.namespace,
    retrainBus: ctx.retrainBus,
    monitorsDir: ctx.monitorsDir,
    referenceDir: ctx.referenceDir,
    logRetention: logDays === undefined ? undefined : retentionDays(logDays),
    stateRetentionDays: num("stateRetentionDays"),
    quarantineRetentionDays: num("quarantineRetentionDays"),
  };
}

/** VigilStack props checked and defaulted. */
export interface ResolvedSettings {
  readonly namespace: string;
  readonly schedule: Schedule;
  readonly every: Duration;
  readonly busName: string;
  readonly alertEmail?: string;
  readonly slackSecretArn?: string;
  readonly logRetention: RetentionDays;
  readonly stateRetentionDays?: number;
  readonly quarantineRetentionDays?: number;
}

/**
 * Checks the stack's props and fills the defaults (namespace `Vigil`, every 15 minutes, the
 * default event bus, logs kept a month).
 *
 * @throws SettingError naming the first unusable setting.
 * @example
 * resolveSettings({}).every.toMinutes(); // 15
 */
export function resolveSettings(props: VigilStackProps): ResolvedSettings {
  const days = (setting: string, v: number | undefined) => (v === undefined ? undefined : positiveDays(setting, v));
  return {
    namespace: checkNamespace(props.namespace ?? DEFAULT_NAMESPACE),
    ...evaluationSchedule(props.evaluateEvery ?? "15m"),
    busName: checkBusName(props.retrainBus ?? "default"),
    alertEmail: props.alertEmail === undefined ? undefined : checkEmail(props.alertEmail),
    slackSecretArn: props.slackWebhookSecretArn === undefined ? undefined : checkSecretArn(props.slackWebhookSecretArn),
    logRetention: props.logRetention ?? RetentionDays.ONE_MONTH,
    stateRetentionDays: days("stateRetentionDays", props.stateRetentionDays),
    quarantineRetentionDays: days("quarantineRetentionDays", props.quarantineRetentionDays),
  };
}
